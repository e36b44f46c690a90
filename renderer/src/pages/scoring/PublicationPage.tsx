// G5: publication (公示) for five working days on the Chinese calendar; the calendar takes a new
// year's official schedule as a file; objections are recorded, investigated and decided by name;
// the 公示结果确认单 once the period has ended with none open.
import { Alert, Button, Card, DatePicker, Descriptions, Empty, Form, Input, InputNumber, Radio, Segmented, Select, Space, Table, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useRef, useState } from 'react';
import type { OutputOf } from '../../../../electron/commands/api';
import { call } from '../../api/client';
import { errorData, useQuery } from '../../api/hooks';
import { formErrors, NO_ERRORS, type FormErrors } from '../../components/formErrors';
import { FormError, useFilled, useFormErrors, type FieldLabels, type ReasonFields } from '../../components/useFormErrors';
import { useI18n } from '../../i18n';
import { navigate } from '../../router';
import { downloadBase64, kindKey, useResultsBatch } from './common';
import './print.css';
import { RuleHint } from '../../components/RuleHint';
import { CalendarLoad } from './CalendarLoad';

type Publication = OutputOf<'results.publication.list'>[number];

const START_LABELS: FieldLabels = { startDate: 'pub.start' };
const START_REASONS: ReasonFields = { 'results.calendarMissingYear': 'startDate', 'results.calendarNoEnd': 'startDate' };

