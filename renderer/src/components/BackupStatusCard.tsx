// The dashboard's backup line: the last good backup and how old it is, or the most urgent warning
// (no folder yet, the drive missing, a failed run, a backup grown old while the data changed).
import { CloudServerOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Space, Typography } from 'antd';
import type { OutputOf } from '../../../electron/commands/api';
import { useQuery } from '../api/hooks';
import { useI18n } from '../i18n';
import { beijingTime, failureText, REASON_KEYS } from '../pages/records/common';
import { navigate } from '../router';

/** The card; `data` when the page around it already holds the state (the backup page), else it asks itself. */
export function BackupStatusCard({ compact = false, data }: { compact?: boolean; data?: OutputOf<'backup.status'> | null }) {
  const { t } = useI18n();
  const q = useQuery('backup.status', { runs: 0 }, { refreshMs: 30_000, skip: data !== undefined });
  const d = data !== undefined ? data : q.data;
  if (!d || !d.available || !d.status) return null;
  const s = d.status;
  const warning =
    s.warning === 'drive_missing'
      ? t('backup.warn.drive_missing', { folder: s.settings?.folder ?? '' })
      : s.warning === 'failed'
        ? t('backup.warn.failed', { error: s.lastRun ? failureText(t, s.lastRun) : '' })
        : s.warning === 'stale'
          ? t('backup.warn.stale', { minutes: s.ageMinutes ?? 0 })
          : s.warning === 'never'
            ? t('backup.warn.never')
            : s.warning === 'not_configured'
              ? t('backup.warn.not_configured')
              : null;
  const severity = s.warning === 'not_configured' || s.warning === 'never' ? 'warning' : 'error';
  const body = (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="backup-card">
      {s.lastGood && (
        <Typography.Text data-testid="backup-last-good">
          {t('backup.card.lastGood')}：{beijingTime(s.lastGood.at)}（{t('backup.card.ago', { minutes: s.ageMinutes ?? 0 })}，{t(REASON_KEYS[s.lastGood.reason])}）
          {s.behind > 0 && <Typography.Text type="secondary"> · {t('backup.card.behind', { count: s.behind })}</Typography.Text>}
        </Typography.Text>
      )}
      {s.running && <Typography.Text type="secondary">{t('backup.card.running')}</Typography.Text>}
      {warning && <Alert type={severity} showIcon message={warning} data-testid="backup-warning" />}
    </Space>
  );
  if (compact) return <div style={{ marginBottom: 16 }}>{body}</div>;
  return (
    <Card
      title={
        <Space>
          <CloudServerOutlined />
          {t('backup.card.title')}
        </Space>
      }
      extra={
        <Button size="small" onClick={() => navigate('/backup')} data-testid="backup-open">
          {t('backup.card.open')}
        </Button>
      }
      style={{ marginBottom: 16 }}
    >
      {body}
    </Card>
  );
}
