// 修改我的 PIN (S1): the signed-in person, the current PIN first, the new one twice.
import { KeyOutlined } from '@ant-design/icons';
import { Alert, App, Button, Form, Input, Modal } from 'antd';
import { useState } from 'react';
import { call } from '../api/client';
import { errorData } from '../api/hooks';
import { useI18n } from '../i18n';

interface Values {
  oldPin: string;
  newPin: string;
  newPin2: string;
}

/** `compact`: the icon alone (a phone's header has no room for the words), named for screen readers and by its tooltip. */
export function ChangePin({ compact = false }: { compact?: boolean }) {
  const { t, te } = useI18n();
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [form] = Form.useForm<Values>();
  const save = async (v: Values) => {
    try {
      await call('auth.changePin', { oldPin: v.oldPin, newPin: v.newPin });
      setOpen(false);
      form.resetFields();
      setError(null);
      void message.success(t('pin.changed'));
    } catch (e) {
      setError(te(errorData(e)));
    }
  };
  return (
    <>
      <Button icon={<KeyOutlined />} onClick={() => setOpen(true)} data-testid="change-pin" title={t('pin.change')} aria-label={t('pin.change')}>
        {compact ? null : t('pin.change')}
      </Button>
      <Modal open={open} title={t('pin.change')} onCancel={() => setOpen(false)} onOk={() => form.submit()} okText={t('common.save')} cancelText={t('common.cancel')} destroyOnHidden>
        {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} />}
        <Form<Values> form={form} layout="vertical" onFinish={(v) => void save(v)}>
          <Form.Item name="oldPin" label={t('pin.old')} rules={[{ required: true, message: t('form.required') }]}>
            <Input.Password inputMode="numeric" autoComplete="current-password" />
          </Form.Item>
          <Form.Item name="newPin" label={t('enrol.pin')} rules={[{ required: true, pattern: /^\d{6,12}$/, message: t('setup.pin') }]}>
            <Input.Password inputMode="numeric" autoComplete="new-password" />
          </Form.Item>
          <Form.Item
            name="newPin2"
            label={t('enrol.pin2')}
            dependencies={['newPin']}
            rules={[({ getFieldValue }) => ({ validator: (_r, v: string) => (v === getFieldValue('newPin') ? Promise.resolve() : Promise.reject(new Error(t('enrol.mismatch')))) })]}
          >
            <Input.Password inputMode="numeric" autoComplete="new-password" />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
