// Theory scores. G2: the on-screen exam system's result file (xlsx/CSV, UTF-8 or GBK) is staged with
// its unmatched and duplicate rows; a marker reviews and confirms. G4: paper scores are entered by two
// clerks; mismatches are shown side by side and settled by checking the paper.
import { Alert, App, Button, Card, Empty, Input, InputNumber, Select, Space, Table, Tabs, Tag, Typography, Upload } from 'antd';
import { useState } from 'react';
import type { OutputOf } from '../../../../electron/commands/api';
import { call } from '../../api/client';
import { errorData, useQuery } from '../../api/hooks';
import { describeIssue, useI18n, type Lang } from '../../i18n';
import { useSession } from '../../session';
import { levelKey, readBase64, useResultsBatch } from './common';
import { RuleHint } from '../../components/RuleHint';

type Detail = OutputOf<'theory.import.get'>;

export function TheoryPage() {
  const { t } = useI18n();
  const { batchId, picker, loading } = useResultsBatch();
  const subjects = useQuery('scoring.subjects', { batchId: batchId ?? 0 }, { skip: !batchId });
  const theory = (subjects.data ?? []).filter((s) => s.kind === 'theory');
  const [subjectId, setSubjectId] = useState<number | null>(null);
  const current = subjectId ?? theory[0]?.id ?? null;
  if (!loading && !batchId) return <Empty description={t('draw.noBatch')} />;
  return (
    <Card title={t('theory.title')}>
      <Space wrap style={{ marginBottom: 8 }}>
        {picker}
        <Select
          style={{ minWidth: 240 }}
          value={current ?? undefined}
          onChange={setSubjectId}
          options={theory.map((s) => ({ value: s.id, label: `${s.workType ?? s.occupation} ${t(levelKey(s.level))} ${t('scoring.kind.theory')}（${s.mode === 'computer' ? t('theory.mode.computer') : t('theory.mode.paper')}）` }))}
          data-testid="theory-subject"
        />
      </Space>
      {current && batchId && (
        <Tabs
          items={[
            { key: 'import', label: <>{t('theory.tab.import')}<RuleHint text={t('next.theory.confirm.help')} /></>, children: <ImportTab subjectId={current} batchId={batchId} /> },
            { key: 'paper', label: <>{t('theory.tab.paper')}<RuleHint text={t('next.theory.waiting.help')} /></>, children: <PaperTab subjectId={current} /> },
          ]}
        />
      )}
    </Card>
  );
}

