import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { call } from '../api/client';
import { errorData } from '../api/hooks';
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
  const { t, te } = useI18n();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (v: Values) => {
    setBusy(true);
    setError(null);
    try {
      const r = await call('setup.init', { siteName: v.siteName, headName: v.headName, staffNo: v.staffNo, pin: v.pin });
      onDone({ recoveryCode: r.recoveryCode, siteName: v.siteName });
    } catch (e) {
      setError(te(errorData(e)));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card title={t('setup.title')} style={{ maxWidth: 480, margin: '48px auto' }}>
      <Typography.Paragraph>{t('setup.intro')}</Typography.Paragraph>
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} data-testid="setup-error" />}
      <Form<Values> layout="vertical" onFinish={(v) => void submit(v)} requiredMark={false}>
        <Form.Item name="siteName" label={t('setup.siteName')} rules={[{ required: true, message: t('form.required') }]}>
          <Input autoFocus />
        </Form.Item>
        <Form.Item name="headName" label={t('setup.headName')} rules={[{ required: true, message: t('form.required') }]}>
          <Input />
        </Form.Item>
        <Form.Item name="staffNo" label={t('setup.staffNo')} rules={[{ required: true, message: t('form.required') }]}>
          <Input />
        </Form.Item>
        <Form.Item name="pin" label={t('setup.pin')} rules={[{ required: true, pattern: /^\d{6,12}$/, message: t('setup.pin') }]}>
          <Input.Password inputMode="numeric" autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          name="pinConfirm"
          label={t('setup.pinConfirm')}
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
        <Button type="primary" htmlType="submit" block size="large" loading={busy}>
          {t('setup.submit')}
        </Button>
      </Form>
      <Button type="link" onClick={onRestore} style={{ marginTop: 8, paddingLeft: 0 }} data-testid="setup-restore">
        {t('restore.link')}
      </Button>
    </Card>
  );
}
