// `--demo` lives on the demo plan's exam day: 07:30 that morning at the first start, running on in
// real time across restarts; a console with a real plan keeps the real time.
import { expect, test } from 'vitest';
import { openConsole } from '../../electron/app';
import { loadDemo, startDemoClock } from '../../electron/server/demo';
import { OffsetClock } from '../../electron/services/runtime';
import { tempDir } from './helpers';

const MORNING = Date.parse('2026-05-21T07:30:00+08:00');

test('the demo clock starts at 07:30 on the demo exam day, keeps its offset across a restart, and the frame is told', async () => {
  const dataDir = tempDir();
  const clock = new OffsetClock();
  const app = openConsole({ dataDir, clock });
  await loadDemo(app);
  expect(startDemoClock(app, clock)).toContain('2026-05-21 07:30');
  expect(Math.abs(clock.now().getTime() - MORNING)).toBeLessThan(60_000);
  const status = await app.call({ method: 'setup.status', input: {}, device: 'vitest' });
  expect(status.ok && (status.data as { demoClock: string | null }).demoClock).toBeTruthy();
  const offset = clock.offsetMs;
  app.close();

  // a second start on the same data folder continues the same demo day
  const again = new OffsetClock();
  const app2 = openConsole({ dataDir, clock: again });
  await loadDemo(app2);
  startDemoClock(app2, again);
  expect(again.offsetMs).toBe(offset);
  app2.close();
});

test('a console without the demo plan keeps the real time and says nothing of a demo clock', async () => {
  const clock = new OffsetClock();
  const app = openConsole({ dataDir: tempDir(), clock });
  expect(startDemoClock(app, clock)).toBeNull();
  expect(clock.offsetMs).toBe(0);
  const status = await app.call({ method: 'setup.status', input: {}, device: 'vitest' });
  expect(status.ok && (status.data as { demoClock: string | null }).demoClock).toBeNull();
  app.close();
});
