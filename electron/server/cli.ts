// `npm run serve -- --port <n> --data <dir> [--demo] [--host 0.0.0.0] [--https-port <n>] [--no-https]`:
// the browser shell on 127.0.0.1, or on the LAN with https on a second port (http port + 1).
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { defaultDataDir, openConsole } from '../app';
import { OffsetClock, systemClock } from '../services/runtime';
import { loadDemo, startDemoClock } from './demo';
import { serveConsole } from './lan';

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
const app = openConsole({ dataDir, clock });
// --demo: an empty console gets a demo site and the demo batch plan (resources/demo-plan), lived
// on its own exam day (the demo clock)
if (values.demo) {
  for (const line of await loadDemo(app)) console.log(line);
  const said = startDemoClock(app, clock);
  if (said) console.log(said);
}
// the certificate lives in real time (tablets' clocks), not on the demo's exam day
const served = await serveConsole({ app, port, host: values.host, rendererDir, httpsPort, certClock: systemClock });
const running = served.running;
for (const line of served.lines) console.log(line);
// DHCP may move the laptop during the day: a new server certificate follows (the tablets' CA stays)
served.watch();
console.log(`数据目录 / data: ${dataDir}`);

const stop = async () => {
  await running.close();
  app.close();
  process.exit(0);
};
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
