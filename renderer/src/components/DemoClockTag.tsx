// On the demo site the console lives on the demo plan's exam day (its own clock): say so in the
// header, with the console's time, so nobody mistakes it for the real one.
import { ClockCircleOutlined } from '@ant-design/icons';
import { Tag, Tooltip } from 'antd';
import { useQuery } from '../api/hooks';
import { useI18n } from '../i18n';
import { beijing } from '../pages/plan/common';

export function DemoClockTag() {
  const { t } = useI18n();
  const status = useQuery('setup.status', {}, { refreshMs: 30_000 });
  const at = status.data?.demoClock;
  if (!at) return null;
  return (
    <Tooltip title={t('demo.clock.hint')}>
      <Tag icon={<ClockCircleOutlined />} color="orange" data-testid="demo-clock">
        {t('demo.clock', { time: beijing(at) })}
      </Tag>
    </Tooltip>
  );
}
