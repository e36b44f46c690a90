// A room in a session: who proctors it, its incidents (with the second signature still to give),
// its site records and recordings, and the buttons that record them.
import { ArrowLeftOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Input, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import type { OutputOf } from '../../../../electron/commands/api';
import { call } from '../../api/client';
import { errorData, useQuery } from '../../api/hooks';
import { describeIssue, useI18n, type MessageKey } from '../../i18n';
import { navigate } from '../../router';
import { useSession } from '../../session';
import { EventModal, type EventModalKind } from './EventModals';
import { IncidentFormModal } from './IncidentForm';
import { IncidentTable, SmallButton, type IncidentRow } from './IncidentTable';

type Room = OutputOf<'incidents.room'>;

export function RoomPage({ sessionId, roomId }: { sessionId: number; roomId: number }) {
  const { t } = useI18n();
  const { session } = useSession();
  const room = useQuery('incidents.room', { sessionId, roomId }, { refreshMs: 10_000 });
  const [form, setForm] = useState(false);
  const [event, setEvent] = useState<EventModalKind | null>(null);
  const [signing, setSigning] = useState<IncidentRow | null>(null);
  const r = room.data;
  if (!r) return null;
  const desk = session.actor.role === 'supervisor' || session.actor.role === 'site_head';
  const canRecord = ['proctor', 'supervisor', 'site_head'].includes(session.actor.role);
  return (
    <div data-testid="incident-room">
      <Space style={{ marginBottom: 8 }} wrap>
        <Button icon={<ArrowLeftOutlined />} onClick={() => navigate('/incidents')} aria-label={t('inc.room.back')} />
        <Typography.Title level={3} style={{ margin: 0 }} data-testid="incident-room-title">
          {r.roomCode}
        </Typography.Title>
        <Typography.Text type="secondary">{r.location}</Typography.Text>
        <Typography.Text strong>{r.sessionName}</Typography.Text>
        <Typography.Text>
          {t('inc.room.proctors')}：{r.drawn ? r.proctors.map((p) => p.name).join('、') : '—'}
        </Typography.Text>
      </Space>
      {!r.drawn && <Alert type="warning" showIcon message={t('inc.room.noDraw')} style={{ marginBottom: 8 }} />}
      <Space wrap style={{ marginBottom: 12 }}>
        {canRecord && (
          <Button type="primary" danger size="large" onClick={() => setForm(true)} data-testid="incident-open">
            {t('inc.record')}
          </Button>
        )}
        <Button size="large" onClick={() => setEvent('bag')} data-testid="event-bag">
          {t('ev.bag')}
        </Button>
        <Button size="large" onClick={() => setEvent('failure')} data-testid="event-failure">
          {t('ev.failure')}
        </Button>
        <Button size="large" onClick={() => setEvent('sealed')} data-testid="event-sealed">
          {t('ev.sealed')}
        </Button>
        {desk && (
          <Button size="large" onClick={() => setEvent('link')} data-testid="event-link">
            {t('ev.link')}
          </Button>
        )}
      </Space>
      <Card size="small" title={t('inc.incidents')} style={{ marginBottom: 12 }}>
        <IncidentTable
          rows={r.incidents}
          testId="room-incidents"
          action={(row) =>
            row.status === 'awaiting_second' ? (
              <SmallButton onClick={() => setSigning(row)} testId={`sign-${row.id}`}>
                {t('inc.sign.later')}
              </SmallButton>
            ) : null
          }
        />
      </Card>
      <Card size="small" title={t('inc.events')} style={{ marginBottom: 12 }}>
        <EventsTable room={r} />
      </Card>
      <Card size="small" title={t('inc.links')}>
        <Table
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={r.links}
          locale={{ emptyText: t('inc.empty') }}
          data-testid="room-links"
          columns={[
            { title: t('ev.link.channel'), dataIndex: 'channel' },
            { title: t('ev.link.file'), dataIndex: 'fileName' },
            { title: t('inc.col.time'), render: (_: unknown, l: Room['links'][number]) => `${l.startsLocal}–${l.endsLocal}` },
          ]}
        />
      </Card>
      {form && (
        <IncidentFormModal
          sessionId={sessionId}
          roomId={roomId}
          onClose={() => {
            setForm(false);
            void room.reload();
          }}
        />
      )}
      {event && (
        <EventModal
          kind={event}
          room={r}
          onClose={() => {
            setEvent(null);
            void room.reload();
          }}
        />
      )}
      {signing && (
        <SignLaterModal
          incident={signing}
          proctors={r.proctors.filter((p) => p.staffId !== session.actor.staffId)}
          onClose={() => {
            setSigning(null);
            void room.reload();
          }}
        />
      )}
    </div>
  );
}

function EventsTable({ room }: { room: Room }) {
  const { t, lang } = useI18n();
  type Ev = Room['events'][number];
  const summary = (e: Ev) => {
    const d = e.detail;
    const s = (k: string) => (d[k] === undefined || d[k] === null ? '' : String(d[k] as string | number));
    if (e.kind === 'bag_received') {
      // problems are codes with params; records made before they were coded hold the sentence itself
      const problems = ((d.problems as ({ reason: string; params?: Record<string, string | number> } | string)[] | undefined) ?? []).map((p) => (typeof p === 'string' ? p : describeIssue(lang, p, 'ev.bag.problem.')));
      return `${t('ev.bag.summary', { code: s('occupationCode'), level: s('level'), count: s('count') })} ${d.sealIntact ? '✓' : '✗'} ${problems.join('; ')}`;
    }
    if (e.kind === 'equipment_failure') return `${s('equipment')} ${s('minutesLost')}′ ${s('action')}`;
    if (e.kind === 'papers_sealed') return `${s('papers')} / ${s('answerSheets')} / ${s('signInSheets')} ${s('sealNo')}`;
    return s('place');
  };
  return (
    <Table<Ev>
      rowKey="id"
      size="small"
      pagination={false}
      dataSource={room.events}
      locale={{ emptyText: t('inc.empty') }}
      data-testid="room-events"
      columns={[
        { title: t('inc.col.time'), dataIndex: 'atLocal', width: 90 },
        { title: t('inc.col.kind'), dataIndex: 'kind', width: 140, render: (k: string) => t(`ev.kind.${k}` as MessageKey) },
        { title: t('inc.col.description'), render: (_: unknown, e) => summary(e) },
        { title: t('inc.col.status'), dataIndex: 'outcome', width: 110, render: (o: string, e) => (o === 'mismatch' ? <Tag color="red">{e.incidentId ? `#${e.incidentId}` : '!'}</Tag> : <Tag color="green">{t('ev.ok')}</Tag>) },
        { title: t('inc.col.signers'), dataIndex: 'recorderName', width: 110 },
      ]}
    />
  );
}

function SignLaterModal({ incident, proctors, onClose }: { incident: IncidentRow; proctors: { staffNo: string; name: string }[]; onClose(): void }) {
  const { t, te } = useI18n();
  const { message } = App.useApp();
  const [staffNo, setStaffNo] = useState<string | undefined>(proctors[0]?.staffNo);
  const [pin, setPin] = useState('');
  const [error, setError] = useState<string | null>(null);
  const save = async () => {
    try {
      await call('incidents.sign', { incidentId: incident.id, staffNo: staffNo ?? '', pin });
      void message.success(t('ev.saved'));
      onClose();
    } catch (e) {
      setError(te(errorData(e)));
    }
  };
  return (
    <Modal open title={`${t('inc.sign.title')} · #${incident.id}`} onCancel={onClose} onOk={() => void save()} okText={t('inc.form.submit')} cancelText={t('common.cancel')}>
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 8 }} />}
      <Space>
        <Select style={{ width: 220 }} value={staffNo} onChange={setStaffNo} options={proctors.map((p) => ({ value: p.staffNo, label: `${p.staffNo} ${p.name}` }))} data-testid="sign-second" />
        <Input.Password value={pin} onChange={(e) => setPin(e.target.value)} placeholder={t('inc.form.secondPin')} data-testid="sign-pin" />
      </Space>
    </Modal>
  );
}
