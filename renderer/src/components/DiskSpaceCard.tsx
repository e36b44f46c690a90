// The data folder's disk on the home page and the dashboard: nothing while there is room for the
// rest of the day, a warning below it, an error when the disk is full (services/system/disk.ts).
import { Alert } from 'antd';
import { useQuery } from '../api/hooks';
import { useI18n } from '../i18n';

/** Bytes as the warning reads them: MB below a gigabyte, GB above. */
export function sizeText(bytes: number): string {
  const mb = bytes / (1024 * 1024);
  return mb >= 1024 ? `${(mb / 1024).toFixed(1)} GB` : `${Math.max(0, Math.floor(mb))} MB`;
}

export function DiskSpaceCard() {
  const { t } = useI18n();
  const q = useQuery('system.disk', {}, { refreshMs: 60_000 });
  const d = q.data;
  if (!d || d.state === 'ok') return null;
  const message =
    d.state === 'full'
      ? t('disk.warn.full', { free: sizeText(d.freeBytes), total: sizeText(d.totalBytes) })
      : t('disk.warn.low', { free: sizeText(d.freeBytes), total: sizeText(d.totalBytes), needed: sizeText(d.neededBytes), count: d.signInsToCome });
  return (
    <Alert
      style={{ marginBottom: 16 }}
      type={d.state === 'full' ? 'error' : 'warning'}
      showIcon
      message={t('disk.title')}
      description={
        <span data-testid="disk-warning" data-state={d.state}>
          {message}
        </span>
      }
    />
  );
}
