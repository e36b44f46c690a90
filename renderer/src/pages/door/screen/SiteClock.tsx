import { Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';

/**
 * The site's clock, ticking: the console's time at the last refresh plus what has passed here
 * since. Every refresh (5 s) sets it back to the console's time, which is the one the rules use.
 */
export function SiteClock({ serverNow, zoneSample, fallback }: { serverNow: string; zoneSample: string; fallback: string }) {
  // its own component: the tick re-renders the clock, not the roster
  const text = useSiteClock(serverNow, zoneSample);
  return (
    <Typography.Text strong style={{ fontSize: 26, fontVariantNumeric: 'tabular-nums' }} data-testid="door-clock">
      {text ?? fallback}
    </Typography.Text>
  );
}

function useSiteClock(serverNow: string | null, zoneSample: string | null): string | null {
  const anchor = useRef<{ server: number; local: number } | null>(null);
  const [, setTick] = useState(0);
  useEffect(() => {
    anchor.current = serverNow ? { server: Date.parse(serverNow), local: Date.now() } : null;
  }, [serverNow]);
  useEffect(() => {
    const id = setInterval(() => setTick((x) => x + 1), 1000);
    return () => clearInterval(id);
  }, []);
  if (!anchor.current || !zoneSample) return null;
  const m = /([+-])(\d{2}):?(\d{2})$/.exec(zoneSample);
  const offset = m ? (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])) : 0;
  const t = new Date(anchor.current.server + (Date.now() - anchor.current.local) + offset * 60_000);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${p(t.getUTCHours())}:${p(t.getUTCMinutes())}:${p(t.getUTCSeconds())}`;
}
