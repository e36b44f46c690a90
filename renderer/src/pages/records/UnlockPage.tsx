// A locked console (the browser shell, or no usable keystore): the recovery code, typed on this PC.
import { Alert, Button, Card, Form, Input } from 'antd';
import { useState } from 'react';
import type { VaultStatus } from '../../../../electron/commands/api';
import { call } from '../../api/client';
import { errorData } from '../../api/hooks';
import { useI18n } from '../../i18n';

export function UnlockPage({ status, onUnlocked }: { status: VaultStatus; onUnlocked(): void }) {
  const { t, te } = useI18n();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<{ code: string }>();
  if (status.lockReason === 'vault_missing') {
    return (
      <Card title={t('unlock.title')} style={{ maxWidth: 520, margin: '48px auto' }}>
        <Alert type="error" showIcon message={t('unlock.missing')} data-testid="unlock-missing" />
      </Card>
    );
  }
  if (!status.local) {
    return (
      <Card title={t('unlock.title')} style={{ maxWidth: 520, margin: '48px auto' }}>
        <Alert type="warning" showIcon message={t('unlock.remote')} data-testid="unlock-remote" />
        <Button style={{ marginTop: 16 }} onClick={onUnlocked}>
          {t('unlock.retry')}
        </Button>
      </Card>
    );
  }
  const submit = async (v: { code: string }) => {
    setBusy(true);
    setError(null);
    try {
      await call('vault.unlock', { code: v.code });
      onUnlocked();
    } catch (e) {
      setError(te(errorData(e)));
      form.setFieldValue('code', '');
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card title={t('unlock.title')} style={{ maxWidth: 520, margin: '48px auto' }}>
      <Alert type="info" showIcon message={t('unlock.intro')} style={{ marginBottom: 16 }} />
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} data-testid="unlock-error" />}
      <Form form={form} layout="vertical" onFinish={(v) => void submit(v)} requiredMark={false}>
        <Form.Item name="code" label={t('unlock.code')} rules={[{ required: true, message: t('form.required') }]}>
          <Input size="large" autoFocus autoComplete="off" spellCheck={false} style={{ fontFamily: 'monospace', letterSpacing: 1 }} maxLength={64} />
        </Form.Item>
        <Button type="primary" htmlType="submit" block size="large" loading={busy} data-testid="unlock-submit">
          {t('unlock.submit')}
        </Button>
      </Form>
    </Card>
  );
}
