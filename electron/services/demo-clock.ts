// The demo site's clock (electron/server/demo.ts) runs on the demo exam day in real time. To train
// staff on what happens at 09:30 (E4), 10:30 (E5) or after the five working days of the 公示 (G5),
// the site head may move it forward — only on the demo site, only forward (the audit trail's times
// never run backwards), at most 90 days at once. The new position is kept across restarts.
import type { Sqlite } from '../../db';
import { AppError } from './errors';
import { OffsetClock, type Clock } from './runtime';

export const DEMO_CLOCK_KEY = 'demo.clock';
const MAX_JUMP_MS = 90 * 86_400_000;

export function advanceDemoClock(sqlite: Sqlite, clock: Clock, to: Date): { from: string; to: string } {
  const held = sqlite.prepare('SELECT value FROM app_meta WHERE key = ?').get(DEMO_CLOCK_KEY) as { value: string } | undefined;
  if (!held || !(clock instanceof OffsetClock)) {
    throw new AppError('FORBIDDEN', '只有演示考点可以调整时钟；真实考点使用本机时间。', 'Only the demo site’s clock can be moved.');
  }
  const now = clock.now().getTime();
  const target = to.getTime();
  if (!(target > now)) throw new AppError('BAD_INPUT', '演示时钟只能向后拨：审计记录的时间不能倒流。', 'The demo clock only moves forward.');
  if (target - now > MAX_JUMP_MS) throw new AppError('BAD_INPUT', '一次最多向后拨 90 天。', 'At most 90 days at once.');
  // the real moment that corresponds to the new demo time (the clock reads the wall clock itself)
  const realNow = now - clock.offsetMs;
  sqlite
    .prepare('UPDATE app_meta SET value = ? WHERE key = ?')
    .run(JSON.stringify({ demoStart: new Date(target).toISOString(), realStart: new Date(realNow).toISOString() }), DEMO_CLOCK_KEY);
  clock.offsetMs += target - now;
  return { from: new Date(now).toISOString(), to: new Date(target).toISOString() };
}
