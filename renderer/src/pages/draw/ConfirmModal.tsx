// S8: the supervisor witnesses the draw and confirms it with their own staff number and PIN. A
// staff number that is not a supervisor's is refused under 督导员工号, a wrong PIN under 督导员 PIN;
// the button waits for both and sends one request at a time.
import { Form, Input, Modal } from 'antd';
import { call } from '../../api/client';
import { FormError, useFilled, useFormErrors } from '../../components/useFormErrors';
import { useI18n } from '../../i18n';

interface Values {
  staffNo: string;
  pin: string;
}

export function ConfirmModal(props: { drawId: number; onClose(): void; onDone(): void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<Values>();
  const fe = useFormErrors(
    { staffNo: 'draw.confirm.staffNo', pin: 'draw.confirm.pin' },
    { 'draw.supervisorOnly': 'staffNo', PIN_WRONG: 'pin', PIN_LOCKED: 'pin' },
  );
  const ready = useFilled(form, ['staffNo', 'pin']);
  const submit = async (v: Values) => {
    const r = await fe.run(() => call('draw.confirm', { drawId: props.drawId, staffNo: v.staffNo.trim(), pin: v.pin }));
    if (r.ok) props.onDone();
    else form.setFieldValue('pin', '');
  };
  return (
    <Modal
      open
      title={t('draw.confirm.title')}
      onCancel={props.onClose}
      onOk={() => form.submit()}
      okText={t('draw.confirm')}
      cancelText={t('common.cancel')}
      okButtonProps={{ disabled: !ready, loading: fe.busy, ...{ 'data-testid': 'confirm-submit' } }}
    >
      <Form<Values> form={form} layout="vertical" onFinish={(v) => void submit(v)} onValuesChange={(ch: object) => fe.touched(Object.keys(ch))} data-testid="confirm-form">
        <Form.Item name="staffNo" {...fe.item('staffNo')} rules={[{ required: true, whitespace: true, message: t('form.required') }]}>
          <Input autoComplete="off" size="large" maxLength={32} data-testid="confirm-staffNo" />
        </Form.Item>
        <Form.Item name="pin" {...fe.item('pin')} rules={[{ required: true, message: t('form.required') }]}>
          <Input.Password inputMode="numeric" autoComplete="off" size="large" maxLength={12} data-testid="confirm-pin" />
        </Form.Item>
      </Form>
      <FormError text={fe.general} testId="confirm-error" />
    </Modal>
  );
}
