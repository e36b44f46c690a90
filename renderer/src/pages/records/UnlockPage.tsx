// A locked console (the browser shell, or no usable keystore): the recovery code, typed on this PC.
import { Alert, Button, Card, Form, Input } from 'antd';
import type { VaultStatus } from '../../../../electron/commands/api';
import { call } from '../../api/client';
import { FormError, useFilled, useFormErrors } from '../../components/useFormErrors';
import { useI18n } from '../../i18n';

export function UnlockPage({ status, onUnlocked }: { status: VaultStatus; onUnlocked(): void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ code: string }>();
  // a wrong or mistyped code under 恢复码; the rest beside the button
  const fe = useFormErrors({ code: 'unlock.code' }, { RECOVERY_CODE_WRONG: 'code' });
  const ready = useFilled(form, ['code']);
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
    const r = await fe.run(() => call('vault.unlock', { code: v.code }));
    if (r.ok) onUnlocked();
    else form.setFieldValue('code', '');
  };
  return (
    <Card title={t('unlock.title')} style={{ maxWidth: 520, margin: '48px auto' }}>
      <Alert type="info" showIcon message={t('unlock.intro')} style={{ marginBottom: 16 }} />
      <Form form={form} layout="vertical" onFinish={(v) => void submit(v)} onValuesChange={(ch: object) => fe.touched(Object.keys(ch))} requiredMark={false}>
        <Form.Item name="code" {...fe.item('code')} rules={[{ required: true, message: t('form.required') }]}>
          <Input size="large" autoFocus autoComplete="off" spellCheck={false} style={{ fontFamily: 'monospace', letterSpacing: 1 }} maxLength={64} data-testid="unlock-code" />
        </Form.Item>
        <Button type="primary" htmlType="submit" block size="large" disabled={!ready} loading={fe.busy} data-testid="unlock-submit">
          {t('unlock.submit')}
        </Button>
        <FormError text={fe.general} testId="unlock-error" />
      </Form>
    </Card>
  );
}
