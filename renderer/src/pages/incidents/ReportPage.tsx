// 现场督导情况报告 (003 附件10, S8): the checklist prefilled from the console's facts, the opinion,
// signed with the supervisor's PIN; exported as xlsx and as a printable page in the seed's layout.
import { Alert, App, Button, Card, Col, Input, List, Radio, Row, Space, Table, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import type { OutputOf } from '../../../../electron/commands/api';
import { call } from '../../api/client';
import { errorData, useQuery } from '../../api/hooks';
import { downloadBase64 } from '../../components/download';
import { useI18n } from '../../i18n';
import { navigate, usePath } from '../../router';
import { useSession } from '../../session';
import { RareNameFonts } from '../door/fonts';
import './report.css';

type View = OutputOf<'report.get'>;
type Checklist = View['draft']['checklist'];
interface ChecklistRow {
  key: string;
  part: string;
  span: number;
  options: readonly string[];
}

export function ReportArea() {
  const path = usePath();
  const m = /^\/incidents\/report\/print\/(\d+)$/.exec(path);
  return <RareNameFonts>{m ? <ReportPrint batchId={Number(m[1])} /> : <ReportPage />}</RareNameFonts>;
}

async function downloadReport(batchId: number) {
  const file = await call('report.xlsx', { batchId });
  downloadBase64(file.fileName, file.base64);
}

function ReportPage() {
  const batches = useQuery('incidents.batches', {});
  const batchId = batches.data?.[0]?.id;
  const view = useQuery('report.get', { batchId: batchId ?? 1 }, { skip: !batchId });
  if (!batchId || !view.data) return null;
  return <ReportForm key={view.data.signed?.id ?? 0} batchId={batchId} view={view.data} reload={() => void view.reload()} />;
}

function ReportForm({ batchId, view, reload }: { batchId: number; view: View; reload(): void }) {
  const { t, te } = useI18n();
  const { message } = App.useApp();
  const { session } = useSession();
  const base = view.signed ?? { checklist: view.draft.checklist, opinion: view.draft.opinion, issues: '', supervisorUnit: '' };
  const [checklist, setChecklist] = useState<Checklist>(base.checklist);
  const [opinion, setOpinion] = useState(base.opinion);
  const [issues, setIssues] = useState(base.issues);
  const [unit, setUnit] = useState(base.supervisorUnit);
  const [pin, setPin] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [editing, setEditing] = useState(!view.signed);
  useEffect(() => setEditing(!view.signed), [view.signed]);
  const canSign = session.actor.role === 'supervisor';
  const sign = async () => {
    setError(null);
    try {
      await call('report.sign', { batchId, supervisorUnit: unit, checklist, opinion, issues, pin });
      void message.success(t('report.saved'));
      reload();
    } catch (e) {
      setError(te(errorData(e)));
    }
  };
  const f = view.facts;
  return (
    <div data-testid="report-page">
      <Row gutter={12}>
        <Col span={15}>
          <Card
            title={t('report.title')}
            size="small"
            extra={
              view.signed ? (
                <Space>
                  <Tag color="green" data-testid="report-signed">
                    {t('report.signed', { name: view.signed.supervisorName, date: view.signed.signedDate })}
                  </Tag>
                  <Button onClick={() => void downloadReport(batchId)} data-testid="report-xlsx">
                    {t('report.xlsx')}
                  </Button>
                  <Button onClick={() => navigate(`/incidents/report/print/${batchId}`)} data-testid="report-print">
                    {t('report.print')}
                  </Button>
                </Space>
              ) : (
                <Tag>{t('report.unsigned')}</Tag>
              )
            }
          >
            <Typography.Text type="secondary">
              {t('report.batch')}：{f.batch.name}
            </Typography.Text>
            <Table<ChecklistRow>
              rowKey="key"
              size="small"
              pagination={false}
              style={{ marginTop: 8 }}
              data-testid="report-checklist"
              dataSource={view.checklistForm.flatMap((p) => p.items.map((i, n) => ({ key: i.key, part: p.part, span: n === 0 ? p.items.length : 0, options: i.options })))}
              columns={[
                { title: t('report.content'), dataIndex: 'part', width: 120, onCell: (r) => ({ rowSpan: r.span }) },
                {
                  title: t('report.execution'),
                  render: (_: unknown, r) => (
                    <Radio.Group
                      disabled={!editing || !canSign}
                      value={checklist[r.key as keyof Checklist]}
                      onChange={(e) => setChecklist({ ...checklist, [r.key]: e.target.value as 0 | 1 | 2 })}
                      data-testid={`check-${r.key}`}
                    >
                      {r.options.map((o, i) => (
                        <Radio key={o} value={i}>
                          {o}
                        </Radio>
                      ))}
                    </Radio.Group>
                  ),
                },
              ]}
            />
            <div style={{ marginTop: 10 }}>
              <Typography.Text strong>{t('report.opinion')}</Typography.Text>
              <Input.TextArea rows={5} value={opinion} onChange={(e) => setOpinion(e.target.value)} disabled={!editing || !canSign} data-testid="report-opinion" />
              <Typography.Text strong>{t('report.issues')}</Typography.Text>
              <Input.TextArea rows={2} value={issues} onChange={(e) => setIssues(e.target.value)} disabled={!editing || !canSign} data-testid="report-issues" />
            </div>
            {canSign && editing && (
              <Space wrap style={{ marginTop: 10 }}>
                {error && <Alert type="error" showIcon message={error} data-testid="report-error" />}
                <Input value={unit} onChange={(e) => setUnit(e.target.value)} placeholder={t('report.unit')} style={{ width: 260 }} data-testid="report-unit" />
                <Input.Password value={pin} onChange={(e) => setPin(e.target.value)} placeholder={t('report.pin')} style={{ width: 200 }} autoComplete="off" data-testid="report-pin" />
                <Button type="primary" size="large" onClick={() => void sign()} data-testid="report-sign">
                  {t('report.sign')}
                </Button>
              </Space>
            )}
            {canSign && !editing && (
              <Button style={{ marginTop: 10 }} onClick={() => setEditing(true)}>
                {t('report.resign')}
              </Button>
            )}
          </Card>
        </Col>
        <Col span={9}>
          <Card title={t('report.facts')} size="small">
            <Typography.Text strong>{t('report.incidents')}</Typography.Text>
            <List size="small" dataSource={f.incidents} locale={{ emptyText: t('report.none') }} renderItem={(i) => <List.Item data-testid="report-incident">{i.line}</List.Item>} />
            <Typography.Text strong>{t('report.late')}</Typography.Text>
            <List size="small" dataSource={f.late} locale={{ emptyText: t('report.none') }} renderItem={(l) => <List.Item>{l}</List.Item>} />
          </Card>
        </Col>
      </Row>
    </div>
  );
}

function ReportPrint({ batchId }: { batchId: number }) {
  const { t } = useI18n();
  const view = useQuery('report.get', { batchId });
  const v = view.data;
  if (!v) return null;
  const s = v.signed;
  const c = s?.checklist ?? v.draft.checklist;
  const examDate = v.facts.batch.examDate.split('-').map(Number);
  return (
    <div>
      <Space className="no-print" style={{ marginBottom: 12 }}>
        <Button type="primary" size="large" onClick={() => window.print()} data-testid="print-now">
          {t('report.printNow')}
        </Button>
        <Button onClick={() => navigate('/incidents/report')}>{t('common.cancel')}</Button>
      </Space>
      <div className="report-print" data-testid="report-sheet">
        <h1>{t('report.title')}</h1>
        <table>
          <tbody>
            <tr>
              <th>{t('report.org')}</th>
              <td>{v.facts.batch.orgName}</td>
              <th>{t('report.supervisor')}</th>
              <td>{s?.supervisorName ?? ''}</td>
            </tr>
            <tr>
              <th>{t('report.time')}</th>
              <td>{`${examDate[0]}年${examDate[1]}月${examDate[2]}日`}</td>
              <th>{t('report.unit')}</th>
              <td>{s?.supervisorUnit ?? ''}</td>
            </tr>
            <tr>
              <th>{t('report.occupation')}</th>
              <td colSpan={3}>{v.facts.occupations.join('；')}</td>
            </tr>
            <tr>
              <th>{t('report.content')}</th>
              <th colSpan={3}>{t('report.execution')}</th>
            </tr>
            {v.checklistForm.flatMap((p) =>
              p.items.map((i, n) => (
                <tr key={i.key}>
                  {n === 0 && (
                    <td className="part" rowSpan={p.items.length}>
                      {p.part}
                    </td>
                  )}
                  {i.options.map((o, k) => (
                    <td key={o}>{`${c[i.key] === k ? '☑' : '□'}${o}`}</td>
                  ))}
                </tr>
              )),
            )}
            <tr>
              <th>{t('report.opinion')}</th>
              <td colSpan={3} className="opinion">
                {`${s?.opinion ?? v.draft.opinion}${s?.issues ? `\n${t('report.issues')}：${s.issues}` : ''}`}
              </td>
            </tr>
            <tr>
              <th>{t('report.signature')}</th>
              <td>{s ? s.supervisorName : ''}</td>
              <th>{t('report.date')}</th>
              <td>{s?.signedDate ?? ''}</td>
            </tr>
          </tbody>
        </table>
        <div className="note">{t('report.note')}</div>
      </div>
    </div>
  );
}
