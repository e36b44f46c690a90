// Public (S1): a staff member chooses their own PIN with the enrolment code on their slip. The QR
// on the slip opens this page with the staff number and the code filled in.
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { call } from '../api/client';
import { errorData } from '../api/hooks';
import { useI18n } from '../i18n';

interface Values {
  staffNo: string;
  code: string;
  pin: string;
  pin2: string;
}

/** the staff number and code a slip's QR carries (#/enrol?staffNo=…&code=…) */
function fromLink(path: string): Partial<Values> {
  const q = new URLSearchParams(path.split('?')[1] ?? '');
  return { staffNo: q.get('staffNo')?.slice(0, 32) ?? '', code: q.get('code')?.slice(0, 32) ?? '' };
}

export function EnrolPage({ path, onDone, onBack }: { path: string; onDone(): void; onBack(): void }) {
  const { t, te } = useI18n();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<Values>();
  const submit = async (v: Values) => {
    setBusy(true);
    setError(null);
    try {
      await call('auth.enrol', { staffNo: v.staffNo, code: v.code, pin: v.pin });
      onDone();
    } catch (e) {
      setError(te(errorData(e)));
      form.setFieldsValue({ pin: '', pin2: '' });
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card title={t('enrol.title')} style={{ maxWidth: 460, margin: '48px auto' }} data-testid="enrol-page">
      <Typography.Paragraph type="secondary">{t('enrol.intro')}</Typography.Paragraph>
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} data-testid="enrol-error" />}
      <Form<Values> form={form} layout="vertical" onFinish={(v) => void submit(v)} requiredMark={false} initialValues={fromLink(path)}>
        <Form.Item name="staffNo" label={t('signin.staffNo')} rules={[{ required: true, message: t('form.required') }, { max: 32 }]}>
          <Input size="large" autoComplete="username" />
        </Form.Item>
        <Form.Item name="code" label={t('enrol.code')} rules={[{ required: true, message: t('form.required') }, { max: 32 }]}>
          <Input size="large" autoComplete="off" style={{ textTransform: 'uppercase', letterSpacing: 2 }} />
        </Form.Item>
        <Form.Item name="pin" label={t('enrol.pin')} rules={[{ required: true, pattern: /^\d{6,12}$/, message: t('setup.pin') }]}>
          <Input.Password size="large" inputMode="numeric" autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          name="pin2"
          label={t('enrol.pin2')}
          dependencies={['pin']}
          rules={[
            { required: true, message: t('form.required') },
            ({ getFieldValue }) => ({ validator: (_r, v: string) => (v === getFieldValue('pin') ? Promise.resolve() : Promise.reject(new Error(t('enrol.mismatch')))) }),
          ]}
        >
          <Input.Password size="large" inputMode="numeric" autoComplete="new-password" />
        </Form.Item>
        <Button type="primary" htmlType="submit" block size="large" loading={busy} data-testid="enrol-submit">
          {t('enrol.submit')}
        </Button>
        <Button type="link" block onClick={onBack} style={{ marginTop: 8 }}>
          {t('enrol.back')}
        </Button>
      </Form>
    </Card>
  );
}
