// The draw: options, the run, the record (seed, status, confirm, verify), the result per session
// and room, manual changes. The projector view is DrawScreenPage.
import { Alert, App, Button, Card, Checkbox, Empty, Form, Input, InputNumber, Radio, Select, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import type { DrawProblem, ErrorData, OutputOf } from '../../../../electron/commands/api';
import { call } from '../../api/client';
import { errorData, useQuery } from '../../api/hooks';
import { useI18n } from '../../i18n';
import { navigate } from '../../router';
import { ChangeModal } from './ChangeModal';
import { ConfirmModal } from './ConfirmModal';
import { useBatch } from './useBatch';
import { describeDrawIssue, describePeople, describeProblem } from './wording';
import { RuleHint } from '../../components/RuleHint';
import { useFormErrors, type FieldLabels, type ReasonFields } from '../../components/useFormErrors';

type Board = OutputOf<'draw.board'>;
type Session = Board['sessions'][number];
type Room = Session['rooms'][number];
type Verify = OutputOf<'draw.verify'>;
type Relaxed = OutputOf<'draw.run'>['relaxed'];

const names = (ps: { name: string }[]) => ps.map((p) => p.name).join('、');

const RUN_LABELS: FieldLabels = { scope: 'draw.scope', sessionIds: 'draw.sessions', panelSize: 'draw.panelSize', reason: 'draw.redraw.reason' };
/** S2: a redraw without its reason is refused under 重新抽签原因; sessions no longer in the plan under 场次 */
const RUN_REASONS: ReasonFields = { 'draw.redrawReason': 'reason', 'draw.sessionsNotFound': 'sessionIds' };

export function DrawPage() {
  const { t, te, lang } = useI18n();
  const { message } = App.useApp();
  const { batchId, picker, loading } = useBatch();
  const board = useQuery('draw.board', { batchId: batchId ?? 0 }, { skip: !batchId });
  const duty = useQuery('draw.duty.list', { batchId: batchId ?? 0 }, { skip: !batchId });
  const [scope, setScope] = useState<'day' | 'sessions'>('day');
  const [sessionIds, setSessionIds] = useState<number[]>([]);
  const [avoidSameUnit, setAvoidSameUnit] = useState(false);
  const [panelSize, setPanelSize] = useState(3);
  const fe = useFormErrors(RUN_LABELS, RUN_REASONS);
  const [failure, setFailure] = useState<ErrorData | null>(null);
  const [verifyError, setVerifyError] = useState<string | null>(null);
  const [relaxed, setRelaxed] = useState<Relaxed | null>(null);
  const [verify, setVerify] = useState<Verify | null>(null);
  const [confirming, setConfirming] = useState<number | null>(null);
  const [changing, setChanging] = useState<{ session: Session; room: Room } | null>(null);
  const [reason, setReason] = useState('');
  const data = board.data;
  // S2: sessions already drawn (in force or awaiting a redraw's confirmation) need a reason to be drawn again
  const chosen = (data?.sessions ?? []).filter((s) => scope === 'day' || sessionIds.includes(s.id));
  const redraw = chosen.some((s) => s.inForce !== null) || (data?.draws ?? []).some((d) => d.status === 'pending');
  const inForceIds = new Set((data?.sessions ?? []).map((s) => s.inForce?.drawId).filter((x) => x !== undefined));

  const run = async () => {
    if (!batchId) return;
    setFailure(null);
    setVerify(null);
    const r = await fe.run(async () => {
      try {
        return await call('draw.run', { batchId, sessionIds: scope === 'day' ? [] : sessionIds, avoidSameUnit, panelSize, ...(redraw ? { reason: reason.trim() } : {}) });
      } catch (e) {
        setFailure(errorData(e));
        setRelaxed(null);
        throw e;
      }
    });
    if (!r.ok) return;
    setRelaxed(r.value.relaxed);
    setReason('');
    void message.success(r.value.pending ? t('draw.redraw.pending', { id: r.value.drawId }) : t('draw.done'));
    await board.reload();
  };
  const doVerify = async (drawId: number) => {
    setVerifyError(null);
    try {
      setVerify(await call('draw.verify', { drawId }));
    } catch (e) {
      setVerify(null);
      setVerifyError(te(errorData(e)));
    }
  };
  const runReady = !(redraw && !reason.trim()) && !(scope === 'sessions' && sessionIds.length === 0);
  if (!loading && !batchId) return <Empty description={t('draw.noBatch')} />;
  // DRAW_INFEASIBLE carries the draw's problems as its details
  const problems = failure?.code === 'DRAW_INFEASIBLE' && Array.isArray(failure.details) ? (failure.details as DrawProblem[]) : null;
  const roomCode = (sessionId: number, roomId: number) => data?.sessions.find((s) => s.id === sessionId)?.rooms.find((r) => r.id === roomId)?.code ?? '';

  return (
    <Space orientation="vertical" style={{ width: '100%' }} size="middle">
      <Card title={<>{t('draw.title')}<RuleHint text={t('nav.hint.draw')} /></>} extra={picker}>
        <Typography.Paragraph type="secondary">{t('draw.intro')}</Typography.Paragraph>
        <Form layout="inline" style={{ rowGap: 8 }}>
          <Form.Item {...fe.item('scope')}>
            <Radio.Group
              value={scope}
              onChange={(e) => {
                setScope(e.target.value as 'day' | 'sessions');
                fe.touched(['scope', 'sessionIds']);
              }}
              options={[
                { value: 'day', label: t('draw.scope.day') },
                { value: 'sessions', label: t('draw.scope.sessions') },
              ]}
            />
          </Form.Item>
          {scope === 'sessions' && (
            <Form.Item {...fe.item('sessionIds')} required>
              <Select
                mode="multiple"
                style={{ minWidth: 260 }}
                value={sessionIds}
                onChange={(v) => {
                  setSessionIds(v);
                  fe.touched(['sessionIds']);
                }}
                data-testid="draw-sessions"
                options={(data?.sessions ?? []).map((s) => ({ value: s.id, label: s.name, disabled: s.started }))}
              />
            </Form.Item>
          )}
          <Form.Item>
            <Checkbox checked={avoidSameUnit} onChange={(e) => setAvoidSameUnit(e.target.checked)}>
              {t('draw.avoidSameUnit')}
            </Checkbox>
          </Form.Item>
          <Form.Item {...fe.item('panelSize')}>
            <InputNumber
              min={3}
              max={15}
              step={2}
              value={panelSize}
              onChange={(v) => {
                setPanelSize(v ?? 3);
                fe.touched(['panelSize']);
              }}
              data-testid="draw-panel-size"
            />
          </Form.Item>
          {redraw && (
            <Form.Item {...fe.item('reason')} required style={{ minWidth: 320 }}>
              <Input
                maxLength={200}
                value={reason}
                onChange={(e) => {
                  setReason(e.target.value);
                  fe.touched(['reason']);
                }}
                placeholder={t('draw.redraw.reasonPlaceholder')}
                data-testid="draw-reason"
              />
            </Form.Item>
          )}
          <Form.Item>
            <Button type="primary" size="large" loading={fe.busy} disabled={!runReady} onClick={() => void run()} data-testid="draw-run">
              {fe.busy ? t('draw.running') : t('draw.run')}
            </Button>
          </Form.Item>
        </Form>
        {redraw && <Alert style={{ marginTop: 12 }} type="info" showIcon title={t('draw.redraw.intro')} data-testid="draw-redraw-intro" />}
        {fe.general && (
          <Alert
            style={{ marginTop: 16 }}
            type="error"
            showIcon
            role="alert"
            data-testid="draw-error"
            title={problems ? t('draw.infeasible') : fe.general}
            description={
              problems &&
              problems.map((p, i) => (
                <div key={i} style={{ marginTop: 4 }}>
                  <Tag color="red">{p.rule}</Tag>
                  {describeProblem(lang, p)}
                </div>
              ))
            }
          />
        )}
        {relaxed && (
          <Alert
            style={{ marginTop: 16 }}
            type={relaxed.length ? 'warning' : 'success'}
            showIcon
            title={relaxed.length ? t('draw.relaxed') : t('draw.noRelaxed')}
            description={relaxed.length ? relaxed.map((r, i) => <div key={i}>{describeDrawIssue(lang, r)}</div>) : undefined}
            data-testid="draw-relaxed"
          />
        )}
      </Card>

      {data && data.draws.length > 0 && (
        <Card title={t('draw.records')} size="small">
          <Table
            rowKey="id"
            size="small"
            pagination={false}
            dataSource={[...data.draws].reverse()}
            columns={[
              { title: t('draw.rec.id'), dataIndex: 'id', width: 60 },
              { title: t('draw.rec.at'), dataIndex: 'createdAt', width: 100, render: (v: string) => new Date(v).toLocaleTimeString() },
              { title: t('draw.rec.seed'), dataIndex: 'seed', render: (v: string) => <Typography.Text code copyable={{ text: v }}>{`${v.slice(0, 16)}…`}</Typography.Text> },
              { title: t('draw.rec.onDuty'), dataIndex: 'onDuty', width: 90 },
              {
                title: t('draw.rec.rotation'),
                dataIndex: 'relaxed',
                width: 110,
                render: (r: Board['draws'][number]['relaxed']) =>
                  r.length === 0 ? (
                    <Tag color="green">{t('draw.rec.rotationKept')}</Tag>
                  ) : (
                    <Tooltip title={r.map((x) => describeDrawIssue(lang, x)).join(t('draw.sep.items'))}>
                      <Tag color="orange">{t('draw.rec.rotationRelaxed', { count: r.length })}</Tag>
                    </Tooltip>
                  ),
              },
              {
                title: t('draw.rec.status'),
                dataIndex: 'status',
                render: (s: Board['draws'][number]['status'], d) => (
                  <Space size={4} wrap>
                    <Tag color={s === 'confirmed' ? 'green' : s === 'discarded' ? 'default' : 'orange'} data-testid={`draw-status-${d.id}`}>
                      {s === 'confirmed' ? t('draw.status.confirmed', { name: d.confirmedBy ?? '' }) : t(`draw.status.${s}`)}
                    </Tag>
                    {inForceIds.has(d.id) && (
                      <Tag color="blue" data-testid={`draw-in-force-${d.id}`}>
                        {t('draw.col.inForce')}
                      </Tag>
                    )}
                  </Space>
                ),
              },
              { title: t('draw.rec.reason'), dataIndex: 'reason', render: (v: string | null) => v ?? '—' },
              {
                title: '',
                key: 'actions',
                render: (_: unknown, d) => (
                  <Space>
                    {(d.status === 'pending' || (d.status === 'drawn' && inForceIds.has(d.id))) && (
                      <Button size="small" type="primary" onClick={() => setConfirming(d.id)} data-testid={`draw-confirm-${d.id}`}>
                        {d.status === 'pending' ? t('draw.reconfirm') : t('draw.confirm')}
                      </Button>
                    )}
                    <Button size="small" onClick={() => void doVerify(d.id)} data-testid={`draw-verify-${d.id}`}>
                      {t('draw.verify')}
                    </Button>
                    <Button size="small" onClick={() => navigate(`/draw/screen/${d.id}`)} data-testid={`draw-screen-${d.id}`}>
                      {t('draw.screen')}
                    </Button>
                    <Button size="small" onClick={() => navigate('/draw/print')}>
                      {t('draw.print')}
                    </Button>
                  </Space>
                ),
              },
            ]}
          />
          {verifyError && <Alert style={{ marginTop: 12 }} type="error" showIcon role="alert" title={verifyError} data-testid="draw-verify-error" />}
          {verify && (
            <Alert
              style={{ marginTop: 12 }}
              type={verify.same ? 'success' : 'error'}
              showIcon
              data-testid="draw-verify-result"
              title={verify.same ? t('draw.verify.same') : t('draw.verify.differs')}
              description={
                <>
                  <div>{`${t('draw.verify.inputs')}：${t(verify.inputsDigestOk ? 'draw.verify.okMark' : 'draw.verify.badMark')}；${t('draw.verify.audit')}：${t(verify.auditOk ? 'draw.verify.okMark' : 'draw.verify.badMark')}`}</div>
                  {verify.differences.map((d) => (
                    <div key={`${d.sessionId}:${d.roomId}`}>{t('draw.verify.diff', { room: d.roomCode, recorded: describePeople(lang, d.recorded), rerun: describePeople(lang, d.rerun) })}</div>
                  ))}
                  {verify.violations.map((v, i) => (
                    <div key={i}>{`【${v.rule}】${describeDrawIssue(lang, v)}`}</div>
                  ))}
                </>
              }
            />
          )}
        </Card>
      )}

      {data?.sessions.map((s) => (
        <Card
          key={s.id}
          size="small"
          title={
            <Space>
              <span>{s.name}</span>
              <Typography.Text type="secondary">{`${s.startsAt.slice(11, 16)}—${s.endsAt.slice(11, 16)}`}</Typography.Text>
              {s.started && <Tag>{t('draw.started')}</Tag>}
              <Tag color={s.inForce?.status === 'confirmed' ? 'green' : s.inForce ? 'orange' : 'default'} data-testid={`session-draw-${s.id}`}>
                {s.inForce
                  ? s.inForce.confirmedAt
                    ? t('draw.inForce.confirmed', { id: s.inForce.drawId, at: new Date(s.inForce.confirmedAt).toLocaleTimeString() })
                    : t('draw.inForce.unconfirmed', { id: s.inForce.drawId })
                  : t('draw.inForce.none')}
              </Tag>
            </Space>
          }
          data-testid={`session-${s.id}`}
        >
          <Table<Room>
            rowKey="id"
            size="small"
            pagination={false}
            dataSource={s.rooms}
            columns={[
              { title: t('draw.col.room'), dataIndex: 'code', width: 110 },
              {
                title: t('draw.col.proctors'),
                key: 'p',
                render: (_: unknown, r) => (r.proctors.length ? names(r.proctors) : <Typography.Text type="secondary">{t('draw.notDrawn')}</Typography.Text>),
              },
              ...(s.panel
                ? [
                    { title: t('draw.col.chief'), key: 'c', render: (_: unknown, r: Room) => r.chief?.name ?? '' },
                    { title: t('draw.col.examiners'), key: 'e', render: (_: unknown, r: Room) => names(r.examiners) },
                  ]
                : []),
              {
                title: t('draw.col.actions'),
                key: 'a',
                width: 90,
                render: (_: unknown, r) =>
                  r.proctors.length > 0 && (
                    <Button size="small" onClick={() => setChanging({ session: s, room: r })} data-testid={`change-${s.id}-${r.id}`}>
                      {t('draw.change')}
                    </Button>
                  ),
              },
            ]}
          />
        </Card>
      ))}

      {data && data.changes.length > 0 && (
        <Card title={t('draw.changes')} size="small" data-testid="draw-changes">
          {data.changes.map((c) => (
            <div key={c.id}>
              {t('draw.changes.item', {
                at: new Date(c.at).toLocaleTimeString(),
                room: roomCode(c.sessionId, c.roomId),
                kind: t(c.kind === 'swap' ? 'draw.changes.swap' : 'draw.changes.replace'),
                staff: c.staff,
                other: c.other,
                reason: c.reason,
              })}
            </div>
          ))}
        </Card>
      )}

      {confirming !== null && (
        <ConfirmModal
          drawId={confirming}
          onClose={() => setConfirming(null)}
          onDone={() => {
            setConfirming(null);
            void message.success(t('draw.confirm.ok'));
            void board.reload();
          }}
        />
      )}
      {changing && (
        <ChangeModal
          session={changing.session}
          room={changing.room}
          onDuty={(duty.data ?? []).filter((p) => p.onDuty)}
          onClose={() => setChanging(null)}
          onDone={() => {
            setChanging(null);
            void message.success(t('draw.change.done'));
            void board.reload();
          }}
        />
      )}
    </Space>
  );
}