export function PublicationPage() {
  const { t, te, lang } = useI18n();
  const { batchId, picker, loading } = useResultsBatch();
  const cal = useQuery('results.calendar.status', {});
  const pubs = useQuery('results.publication.list', { batchId: batchId ?? 0 }, { skip: !batchId });
  // S9: what is published is the sealed version; before the seal the page says so and leads there
  const basis = useQuery('results.publication.basis', { batchId: batchId ?? 0 }, { skip: !batchId });
  const [start, setStart] = useState<string | null>(null);
  const [end, setEnd] = useState<string | null>(null);
  // the calendar file's refusal beside its button
  const [pubId, setPubId] = useState<number | null>(null);
  // G5: a start the calendar cannot count from is refused under 公示开始日期 (by the preview as soon
  // as it is picked, or by the opening); the rest beside the button
  const startFe = useFormErrors(START_LABELS, START_REASONS);
  const [previewError, setPreviewError] = useState<FormErrors>(NO_ERRORS);
  const previewSeq = useRef(0);

  const preview = async (d: Dayjs | null) => {
    const s = d ? d.format('YYYY-MM-DD') : null;
    setStart(s);
    setEnd(null);
    startFe.clear();
    setPreviewError(NO_ERRORS);
    if (!s || !batchId) return;
    // each pick is previewed; only the last one's answer is shown
    const seq = ++previewSeq.current;
    try {
      const r = await call('results.publication.preview', { batchId, startDate: s });
      if (seq === previewSeq.current) setEnd(r.endDate);
    } catch (e) {
      if (seq === previewSeq.current) setPreviewError(formErrors(lang, errorData(e), START_LABELS, START_REASONS));
    }
  };
  const startItem = previewError.fields.startDate
    ? { ...startFe.item('startDate'), validateStatus: 'error' as const, help: <span data-testid="field-error" data-field="startDate">{previewError.fields.startDate}</span> }
    : startFe.item('startDate');
  const open = async () => {
    if (!batchId || !start) return;
    const r = await startFe.run(() => call('results.publication.open', { batchId, startDate: start }));
    if (r.ok) await Promise.all([pubs.reload(), basis.reload()]);
  };
  // G5: the start defaults to the next working day of the site's clock (the proctor may pick another)
  const defaultStart = cal.data?.nextWorkday ?? null;
  const canStart = !!batchId && !!basis.data?.ok && !(pubs.data ?? []).some((p) => p.kind === 'main' && p.status === 'open');
  useEffect(() => {
    if (canStart && defaultStart && start === null) void preview(dayjs(defaultStart));
    // preview is recreated each render; the default is taken once, when it becomes known
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [canStart, defaultStart]);

  const reloadAll = async () => {
    await Promise.all([pubs.reload(), basis.reload()]);
  };
  if (!loading && !batchId) return <Empty description={t('draw.noBatch')} />;
  const all = pubs.data ?? [];
  const current = all.find((p) => p.id === pubId) ?? all[0];
  const mainOpen = all.some((p) => p.kind === 'main' && p.status === 'open');
  return (
    <Space orientation="vertical" style={{ width: '100%' }} size="middle">
      <Card title={<>{t('pub.title')}<RuleHint text={t('nav.hint.publication')} /></>} extra={picker} className="no-print">
        <Typography.Paragraph type="secondary">{t('pub.intro')}</Typography.Paragraph>
        <Descriptions size="small" column={1}>
          <Descriptions.Item label={t('pub.calendar.years')}>
            <Space wrap>
              {(cal.data?.years ?? []).map((y) => (
                <Tag key={y.year} color={y.source === 'loaded' ? 'blue' : 'default'}>
                  {y.year}
                  {y.source === 'loaded' ? t('pub.calendar.loadedTag') : ''}
                </Tag>
              ))}
              <CalendarLoad onLoaded={cal.reload} />
            </Space>
          </Descriptions.Item>
        </Descriptions>
        {basis.data && (
          <div style={{ marginTop: 12 }} data-testid="pub-basis" data-ok={basis.data.ok ? '1' : '0'}>
            {basis.data.ok ? (
              <Typography.Text>
                {t('pub.basis', { version: basis.data.version ?? 0, hash: (basis.data.hash ?? '').slice(0, 12), candidates: basis.data.candidates })}
              </Typography.Text>
            ) : (
              <Alert
                type="warning"
                showIcon
                title={basis.data.refusal ? te(basis.data.refusal) : null}
                action={
                  <Button size="small" onClick={() => navigate('/seal')} data-testid="pub-to-seal">
                    {t('pub.toSeal')}
                  </Button>
                }
              />
            )}
          </div>
        )}
        {!mainOpen && basis.data?.ok && (
          <Form layout="vertical" component="div" style={{ marginTop: 12 }} data-testid="pub-start-form">
            <Form.Item {...startItem} extra={t('pub.start.hint')}>
              <Space wrap>
                <DatePicker value={start ? dayjs(start) : null} onChange={(d) => void preview(d)} data-testid="pub-start" />
                {end && <Tag color="blue" data-testid="pub-end">{t('pub.end', { end })}</Tag>}
                <Button type="primary" disabled={!end} loading={startFe.busy} onClick={() => void open()} data-testid="pub-open">
                  {t('pub.open')}
                </Button>
              </Space>
            </Form.Item>
            <FormError text={startFe.general ?? previewError.general} testId="pub-error" />
          </Form>
        )}
      </Card>
      {all.length > 1 && (
        <Segmented
          className="no-print"
          value={current?.id}
          onChange={(v) => setPubId(v)}
          options={all.map((p) => ({ value: p.id, label: `${t(p.kind === 'supplement' ? 'pub.kind.supplement' : 'pub.kind.main')} ${p.startDate}–${p.endDate}` }))}
          data-testid="pub-picker"
        />
      )}
      {current && <PublicationCard key={current.id} pub={current} batchId={batchId!} reload={reloadAll} />}
      {batchId && all.length > 0 && (
        // remounted (and so re-read) whenever an objection's state changes: a decision may open a re-examination
        <RescoreCard
          key={all.map((p) => p.objections.map((o) => o.status).join()).join('|')}
          batchId={batchId}
          reload={reloadAll}
          sealed={basis.data?.ok ?? false}
          sealMessage={basis.data?.refusal ? te(basis.data.refusal) : null}
        />
      )}
    </Space>
  );
}

function PublicationCard({ pub, batchId, reload }: { pub: Publication; batchId: number; reload: () => Promise<void> }) {
  const { t } = useI18n();
  const confirmation = useQuery('results.confirmation', { publicationId: pub.id }, { skip: !pub.canConfirm });
  // each download's and the ending's refusal beside its own button
  const listFe = useFormErrors({});
  const confFe = useFormErrors({});
  const endFe = useFormErrors({});
  const download = async (form: 'publication' | 'confirmation') => {
    const r = await (form === 'publication' ? listFe : confFe).run(() => call('results.forms.xlsx', { batchId, form, publicationId: pub.id }));
    if (r.ok) downloadBase64(r.value.fileName, r.value.data);
  };
  const endNow = async () => {
    const r = await endFe.run(() => call('results.publication.end', { publicationId: pub.id }));
    if (r.ok) await reload();
  };
  const labels = [...new Set(pub.snapshot.flatMap((r) => r.subjects.map((s) => s.label)))];
  return (
    <>
      <Card
        title={`${pub.kind === 'supplement' ? `${t('pub.kind.supplement')} · ` : ''}${t('pub.period', { start: pub.startDate, end: pub.endDate })}${pub.version ? ` · ${t('pub.version', { version: pub.version })}` : ''}`}
        extra={
          <Space className="no-print">
            <Tag color={pub.status === 'open' ? 'blue' : 'default'}>{t(pub.status === 'open' ? 'pub.status.open' : 'pub.status.ended')}</Tag>
            <Button loading={listFe.busy} onClick={() => void download('publication')}>
              {t('results.form.publication')}
            </Button>
            <Button onClick={() => window.print()}>{t('print.print')}</Button>
          </Space>
        }
      >
        <div className="no-print">
          <FormError text={listFe.general} testId="pub-list-error" />
        </div>
        <h2 style={{ textAlign: 'center' }}>{t('pub.listTitle')}</h2>
        <Table
          size="small"
          pagination={false}
          rowKey="candidateId"
          dataSource={pub.snapshot}
          columns={[
            { title: t('pub.col.no'), render: (_: unknown, __, i) => i + 1, width: 50 },
            { title: t('results.col.name'), dataIndex: 'name' },
            { title: t('results.col.doc'), dataIndex: 'docMasked' },
            { title: t('results.col.occupation'), dataIndex: 'occupation' },
            { title: t('results.col.level'), dataIndex: 'level' },
            ...labels.map((l) => ({ title: l, key: l, render: (_: unknown, r: Publication['snapshot'][number]) => r.subjects.find((s) => s.label === l)?.result ?? '—' })),
            { title: t('pub.col.passed'), dataIndex: 'passed' },
          ]}
          data-testid="pub-list"
        />
      </Card>
      <Card title={t('pub.objections')} className="no-print">
        {pub.status === 'open' && <ObjectionForm pub={pub} reload={reload} />}
        <Table
          size="small"
          pagination={false}
          rowKey="id"
          dataSource={pub.objections}
          columns={[
            { title: t('pub.obj.candidate'), dataIndex: 'candidateName' },
            { title: t('pub.obj.raisedBy'), dataIndex: 'raisedBy' },
            { title: t('pub.obj.content'), dataIndex: 'content' },
            {
              title: t('pub.obj.handling'),
              render: (_: unknown, o) => {
                if (o.status === 'resolved')
                  return (
                    <Space orientation="vertical" size={0}>
                      <Typography.Text>{o.investigation}</Typography.Text>
                      <Typography.Text strong>
                        {o.decision}（{t(o.outcome === 'upheld' ? 'pub.obj.upheld' : 'pub.obj.rejected')}，{o.decidedBy}，{o.decidedAt ? new Date(o.decidedAt).toLocaleString() : ''}）
                      </Typography.Text>
                    </Space>
                  );
                return <ObjectionHandling objection={o} pub={pub} reload={reload} />;
              },
            },
          ]}
        />
        {pub.status === 'open' && pub.expired && (
          <>
            <Button style={{ marginTop: 12 }} loading={endFe.busy} onClick={() => void endNow()} data-testid="pub-end-now">
              {t('pub.endNow')}
            </Button>
            <FormError text={endFe.general} testId="pub-end-error" />
          </>
        )}
      </Card>
      {pub.canConfirm && confirmation.data && (
        <Card
          title={t('pub.confirmation')}
          extra={
            <Button loading={confFe.busy} onClick={() => void download('confirmation')} data-testid="confirmation-xlsx">
              {t('pub.confirmation.xlsx')}
            </Button>
          }
        >
          <div className="no-print">
            <FormError text={confFe.general} testId="confirmation-error" />
          </div>
          {confirmation.data.map((c, i) => (
            <Card key={i} size="small" style={{ marginBottom: 12, breakAfter: 'page' }}>
              <h2 style={{ textAlign: 'center' }}>{t('pub.confirmation')}</h2>
              <Descriptions bordered size="small" column={2}>
                <Descriptions.Item label={t('pub.conf.org')} span={2}>
                  {c.orgName}
                </Descriptions.Item>
                <Descriptions.Item label={t('pub.conf.plan')} span={2}>
                  {c.planCode}
                </Descriptions.Item>
                <Descriptions.Item label={t('pub.conf.occupation')}>{c.occupation}</Descriptions.Item>
                <Descriptions.Item label={t('pub.conf.level')}>{c.level}</Descriptions.Item>
              </Descriptions>
              <Typography.Paragraph style={{ marginTop: 12 }}>{c.names.join('、')}</Typography.Paragraph>
              <Typography.Paragraph strong data-testid="confirmation-sentence">
                {c.sentence}
              </Typography.Paragraph>
            </Card>
          ))}
        </Card>
      )}
      {!pub.canConfirm && pub.expired && <Alert type="warning" showIcon title={t('pub.confirmBlocked')} />}
    </>
  );
}

type Objection = Publication['objections'][number];

/** G5: an objection recorded: who raised it and what it says (both required), the candidate if it names one. */
function ObjectionForm({ pub, reload }: { pub: Publication; reload: () => Promise<void> }) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ candidateId?: number; raisedBy: string; content: string }>();
  const fe = useFormErrors({ candidateId: 'pub.obj.candidate', raisedBy: 'pub.obj.raisedBy', content: 'pub.obj.content' }, { 'publication.candidateNotFound': 'candidateId' });
  const ready = useFilled(form, ['raisedBy', 'content']);
  const record = async (v: { candidateId?: number; raisedBy: string; content: string }) => {
    const r = await fe.run(() => call('results.objection.record', { publicationId: pub.id, ...(v.candidateId ? { candidateId: v.candidateId } : {}), raisedBy: v.raisedBy, content: v.content }));
    if (!r.ok) return;
    form.resetFields();
    await reload();
  };
  return (
    <Form form={form} layout="vertical" onFinish={(v) => void record(v)} onValuesChange={(ch: object) => fe.touched(Object.keys(ch))} requiredMark={false} style={{ marginBottom: 12 }} data-testid="objection-form">
      <Space wrap align="start">
        <Form.Item name="candidateId" {...fe.item('candidateId')}>
          <Select
            showSearch
            allowClear
            style={{ width: 220 }}
            optionFilterProp="label"
            options={pub.snapshot.map((r) => ({ value: r.candidateId, label: r.name }))}
            data-testid="objection-candidate"
          />
        </Form.Item>
        <Form.Item name="raisedBy" {...fe.item('raisedBy')}>
          <Input style={{ width: 160 }} maxLength={100} data-testid="objection-raisedBy" />
        </Form.Item>
        <Form.Item name="content" {...fe.item('content')}>
          <Input.TextArea style={{ width: 360, maxWidth: '100%' }} rows={2} maxLength={2000} data-testid="objection-content" />
        </Form.Item>
      </Space>
      <Button htmlType="submit" disabled={!ready} loading={fe.busy} data-testid="objection-record">
        {t('pub.obj.record')}
      </Button>
      <FormError text={fe.general} testId="objection-error" />
    </Form>
  );
}

