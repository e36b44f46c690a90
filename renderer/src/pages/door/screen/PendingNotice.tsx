// A green verdict not yet confirmed when the next code arrives: the screen says so and holds that
// code; one tap confirms this candidate or dismisses them, then the held code is looked up (E3).
import { Alert, Button, Space } from 'antd';
import { useI18n } from '../../../i18n';

export function PendingNotice({ name, held, busy, onConfirm, onDismiss }: { name: string; held: string; busy: boolean; onConfirm: () => void; onDismiss: () => void }) {
  const { t } = useI18n();
  return (
    <Alert
      type="warning"
      showIcon
      style={{ marginTop: 8 }}
      data-testid="pending-notice"
      message={<span style={{ fontSize: 18, fontWeight: 600 }}>{t('door.pending.title', { name })}</span>}
      description={
        <>
          <div>{t('door.pending.detail', { code: held })}</div>
          <Space wrap style={{ marginTop: 8 }}>
            <Button type="primary" size="large" style={{ height: 52, minWidth: 160, background: '#389e0d' }} loading={busy} onClick={onConfirm} data-testid="pending-confirm">
              {t('door.confirm')}
            </Button>
            <Button size="large" style={{ height: 52 }} onClick={onDismiss} data-testid="pending-dismiss">
              {t('door.pending.dismiss')}
            </Button>
          </Space>
        </>
      }
    />
  );
}
