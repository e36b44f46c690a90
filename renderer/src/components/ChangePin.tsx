// 修改我的 PIN (S1): the signed-in person, the current PIN first, the new one twice.
import { KeyOutlined } from '@ant-design/icons';
import { App, Button, Form, Input, Modal } from 'antd';
import { useState } from 'react';
import { call } from '../api/client';
import { useI18n } from '../i18n';
import { FormError, useFilled, useFormErrors } from './useFormErrors';

interface Values {
  oldPin: string;
  newPin: string;
  newPin2: string;
}

/** `compact`: the icon alone (a phone's header has no room for the words), named for screen readers and by its tooltip. */
export function ChangePin({ compact = false }: { compact?: boolean }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<Values>();
  // a wrong current PIN under the current PIN; a weak new one under the new one
  const fe = useFormErrors({ oldPin: 'pin.old', newPin: 'enrol.pin', newPin2: 'enrol.pin2' }, { PIN_WRONG: 'oldPin', PIN_LOCKED: 'oldPin', 'auth.pinWeak': 'newPin' });
  const ready = useFilled(form, ['oldPin', 'newPin', 'newPin2']);
  const save = async (v: Values) => {
    const r = await fe.run(() => call('auth.changePin', { oldPin: v.oldPin, newPin: v.newPin }));
    if (!r.ok) return;
    setOpen(false);
    form.resetFields();
    void message.success(t('pin.changed'));
  };
  const close = () => {
    setOpen(false);
    fe.clear();
  };
  return (
    <>
      <Button icon={<KeyOutlined />} onClick={() => setOpen(true)} data-testid="change-pin" title={t('pin.change')} aria-label={t('pin.change')}>
        {compact ? null : t('pin.change')}
      </Button>
      <Modal
        open={open}
        title={t('pin.change')}
        onCancel={close}
        onOk={() => form.submit()}
        okText={t('common.save')}
        cancelText={t('common.cancel')}
        confirmLoading={fe.busy}
        okButtonProps={{ disabled: !ready, 'data-testid': 'change-pin-submit' }}
        destroyOnHidden
      >
        <Form<Values> form={form} layout="vertical" onFinish={(v) => void save(v)} onValuesChange={(ch: object) => fe.touched(Object.keys(ch))}>
          <Form.Item name="oldPin" {...fe.item('oldPin')} rules={[{ required: true, message: t('form.required') }]}>
            <Input.Password inputMode="numeric" autoComplete="current-password" maxLength={64} data-testid="change-pin-old" />
          </Form.Item>
          <Form.Item name="newPin" {...fe.item('newPin')} rules={[{ required: true, pattern: /^\d{6,12}$/, message: t('setup.pin') }]}>
            <Input.Password inputMode="numeric" autoComplete="new-password" data-testid="change-pin-new" />
          </Form.Item>
          <Form.Item
            name="newPin2"
            {...fe.item('newPin2')}
            dependencies={['newPin']}
            rules={[({ getFieldValue }) => ({ validator: (_r, v: string) => (v === getFieldValue('newPin') ? Promise.resolve() : Promise.reject(new Error(t('enrol.mismatch')))) })]}
          >
            <Input.Password inputMode="numeric" autoComplete="new-password" data-testid="change-pin-new2" />
          </Form.Item>
        </Form>
        <FormError text={fe.general} />
      </Modal>
    </>
  );
}