/** G5: an objection's investigation, then its decision (upheld or not, and the subject to examine again). */
function ObjectionHandling({ objection: o, pub, reload }: { objection: Objection; pub: Publication; reload: () => Promise<void> }) {
  const { t } = useI18n();
  const [investigation, setInvestigation] = useState('');
  const [decision, setDecision] = useState('');
  const [outcome, setOutcome] = useState<'upheld' | 'rejected' | undefined>(undefined);
  const [subjectId, setSubjectId] = useState<number | undefined>(undefined);
  const fe = useFormErrors(
    { investigation: 'pub.obj.investigation', decision: 'pub.obj.decision', outcome: 'pub.obj.outcome', subjectId: 'rescore.subject' },
    { 'results.rescoreNotSitting': 'subjectId', 'results.rescoreNoCandidate': 'subjectId', 'publication.rescoreOnlyUpheld': 'subjectId' },
  );
  const act = async (f: () => Promise<unknown>) => {
    const r = await fe.run(f);
    if (r.ok) await reload();
  };
  if (o.status === 'open')
    return (
      <Form layout="vertical" component="div" data-testid={`objection-investigate-${o.id}`}>
        <Form.Item {...fe.item('investigation')} style={{ marginBottom: 8 }}>
          <Input
            maxLength={2000}
            value={investigation}
            onChange={(e) => {
              setInvestigation(e.target.value);
              fe.touched(['investigation']);
            }}
            data-testid="objection-investigation"
          />
        </Form.Item>
        <Button disabled={investigation.trim() === ''} loading={fe.busy} onClick={() => void act(() => call('results.objection.investigate', { objectionId: o.id, investigation }))} data-testid="objection-investigate">
          {t('pub.obj.investigate')}
        </Button>
        <FormError text={fe.general} />
      </Form>
    );
  const subjects = (pub.snapshot.find((r) => r.candidateId === o.candidateId)?.subjects ?? []).filter((x) => x.subjectId !== undefined);
  return (
    <Form layout="vertical" component="div" data-testid={`objection-resolve-${o.id}`}>
      <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
        {o.investigation}
      </Typography.Paragraph>
      <Space wrap align="start">
        <Form.Item {...fe.item('decision')} style={{ marginBottom: 8 }}>
          <Input
            style={{ width: 220 }}
            maxLength={2000}
            value={decision}
            onChange={(e) => {
              setDecision(e.target.value);
              fe.touched(['decision']);
            }}
            data-testid="objection-decision"
          />
        </Form.Item>
        <Form.Item {...fe.item('outcome')} style={{ marginBottom: 8 }}>
          <Radio.Group
            value={outcome}
            onChange={(e) => {
              setOutcome(e.target.value as 'upheld' | 'rejected');
              fe.touched(['outcome', 'subjectId']);
            }}
          >
            <Radio value="upheld">{t('pub.obj.upheld')}</Radio>
            <Radio value="rejected">{t('pub.obj.rejected')}</Radio>
          </Radio.Group>
        </Form.Item>
        {outcome === 'upheld' && o.candidateId !== null && (
          <Form.Item {...fe.item('subjectId')} style={{ marginBottom: 8 }}>
            <Select
              allowClear
              style={{ width: 200 }}
              value={subjectId}
              onChange={(v: number | undefined) => {
                setSubjectId(v);
                fe.touched(['subjectId']);
              }}
              options={subjects.map((x) => ({ value: x.subjectId!, label: `${x.label}（${x.result}）` }))}
              data-testid="rescore-subject"
            />
          </Form.Item>
        )}
      </Space>
      <Button
        type="primary"
        disabled={!outcome || decision.trim() === ''}
        loading={fe.busy}
        onClick={() =>
          void act(() =>
            call('results.objection.resolve', {
              objectionId: o.id,
              decision,
              outcome: outcome ?? 'rejected',
              ...(outcome === 'upheld' && subjectId ? { subjectId } : {}),
            }),
          )
        }
        data-testid="objection-resolve"
      >
        {t('pub.obj.resolve')}
      </Button>
      <FormError text={fe.general} />
    </Form>
  );
}

