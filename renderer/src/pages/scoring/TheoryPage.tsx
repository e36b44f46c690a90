// Theory scores. G2: the on-screen exam system's result file (xlsx/CSV, UTF-8 or GBK) is staged with
// its unmatched and duplicate rows; a marker reviews and confirms. G4: paper scores are entered by two
// clerks; mismatches are shown side by side and settled by checking the paper.
// A refused file is shown under 成绩文件, a refused paper entry under 准考证号 or 成绩 by their labels,
// a settle's refusal beside its row's button; each button waits for what it needs, one request at a time.
import { Alert, App, Button, Card, Empty, Form, Input, InputNumber, Select, Space, Table, Tabs, Tag, Typography, Upload } from 'antd';
import { useState } from 'react';
import type { OutputOf } from '../../../../electron/commands/api';
import { call } from '../../api/client';
import { useQuery } from '../../api/hooks';
import { FormError, useFilled, useFormErrors, type ReasonFields } from '../../components/useFormErrors';
import { describeIssue, useI18n, type Lang } from '../../i18n';
import { useSession } from '../../session';
import { levelKey, readBase64, useResultsBatch } from './common';
import { RuleHint } from '../../components/RuleHint';

type Detail = OutputOf<'theory.import.get'>;

/** G2: what is wrong with the file itself (unreadable, no header, no ID column, no rows) is about 成绩文件 */
const FILE_REASONS: ReasonFields = {
  'scoring.theoryUnreadable': 'file',
  'scoring.theoryNoSheet': 'file',
  'scoring.theoryCsvUnreadable': 'file',
  'scoring.theoryFileType': 'file',
  'scoring.theoryNoHeader': 'file',
  'scoring.theoryNoDocColumn': 'file',
  'scoring.theoryNoRows': 'file',
  LIMIT_EXCEEDED: 'file',
};
/** G4: a candidate who does not sit the subject, or whose entries are done, is about the ticket; one decimal about the score */
const PAPER_REASONS: ReasonFields = {
  'scoring.notSitting': 'ticketNo',
  'scoring.secondClerk': 'ticketNo',
  'scoring.bothEntered': 'ticketNo',
  'scoring.oneDecimal': 'score',
};

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
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const [detail, setDetail] = useState<Detail | null>(null);
  const fe = useFormErrors({ file: 'theory.import.file' }, FILE_REASONS, { 'file.name': 'file', 'file.data': 'file' });
  const [pressed, setPressed] = useState<'upload' | 'confirm'>('upload');
  const history = useQuery('theory.import.list', { batchId });
  const upload = async (f: File) => {
    if (fe.busy) return false;
    setPressed('upload');
    const r = await fe.run(async () => {
      const data = await readBase64(f);
      const imported = await call('theory.import', { subjectId, file: { name: f.name, data } });
      return call('theory.import.get', { importId: imported.importId });
    });
    if (r.ok) {
      setDetail(r.value);
      await history.reload();
    }
    return false;
  };
  const confirm = async () => {
    if (!detail) return;
    setPressed('confirm');
    const r = await fe.run(async () => {
      const done = await call('theory.import.confirm', { importId: detail.id });
      void message.success(t('theory.confirmed', { n: done.confirmed }));
      return call('theory.import.get', { importId: detail.id });
    });
    if (!r.ok) return;
    setDetail(r.value);
    await history.reload();
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
      <Form layout="vertical">
        <Form.Item {...fe.item('file')} style={{ marginBottom: 0 }}>
          <Upload.Dragger accept=".xlsx,.csv,.txt" showUploadList={false} disabled={fe.busy} beforeUpload={(f) => upload(f)} data-testid="theory-upload">
            <Typography.Text>{t('theory.import.drop')}</Typography.Text>
          </Upload.Dragger>
        </Form.Item>
      </Form>
      <FormError text={pressed === 'upload' ? fe.general : null} testId="theory-error" />
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
            <Button type="primary" size="large" loading={fe.busy && pressed === 'confirm'} disabled={fe.busy} onClick={() => void confirm()} data-testid="theory-confirm">
              {t('theory.confirm', { n: detail.report.matched.length })}
            </Button>
          )}
          <FormError text={pressed === 'confirm' ? fe.general : null} testId="theory-confirm-error" />
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
  const { t } = useI18n();
  const { message } = App.useApp();
  const { session } = useSession();
  const state = useQuery('theory.paper.state', { subjectId });
  const [form] = Form.useForm<{ ticketNo: string; score: number | null }>();
  const fe = useFormErrors({ ticketNo: 'theory.paper.ticket', score: 'theory.col.score' }, PAPER_REASONS, { candidateId: 'ticketNo' });
  const ready = useFilled(form, ['ticketNo', 'score']);
  const [settle, setSettle] = useState<Record<number, { score: number | null; note: string }>>({});
  const settleFe = useFormErrors({ score: 'theory.paper.paperScore', note: 'theory.paper.note' });
  const [settling, setSettling] = useState<number | null>(null);
  const rows = state.data ?? [];
  const isClerk = session.actor.role === 'score_clerk';
  const enter = async (v: { ticketNo: string; score: number | null }) => {
    const c = rows.find((r) => r.ticketNo === v.ticketNo.trim());
    if (!c || v.score === null) return; // the form's own check says which
    const r = await fe.run(() => call('theory.paper.enter', { candidateId: c.candidateId, subjectId, score: v.score! }));
    if (!r.ok) return;
    void message.info(t(`theory.paper.state.${r.value.state}`));
    form.resetFields();
    await state.reload();
  };
  const doSettle = async (candidateId: number) => {
    const s = settle[candidateId];
    if (!s || s.score === null) return;
    setSettling(candidateId);
    const r = await settleFe.run(() => call('theory.paper.settle', { candidateId, subjectId, score: s.score!, note: s.note }));
    if (r.ok) await state.reload();
  };
  /** a ticket not in this subject's list is said under 准考证号 before anything is sent */
  const knownTicket = (_: unknown, value: string | undefined) =>
    !value || !value.trim() || rows.some((r) => r.ticketNo === value.trim()) ? Promise.resolve() : Promise.reject(new Error(t('form.field.error', { label: t('theory.paper.ticket'), message: t('theory.paper.noTicket') })));
  const mismatches = rows.filter((r) => r.first !== null && r.second !== null && r.first !== r.second && r.settled === null);
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Typography.Paragraph type="secondary">{t('theory.paper.intro')}</Typography.Paragraph>
      {isClerk && (
        <Form
          form={form}
          layout="inline"
          onFinish={(v) => void enter(v)}
          onValuesChange={(ch: object) => {
            fe.touched(Object.keys(ch));
            // the form's own check of the ticket is said again on the next entry, not while typing
            if ('ticketNo' in ch) form.setFields([{ name: 'ticketNo', errors: [] }]);
          }}
          style={{ rowGap: 8 }}
          data-testid="paper-form"
        >
          <Form.Item name="ticketNo" {...fe.item('ticketNo')} rules={[{ validator: knownTicket }]} validateTrigger="onSubmit">
            <Input size="large" style={{ width: 200 }} maxLength={32} data-testid="paper-ticket" />
          </Form.Item>
          <Form.Item name="score" {...fe.item('score')}>
            <InputNumber size="large" min={0} max={100} precision={1} data-testid="paper-score" />
          </Form.Item>
          <Form.Item>
            <Button type="primary" size="large" htmlType="submit" disabled={!ready} loading={fe.busy} data-testid="paper-enter">
              {t('theory.paper.enter')}
            </Button>
          </Form.Item>
          <FormError text={fe.general} testId="paper-error" />
        </Form>
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
                    <Button disabled={s.score === null} loading={settleFe.busy && settling === r.candidateId} onClick={() => void doSettle(r.candidateId)} data-testid={`settle-submit-${r.ticketNo}`}>
                      {t('theory.paper.settle')}
                    </Button>
                    {settling === r.candidateId && <FormError text={settleFe.general ?? (Object.values(settleFe.errors.fields).join('；') || null)} testId={`settle-error-${r.ticketNo}`} />}
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
