// One examiner's score sheet (G3, S5, S9) on a tablet: every item with its maximum, big targets,
// the total computed, nothing blank without a deliberate 0 or 缺项. Drafts are kept on the device as
// they are typed (sheetDraft.ts, until the sheet is signed) and saved on the server when it answers,
// so a lost connection or a reload loses nothing. Submitting asks for the examiner's PIN (checked by
// the server, never kept); a submit carries a key made once on the device, so a retry after a lost
// answer is the same sheet.
import { Alert, App, Button, Card, Descriptions, Form, Input, InputNumber, Modal, Result, Space, Table, Tag, Typography } from 'antd';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { OutputOf } from '../../../../electron/commands/api';
import { call } from '../../api/client';
import { errorData, useQuery } from '../../api/hooks';
import { FormError, useFormErrors } from '../../components/useFormErrors';
import { useI18n } from '../../i18n';
import { navigate, usePath } from '../../router';
import { useSession } from '../../session';
import { dropDraft, isOfflineError, loadDraft, newSubmitKey, storeDraft, type DraftKey } from './sheetDraft';

interface Entry {
  itemId: number;
  points: number | null;
  missing: boolean;
}
type Sheet = OutputOf<'scoring.sheet.get'>;

const round1 = (x: number) => Math.round(x * 10 + 1e-9) / 10;

export function SheetPage() {
  const path = usePath();
  const [, , , cand, subj] = path.split('/');
  const candidateId = Number(cand);
  const subjectId = Number(subj);
  const { session } = useSession();
  const { te } = useI18n();
  const sheet = useQuery('scoring.sheet.get', { candidateId, subjectId }, { skip: !candidateId || !subjectId });
  if (sheet.error) return <Alert type="error" showIcon title={te(sheet.error)} />;
  if (!sheet.data) return null;
  const draftKey: DraftKey = { staffId: session.actor.staffId, candidateId, subjectId, round: sheet.data.round };
  return <SheetForm key={JSON.stringify(draftKey)} draftKey={draftKey} sheet={sheet.data} reload={sheet.reload} />;
}

type SaveState = 'saved' | 'saving' | 'local' | 'offline';

/** The entries to start from: the device's draft (not yet signed) over the server's, item by item. */
function initialEntries(sheet: Sheet, draftKey: DraftKey, locked: boolean) {
  const fromServer = new Map((sheet.mine?.entries ?? []).map((e) => [e.itemId, e]));
  const draft = locked ? null : loadDraft(draftKey);
  if (locked) dropDraft(draftKey);
  const local = new Map((draft?.entries ?? []).map((e) => [e.itemId, e]));
  const entries = sheet.standard.map((i) => local.get(i.id) ?? fromServer.get(i.id) ?? { itemId: i.id, points: null, missing: false });
  const restored = draft !== null && draft.entries.some((e) => {
    const s = fromServer.get(e.itemId);
    return (s?.points ?? null) !== e.points || (s?.missing ?? false) !== e.missing;
  });
  return { entries, restored, submitKey: draft?.submitKey ?? null };
}