function ImportTab({ subjectId, batchId }: { subjectId: number; batchId: number }) {
  const { t, te, lang } = useI18n();
  const { message } = App.useApp();
  const [detail, setDetail] = useState<Detail | null>(null);
  const [error, setError] = useState<string | null>(null);
  const history = useQuery('theory.import.list', { batchId });
  const upload = async (f: File) => {
    try {
      const data = await readBase64(f);
      const r = await call('theory.import', { subjectId, file: { name: f.name, data } });
      setDetail(await call('theory.import.get', { importId: r.importId }));
      setError(null);
      await history.reload();
    } catch (e) {
      setError(te(errorData(e)));
    }
    return false;
  };
  const confirm = async () => {
    if (!detail) return;
    try {
      const r = await call('theory.import.confirm', { importId: detail.id });
      void message.success(t('theory.confirmed', { n: r.confirmed }));
      setDetail(await call('theory.import.get', { importId: detail.id }));
      await history.reload();
    } catch (e) {
      setError(te(errorData(e)));
    }
  };
  const rowCols = [
    { title: t('theory.col.line'), dataIndex: 'line', width: 60 },
    { title: t('results.col.ticket'), dataIndex: 'ticketNo' },
    { title: t('results.col.name'), dataIndex: 'name' },
    { title: t('theory.col.score'), dataIndex: 'raw' },
  ];
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Typography.Paragraph type="secondary">{t('theory.import.intro')}</Typography.Paragraph>
      <Upload.Dragger accept=".xlsx,.csv,.txt" showUploadList={false} beforeUpload={(f) => upload(f)} data-testid="theory-upload">
        <Typography.Text>{t('theory.import.drop')}</Typography.Text>
      </Upload.Dragger>
      {error && <Alert type="error" showIcon title={error} closable onClose={() => setError(null)} data-testid="theory-error" />}
      {detail && (
        <Card size="small" title={`${detail.fileName}（${detail.encoding.toUpperCase()}）`} data-testid="theory-report">
          <Space wrap style={{ marginBottom: 8 }}>
            <Tag color="green">{t('theory.matched', { n: detail.report.matched.length })}</Tag>
            <Tag color={detail.report.unmatched.length ? 'red' : 'default'}>{t('theory.unmatched', { n: detail.report.unmatched.length })}</Tag>
            <Tag color={detail.report.duplicates.length ? 'orange' : 'default'}>{t('theory.duplicates', { n: detail.report.duplicates.length })}</Tag>
            <Tag>{t('theory.missing', { n: detail.report.missing.length })}</Tag>
            <Tag color={detail.status === 'confirmed' ? 'green' : 'blue'}>{t(detail.status === 'confirmed' ? 'theory.status.confirmed' : 'theory.status.pending')}</Tag>
          </Space>
          {detail.report.unmatched.length > 0 && (
            <Table size="small" pagination={false} rowKey="line" title={() => t('theory.unmatchedRows')} dataSource={detail.report.unmatched} columns={[...rowCols, { title: t('theory.col.problem'), dataIndex: 'problem', render: (p: Problem) => problemText(lang, p) }]} />
          )}
          {detail.report.duplicates.length > 0 && (
            <Table size="small" pagination={false} rowKey="line" title={() => t('theory.duplicateRows')} dataSource={detail.report.duplicates} columns={[...rowCols, { title: t('theory.col.problem'), dataIndex: 'problem', render: (p: Problem) => problemText(lang, p) }]} />
          )}
          <Table
            size="small"
            rowKey="line"
            title={() => t('theory.matchedRows')}
            dataSource={detail.report.matched}
            pagination={{ pageSize: 20 }}
            columns={[...rowCols.slice(0, 3), { title: t('theory.col.score'), dataIndex: 'score' }]}
            data-testid="theory-matched"
          />
          {detail.status === 'pending' && (
            <Button type="primary" size="large" onClick={() => void confirm()} data-testid="theory-confirm">
              {t('theory.confirm', { n: detail.report.matched.length })}
            </Button>
          )}
        </Card>
      )}
      <Table
        size="small"
        rowKey="id"
        pagination={false}
        title={() => t('theory.history')}
        dataSource={(history.data ?? []).filter((h) => h.subjectId === subjectId)}
        columns={[
          { title: t('theory.col.file'), dataIndex: 'fileName' },
          { title: t('theory.col.encoding'), dataIndex: 'encoding' },
          { title: t('theory.col.status'), dataIndex: 'status', render: (s: string) => t(s === 'confirmed' ? 'theory.status.confirmed' : 'theory.status.pending') },
          { title: t('theory.col.importedBy'), dataIndex: 'importedBy' },
          { title: t('theory.col.confirmedBy'), dataIndex: 'confirmedBy' },
        ]}
      />
    </Space>
  );
}

