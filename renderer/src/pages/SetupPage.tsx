import { Button, Card, Form, Input, Typography } from 'antd';
import { call } from '../api/client';
import { FormError, useFilled, useFormErrors } from '../components/useFormErrors';
import { useI18n } from '../i18n';

interface Values {
  siteName: string;
  headName: string;
  staffNo: string;
  pin: string;
  pinConfirm: string;
}

/** First start on an empty database: the site and its head's PIN (then the recovery code), or a restore. */
export function SetupPage({ onDone, onRestore }: { onDone(r: { recoveryCode: string | null; siteName: string }): void; onRestore(): void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<Values>();
  // a weak PIN under the PIN; the rest by its field
  const fe = useFormErrors({ siteName: 'setup.siteName', headName: 'setup.headName', staffNo: 'setup.staffNo', pin: 'setup.pin', pinConfirm: 'setup.pinConfirm' }, { 'auth.pinWeak': 'pin' });
  const ready = useFilled(form, ['siteName', 'headName', 'staffNo', 'pin', 'pinConfirm']);
  const submit = async (v: Values) => {
    const r = await fe.run(() => call('setup.init', { siteName: v.siteName, headName: v.headName, staffNo: v.staffNo, pin: v.pin }));
    if (r.ok) onDone({ recoveryCode: r.value.recoveryCode, siteName: v.siteName });
  };
  return (
    <Card title={t('setup.title')} style={{ maxWidth: 480, margin: '48px auto' }}>
      <Typography.Paragraph>{t('setup.intro')}</Typography.Paragraph>
      <Form<Values> form={form} layout="vertical" onFinish={(v) => void submit(v)} onValuesChange={(ch: object) => fe.touched(Object.keys(ch))} requiredMark={false}>
        <Form.Item name="siteName" {...fe.item('siteName')} rules={[{ required: true, message: t('form.required') }]}>
          <Input autoFocus maxLength={100} />
        </Form.Item>
        <Form.Item name="headName" {...fe.item('headName')} rules={[{ required: true, message: t('form.required') }]}>
          <Input />
        </Form.Item>
        <Form.Item name="staffNo" {...fe.item('staffNo')} rules={[{ required: true, message: t('form.required') }]}>
          <Input />
        </Form.Item>
        <Form.Item name="pin" {...fe.item('pin')} rules={[{ required: true, pattern: /^\d{6,12}$/, message: t('setup.pin') }]}>
          <Input.Password inputMode="numeric" autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          name="pinConfirm"
          {...fe.item('pinConfirm')}
          dependencies={['pin']}
          rules={[
            { required: true, message: t('form.required') },
            ({ getFieldValue }) => ({
              validator: (_r, value: string) => (value === getFieldValue('pin') ? Promise.resolve() : Promise.reject(new Error(t('setup.pinMismatch')))),
            }),
          ]}
        >
          <Input.Password inputMode="numeric" autoComplete="new-password" />
        </Form.Item>
        <FormError text={fe.general} testId="setup-error" />
        <Button type="primary" htmlType="submit" block size="large" loading={fe.busy} disabled={!ready} data-testid="setup-submit">
          {t('setup.submit')}
        </Button>
      </Form>
      <Button type="link" onClick={onRestore} style={{ marginTop: 8, paddingLeft: 0 }} data-testid="setup-restore">
        {t('restore.link')}
      </Button>
    </Card>
  );
}
