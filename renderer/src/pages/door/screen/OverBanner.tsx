// 本场已结束: the session has ended or its batch is sealed, and the door records nothing more.
import { Alert } from 'antd';
import { useI18n } from '../../../i18n';
import type { DoorView } from './types';

export function OverBanner({ view }: { view: DoorView }) {
  const { t } = useI18n();
  if (!view.over) return null;
  return (
    <Alert
      type="info"
      showIcon
      style={{ marginBottom: 8 }}
      data-testid="door-over"
      message={<span style={{ fontSize: 20, fontWeight: 700 }}>{t('door.over.banner')}</span>}
      description={view.over === 'sealed' ? t('door.over.detail.sealed') : t('door.over.detail.ended', { time: view.endsLocal })}
    />
  );
}
