// G5: publication (公示) for five working days on the Chinese calendar; the calendar takes a new
// year's official schedule as a file; objections are recorded, investigated and decided by name;
// the 公示结果确认单 once the period has ended with none open.
import { Alert, Button, Card, DatePicker, Descriptions, Empty, Input, InputNumber, Radio, Segmented, Select, Space, Table, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import type { OutputOf } from '../../../../electron/commands/api';
import { call } from '../../api/client';
import { errorData, useQuery } from '../../api/hooks';
import { useI18n } from '../../i18n';
import { navigate } from '../../router';
import { downloadBase64, kindKey, useResultsBatch } from './common';
import './print.css';
import { RuleHint } from '../../components/RuleHint';
import { CalendarLoad } from './CalendarLoad';

type Publication = OutputOf<'results.publication.list'>[number];

export function PublicationPage() {
  const { t, te } = useI18n();
  const { batchId, picker, loading } = useResultsBatch();
  const cal = useQuery('results.calendar.status', {});
  const pubs = useQuery('results.publication.list', { batchId: batchId ?? 0 }, { skip: !batchId });
  // S9: what is published is the sealed version; before the seal the page says so and leads there
  const basis = useQuery('results.publication.basis', { batchId: batchId ?? 0 }, { skip: !batchId });
  const [start, setStart] = useState<string | null>(null);
  const [end, setEnd] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pubId, setPubId] = useState<number | null>(null);

  const preview = async (d: Dayjs | null) => {
    const s = d ? d.format('YYYY-MM-DD') : null;
    setStart(s);
    setEnd(null);
    if (!s || !batchId) return;
    try {
      setEnd((await call('results.publication.preview', { batchId, startDate: s })).endDate);
      setError(null);
    } catch (e) {
      setError(te(errorData(e)));
    }
  };
  const open = async () => {
    if (!batchId || !start) return;
    try {
      await call('results.publication.open', { batchId, startDate: start });
      setError(null);
      await Promise.all([pubs.reload(), basis.reload()]);
    } catch (e) {
      setError(te(errorData(e)));
    }
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
        {error && <Alert type="error" showIcon title={error} closable onClose={() => setError(null)} style={{ marginBottom: 12 }} data-testid="pub-error" />}
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
          <Space wrap style={{ marginTop: 12 }}>
            <Typography.Text>{t('pub.start')}</Typography.Text>
            <DatePicker value={start ? dayjs(start) : null} onChange={(d) => void preview(d)} data-testid="pub-start" />
            {end && <Tag color="blue" data-testid="pub-end">{t('pub.end', { end })}</Tag>}
            <Button type="primary" disabled={!end} onClick={() => void open()} data-testid="pub-open">
              {t('pub.open')}
            </Button>
          </Space>
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
  const { t, te } = useI18n();
  const [error, setError] = useState<string | null>(null);
  const [form, setForm] = useState<{ candidateId?: number; raisedBy: string; content: string }>({ raisedBy: '', content: '' });
  const [notes, setNotes] = useState<Record<number, { investigation?: string; decision?: string; outcome?: 'upheld' | 'rejected'; subjectId?: number }>>({});
  const confirmation = useQuery('results.confirmation', { publicationId: pub.id }, { skip: !pub.canConfirm });
  const act = async (f: () => Promise<unknown>) => {
    try {
      await f();
      setError(null);
      await reload();
    } catch (e) {
      setError(te(errorData(e)));
    }
  };
  const download = async (form: 'publication' | 'confirmation') => {
    try {
      const f = await call('results.forms.xlsx', { batchId, form, publicationId: pub.id });
      downloadBase64(f.fileName, f.data);
    } catch (e) {
      setError(te(errorData(e)));
    }
  };
  const labels = [...new Set(pub.snapshot.flatMap((r) => r.subjects.map((s) => s.label)))];
  return (
    <>
      <Card
        title={`${pub.kind === 'supplement' ? `${t('pub.kind.supplement')} · ` : ''}${t('pub.period', { start: pub.startDate, end: pub.endDate })}${pub.version ? ` · ${t('pub.version', { version: pub.version })}` : ''}`}
        extra={
          <Space className="no-print">
            <Tag color={pub.status === 'open' ? 'blue' : 'default'}>{t(pub.status === 'open' ? 'pub.status.open' : 'pub.status.ended')}</Tag>
            <Button onClick={() => void download('publication')}>{t('results.form.publication')}</Button>
            <Button onClick={() => window.print()}>{t('print.print')}</Button>
          </Space>
        }
      >
        {error && <Alert className="no-print" type="error" showIcon title={error} closable onClose={() => setError(null)} style={{ marginBottom: 12 }} />}
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
        {pub.status === 'open' && (
          <Space wrap style={{ marginBottom: 12 }}>
            <Select
              showSearch
              allowClear
              style={{ width: 220 }}
              placeholder={t('pub.obj.candidate')}
              optionFilterProp="label"
              value={form.candidateId}
              onChange={(v: number | undefined) => setForm({ ...form, candidateId: v })}
              options={pub.snapshot.map((r) => ({ value: r.candidateId, label: r.name }))}
            />
            <Input style={{ width: 160 }} placeholder={t('pub.obj.raisedBy')} value={form.raisedBy} onChange={(e) => setForm({ ...form, raisedBy: e.target.value })} />
            <Input style={{ width: 360 }} placeholder={t('pub.obj.content')} value={form.content} onChange={(e) => setForm({ ...form, content: e.target.value })} />
            <Button onClick={() => void act(() => call('results.objection.record', { publicationId: pub.id, ...form }))}>{t('pub.obj.record')}</Button>
          </Space>
        )}
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
                const n = notes[o.id] ?? {};
                const set = (p: typeof n) => setNotes({ ...notes, [o.id]: { ...n, ...p } });
                return o.status === 'open' ? (
                  <Space.Compact>
                    <Input placeholder={t('pub.obj.investigation')} value={n.investigation ?? ''} onChange={(e) => set({ investigation: e.target.value })} />
                    <Button onClick={() => void act(() => call('results.objection.investigate', { objectionId: o.id, investigation: n.investigation ?? '' }))}>{t('pub.obj.investigate')}</Button>
                  </Space.Compact>
                ) : (
                  <Space wrap>
                    <Typography.Text type="secondary">{o.investigation}</Typography.Text>
                    <Input style={{ width: 220 }} placeholder={t('pub.obj.decision')} value={n.decision ?? ''} onChange={(e) => set({ decision: e.target.value })} />
                    <Radio.Group value={n.outcome} onChange={(e) => set({ outcome: e.target.value as 'upheld' | 'rejected' })}>
                      <Radio value="upheld">{t('pub.obj.upheld')}</Radio>
                      <Radio value="rejected">{t('pub.obj.rejected')}</Radio>
                    </Radio.Group>
                    {n.outcome === 'upheld' && o.candidateId !== null && (
                      <Select
                        allowClear
                        style={{ width: 200 }}
                        placeholder={t('rescore.subject')}
                        value={n.subjectId}
                        onChange={(v: number | undefined) => set({ subjectId: v })}
                        options={(pub.snapshot.find((r) => r.candidateId === o.candidateId)?.subjects ?? [])
                          .filter((x) => x.subjectId !== undefined)
                          .map((x) => ({ value: x.subjectId!, label: `${x.label}（${x.result}）` }))}
                        data-testid="rescore-subject"
                      />
                    )}
                    <Button
                      type="primary"
                      disabled={!n.outcome}
                      onClick={() =>
                        void act(() =>
                          call('results.objection.resolve', {
                            objectionId: o.id,
                            decision: n.decision ?? '',
                            outcome: n.outcome ?? 'rejected',
                            ...(n.outcome === 'upheld' && n.subjectId ? { subjectId: n.subjectId } : {}),
                          }),
                        )
                      }
                    >
                      {t('pub.obj.resolve')}
                    </Button>
                  </Space>
                );
              },
            },
          ]}
        />
        {pub.status === 'open' && pub.expired && (
          <Button style={{ marginTop: 12 }} onClick={() => void act(() => call('results.publication.end', { publicationId: pub.id }))}>
            {t('pub.endNow')}
          </Button>
        )}
      </Card>
      {pub.canConfirm && confirmation.data && (
        <Card title={t('pub.confirmation')} extra={<Button onClick={() => void download('confirmation')} data-testid="confirmation-xlsx">{t('pub.confirmation.xlsx')}</Button>}>
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

type Rescore = OutputOf<'results.rescore.list'>[number];

/** G5: the re-examinations upheld objections opened, theory corrections (G4), and the supplementary publication (G5). */
function RescoreCard({ batchId, reload, sealed, sealMessage }: { batchId: number; reload: () => Promise<void>; sealed: boolean; sealMessage: string | null }) {
  const { t, te } = useI18n();
  const list = useQuery('results.rescore.list', { batchId }, { refreshMs: 20_000 });
  const [error, setError] = useState<string | null>(null);
  const [scores, setScores] = useState<Record<number, { score?: number; note?: string }>>({});
  const [start, setStart] = useState<string | null>(null);
  const act = async (f: () => Promise<unknown>) => {
    try {
      await f();
      setError(null);
      await Promise.all([list.reload(), reload()]);
    } catch (e) {
      setError(te(errorData(e)));
    }
  };
  const rows = list.data ?? [];
  if (!rows.length) return null;
  const waiting = rows.some((r) => r.status === 'done' && r.republishedIn === null);
  return (
    <Card title={t('rescore.title')} className="no-print" data-testid="rescore-card">
      <Typography.Paragraph type="secondary">{t('rescore.intro')}</Typography.Paragraph>
      {error && <Alert type="error" showIcon title={error} closable onClose={() => setError(null)} style={{ marginBottom: 12 }} data-testid="rescore-error" />}
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
              const v = scores[r.id] ?? {};
              const mismatch = r.entries.length === 2 && r.entries[0]!.score !== r.entries[1]!.score;
              return (
                <Space wrap>
                  {tag}
                  {r.entries.length > 0 && <Typography.Text type="secondary">{t('rescore.entries', { list: r.entries.map((e) => `${e.clerk} ${e.score}`).join('；') })}</Typography.Text>}
                  <InputNumber min={0} max={100} step={0.5} placeholder={t('rescore.score')} value={v.score ?? null} onChange={(x) => setScores({ ...scores, [r.id]: { ...v, score: x ?? undefined } })} />
                  {mismatch ? (
                    <>
                      <Input style={{ width: 200 }} placeholder={t('rescore.settleNote')} value={v.note ?? ''} onChange={(e) => setScores({ ...scores, [r.id]: { ...v, note: e.target.value } })} />
                      <Button onClick={() => void act(() => call('results.rescore.settle', { rescoreId: r.id, score: v.score ?? -1, note: v.note ?? '' }))}>{t('rescore.settle')}</Button>
                    </>
                  ) : (
                    <Button onClick={() => void act(() => call('results.rescore.enter', { rescoreId: r.id, score: v.score ?? -1 }))}>{t('rescore.enter')}</Button>
                  )}
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
        <Space wrap style={{ marginTop: 12 }}>
          <Typography.Text strong>{t('rescore.supplement')}</Typography.Text>
          <DatePicker onChange={(d) => setStart(d ? d.format('YYYY-MM-DD') : null)} data-testid="supplement-start" />
          <Button type="primary" disabled={!start} onClick={() => void act(() => call('results.publication.supplement', { batchId, startDate: start ?? '' }))} data-testid="supplement-open">
            {t('rescore.supplementOpen')}
          </Button>
        </Space>
      )}
    </Card>
  );
}
