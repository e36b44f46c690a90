// On the demo site the console lives on the demo plan's exam day (its own clock): say so in the
// header, with the console's time, so nobody mistakes it for the real one. The site head may move
// it forward to try what happens later in the day or after the 公示 (demo.clock.advance; forward only).
import { ClockCircleOutlined } from '@ant-design/icons';
import { Alert, Button, Popover, Space, Tag, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { call } from '../api/client';
import { errorData, useQuery } from '../api/hooks';
import { useI18n, type MessageKey } from '../i18n';
import { beijing } from '../pages/plan/common';

const HOUR = 3600_000;
const DAY = 24 * HOUR;

/** A Beijing wall time on the day of `at` (plus `days`), as an ISO string with +08:00. */
function beijingAt(at: Date, days: number, hhmm: string): string {
  const d = new Date(at.getTime() + 8 * HOUR + days * DAY).toISOString().slice(0, 10);
  return `${d}T${hhmm}:00+08:00`;
}

export function DemoClockTag({ role }: { role?: string }) {
  const { t, te } = useI18n();
  const status = useQuery('setup.status', {}, { refreshMs: 30_000 });
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const at = status.data?.demoClock;
  if (!at) return null;
  const tag = (
    <Tag icon={<ClockCircleOutlined />} color="orange" data-testid="demo-clock" style={role === 'site_head' ? { cursor: 'pointer' } : undefined}>
      {t('demo.clock', { time: beijing(at) })}
    </Tag>
  );
  if (role !== 'site_head') return <Tooltip title={t('demo.clock.hint')}>{tag}</Tooltip>;
  const now = new Date(at);
  const presets: { key: MessageKey; to: string }[] = [
    { key: 'demo.clock.plus30', to: new Date(now.getTime() + HOUR / 2).toISOString() },
    { key: 'demo.clock.plus2h', to: new Date(now.getTime() + 2 * HOUR).toISOString() },
    { key: 'demo.clock.evening', to: beijingAt(now, 0, '18:30') },
    { key: 'demo.clock.nextMorning', to: beijingAt(now, 1, '09:00') },
    { key: 'demo.clock.plus10d', to: beijingAt(now, 10, '09:00') },
  ];
  const go = async (to: string) => {
    setBusy(true);
    try {
      await call('demo.clock.advance', { to });
      setError(null);
      // sessions count on this clock: a long jump may end this one, and every page should re-read
      window.location.reload();
    } catch (e) {
      setError(te(errorData(e)));
    } finally {
      setBusy(false);
    }
  };
  const content = (
    <Space direction="vertical" style={{ maxWidth: 320 }} data-testid="demo-clock-panel">
      <Typography.Text type="secondary">{t('demo.clock.hint')}</Typography.Text>
      <Typography.Text>{t('demo.clock.advanceHint')}</Typography.Text>
      {error && <Alert type="error" showIcon title={error} />}
      <Space wrap>
        {presets
          .filter((p) => Date.parse(p.to) > now.getTime())
          .map((p) => (
            <Button key={p.key} size="small" disabled={busy} onClick={() => void go(p.to)} data-testid={`demo-clock-${p.key.split('.').pop()}`}>
              {t(p.key)}
            </Button>
          ))}
      </Space>
    </Space>
  );
  return (
    <Popover trigger="click" title={t('demo.clock.title')} content={content}>
      {tag}
    </Popover>
  );
}
