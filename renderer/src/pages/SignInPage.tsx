import { Alert, Button, Card, Form, Input, Select, Typography } from 'antd';
import { useState } from 'react';
import type { Role } from '../../../electron/commands/api';
import { call, deviceName, setDeviceName, setToken } from '../api/client';
import { errorData } from '../api/hooks';
import { useI18n } from '../i18n';
import { ROLE_KEYS } from '../roles';

interface Values {
  staffNo: string;
  pin: string;
  role?: Role | '';
  device?: string;
}

export function SignInPage({ siteName, notice, onSignedIn }: { siteName: string | null; notice?: string | null; onSignedIn(): void }) {
  const { t, te } = useI18n();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<Values>();
  const submit = async (v: Values) => {
    setBusy(true);
    setError(null);
    try {
      if (v.device !== undefined) setDeviceName(v.device.trim());
      const res = await call('auth.signIn', { staffNo: v.staffNo, pin: v.pin, ...(v.role ? { role: v.role } : {}) });
      setToken(res.token);
      onSignedIn();
    } catch (e) {
      setError(te(errorData(e)));
      form.setFieldValue('pin', '');
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card title={t('signin.title')} style={{ maxWidth: 420, margin: '48px auto' }}>
      {siteName && <Typography.Title level={4}>{siteName}</Typography.Title>}
      {notice && <Alert type="warning" showIcon message={notice} style={{ marginBottom: 16 }} />}
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} data-testid="signin-error" />}
      <Form<Values> form={form} layout="vertical" onFinish={(v) => void submit(v)} requiredMark={false} initialValues={{ role: '', device: deviceName() }}>
        <Form.Item name="staffNo" label={t('signin.staffNo')} rules={[{ required: true, message: t('form.required') }]}>
          <Input size="large" autoFocus autoComplete="username" />
        </Form.Item>
        <Form.Item name="pin" label={t('signin.pin')} rules={[{ required: true, message: t('form.required') }]}>
          <Input.Password size="large" inputMode="numeric" autoComplete="current-password" />
        </Form.Item>
        <Form.Item name="role" label={t('signin.role')}>
          <Select
            size="large"
            options={[{ value: '', label: t('signin.roleAuto') }, ...ROLE_KEYS.map(([r, key]) => ({ value: r, label: t(key) }))]}
          />
        </Form.Item>
        <Form.Item name="device" label={t('signin.deviceName')}>
          <Input />
        </Form.Item>
        <Button type="primary" htmlType="submit" block size="large" loading={busy}>
          {t('signin.submit')}
        </Button>
        <Button type="link" block href="#/enrol" style={{ marginTop: 8 }} data-testid="enrol-link">
          {t('enrol.link')}
        </Button>
      </Form>
    </Card>
  );
}
