// A5: the yearly summary (年度认定工作总结): occupations, levels, candidates evaluated, passed,
// certificates issued and the pass rate, as a page with a chart and as xlsx and PDF.
import { Alert, App, Button, Card, Col, Empty, Row, Select, Space, Statistic, Table, Tag } from 'antd';
import { useMemo, useState } from 'react';
import type { OutputOf } from '../../../../electron/commands/api';
import { call } from '../../api/client';
import { errorData, useQuery } from '../../api/hooks';
import { downloadBase64, XLSX_MIME } from '../../components/download';
import { useI18n } from '../../i18n';
import { SummaryChart } from './SummaryChart';
import { levelKey } from './text';

type Summary = OutputOf<'records.summary'>['summary'];
type Row = Summary['rows'][number];

const pct = (r: number | null) => (r === null ? '—' : `${(r * 100).toFixed(1)}%`);

export function SummaryTab() {
  const { t, te } = useI18n();
  const { message } = App.useApp();
  const [year, setYear] = useState<number | undefined>(undefined);
  const q = useQuery('records.summary', year === undefined ? {} : { year });
  const [busy, setBusy] = useState<string | null>(null);
  const s = q.data?.summary;
  const occ = (r: Row) => `${r.occupation}（${r.workType ?? '——'}）`;
  const chart = useMemo(
    () =>
      s
        ? {
            labels: s.rows.map((r) => `${occ(r)} ${t(levelKey(r.level))}`),
            series: [
              { name: t('records.summary.evaluated'), values: s.rows.map((r) => r.evaluated) },
              { name: t('records.summary.passed'), values: s.rows.map((r) => r.passed) },
              { name: t('records.summary.certified'), values: s.rows.map((r) => r.certified) },
            ],
          }
        : null,
    [s, t],
  );
  if (q.error) return <Alert type="error" showIcon message={te(q.error)} />;
  if (!q.data || !s) return null;
  const download = async (format: 'xlsx' | 'pdf') => {
    setBusy(format);
    try {
      const r = await call('records.summary.file', { year: s.year, format });
      downloadBase64(r.fileName, r.base64, format === 'pdf' ? 'application/pdf' : XLSX_MIME);
    } catch (e) {
      message.error(te(errorData(e)));
    } finally {
      setBusy(null);
    }
  };
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle" data-testid="summary">
      <Space wrap>
        <span>{t('records.summary.year')}</span>
        <Select style={{ width: 120 }} value={s.year} onChange={(y: number) => setYear(y)} options={(q.data.years.length ? q.data.years : [s.year]).map((y) => ({ value: y, label: String(y) }))} data-testid="summary-year" />
        <Button onClick={() => void download('xlsx')} loading={busy === 'xlsx'} data-testid="summary-xlsx">
          {t('records.summary.xlsx')}
        </Button>
        <Button onClick={() => void download('pdf')} loading={busy === 'pdf'} data-testid="summary-pdf">
          {t('records.summary.pdf')}
        </Button>
      </Space>
      {s.batches.length === 0 ? (
        <Empty description={t('records.summary.none')} />
      ) : (
        <>
          <Row gutter={[12, 12]}>
            {(
              [
                ['records.summary.batches', s.batches.length],
                ['records.summary.occupations', s.totals.occupations],
                ['records.summary.levels', s.totals.levels],
                ['records.summary.evaluated', s.totals.evaluated],
                ['records.summary.passed', s.totals.passed],
                ['records.summary.certified', s.totals.certified],
                ['records.summary.passRate', pct(s.totals.passRate)],
              ] as const
            ).map(([k, v]) => (
              <Col key={k} xs={12} sm={8} md={6} lg={3} style={{ minWidth: 110 }}>
                <Card size="small">
                  <Statistic title={t(k)} value={v} data-testid={`stat-${k.split('.').pop()}`} />
                </Card>
              </Col>
            ))}
          </Row>
          {chart && (
            <Card size="small">
              <SummaryChart labels={chart.labels} series={chart.series} />
            </Card>
          )}
          <Table
            size="small"
            rowKey={(r) => `${r.occupation}|${r.workType ?? ''}|${r.level}`}
            pagination={false}
            scroll={{ x: 640 }}
            dataSource={s.rows}
            columns={[
              { title: t('records.summary.occupation'), key: 'o', render: (_: unknown, r: Row) => occ(r) },
              { title: t('records.summary.level'), dataIndex: 'level', render: (l: number) => t(levelKey(l)) },
              { title: t('records.summary.evaluated'), dataIndex: 'evaluated', align: 'right' },
              { title: t('records.summary.passed'), dataIndex: 'passed', align: 'right' },
              { title: t('records.summary.certified'), dataIndex: 'certified', align: 'right' },
              { title: t('records.summary.passRate'), dataIndex: 'passRate', align: 'right', render: (r: number | null) => pct(r) },
            ]}
            summary={() => (
              <Table.Summary.Row>
                <Table.Summary.Cell index={0} colSpan={2}>
                  {t('records.summary.total')}
                </Table.Summary.Cell>
                <Table.Summary.Cell index={2} align="right">
                  {s.totals.evaluated}
                </Table.Summary.Cell>
                <Table.Summary.Cell index={3} align="right">
                  {s.totals.passed}
                </Table.Summary.Cell>
                <Table.Summary.Cell index={4} align="right">
                  {s.totals.certified}
                </Table.Summary.Cell>
                <Table.Summary.Cell index={5} align="right">
                  {pct(s.totals.passRate)}
                </Table.Summary.Cell>
              </Table.Summary.Row>
            )}
          />
          <Space direction="vertical" size={2}>
            {s.batches.map((b) => (
              <span key={b.id}>
                {b.examDate} {b.planCode} {b.name} {b.source === 'archive' && <Tag>{t('records.summary.fromArchive')}</Tag>}
              </span>
            ))}
          </Space>
        </>
      )}
    </Space>
  );
}
