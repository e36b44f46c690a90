// A console in a child process, for the test that SIGKILLs it in the middle of a replay: opens the
// data folder on a fixed clock, serves HTTP on a free port of 127.0.0.1 and prints its address.
import { openConsole } from '../../electron/app';
import { startHttpServer } from '../../electron/server/http';
import { ManualClock } from '../../electron/services/runtime';

const [dataDir, at] = process.argv.slice(2);
if (!dataDir || !at) {
  console.error('usage: replay-server.ts <dataDir> <clock ISO>');
  process.exit(2);
}
const app = openConsole({ dataDir, clock: new ManualClock(at) });
const running = await startHttpServer({ app, port: 0 });
console.log(`LISTENING ${running.url}`);
