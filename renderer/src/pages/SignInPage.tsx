import { Alert, Button, Card, Form, Input, Select, Typography } from 'antd';
import type { Role } from '../../../electron/commands/api';
import { call, deviceName, setDeviceName, setToken } from '../api/client';
import { FormError, useFilled, useFormErrors } from '../components/useFormErrors';
import { useI18n } from '../i18n';
import { ROLE_KEYS } from '../roles';

interface Values {
  staffNo: string;
  pin: string;
  role?: Role | '';
  device?: string;
}

export function SignInPage({ siteName, notice, onSignedIn }: { siteName: string | null; notice?: string | null; onSignedIn(): void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<Values>();
  // a wrong staff number or PIN does not say which of the two (S1): beside the button; a role not held under 角色
  const fe = useFormErrors({ staffNo: 'signin.staffNo', pin: 'signin.pin', role: 'signin.role', device: 'signin.deviceName' }, { 'auth.roleNotHeld': 'role' });
  const ready = useFilled(form, ['staffNo', 'pin']);
  const submit = async (v: Values) => {
    if (v.device !== undefined) setDeviceName(v.device.trim());
    const r = await fe.run(async () => {
      try {
        return await call('auth.signIn', { staffNo: v.staffNo, pin: v.pin, ...(v.role ? { role: v.role } : {}) });
      } catch (e) {
        form.setFieldValue('pin', '');
        throw e;
      }
    });
    if (!r.ok) return;
    setToken(r.value.token);
    onSignedIn();
  };
  return (
    <Card title={t('signin.title')} style={{ maxWidth: 420, margin: '48px auto' }}>
      {siteName && <Typography.Title level={4}>{siteName}</Typography.Title>}
      {notice && <Alert type="warning" showIcon message={notice} style={{ marginBottom: 16 }} />}
      <Form<Values> form={form} layout="vertical" onFinish={(v) => void submit(v)} onValuesChange={(ch: object) => fe.touched(Object.keys(ch))} requiredMark={false} initialValues={{ role: '', device: deviceName() }}>
        <Form.Item name="staffNo" {...fe.item('staffNo')} rules={[{ required: true, message: t('form.required') }]}>
          <Input size="large" autoFocus autoComplete="username" />
        </Form.Item>
        <Form.Item name="pin" {...fe.item('pin')} rules={[{ required: true, message: t('form.required') }]}>
          <Input.Password size="large" inputMode="numeric" autoComplete="current-password" />
        </Form.Item>
        <Form.Item name="role" {...fe.item('role')}>
          <Select
            size="large"
            options={[{ value: '', label: t('signin.roleAuto') }, ...ROLE_KEYS.map(([r, key]) => ({ value: r, label: t(key) }))]}
          />
        </Form.Item>
        <Form.Item name="device" {...fe.item('device')}>
          <Input />
        </Form.Item>
        <FormError text={fe.general} testId="signin-error" />
        <Button type="primary" htmlType="submit" block size="large" loading={fe.busy} disabled={!ready}>
          {t('signin.submit')}
        </Button>
        <Button type="link" block href="#/enrol" style={{ marginTop: 8 }} data-testid="enrol-link">
          {t('enrol.link')}
        </Button>
      </Form>
    </Card>
  );
}
