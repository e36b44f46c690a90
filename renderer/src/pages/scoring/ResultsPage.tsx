// G1: the results: per candidate and subject the score and pass (≥ 60), the candidate passing only
// when every subject passes; absences (缺考) and rulings with their reasons; completion per room and
// panel, the score distribution and pass rates per occupation and level; the forms as xlsx.
import { App, Button, Card, Col, Empty, Row, Select, Space, Statistic, Table, Tag, Tooltip, Typography } from 'antd';
import { useMemo, useState } from 'react';
import type { OutputOf } from '../../../../electron/commands/api';
import { call } from '../../api/client';
import { useQuery } from '../../api/hooks';
import { FormError, useFormErrors } from '../../components/useFormErrors';
import { useI18n } from '../../i18n';
import { navigate } from '../../router';
import { Histogram } from './Histogram';
import { downloadBase64, holdText, kindKey, levelKey, occupationLabel, useResultsBatch } from './common';
import './print.css';

type Result = OutputOf<'results.list'>[number];
type SubjectResult = Result['subjects'][number];

const OUTCOME_COLOR: Record<string, string> = { passed: 'green', failed: 'red', absent: 'default', void: 'magenta', pending: 'orange' };

export function ResultsPage() {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const { batchId, picker, loading } = useResultsBatch();
  const results = useQuery('results.list', { batchId: batchId ?? 0 }, { skip: !batchId, refreshMs: 20_000 });
  const overview = useQuery('results.overview', { batchId: batchId ?? 0 }, { skip: !batchId, refreshMs: 20_000 });
  const subjects = useQuery('scoring.subjects', { batchId: batchId ?? 0 }, { skip: !batchId });
  const [sheetSubject, setSheetSubject] = useState<number | null>(null);
  // one download at a time; its refusal beside the buttons
  const fe = useFormErrors({});
  const [downloading, setDownloading] = useState<string | null>(null);
  const labels = useMemo(() => ({ theory: t('scoring.kind.theory'), skill: t('results.histogram.skill') }), [t]);

  const download = async (form: 'summary' | 'publication' | 'sheets' | 'blank', subjectId?: number) => {
    if (!batchId || fe.busy) return;
    setDownloading(form);
    const r = await fe.run(() => call('results.forms.xlsx', { batchId, form, ...(subjectId ? { subjectId } : {}) }));
    setDownloading(null);
    if (!r.ok) return;
    downloadBase64(r.value.fileName, r.value.data);
    void message.success(t('results.downloaded', { name: r.value.fileName }));
  };

  if (!loading && !batchId) return <Empty description={t('draw.noBatch')} />;
  const o = overview.data;
  const scored = (subjects.data ?? []).filter((s) => s.kind !== 'theory');
  const subjectCell = (s: SubjectResult | undefined) => {
    if (!s) return '—';
    const text = s.status === 'absent' ? t('results.absent') : s.status === 'void' ? t('results.void') : s.score === null ? t('results.pending') : s.score.toFixed(1);
    const color = s.status === 'scored' ? (s.passed ? 'green' : 'red') : s.status === 'review' ? 'orange' : s.status === 'void' ? 'magenta' : 'default';
    return (
      <Tooltip title={(s.status === 'void' ? s.ruling : holdText(lang, s.hold)) ?? undefined}>
        <Tag color={color}>{text}</Tag>
      </Tooltip>
    );
  };
  return (
    <Space orientation="vertical" style={{ width: '100%' }} size="middle" className="results-page">
      <Space wrap className="no-print">
        {picker}
        <Button loading={downloading === 'summary'} onClick={() => void download('summary')} data-testid="dl-summary">
          {t('results.form.summary')}
        </Button>
        <Button loading={downloading === 'publication'} onClick={() => void download('publication')}>
          {t('results.form.publication')}
        </Button>
        <Select
          style={{ minWidth: 220 }}
          placeholder={t('results.form.pickSubject')}
          value={sheetSubject ?? undefined}
          onChange={setSheetSubject}
          options={scored.map((s) => ({ value: s.id, label: `${s.workType ?? s.occupation} ${t(levelKey(s.level))} ${t(kindKey(s.kind))}` }))}
        />
        <Button disabled={!sheetSubject} loading={downloading === 'sheets'} onClick={() => void download('sheets', sheetSubject ?? undefined)}>
          {t('results.form.sheets')}
        </Button>
        <Button disabled={!sheetSubject} loading={downloading === 'blank'} onClick={() => void download('blank', sheetSubject ?? undefined)}>
          {t('results.form.blank')}
        </Button>
        <Button onClick={() => navigate('/results/print/summary')} data-testid="print-summary-link">
          {t('results.print.summary')}
        </Button>
        <Button disabled={!sheetSubject} onClick={() => navigate(`/results/print/sheets/${sheetSubject}`)} data-testid="print-sheets-link">
          {t('results.print.sheets')}
        </Button>
        <Button onClick={() => window.print()}>{t('print.print')}</Button>
      </Space>
      <div className="no-print">
        <FormError text={fe.general} testId="results-download-error" />
      </div>
      {o && (
        <Row gutter={12} className="no-print">
          {(['candidates', 'passed', 'failed', 'pending', 'absent', 'void'] as const).map((k) => (
            <Col key={k} span={4}>
              <Card size="small">
                <Statistic title={t(`results.count.${k}`)} value={o.counts[k]} />
              </Card>
            </Col>
          ))}
        </Row>
      )}
      {o && (
        <Row gutter={12} className="no-print">
          <Col span={12}>
            <Card size="small" title={t('results.histogram')}>
              <Histogram bins={o.histogram} labels={labels} />
            </Card>
          </Col>
          <Col span={12}>
            <Card size="small" title={t('results.passRates')}>
              <Table
                size="small"
                pagination={false}
                rowKey={(r) => `${r.occupation}|${r.workType ?? ''}|${r.level}`}
                dataSource={o.passRates}
                columns={[
                  { title: t('results.col.occupation'), key: 'occupation', render: (_: unknown, r) => occupationLabel(lang, r.occupation, r.workType) },
                  { title: t('results.col.level'), dataIndex: 'level', render: (v: number) => t(levelKey(v)) },
                  { title: t('results.col.candidates'), dataIndex: 'total' },
                  { title: t('results.col.passed'), dataIndex: 'passed' },
                  { title: t('results.col.rate'), dataIndex: 'rate', render: (v: number | null) => (v === null ? '—' : `${v}%`) },
                ]}
                data-testid="pass-rates"
              />
            </Card>
          </Col>
        </Row>
      )}
      {o && (
        <Card size="small" title={t('results.completion')} className="no-print">
          <Table
            size="small"
            pagination={false}
            rowKey={(r) => `${r.sessionId}:${r.roomId}`}
            dataSource={o.completion}
            columns={[
              { title: t('results.col.session'), dataIndex: 'sessionName' },
              { title: t('results.col.room'), dataIndex: 'roomCode' },
              { title: t('results.col.panel'), dataIndex: 'panel', render: (p: string[]) => p.join('、') || '—' },
              { title: t('results.col.candidates'), dataIndex: 'candidates' },
              { title: t('results.col.done'), render: (_: unknown, r) => `${r.done}/${r.expected}` },
              { title: t('results.col.percent'), dataIndex: 'percent', render: (v: number) => `${v}%` },
            ]}
          />
        </Card>
      )}
      <Card size="small" title={t('results.title')}>
        <Typography.Paragraph type="secondary">{t('results.rule')}</Typography.Paragraph>
        <Table<Result>
          size="small"
          rowKey="candidateId"
          loading={results.loading && !results.data}
          dataSource={results.data ?? []}
          pagination={{ pageSize: 50, showSizeChanger: false }}
          columns={[
            { title: t('results.col.ticket'), dataIndex: 'ticketNo', width: 130 },
            { title: t('results.col.name'), dataIndex: 'name', width: 110 },
            { title: t('results.col.doc'), dataIndex: 'docMasked', width: 190 },
            { title: t('results.col.occupation'), render: (_: unknown, r) => (r.workType ? `${r.occupation}（${r.workType}）` : r.occupation) },
            { title: t('results.col.level'), dataIndex: 'level', width: 110, render: (l: number) => t(levelKey(l)) },
            { title: t('scoring.kind.theory'), width: 90, render: (_: unknown, r) => subjectCell(r.subjects.find((s) => s.kind === 'theory')) },
            { title: t('scoring.kind.skill'), width: 90, render: (_: unknown, r) => subjectCell(r.subjects.find((s) => s.kind === 'skill')) },
            {
              title: t('results.col.outcome'),
              width: 110,
              render: (_: unknown, r) => (
                <Space orientation="vertical" size={0}>
                  <Tag color={OUTCOME_COLOR[r.outcome]} data-testid={`outcome-${r.ticketNo}`}>
                    {t(`results.outcome.${r.outcome}`)}
                  </Tag>
                  {r.rulings.map((x, i) => (
                    <Typography.Text key={i} type="danger" style={{ fontSize: 12 }}>
                      {x.reason}
                    </Typography.Text>
                  ))}
                </Space>
              ),
            },
          ]}
        />
      </Card>
    </Space>
  );
}
