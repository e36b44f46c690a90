// Printable A4 pages (G6): the 成绩汇总表 (#/results/print/summary) and the per-candidate
// 评分记录表 with the examiners' names (#/results/print/sheets/<subjectId>), one candidate per page.
// The same content as the xlsx forms; ID numbers masked; a re-scored candidate shows every round.
import { Button, Empty, Space, Spin } from 'antd';
import { useQuery } from '../../api/hooks';
import { useI18n } from '../../i18n';
import { navigate, usePath } from '../../router';
import { useResultsBatch } from './common';
import './print.css';

export function ResultsPrintPage() {
  const { t } = useI18n();
  const path = usePath();
  const { batchId, loading } = useResultsBatch();
  const m = /^\/results\/print\/(summary|sheets)(?:\/(\d+))?/.exec(path);
  const form = m?.[1] ?? 'summary';
  const subjectId = Number(m?.[2] ?? 0);
  if (!loading && !batchId) return <Empty description={t('draw.noBatch')} />;
  return (
    <div className="results-paper">
      <Space className="no-print" style={{ marginBottom: 12 }}>
        <Button onClick={() => navigate('/results')}>{t('results.print.back')}</Button>
        <Button type="primary" onClick={() => window.print()} data-testid="print-now">
          {t('print.print')}
        </Button>
      </Space>
      {batchId && form === 'summary' && <SummaryPaper batchId={batchId} />}
      {batchId && form === 'sheets' && subjectId > 0 && <SheetsPaper batchId={batchId} subjectId={subjectId} />}
    </div>
  );
}

function SummaryPaper({ batchId }: { batchId: number }) {
  const { t, te } = useI18n();
  const q = useQuery('results.print.summary', { batchId });
  if (q.error) return <Empty description={te(q.error)} />;
  const d = q.data;
  if (!d) return <Spin />;
  return (
    <div className="paper landscape" data-testid="print-summary">
      <h2 className="form-title">{t('results.print.summaryTitle')}</h2>
      <p>
        {t('results.print.org', { org: d.orgName })}　{t('results.print.plan', { plan: d.planCode })}　{t('results.print.batch', { batch: d.name })}　{t('results.print.date', { date: d.examDate })}
      </p>
      <table className="print-grid compact">
        <thead>
          <tr>
            {d.columns.map((c) => (
              <th key={c}>{c}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {d.rows.map((r) => (
            <tr key={r[0]}>
              {r.map((v, i) => (
                <td key={i}>{v}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      <p className="signatures">
        <span>{t('results.print.signScorer')}</span>
        <span>{t('results.print.signChecker')}</span>
        <span>{t('results.print.signSupervisor')}</span>
      </p>
    </div>
  );
}

function SheetsPaper({ batchId, subjectId }: { batchId: number; subjectId: number }) {
  const { t, te } = useI18n();
  const q = useQuery('results.print.sheets', { batchId, subjectId });
  if (q.error) return <Empty description={te(q.error)} />;
  const d = q.data;
  if (!d) return <Spin />;
  return (
    <>
      {d.candidates.map((c) => {
        const rounds = c.rounds.length ? c.rounds : [{ round: 1, superseded: false, sheets: [] }];
        return (
          <div className="paper page" key={c.candidateId} data-testid={`print-sheet-${c.ticketNo}`}>
            <h2 className="form-title">{d.title}</h2>
            <table className="print-grid head">
              <tbody>
                <tr>
                  <th>{t('results.print.orgLabel')}</th>
                  <td colSpan={3}>{d.orgName}</td>
                  <th>{t('results.print.planLabel')}</th>
                  <td>{d.planCode}</td>
                </tr>
                <tr>
                  <th>{t('results.col.name')}</th>
                  <td>{c.name}</td>
                  <th>{t('results.col.ticket')}</th>
                  <td>{c.ticketNo}</td>
                  <th>{t('results.col.doc')}</th>
                  <td>{c.docMasked}</td>
                </tr>
                <tr>
                  <th>{t('results.col.session')}</th>
                  <td>{c.session}</td>
                  <th>{t('results.col.room')}</th>
                  <td>{c.room}</td>
                  <th>{t('results.print.seat')}</th>
                  <td>{c.seat}</td>
                </tr>
              </tbody>
            </table>
            {rounds.map((r) => {
              const examiners = r.sheets.length ? r.sheets.map((s) => s.examiner) : [1, 2, 3].map((n) => t('standards.printExaminer', { n }));
              return (
                <div key={r.round} className={r.superseded ? 'superseded' : undefined}>
                  {(c.rounds.length > 1 || r.round > 1) && (
                    <h3 className="round-title">
                      {t(r.round > 1 ? 'rescore.round' : 'results.print.round', { round: r.round })}
                      {r.superseded ? t('results.print.superseded') : ''}
                    </h3>
                  )}
                  <table className="print-grid compact">
                    <thead>
                      <tr>
                        <th style={{ width: 36 }}>{t('pub.col.no')}</th>
                        <th>{t('results.print.item')}</th>
                        <th style={{ width: 48 }}>{t('results.print.max')}</th>
                        {examiners.map((e, i) => (
                          <th key={i}>{e}</th>
                        ))}
                      </tr>
                    </thead>
                    <tbody>
                      {d.items.map((it, k) => (
                        <tr key={it.position}>
                          <td>{it.position}</td>
                          <td>{it.criteria ? `${it.name}（${it.criteria}）` : it.name}</td>
                          <td>{it.maxPoints}</td>
                          {examiners.map((_, i) => (
                            <td key={i}>{r.sheets[i]?.points[k] ?? ''}</td>
                          ))}
                        </tr>
                      ))}
                      <tr>
                        <td />
                        <th>{t('results.print.total')}</th>
                        <td>100</td>
                        {examiners.map((_, i) => (
                          <td key={i}>{r.sheets[i]?.total?.toFixed(1) ?? ''}</td>
                        ))}
                      </tr>
                      <tr>
                        <td />
                        <th>{t('results.print.examinerSign')}</th>
                        <td />
                        {examiners.map((_, i) => (
                          <td key={i} data-testid="examiner-name">
                            {r.sheets[i]?.examiner ?? ''}
                          </td>
                        ))}
                      </tr>
                    </tbody>
                  </table>
                </div>
              );
            })}
            <p className="subject-score">{t('results.print.subjectScore', { score: c.scoreText })}</p>
          </div>
        );
      })}
    </>
  );
}
