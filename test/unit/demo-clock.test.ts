// `--demo` lives on the demo plan's exam day: 07:30 that morning at the first start, running on in
// real time across restarts; a console with a real plan keeps the real time.
import { describeError } from '../../renderer/src/i18n';
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

test('the site head moves the demo clock forward (audited, kept across a restart); backwards, too far, or on a real site is refused', async () => {
  const dataDir = tempDir();
  const clock = new OffsetClock();
  const app = openConsole({ dataDir, clock });
  await loadDemo(app);
  startDemoClock(app, clock);
  const signIn = async (staffNo: string, pin: string) => {
    const r = await app.call({ method: 'auth.signIn', input: { staffNo, pin }, device: 'vitest' });
    if (!r.ok) throw new Error(r.error.message);
    return (r.data as { token: string }).token;
  };
  const head = await signIn('H001', '246810');
  const advance = (to: string, token: string) => app.call({ method: 'demo.clock.advance', input: { to }, token, device: 'vitest' });

  // after the publication period (G5 training): ten days on
  const r = await advance('2026-05-31T09:00:00+08:00', head);
  expect(r.ok).toBe(true);
  expect(Math.abs(clock.now().getTime() - Date.parse('2026-05-31T09:00:00+08:00'))).toBeLessThan(60_000);
  const audit = app.env.opened.sqlite.prepare("SELECT detail FROM audit_events WHERE command = 'demo.clock.advance' AND outcome = 'ok'").all() as { detail: string }[];
  expect(audit).toHaveLength(1);
  expect(JSON.parse(audit[0]!.detail)).toMatchObject({ after: { demoClock: '2026-05-31T01:00:00.000Z' } });

  // never backwards, never more than 90 days, and only the site head
  const head2 = await signIn('H001', '246810'); // the jump may outlive the first session
  const back = await advance('2026-05-21T09:00:00+08:00', head2);
  expect(back.ok ? null : back.error).toMatchObject({ code: 'BAD_INPUT', reason: 'demo.clockBackwards' });
  expect(back.ok ? '' : describeError('zh-CN', back.error)).toMatch(/只能向后拨/);
  const far = await advance('2026-12-31T09:00:00+08:00', head2);
  expect(far.ok ? null : far.error).toMatchObject({ code: 'BAD_INPUT', reason: 'demo.clockTooFar', params: { days: 90 } });
  expect(far.ok ? '' : describeError('zh-CN', far.error)).toMatch(/最多向后拨 90 天/);
  const proctorNo = (app.env.opened.sqlite.prepare("SELECT s.staff_no AS n FROM staff s JOIN staff_roles r ON r.staff_id = s.id WHERE r.role = 'proctor' LIMIT 1").get() as { n: string }).n;
  const proctor = await signIn(proctorNo, '135790');
  expect((await advance('2026-06-01T09:00:00+08:00', proctor)).ok).toBe(false);
  const offset = clock.offsetMs;
  app.close();

  // the next start continues from the moved time
  const again = new OffsetClock();
  const app2 = openConsole({ dataDir, clock: again });
  startDemoClock(app2, again);
  expect(Math.abs(again.offsetMs - offset)).toBeLessThan(5_000);
  app2.close();

  // a real site's clock is the PC's own
  const real = openConsole({ dataDir: tempDir(), clock: new OffsetClock() });
  await real.call({ method: 'setup.init', input: { siteName: '真实考点', headName: '王五', staffNo: 'H9', pin: '246810' }, device: 'vitest' });
  const t = await real.call({ method: 'auth.signIn', input: { staffNo: 'H9', pin: '246810' }, device: 'vitest' });
  const refused = await real.call({ method: 'demo.clock.advance', input: { to: '2030-01-01T09:00:00+08:00' }, token: t.ok ? (t.data as { token: string }).token : '', device: 'vitest' });
  expect(refused.ok ? null : refused.error).toMatchObject({ code: 'FORBIDDEN', reason: 'demo.clockNotDemo' });
  expect(refused.ok ? '' : describeError('zh-CN', refused.error)).toMatch(/只有演示考点/);
  real.close();
});
