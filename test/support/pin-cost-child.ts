// A console process as production runs it (no test hook: nothing lowers the PIN cost): first start
// in the folder given, then prints the site head's stored PIN hash. pin-cost.test.ts reads it.
import { openConsole } from '../../electron/app';
import { ManualClock } from '../../electron/services/runtime';

const dataDir = process.argv[2];
if (!dataDir) throw new Error('usage: pin-cost-child.ts <data folder>');
const app = openConsole({ dataDir, clock: new ManualClock('2026-05-21T07:30:00+08:00') });
try {
  const r = await app.call({ method: 'setup.init', input: { siteName: '枣庄市技师学院考点', headName: '李𠀋明', staffNo: 'H001', pin: '246810' }, token: null, device: 'child' });
  if (!r.ok) throw new Error(`setup.init: ${r.error.code}`);
  const row = app.env.opened.sqlite.prepare('SELECT hash FROM staff_pins').get() as { hash: string };
  process.stdout.write(`${row.hash}\n`);
} finally {
  app.close();
}