function SheetForm({ sheet, draftKey, reload }: { sheet: Sheet; draftKey: DraftKey; reload: () => Promise<void> }) {
  const { t, te } = useI18n();
  const { message } = App.useApp();
  // E4/E6: an absent or voided candidate is shown, never scored; a withdrawn sheet stays locked (S5)
  const locked = (sheet.mine !== null && sheet.mine.status !== 'draft') || sheet.blocked !== null;
  const [start] = useState(() => initialEntries(sheet, draftKey, locked));
  const [entries, setEntries] = useState<Entry[]>(start.entries);
  const [saveState, setSaveState] = useState<SaveState>(start.restored ? 'local' : 'saved');
  const [error, setError] = useState<string | null>(null);
  const [pinOpen, setPinOpen] = useState(false);
  const [pin, setPin] = useState('');
  // S9: a wrong PIN is refused under the PIN, in the signing dialog; the rest beside its button
  const fe = useFormErrors({ pin: 'scoring.sheet.pinLabel' }, { PIN_WRONG: 'pin', PIN_LOCKED: 'pin' });
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  /** the key of the submit being tried: kept with the draft, so a retry (even after a reload) is the same sheet */
  const submitKey = useRef<string | null>(start.submitKey);
  const latest = useRef<Entry[]>(start.entries);
  /** the entries the server last confirmed (the connection's return saves only what it lacks) */
  const onServer = useRef<Entry[] | null>(start.restored ? null : start.entries);

  const total = useMemo(() => round1(entries.reduce((s, e) => s + (e.missing ? 0 : (e.points ?? 0)), 0)), [entries]);
  const blanks = entries.filter((e) => !e.missing && e.points === null).length;

  const save = useCallback(
    async (next: Entry[]) => {
      setSaveState('saving');
      try {
        await call('scoring.sheet.save', { candidateId: sheet.candidate.id, subjectId: sheet.subjectId, entries: next });
        onServer.current = next;
        setSaveState(latest.current === next ? 'saved' : 'local');
      } catch (e) {
        const data = errorData(e);
        // offline: the draft stays on the device and is saved when the connection returns
        if (isOfflineError(data.reason)) setSaveState('offline');
        else {
          setSaveState('local');
          setError(te(data));
        }
      }
    },
    [sheet.candidate.id, sheet.subjectId, te],
  );

  const change = (itemId: number, patch: Partial<Entry>) => {
    const next = latest.current.map((e) => (e.itemId === itemId ? { ...e, ...patch } : e));
    latest.current = next;
    // another entry is another sheet: a new key at the next submit
    submitKey.current = null;
    storeDraft(draftKey, next, null);
    setEntries(next);
    setSaveState('local');
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => void save(next), 500);
  };
  useEffect(() => () => void (timer.current && clearTimeout(timer.current)), []);
  // a draft restored from the device goes to the server; when the connection returns, so does the latest
  useEffect(() => {
    if (locked) return;
    if (start.restored) void save(latest.current);
    const back = () => {
      if (onServer.current !== latest.current) void save(latest.current);
    };
    window.addEventListener('online', back);
    return () => window.removeEventListener('online', back);
  }, [locked, start.restored, save]);

  const submit = async () => {
    if (pin.length === 0 || fe.busy) return;
    if (timer.current) clearTimeout(timer.current);
    const key = submitKey.current ?? newSubmitKey();
    submitKey.current = key;
    storeDraft(draftKey, entries, key);
    let offline = false;
    const r = await fe.run(async () => {
      try {
        return await call('scoring.sheet.submit', { candidateId: sheet.candidate.id, subjectId: sheet.subjectId, entries, pin, submitKey: key });
      } catch (e) {
        offline = isOfflineError(errorData(e).reason);
        throw e;
      }
    });
    // the PIN never stays on screen after an attempt
    setPin('');
    if (!r.ok && offline) {
      // offline: the dialog closes; the page says the sheet waits on the device (the draft is kept)
      fe.clear();
      setSaveState('offline');
      setError(t('scoring.sheet.offlineSubmit'));
      setPinOpen(false);
      return;
    }
    if (!r.ok) return;
    dropDraft(draftKey);
    setError(null);
    setPinOpen(false);
    void message.success(t('scoring.sheet.signed'));
    await reload();
  };
  const closePin = () => {
    setPinOpen(false);
    setPin('');
    fe.clear();
  };

  if (sheet.standard.length === 0) return <Result status="warning" title={t('scoring.sheet.noStandard')} />;

  return (
    <Space orientation="vertical" style={{ width: '100%', maxWidth: 900 }} size="middle">
      <Space wrap>
        <Button size="large" onClick={() => navigate('/scoring')}>
          {t('scoring.sheet.back')}
        </Button>
        <Typography.Title level={4} style={{ margin: 0 }} data-testid="sheet-candidate">
          {sheet.candidate.name} · {sheet.candidate.ticketNo}
        </Typography.Title>
        {sheet.round > 1 && (
          <Tag color="purple" data-testid="sheet-round">
            {t('rescore.round', { round: sheet.round })}
          </Tag>
        )}
        {sheet.blocked ? (
          <Tag color="red">{t(`scoring.blocked.${sheet.blocked}`)}</Tag>
        ) : locked ? (
          <Tag color="green">{t('scoring.sheet.locked')}</Tag>
        ) : (
          <Tag color={saveState === 'saved' ? 'blue' : saveState === 'offline' ? 'red' : 'orange'} data-testid="sheet-save-state">
            {t(`scoring.sheet.save.${saveState}`)}
          </Tag>
        )}
      </Space>
      {start.restored && !locked && <Alert type="info" showIcon title={t('scoring.sheet.restored')} data-testid="sheet-restored" />}
      {error && <Alert type="error" showIcon title={error} closable onClose={() => setError(null)} data-testid="sheet-error" />}
      {sheet.blocked && <Alert type="warning" showIcon title={t(`scoring.blocked.${sheet.blocked}`)} description={t('scoring.blocked.intro')} data-testid="sheet-blocked" />}
      {sheet.mine?.status === 'withdrawn' && <Alert type="info" showIcon title={t('scoring.withdraw.mine')} data-testid="sheet-withdrawn" />}
      {sheet.standard.map((item, idx) => {
        const e = entries[idx]!;
        const blank = !e.missing && e.points === null;
        return (
          <Card key={item.id} size="small" style={{ borderColor: blank && !locked ? '#faad14' : undefined }} data-testid={`item-${item.position}`}>
            <Space style={{ width: '100%', justifyContent: 'space-between' }} wrap>
              <Space orientation="vertical" size={0}>
                <Typography.Text strong style={{ fontSize: 18 }}>
                  {item.position}. {item.name} {item.safety && <Tag color="red">{t('scoring.sheet.safety')}</Tag>}
                </Typography.Text>
                {item.criteria && <Typography.Text type="secondary">{item.criteria}</Typography.Text>}
                <Typography.Text>{t('scoring.sheet.max', { max: item.maxPoints })}</Typography.Text>
              </Space>
              <Space wrap>
                <InputNumber
                  size="large"
                  style={{ width: 130, fontSize: 22 }}
                  min={0}
                  max={item.maxPoints}
                  step={0.5}
                  precision={1}
                  disabled={locked || e.missing}
                  value={e.missing ? null : e.points}
                  placeholder={t('scoring.sheet.points')}
                  onChange={(v) => change(item.id, { points: v === null ? null : Number(v), missing: false })}
                  aria-label={t('scoring.sheet.pointsFor', { name: item.name })}
                  inputMode="decimal"
                />
                <Button size="large" disabled={locked} onClick={() => change(item.id, { points: 0, missing: false })} data-testid={`zero-${item.position}`}>
                  {t('scoring.sheet.zero')}
                </Button>
                <Button size="large" disabled={locked} type={e.missing ? 'primary' : 'default'} danger={e.missing} onClick={() => change(item.id, { missing: !e.missing, points: null })}>
                  {t('scoring.sheet.missing')}
                </Button>
                <Button size="large" disabled={locked} onClick={() => change(item.id, { points: item.maxPoints, missing: false })} data-testid={`full-${item.position}`}>
                  {t('scoring.sheet.full')}
                </Button>
              </Space>
            </Space>
          </Card>
        );
      })}
      <Card style={{ position: 'sticky', bottom: 0, zIndex: 2 }}>
        <Space style={{ width: '100%', justifyContent: 'space-between' }} wrap>
          <Typography.Title level={3} style={{ margin: 0 }} data-testid="sheet-total">
            {t('scoring.sheet.total', { total: total.toFixed(1) })}
          </Typography.Title>
          {!locked && (
            <Space>
              {blanks > 0 && <Typography.Text type="warning">{t('scoring.sheet.blanks', { n: blanks })}</Typography.Text>}
              <Button type="primary" size="large" style={{ height: 56, minWidth: 180, fontSize: 18 }} disabled={blanks > 0} onClick={() => setPinOpen(true)} data-testid="sheet-submit">
                {t('scoring.sheet.submit')}
              </Button>
            </Space>
          )}
        </Space>
      </Card>
      <Card title={t('scoring.sheet.panel')} size="small">
        <Space wrap>
          {sheet.panel.map((m) => (
            <Tag key={m.staffId} color={m.submitted ? 'green' : 'default'}>
              {m.name}
              {m.role === 'chief_examiner' ? `（${t('role.chief_examiner')}）` : ''} {m.submitted ? t('scoring.sheet.hasSubmitted') : t('scoring.sheet.notYet')}
            </Tag>
          ))}
        </Space>
        {sheet.complete ? (
          <Table
            style={{ marginTop: 12 }}
            size="small"
            pagination={false}
            rowKey="id"
            dataSource={[...(sheet.mine ? [sheet.mine] : []), ...sheet.others]}
            columns={[
              { title: t('scoring.col.examiner'), dataIndex: 'examinerName' },
              { title: t('scoring.col.total'), dataIndex: 'total' },
              { title: t('scoring.col.submittedAt'), dataIndex: 'submittedAt', render: (v: string) => new Date(v).toLocaleTimeString() },
            ]}
            data-testid="panel-sheets"
          />
        ) : (
          <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
            {t('scoring.sheet.independent')}
          </Typography.Paragraph>
        )}
      </Card>
      <Modal
        open={pinOpen}
        title={t('scoring.sheet.signTitle')}
        okText={t('scoring.sheet.sign')}
        onOk={() => void submit()}
        onCancel={closePin}
        okButtonProps={{ size: 'large', disabled: pin.length === 0, loading: fe.busy, ...{ 'data-testid': 'sheet-sign' } }}
        destroyOnHidden
      >
        <Descriptions column={1} size="small">
          <Descriptions.Item label={t('scoring.col.candidate')}>{sheet.candidate.name}</Descriptions.Item>
          <Descriptions.Item label={t('scoring.col.total')}>{total.toFixed(1)}</Descriptions.Item>
        </Descriptions>
        <Typography.Paragraph>{t('scoring.sheet.signIntro')}</Typography.Paragraph>
        <Form layout="vertical" component="div" data-testid="sheet-sign-form">
          <Form.Item {...fe.item('pin')} style={{ marginBottom: 8 }}>
            <Input.Password
              size="large"
              inputMode="numeric"
              autoComplete="off"
              autoFocus
              maxLength={64}
              value={pin}
              onChange={(e) => {
                setPin(e.target.value);
                fe.touched(['pin']);
              }}
              onPressEnter={() => void submit()}
              data-testid="sheet-pin"
            />
          </Form.Item>
        </Form>
        <FormError text={fe.general} testId="sheet-sign-error" />
      </Modal>
    </Space>
  );
}
