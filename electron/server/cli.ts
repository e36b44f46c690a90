// `npm run serve -- --port <n> --data <dir> [--demo] [--host 0.0.0.0] [--https-port <n>] [--no-https]`:
// the browser shell on 127.0.0.1, or on the LAN with https on a second port (http port + 1).
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { defaultDataDir, startConsole } from '../app';
import { OffsetClock, systemClock } from '../services/runtime';
import { loadDemo, startDemoClock } from './demo';
import { serveConsole } from './lan';
import { isLoopbackHost } from '../services/lan/state';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '5180' },
    data: { type: 'string' },
    'renderer-dir': { type: 'string' },
    demo: { type: 'boolean', default: false },
    host: { type: 'string', default: '127.0.0.1' },
    'https-port': { type: 'string' },
    'no-https': { type: 'boolean', default: false },
  },
  allowPositionals: false,
});

const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`端口无效 / invalid port: ${values.port}`);
  process.exit(2);
}
const httpsPort = values['no-https'] ? null : values['https-port'] === undefined ? undefined : Number(values['https-port']);
if (httpsPort !== null && httpsPort !== undefined && (!Number.isInteger(httpsPort) || httpsPort < 0 || httpsPort > 65535 || (httpsPort === port && port !== 0))) {
  console.error(`HTTPS 端口无效 / invalid https port: ${values['https-port']}`);
  process.exit(2);
}
const dataDir = resolve(values.data ?? defaultDataDir());
const rendererDir = resolve(values['renderer-dir'] ?? fileURLToPath(new URL('../../dist/renderer', import.meta.url)));

const clock = new OffsetClock();
let app;
try {
  // the key: ESC_DB_KEY / ESC_RECOVERY_CODE, or a new one for a new folder; otherwise the console
  // starts locked and the page asks for the recovery code (on this PC only)
  app = startConsole({ dataDir, clock });
} catch (e) {
  console.error((e as Error).message);
  process.exit(2);
}
const started = app;
const whenOpen = async (): Promise<void> => {
  // a plain database was encrypted at start: its new recovery code, once
  const pending = started.env.vault?.pendingCode;
  if (pending) console.log(`数据库已加密，新的恢复码（请抄写保管）/ the database is now encrypted; new recovery code: ${pending}`);
  started.backups?.startTimer();
  // --demo: an empty console gets a demo site and the demo batch plan (resources/demo-plan), lived
  // on its own exam day (the demo clock)
  if (values.demo) {
    for (const line of await loadDemo(started)) console.log(line);
    const said = startDemoClock(started, clock);
    if (said) console.log(said);
  }
};
// open now: ready before the page is served; locked: once someone types the recovery code
if (started.state === 'open') await whenOpen();
else started.onOpen(() => void whenOpen().catch((e: unknown) => console.error('--demo:', e)));
// the certificate lives in real time (tablets' clocks), not on the demo's exam day. Its keys are
// sealed under the database key: a locked console serves this PC only until it is unlocked, then
// the LAN (same ports)
const lanAsked = !isLoopbackHost(values.host);
const serve = (host: string) => serveConsole({ app: started, port, host, rendererDir, httpsPort, certClock: systemClock });
let served = await serve(started.state === 'open' || !lanAsked ? values.host : '127.0.0.1');
for (const line of served.lines) console.log(line);
if (started.state === 'locked') {
  console.log(`考点数据已加密：请在本机浏览器打开 ${served.running.url} 输入恢复码解锁（或以环境变量 ESC_RECOVERY_CODE 启动）/ encrypted: open the page on this PC and enter the recovery code`);
  if (lanAsked) {
    console.log('解锁后开始为局域网服务 / the LAN is served once unlocked');
    // after the unlock's own answer has gone out
    started.onOpen(() =>
      setTimeout(() => {
        void served.running
          .close()
          .then(() => serve(values.host))
          .then((next) => {
            served = next;
            for (const line of next.lines) console.log(line);
            next.watch();
          })
          .catch((e: unknown) => console.error('--host:', e));
      }, 500),
    );
  }
}
// DHCP may move the laptop during the day: a new server certificate follows (the tablets' CA stays)
served.watch();
console.log(`数据目录 / data: ${dataDir}`);

const stop = async () => {
  await served.running.close();
  await started.backups?.idle();
  started.close();
  process.exit(0);
};
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
