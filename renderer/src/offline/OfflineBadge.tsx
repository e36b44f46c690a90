// What a paired door device says about its link to the office PC, always on screen at the door:
// 离线 · 待同步 N while it cannot reach it, 在线 · 待同步 N while it can, and when it was revoked.
import { Tag } from 'antd';
import { useI18n } from '../i18n';
import { useDevice } from './device';

export function OfflineBadge() {
  const { t } = useI18n();
  const d = useDevice();
  if (!d.paired) return null;
  const n = d.queued;
  if (d.revoked) return <Tag color="red" data-testid="offline-badge" data-state="revoked" style={{ fontSize: 15, padding: '4px 10px' }}>{t('offline.revoked', { n })}</Tag>;
  return (
    <Tag color={d.online ? (n > 0 ? 'gold' : 'green') : 'red'} data-testid="offline-badge" data-state={d.online ? 'online' : 'offline'} data-queued={n} style={{ fontSize: 15, padding: '4px 10px' }}>
      {t(d.online ? 'offline.online' : 'offline.badge', { n })}
    </Tag>
  );
}