type Rescore = OutputOf<'results.rescore.list'>[number];

/** G5: the re-examinations upheld objections opened, theory corrections (G4), and the supplementary publication (G5). */
function RescoreCard({ batchId, reload, sealed, sealMessage }: { batchId: number; reload: () => Promise<void>; sealed: boolean; sealMessage: string | null }) {
  const { t } = useI18n();
  const list = useQuery('results.rescore.list', { batchId }, { refreshMs: 20_000 });
  const [start, setStart] = useState<string | null>(null);
  // G5: a supplementary start the calendar cannot count from is refused under its date
  const supplementFe = useFormErrors({ startDate: 'rescore.supplementStart' }, START_REASONS);
  const reloadAll = async () => {
    await Promise.all([list.reload(), reload()]);
  };
  const supplement = async () => {
    if (!start) return;
    const r = await supplementFe.run(() => call('results.publication.supplement', { batchId, startDate: start }));
    if (r.ok) await reloadAll();
  };
  const rows = list.data ?? [];
  if (!rows.length) return null;
  const waiting = rows.some((r) => r.status === 'done' && r.republishedIn === null);
  return (
    <Card title={t('rescore.title')} className="no-print" data-testid="rescore-card">
      <Typography.Paragraph type="secondary">{t('rescore.intro')}</Typography.Paragraph>
      <Table<Rescore>
        size="small"
        pagination={false}
        rowKey="id"
        dataSource={rows}
        columns={[
          { title: t('rescore.col.candidate'), render: (_: unknown, r) => `${r.candidateName} · ${r.ticketNo}` },
          { title: t('rescore.col.subject'), render: (_: unknown, r) => `${t(kindKey(r.kind))}${r.round ? ` · ${t('rescore.round', { round: r.round })}` : ''}` },
          { title: t('rescore.col.before'), dataIndex: 'scoreBefore', render: (v: number | null) => (v === null ? '—' : v.toFixed(1)) },
          { title: t('rescore.col.after'), dataIndex: 'scoreAfter', render: (v: number | null) => (v === null ? '—' : v.toFixed(1)) },
          {
            title: t('rescore.col.state'),
            render: (_: unknown, r) => {
              const state = r.status === 'open' ? 'open' : r.republishedIn === null ? 'done' : 'republished';
              const tag = (
                <Tag color={state === 'open' ? 'orange' : state === 'done' ? 'blue' : 'green'} data-testid={`rescore-state-${r.id}`}>
                  {t(`rescore.state.${state}`)}
                </Tag>
              );
              if (r.status !== 'open' || r.round !== null) return tag;
              return (
                <Space wrap align="start">
                  {tag}
                  <CorrectionEntry row={r} onDone={reloadAll} />
                </Space>
              );
            },
          },
        ]}
      />
      {waiting && !sealed && (
        // S9/G5: the changed results are published again from the amended sealed version
        <Alert
          style={{ marginTop: 12 }}
          type="warning"
          showIcon
          title={sealMessage ?? t('rescore.sealFirst')}
          data-testid="rescore-seal-first"
          action={
            <Button size="small" onClick={() => navigate('/seal')}>
              {t('pub.toSeal')}
            </Button>
          }
        />
      )}
      {waiting && sealed && (
        <Form layout="vertical" component="div" style={{ marginTop: 12 }} data-testid="supplement-form">
          <Typography.Paragraph strong>{t('rescore.supplement')}</Typography.Paragraph>
          <Form.Item {...supplementFe.item('startDate')}>
            <Space wrap>
              <DatePicker
                onChange={(d) => {
                  setStart(d ? d.format('YYYY-MM-DD') : null);
                  supplementFe.touched(['startDate']);
                }}
                data-testid="supplement-start"
              />
              <Button type="primary" disabled={!start} loading={supplementFe.busy} onClick={() => void supplement()} data-testid="supplement-open">
                {t('rescore.supplementOpen')}
              </Button>
            </Space>
          </Form.Item>
          <FormError text={supplementFe.general} testId="rescore-error" />
        </Form>
      )}
    </Card>
  );
}

