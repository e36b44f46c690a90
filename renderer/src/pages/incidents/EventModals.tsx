// Site events from a room view: the paper bag check (E2, E9), equipment failure (E7), papers
// collected and sealed (E8), a monitoring link (R4); and the briefing the day before (E1).
import { Alert, App, Checkbox, Form, Input, InputNumber, Modal, Select } from 'antd';
import { useState, type ReactNode } from 'react';
import type { InputOf, OutputOf } from '../../../../electron/commands/api';
import { call } from '../../api/client';
import { errorData } from '../../api/hooks';
import { useI18n } from '../../i18n';
import { isoAt } from './time';

type Room = OutputOf<'incidents.room'>;
export type EventModalKind = 'bag' | 'failure' | 'sealed' | 'link';

function Shell({ title, onCancel, onOk, error, children, testId }: { title: string; onCancel(): void; onOk(): void; error: string | null; children: ReactNode; testId: string }) {
  const { t } = useI18n();
  return (
    <Modal open title={title} onCancel={onCancel} onOk={onOk} okText={t('common.save')} cancelText={t('common.cancel')} okButtonProps={{ size: 'large', ...({ 'data-testid': `${testId}-ok` } as object) }}>
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 8 }} data-testid={`${testId}-error`} />}
      <Form layout="vertical" data-testid={testId}>
        {children}
      </Form>
    </Modal>
  );
}

export function EventModal({ kind, room, onClose }: { kind: EventModalKind; room: Room; onClose: (saved: boolean) => void }) {
  const { t, te } = useI18n();
  const { message } = App.useApp();
  const [error, setError] = useState<string | null>(null);
  const [bag, setBag] = useState({ occupationCode: room.bag.occupationCode, level: room.bag.level, count: room.bag.count, sealIntact: true, note: '' });
  const [failure, setFailure] = useState<{ equipment: string; candidateId?: number; minutesLost: number; action: string }>({ equipment: '', minutesLost: 0, action: '' });
  const [sealed, setSealed] = useState({ papers: room.candidates.length, answerSheets: 0, signInSheets: 1, sealNo: '', note: '' });
  const [link, setLink] = useState({ channel: '', fileName: '', from: '', to: '' });
  const base = { sessionId: room.sessionId, roomId: room.roomId };
  const save = async (input: InputOf<'events.record'> | null, linkInput?: InputOf<'monitoring.add'>) => {
    setError(null);
    try {
      if (input) {
        const out = await call('events.record', input);
        if (out.incidentId) void message.warning(t('ev.bag.mismatch', { id: out.incidentId }), 6);
        else if (out.outcome === 'mismatch') void message.warning(t('ev.sealed.mismatch'));
        else void message.success(t('ev.saved'));
      } else if (linkInput) {
        await call('monitoring.add', linkInput);
        void message.success(t('ev.saved'));
      }
      onClose(true);
    } catch (e) {
      setError(te(errorData(e)));
    }
  };
  const cancel = () => onClose(false);
  if (kind === 'bag')
    return (
      <Shell title={t('ev.bag')} onCancel={cancel} error={error} testId="bag-form" onOk={() => void save({ kind: 'bag_received', ...base, ...bag })}>
        <Alert type="info" message={t('ev.bag.expected', { occupation: room.bag.occupationName, code: room.bag.occupationCode, level: room.bag.level, count: room.bag.count })} style={{ marginBottom: 8 }} />
        <Form.Item label={t('ev.bag.code')}>
          <Input value={bag.occupationCode} onChange={(e) => setBag({ ...bag, occupationCode: e.target.value })} data-testid="bag-code" />
        </Form.Item>
        <Form.Item label={t('ev.bag.level')}>
          <Select value={bag.level} onChange={(v) => setBag({ ...bag, level: v })} options={[1, 2, 3, 4, 5].map((l) => ({ value: l, label: String(l) }))} />
        </Form.Item>
        <Form.Item label={t('ev.bag.count')}>
          <InputNumber min={0} value={bag.count} onChange={(v) => setBag({ ...bag, count: v ?? 0 })} data-testid="bag-count" />
        </Form.Item>
        <Checkbox checked={bag.sealIntact} onChange={(e) => setBag({ ...bag, sealIntact: e.target.checked })} data-testid="bag-seal">
          {t('ev.bag.seal')}
        </Checkbox>
        <Form.Item label={t('ev.note')}>
          <Input value={bag.note} onChange={(e) => setBag({ ...bag, note: e.target.value })} />
        </Form.Item>
      </Shell>
    );
  if (kind === 'failure')
    return (
      <Shell title={t('ev.failure')} onCancel={cancel} error={error} testId="failure-form" onOk={() => void save({ kind: 'equipment_failure', ...base, ...failure })}>
        <Alert type="info" message={t('ev.failure.hint')} style={{ marginBottom: 8 }} />
        <Form.Item label={t('ev.failure.equipment')}>
          <Input value={failure.equipment} onChange={(e) => setFailure({ ...failure, equipment: e.target.value })} data-testid="failure-equipment" />
        </Form.Item>
        <Form.Item label={t('ev.failure.candidate')}>
          <Select allowClear showSearch optionFilterProp="label" value={failure.candidateId} onChange={(v?: number) => setFailure({ ...failure, ...(v ? { candidateId: v } : { candidateId: undefined }) })} options={room.candidates.map((c) => ({ value: c.id, label: `${c.seat ?? ''} ${c.name}` }))} />
        </Form.Item>
        <Form.Item label={t('ev.failure.minutes')}>
          <InputNumber min={0} max={600} value={failure.minutesLost} onChange={(v) => setFailure({ ...failure, minutesLost: v ?? 0 })} data-testid="failure-minutes" />
        </Form.Item>
        <Form.Item label={t('ev.failure.action')}>
          <Input.TextArea rows={2} value={failure.action} onChange={(e) => setFailure({ ...failure, action: e.target.value })} data-testid="failure-action" />
        </Form.Item>
      </Shell>
    );
  if (kind === 'sealed')
    return (
      <Shell title={t('ev.sealed')} onCancel={cancel} error={error} testId="sealed-form" onOk={() => void save({ kind: 'papers_sealed', ...base, ...sealed })}>
        <Form.Item label={t('ev.sealed.papers')}>
          <InputNumber min={0} value={sealed.papers} onChange={(v) => setSealed({ ...sealed, papers: v ?? 0 })} />
        </Form.Item>
        <Form.Item label={t('ev.sealed.sheets')}>
          <InputNumber min={0} value={sealed.answerSheets} onChange={(v) => setSealed({ ...sealed, answerSheets: v ?? 0 })} data-testid="sealed-sheets" />
        </Form.Item>
        <Form.Item label={t('ev.sealed.signIn')}>
          <InputNumber min={0} value={sealed.signInSheets} onChange={(v) => setSealed({ ...sealed, signInSheets: v ?? 0 })} />
        </Form.Item>
        <Form.Item label={t('ev.sealed.sealNo')}>
          <Input value={sealed.sealNo} onChange={(e) => setSealed({ ...sealed, sealNo: e.target.value })} />
        </Form.Item>
      </Shell>
    );
  return (
    <Shell
      title={t('ev.link')}
      onCancel={cancel}
      error={error}
      testId="link-form"
      onOk={() => void save(null, { ...base, channel: link.channel, fileName: link.fileName, startsAt: isoAt(room.startsAt, link.from), endsAt: isoAt(room.startsAt, link.to) })}
    >
      <Form.Item label={t('ev.link.channel')}>
        <Input value={link.channel} onChange={(e) => setLink({ ...link, channel: e.target.value })} data-testid="link-channel" />
      </Form.Item>
      <Form.Item label={t('ev.link.file')}>
        <Input value={link.fileName} onChange={(e) => setLink({ ...link, fileName: e.target.value })} data-testid="link-file" />
      </Form.Item>
      <Form.Item label={t('ev.link.from')}>
        <Input type="time" value={link.from} onChange={(e) => setLink({ ...link, from: e.target.value })} data-testid="link-from" />
      </Form.Item>
      <Form.Item label={t('ev.link.to')}>
        <Input type="time" value={link.to} onChange={(e) => setLink({ ...link, to: e.target.value })} data-testid="link-to" />
      </Form.Item>
    </Shell>
  );
}

