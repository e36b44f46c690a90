// A manual change after the draw (someone falls ill): every rule checked live, a reason required.
// A refusal names its field by the label shown (the person to put in, the reason); the rules a
// change would break are listed beside the button; one request at a time.
import { Alert, Form, Input, Modal, Radio, Select } from 'antd';
import { useEffect, useState } from 'react';
import type { DrawViolation, OutputOf } from '../../../../electron/commands/api';
import { call } from '../../api/client';
import { errorData } from '../../api/hooks';
import { formErrors, NO_ERRORS, type FormErrors } from '../../components/formErrors';
import { FormError, useFormErrors, type FieldLabels, type FormItemErrorProps, type ReasonFields } from '../../components/useFormErrors';
import { useI18n } from '../../i18n';
import { describeDrawIssue } from './wording';

type Board = OutputOf<'draw.board'>;
type Session = Board['sessions'][number];
type Room = Session['rooms'][number];
type Person = OutputOf<'draw.duty.list'>[number];

const peopleOf = (r: Room) => [...r.proctors, ...(r.chief ? [r.chief] : []), ...r.examiners];

const LABELS: FieldLabels = { kind: 'draw.change.kind', staffId: 'draw.change.who', otherStaffId: 'draw.change.other', reason: 'draw.change.reason' };
/** the change's coded refusals, each about one of the form's fields */
const REASONS: ReasonFields = {
  'draw.noDutyHere': 'staffId',
  'draw.pickSomeoneElse': 'otherStaffId',
  'draw.swapNeedsBoth': 'otherStaffId',
  'draw.replaceAssigned': 'otherStaffId',
  'draw.swapNoChange': 'otherStaffId',
  'draw.reasonRequired': 'reason',
};

export function ChangeModal(props: { session: Session; room: Room; onDuty: Person[]; onClose(): void; onDone(): void }) {
  const { session, room } = props;
  const { t, lang } = useI18n();
  const [kind, setKind] = useState<'replace' | 'swap'>('replace');
  const [who, setWho] = useState<number | undefined>(peopleOf(room)[0]?.staffId);
  const [other, setOther] = useState<number | undefined>();
  const [reason, setReason] = useState('');
  const [check, setCheck] = useState<OutputOf<'draw.checkChange'> | null>(null);
  const [violations, setViolations] = useState<Pick<DrawViolation, 'rule' | 'reason' | 'params' | 'bar'>[]>([]);
  const fe = useFormErrors(LABELS, REASONS);
  // the live check's refusal (a query while choosing) shows under its field until the submit says otherwise
  const [live, setLive] = useState<FormErrors>(NO_ERRORS);
  const item = (key: string): FormItemErrorProps => {
    const own = fe.item(key);
    const help = live.fields[key];
    if (own.help || !help) return own;
    return {
      ...own,
      validateStatus: 'error',
      help: (
        <span data-testid="field-error" data-field={key}>
          {help}
        </span>
      ),
    };
  };

  const assigned = new Map<number, string>();
  for (const r of session.rooms) for (const p of peopleOf(r)) assigned.set(p.staffId, r.code);
  const options =
    kind === 'replace'
      ? props.onDuty.filter((p) => !assigned.has(p.id)).map((p) => ({ value: p.id, label: `${p.name}（${p.staffNo}）` }))
      : session.rooms.filter((r) => r.id !== room.id).flatMap((r) => peopleOf(r).map((p) => ({ value: p.staffId, label: `${p.name}（${r.code}）` })));

  useEffect(() => {
    setCheck(null);
    setLive(NO_ERRORS);
    if (!who || !other) return;
    let current = true;
    call('draw.checkChange', { sessionId: session.id, kind, staffId: who, otherStaffId: other })
      .then((r) => current && setCheck(r))
      .catch((e: unknown) => current && setLive(formErrors(lang, errorData(e), LABELS, REASONS)));
    return () => {
      current = false;
    };
  }, [who, other, kind, session.id, lang]);

  const submit = async () => {
    if (!who || !other || !reason.trim()) return;
    setViolations([]);
    const r = await fe.run(async () => {
      try {
        return await call('draw.change', { sessionId: session.id, kind, staffId: who, otherStaffId: other, reason: reason.trim() });
      } catch (e) {
        const data = errorData(e);
        // DRAW_RULE carries the broken rules as its details
        if (data.code === 'DRAW_RULE' && Array.isArray(data.details)) setViolations(data.details as DrawViolation[]);
        throw e;
      }
    });
    if (r.ok) props.onDone();
  };

  return (
    <Modal
      open
      title={t('draw.change.title', { room: `${session.name} ${room.code}` })}
      onCancel={props.onClose}
      onOk={() => void submit()}
      okText={t('draw.change')}
      cancelText={t('common.cancel')}
      okButtonProps={{ disabled: !who || !other || !reason.trim(), loading: fe.busy, danger: check?.ok === false, ...{ 'data-testid': 'change-submit' } }}
      width={620}
    >
      <Form layout="vertical">
        <Form.Item {...item('kind')}>
          <Radio.Group
            value={kind}
            onChange={(e) => {
              setKind(e.target.value as 'replace' | 'swap');
              setOther(undefined);
              fe.touched(['kind', 'otherStaffId']);
            }}
            options={[
              { value: 'replace', label: t('draw.change.replace') },
              { value: 'swap', label: t('draw.change.swap') },
            ]}
          />
        </Form.Item>
        <Form.Item {...item('staffId')} htmlFor="change-who">
          <Select
            id="change-who"
            value={who}
            onChange={(v) => {
              setWho(v);
              fe.touched(['staffId', 'otherStaffId']);
            }}
            options={peopleOf(room).map((p) => ({ value: p.staffId, label: p.name }))}
            data-testid="change-who"
          />
        </Form.Item>
        <Form.Item {...item('otherStaffId')} htmlFor="change-other">
          <Select
            id="change-other"
            showSearch={{ optionFilterProp: 'label' }}
            value={other}
            onChange={(v) => {
              setOther(v);
              fe.touched(['otherStaffId']);
            }}
            options={options}
            data-testid="change-other"
          />
        </Form.Item>
        <Form.Item {...item('reason')} htmlFor="change-reason">
          <Input
            id="change-reason"
            value={reason}
            onChange={(e) => {
              setReason(e.target.value);
              fe.touched(['reason']);
            }}
            maxLength={200}
            data-testid="change-reason"
          />
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
      {fe.general && (
        <Alert
          type="error"
          showIcon
          role="alert"
          title={fe.general}
          description={violations.length ? violations.map((v, i) => <div key={i}>{`【${v.rule}】${describeDrawIssue(lang, v)}`}</div>) : undefined}
          style={{ marginTop: 12 }}
          data-testid="change-error"
        />
      )}
      <FormError text={fe.general ? null : live.general} testId="change-check-error" />
    </Modal>
  );
}