/** G4: a theory correction typed by a score clerk (twice, by two clerks); a mismatch settled with a note. */
function CorrectionEntry({ row: r, onDone }: { row: Rescore; onDone: () => Promise<void> }) {
  const { t } = useI18n();
  const [score, setScore] = useState<number | null>(null);
  const [note, setNote] = useState('');
  const fe = useFormErrors({ score: 'rescore.score', note: 'rescore.settleNote' }, { 'results.correctionRange': 'score', 'results.correctionNote': 'note' });
  const mismatch = r.entries.length === 2 && r.entries[0]!.score !== r.entries[1]!.score;
  const send = async () => {
    if (score === null) return;
    const res = await fe.run<unknown>(() => (mismatch ? call('results.rescore.settle', { rescoreId: r.id, score, note }) : call('results.rescore.enter', { rescoreId: r.id, score })));
    if (!res.ok) return;
    setScore(null);
    setNote('');
    await onDone();
  };
  return (
    <Form layout="vertical" component="div" data-testid={`correction-${r.id}`}>
      {r.entries.length > 0 && <Typography.Paragraph type="secondary">{t('rescore.entries', { list: r.entries.map((e) => `${e.clerk} ${e.score}`).join('；') })}</Typography.Paragraph>}
      <Space wrap align="start">
        <Form.Item {...fe.item('score')} style={{ marginBottom: 8 }}>
          <InputNumber
            min={0}
            max={100}
            step={0.5}
            value={score}
            onChange={(x) => {
              setScore(x ?? null);
              fe.touched(['score']);
            }}
            data-testid={`correction-score-${r.id}`}
          />
        </Form.Item>
        {mismatch && (
          <Form.Item {...fe.item('note')} style={{ marginBottom: 8 }}>
            <Input
              style={{ width: 200 }}
              maxLength={1000}
              value={note}
              onChange={(e) => {
                setNote(e.target.value);
                fe.touched(['note']);
              }}
              data-testid={`correction-note-${r.id}`}
            />
          </Form.Item>
        )}
      </Space>
      <Button disabled={score === null} loading={fe.busy} onClick={() => void send()} data-testid={`correction-submit-${r.id}`}>
        {t(mismatch ? 'rescore.settle' : 'rescore.enter')}
      </Button>
      <FormError text={fe.general} />
    </Form>
  );
}