function PaperTab({ subjectId }: { subjectId: number }) {
  const { t, te } = useI18n();
  const { message } = App.useApp();
  const { session } = useSession();
  const state = useQuery('theory.paper.state', { subjectId });
  const [ticket, setTicket] = useState('');
  const [score, setScore] = useState<number | null>(null);
  const [settle, setSettle] = useState<Record<number, { score: number | null; note: string }>>({});
  const [error, setError] = useState<string | null>(null);
  const rows = state.data ?? [];
  const isClerk = session.actor.role === 'score_clerk';
  const enter = async () => {
    const c = rows.find((r) => r.ticketNo === ticket.trim());
    if (!c) return setError(t('theory.paper.noTicket'));
    if (score === null) return setError(t('theory.paper.noScore'));
    try {
      const r = await call('theory.paper.enter', { candidateId: c.candidateId, subjectId, score });
      void message.info(t(`theory.paper.state.${r.state}`));
      setTicket('');
      setScore(null);
      setError(null);
      await state.reload();
    } catch (e) {
      setError(te(errorData(e)));
    }
  };
  const doSettle = async (candidateId: number) => {
    const s = settle[candidateId];
    if (!s || s.score === null) return setError(t('theory.paper.noScore'));
    try {
      await call('theory.paper.settle', { candidateId, subjectId, score: s.score, note: s.note });
      await state.reload();
    } catch (e) {
      setError(te(errorData(e)));
    }
  };
  const mismatches = rows.filter((r) => r.first !== null && r.second !== null && r.first !== r.second && r.settled === null);
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Typography.Paragraph type="secondary">{t('theory.paper.intro')}</Typography.Paragraph>
      {error && <Alert type="error" showIcon title={error} closable onClose={() => setError(null)} data-testid="paper-error" />}
      {isClerk && (
        <Space wrap>
          <Input size="large" style={{ width: 200 }} placeholder={t('results.col.ticket')} value={ticket} onChange={(e) => setTicket(e.target.value)} aria-label={t('results.col.ticket')} data-testid="paper-ticket" />
          <InputNumber size="large" min={0} max={100} precision={1} placeholder={t('theory.col.score')} value={score} onChange={(v) => setScore(v === null ? null : Number(v))} aria-label={t('theory.col.score')} data-testid="paper-score" onPressEnter={() => void enter()} />
          <Button type="primary" size="large" onClick={() => void enter()} data-testid="paper-enter">
            {t('theory.paper.enter')}
          </Button>
        </Space>
      )}
      {mismatches.length > 0 && (
        <Alert type="warning" showIcon title={t('theory.paper.mismatches', { n: mismatches.length })} />
      )}
      <Table
        size="small"
        rowKey="candidateId"
        dataSource={rows}
        pagination={{ pageSize: 30 }}
        columns={[
          { title: t('results.col.ticket'), dataIndex: 'ticketNo' },
          { title: t('results.col.name'), dataIndex: 'name' },
          { title: t('theory.paper.first'), render: (_: unknown, r) => (r.first === null ? '—' : `${r.first}（${r.firstClerk}）`) },
          { title: t('theory.paper.second'), render: (_: unknown, r) => (r.second === null ? '—' : `${r.second}（${r.secondClerk}）`) },
          {
            title: t('theory.paper.final'),
            render: (_: unknown, r) => {
              if (r.first !== null && r.second !== null && r.first !== r.second && r.settled === null) {
                const s = settle[r.candidateId] ?? { score: null, note: '' };
                return (
                  <Space wrap data-testid={`settle-${r.ticketNo}`}>
                    <Tag color="red">{t('theory.paper.mismatch')}</Tag>
                    <InputNumber min={0} max={100} precision={1} placeholder={t('theory.paper.paperScore')} value={s.score} onChange={(v) => setSettle({ ...settle, [r.candidateId]: { ...s, score: v === null ? null : Number(v) } })} />
                    <Input style={{ width: 220 }} placeholder={t('theory.paper.note')} value={s.note} onChange={(e) => setSettle({ ...settle, [r.candidateId]: { ...s, note: e.target.value } })} />
                    <Button onClick={() => void doSettle(r.candidateId)}>{t('theory.paper.settle')}</Button>
                  </Space>
                );
              }
              if (r.settled !== null) return <Tag color="blue">{t('theory.paper.settled', { score: r.settled, by: r.settledBy ?? '', note: r.settleNote ?? '' })}</Tag>;
              return r.final === null ? '—' : <Tag color="green">{r.final}</Tag>;
            },
          },
        ]}
      />
    </Space>
  );
}

type Problem = string | { reason: string; params?: Record<string, string | number> };

/** A row not taken from a theory file: worded from its code (imports staged before codes kept their sentence). */
function problemText(lang: Lang, p: Problem): string {
  return typeof p === 'string' ? p : describeIssue(lang, p, 'scoring.theory.problem.');
}
