// A manual change after the draw (someone falls ill): every rule checked live, a reason required.
import { Alert, Form, Input, Modal, Radio, Select } from 'antd';
import { useEffect, useState } from 'react';
import type { DrawViolation, OutputOf } from '../../../../electron/commands/api';
import { call } from '../../api/client';
import { errorData } from '../../api/hooks';
import { useI18n } from '../../i18n';
import { describeDrawIssue } from './wording';

type Board = OutputOf<'draw.board'>;
type Session = Board['sessions'][number];
type Room = Session['rooms'][number];
type Person = OutputOf<'draw.duty.list'>[number];

const peopleOf = (r: Room) => [...r.proctors, ...(r.chief ? [r.chief] : []), ...r.examiners];

export function ChangeModal(props: { session: Session; room: Room; onDuty: Person[]; onClose(): void; onDone(): void }) {
  const { session, room } = props;
  const { t, te, lang } = useI18n();
  const [kind, setKind] = useState<'replace' | 'swap'>('replace');
  const [who, setWho] = useState<number | undefined>(peopleOf(room)[0]?.staffId);
  const [other, setOther] = useState<number | undefined>();
  const [reason, setReason] = useState('');
  const [check, setCheck] = useState<OutputOf<'draw.checkChange'> | null>(null);
  const [error, setError] = useState<{ text: string; violations: Pick<DrawViolation, 'rule' | 'reason' | 'params' | 'bar'>[] } | null>(null);
  const [busy, setBusy] = useState(false);

  const assigned = new Map<number, string>();
  for (const r of session.rooms) for (const p of peopleOf(r)) assigned.set(p.staffId, r.code);
  const options =
    kind === 'replace'
      ? props.onDuty.filter((p) => !assigned.has(p.id)).map((p) => ({ value: p.id, label: `${p.name}（${p.staffNo}）` }))
      : session.rooms.filter((r) => r.id !== room.id).flatMap((r) => peopleOf(r).map((p) => ({ value: p.staffId, label: `${p.name}（${r.code}）` })));

  useEffect(() => {
    setCheck(null);
    if (!who || !other) return;
    let live = true;
    call('draw.checkChange', { sessionId: session.id, kind, staffId: who, otherStaffId: other })
      .then((r) => live && setCheck(r))
      .catch((e: unknown) => live && setError({ text: te(errorData(e)), violations: [] }));
    return () => {
      live = false;
    };
  }, [who, other, kind, session.id, te]);

  const submit = async () => {
    if (!who || !other) return;
    setBusy(true);
    try {
      await call('draw.change', { sessionId: session.id, kind, staffId: who, otherStaffId: other, reason });
      props.onDone();
    } catch (e) {
      const data = errorData(e);
      // DRAW_RULE carries the broken rules as its details
      setError({ text: te(data), violations: data.code === 'DRAW_RULE' && Array.isArray(data.details) ? (data.details as DrawViolation[]) : [] });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open
      title={t('draw.change.title', { room: `${session.name} ${room.code}` })}
      onCancel={props.onClose}
      onOk={() => void submit()}
      okText={t('draw.change')}
      cancelText={t('common.cancel')}
      okButtonProps={{ disabled: !who || !other || !reason.trim(), loading: busy, danger: check?.ok === false, ...{ 'data-testid': 'change-submit' } }}
      width={620}
    >
      <Form layout="vertical">
        <Form.Item label={t('draw.change.kind')}>
          <Radio.Group
            value={kind}
            onChange={(e) => {
              setKind(e.target.value as 'replace' | 'swap');
              setOther(undefined);
            }}
            options={[
              { value: 'replace', label: t('draw.change.replace') },
              { value: 'swap', label: t('draw.change.swap') },
            ]}
          />
        </Form.Item>
        <Form.Item label={t('draw.change.who')} htmlFor="change-who">
          <Select id="change-who" value={who} onChange={setWho} options={peopleOf(room).map((p) => ({ value: p.staffId, label: p.name }))} data-testid="change-who" />
        </Form.Item>
        <Form.Item label={t('draw.change.other')} htmlFor="change-other">
          <Select id="change-other" showSearch={{ optionFilterProp: 'label' }} value={other} onChange={setOther} options={options} data-testid="change-other" />
        </Form.Item>
        <Form.Item label={t('draw.change.reason')} htmlFor="change-reason">
          <Input id="change-reason" value={reason} onChange={(e) => setReason(e.target.value)} maxLength={200} data-testid="change-reason" />
        </Form.Item>
      </Form>
      {check?.ok === true && <Alert type="success" showIcon title={t('draw.change.checkOk')} data-testid="change-check" />}
      {check?.ok === false && (
        <Alert
          type="warning"
          showIcon
          data-testid="change-check"
          title={t('draw.change.checkBad')}
          description={check.violations.map((v, i) => (
            <div key={i}>{`【${v.rule}】${describeDrawIssue(lang, v)}`}</div>
          ))}
        />
      )}
      {error && (
        <Alert
          type="error"
          showIcon
          title={error.text}
          description={error.violations.length ? error.violations.map((v, i) => <div key={i}>{`【${v.rule}】${describeDrawIssue(lang, v)}`}</div>) : undefined}
          style={{ marginTop: 12 }}
          data-testid="change-error"
        />
      )}
    </Modal>
  );
}
