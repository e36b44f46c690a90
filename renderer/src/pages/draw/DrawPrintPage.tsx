// Paper: the 考场安排表 in the seed's forms (001 附件4) to print or download as xlsx, and badges.
import { Button, Empty, Space, Typography } from 'antd';
import { call } from '../../api/client';
import { useQuery } from '../../api/hooks';
import { downloadBase64 } from '../../components/download';
import { useI18n } from '../../i18n';
import { useSession } from '../../session';
import './print.css';
import { useBatch } from './useBatch';

export function DrawPrintPage() {
  const { t } = useI18n();
  const { session } = useSession();
  const { batchId, picker, loading } = useBatch();
  const print = useQuery('draw.print', { batchId: batchId ?? 0 }, { skip: !batchId });
  const data = print.data;

  const download = async () => {
    if (!batchId) return;
    const file = await call('draw.paper', { batchId });
    downloadBase64(file.fileName, file.base64, file.mime);
  };

  if (!loading && !batchId) return <Empty description={t('draw.noBatch')} />;
  return (
    <div className="draw-paper">
      <Space className="no-print" style={{ marginBottom: 16 }} wrap>
        {picker}
        <Button type="primary" onClick={() => window.print()}>
          {t('print.print')}
        </Button>
        <Button onClick={() => void download()} data-testid="paper-xlsx">
          {t('print.xlsx')}
        </Button>
      </Space>
      {data && data.forms.length === 0 && <Empty description={t('print.noForms')} />}
      {data?.forms.map((f) => (
        <div className="page" key={f.kind} data-testid={`form-${f.kind}`}>
          <h2 className="form-title">{f.title}</h2>
          <table className="arrangement">
            <tbody>
              <tr>
                <th>{t('print.place')}</th>
                <td colSpan={2}>{f.place}</td>
                <th>{t('print.date')}</th>
                <td>{f.dateText}</td>
                <th>{t('print.count')}</th>
                <td>{f.candidates}</td>
              </tr>
              <tr>
                {f.columns.map((c) => (
                  <th key={c}>{c}</th>
                ))}
              </tr>
              {f.rows.map((row, i) => (
                <tr key={i}>
                  {row.map((cell, j) => (
                    <td key={j}>{cell}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
          <p className="form-draws" data-testid={`form-draws-${f.kind}`}>
            {`${t('print.draws')}：`}
            {f.draws.length === 0
              ? t('draw.inForce.none')
              : f.draws
                  .map((d) => (d.confirmedAt ? t('print.drawConfirmed', { id: d.drawId, at: new Date(d.confirmedAt).toLocaleString() }) : t('print.drawUnconfirmed', { id: d.drawId })))
                  .join('；')}
          </p>
        </div>
      ))}
      {data && data.badges.length > 0 && (
        <div className="page">
          <Typography.Title level={3}>{t('print.badges')}</Typography.Title>
          <div className="badges" data-testid="badges">
            {data.badges.map((b) => (
              <div className="badge" key={b.staffId}>
                <div className="badge-role">{b.role}</div>
                <div className="badge-name">{b.name}</div>
                <div className="badge-site">{`${session.siteName ?? ''} · ${b.staffNo}`}</div>
              </div>
            ))}
          </div>
        </div>
      )}
    </div>
  );
}