/** E1: the briefing the day before, with its minutes. */
export function BriefingModal({ batchId, onClose }: { batchId: number; onClose: (saved: boolean) => void }) {
  const { t, te } = useI18n();
  const { message } = App.useApp();
  const [error, setError] = useState<string | null>(null);
  const [v, setV] = useState({ date: '', time: '16:00', place: '', attendees: '', minutes: '' });
  const save = async () => {
    try {
      await call('events.record', { kind: 'briefing', batchId, heldAt: `${v.date}T${v.time}:00+08:00`, place: v.place, attendees: v.attendees, minutes: v.minutes });
      void message.success(t('ev.saved'));
      onClose(true);
    } catch (e) {
      setError(te(errorData(e)));
    }
  };
  return (
    <Shell title={t('ev.briefing')} onCancel={() => onClose(false)} onOk={() => void save()} error={error} testId="briefing-form">
      <Form.Item label={t('ev.briefing.heldAt')}>
        <Input type="date" value={v.date} onChange={(e) => setV({ ...v, date: e.target.value })} style={{ width: 180 }} data-testid="briefing-date" />
        <Input type="time" value={v.time} onChange={(e) => setV({ ...v, time: e.target.value })} style={{ width: 130, marginLeft: 8 }} />
      </Form.Item>
      <Form.Item label={t('ev.briefing.place')}>
        <Input value={v.place} onChange={(e) => setV({ ...v, place: e.target.value })} data-testid="briefing-place" />
      </Form.Item>
      <Form.Item label={t('ev.briefing.attendees')}>
        <Input value={v.attendees} onChange={(e) => setV({ ...v, attendees: e.target.value })} data-testid="briefing-attendees" />
      </Form.Item>
      <Form.Item label={t('ev.briefing.minutes')}>
        <Input.TextArea rows={4} value={v.minutes} onChange={(e) => setV({ ...v, minutes: e.target.value })} data-testid="briefing-minutes" />
      </Form.Item>
    </Shell>
  );
}
