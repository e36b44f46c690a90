// S8: the supervisor witnesses the draw and confirms it with their own staff number and PIN.
import { Alert, Form, Input, Modal } from 'antd';
import { useState } from 'react';
import { call } from '../../api/client';
import { errorData } from '../../api/hooks';
import { useI18n } from '../../i18n';

export function ConfirmModal(props: { drawId: number; onClose(): void; onDone(): void }) {
  const { t, te } = useI18n();
  const [form] = Form.useForm<{ staffNo: string; pin: string }>();
  const [error, setError] = useState<string | null>(null);
  const submit = async (v: { staffNo: string; pin: string }) => {
    try {
      await call('draw.confirm', { drawId: props.drawId, staffNo: v.staffNo, pin: v.pin });
      props.onDone();
    } catch (e) {
      setError(te(errorData(e)));
      form.setFieldValue('pin', '');
    }
  };
  return (
    <Modal open title={t('draw.confirm.title')} onCancel={props.onClose} onOk={() => form.submit()} okText={t('draw.confirm')} cancelText={t('common.cancel')}>
      <Form<{ staffNo: string; pin: string }> form={form} layout="vertical" onFinish={(v) => void submit(v)}>
        <Form.Item name="staffNo" label={t('draw.confirm.staffNo')} rules={[{ required: true, message: t('form.required') }]}>
          <Input autoComplete="off" size="large" />
        </Form.Item>
        <Form.Item name="pin" label={t('draw.confirm.pin')} rules={[{ required: true, message: t('form.required') }]}>
          <Input.Password inputMode="numeric" autoComplete="off" size="large" />
        </Form.Item>
      </Form>
      {error && <Alert type="error" showIcon title={error} data-testid="confirm-error" />}
    </Modal>
  );
}
