// The door's latest alarms (a duplicate sign-in), newest first. One still in draft can be closed
// here as a false alarm (a double read, a re-entry) with a note; it then never becomes an incident.
import { Alert, Button } from 'antd';
import { useI18n } from '../../../i18n';
import type { DoorView } from './types';

export type DoorAlarm = DoorView['alerts'][number];

export function DoorAlerts({ alerts, onClose }: { alerts: DoorView['alerts']; onClose: (a: DoorAlarm) => void }) {
  const { t } = useI18n();
  if (alerts.length === 0) return null;
  const open = alerts.some((a) => a.status === 'draft');
  return (
    <Alert
      type={open ? 'error' : 'info'}
      style={{ marginTop: 8 }}
      message={t('door.alerts.title')}
      data-testid="door-alerts"
      description={alerts.slice(0, 3).map((a) => (
        <div key={a.id} style={{ display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: 6, marginTop: 4 }} data-testid={`door-alert-${a.id}`}>
          <span>
            {a.atLocal} {t(`door.alert.kind.${a.kind}`)} {a.name} {a.ticketNo}
          </span>
          {a.status === 'draft' && (
            <Button size="small" onClick={() => onClose(a)} data-testid={`close-alert-${a.id}`}>
              {t('door.alert.close')}
            </Button>
          )}
          {a.status === 'dismissed' && a.closedReason && <span style={{ color: '#389e0d' }}>{t('door.alert.closed', { reason: t(`door.alert.reason.${a.closedReason}`) })}</span>}
        </div>
      ))}
    />
  );
}
