// The demo site's clock (electron/server/demo.ts) runs on the demo exam day in real time. To train
// staff on what happens at 09:30 (E4), 10:30 (E5) or after the five working days of the 公示 (G5),
// the site head may move it forward — only on the demo site, only forward (the audit trail's times
// never run backwards), at most 90 days at once. The new position is kept across restarts.
import type { ReadSqlite } from '../../db';
import type { ServiceContext } from './context';
import { AppError } from './errors';
import { OffsetClock } from './runtime';

export const DEMO_CLOCK_KEY = 'demo.clock';
const MAX_JUMP_DAYS = 90;
const MAX_JUMP_MS = MAX_JUMP_DAYS * 86_400_000;

/** Whether this console runs the demo site's clock. */
export function isDemoSite(sqlite: ReadSqlite): boolean {
  return !!sqlite.prepare<[string], { value: string }>('SELECT value FROM app_meta WHERE key = ?').get(DEMO_CLOCK_KEY);
}

export function advanceDemoClock(ctx: ServiceContext, input: { to: Date }): { from: string; to: string } {
  const clock = ctx.clock;
  if (!isDemoSite(ctx.sqlite) || !(clock instanceof OffsetClock)) throw new AppError('FORBIDDEN', 'demo.clockNotDemo');
  const now = clock.now().getTime();
  const target = input.to.getTime();
  if (!(target > now)) throw new AppError('BAD_INPUT', 'demo.clockBackwards');
  if (target - now > MAX_JUMP_MS) throw new AppError('BAD_INPUT', 'demo.clockTooFar', { days: MAX_JUMP_DAYS });
  // the real moment that corresponds to the new demo time (the clock reads the wall clock itself)
  const realNow = now - clock.offsetMs;
  ctx.sqlite
    .prepare('UPDATE app_meta SET value = ? WHERE key = ?')
    .run(JSON.stringify({ demoStart: new Date(target).toISOString(), realStart: new Date(realNow).toISOString() }), DEMO_CLOCK_KEY);
  clock.offsetMs += target - now;
  const moved = { from: new Date(now).toISOString(), to: new Date(target).toISOString() };
  ctx.note({ before: { demoClock: moved.from }, after: { demoClock: moved.to } });
  return moved;
}
