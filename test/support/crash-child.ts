// The console's browser shell as the crash test runs it in a child process (bundled once by the
// test, so a restart costs a second, not a TypeScript compile): the data folder and port from the
// environment, the exam day's clock as an offset from real time (the same offset in every life of
// the process, so time flows on across kills). Prints READY <url> once it answers.
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { startConsole } from '../../electron/app';
import { startHttpServer } from '../../electron/server/http';
import { OffsetClock } from '../../electron/services/runtime';

const repo = process.env.CRASH_REPO ?? process.cwd();
const clock = new OffsetClock();
clock.offsetMs = Number(process.env.CRASH_OFFSET_MS ?? 0);
const app = startConsole({
  dataDir: process.env.CRASH_DATA ?? '',
  clock,
  // the bundle lives elsewhere: the migrations and the backup worker from the source tree
  migrationsDir: join(repo, 'db/migrations'),
  backupWorker: {
    file: pathToFileURL(join(repo, 'electron/services/backup/worker-boot.mjs')),
    entry: pathToFileURL(join(repo, 'electron/services/backup/worker.ts')).href,
  },
});
if (app.state !== 'open') {
  console.error(`crash-child: the console is locked (${app.lockReason ?? '?'})`);
  process.exit(2);
}
const running = await startHttpServer({ app, port: Number(process.env.CRASH_PORT ?? 0) });
console.log(`READY ${running.url}`);
// started with an IPC channel by the test: gone with it, even when the test itself is killed
process.on('disconnect', () => process.exit(0));
