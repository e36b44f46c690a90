// `npm run serve -- --port <n> --data <dir> [--demo]`: the browser shell on 127.0.0.1.
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { defaultDataDir, openConsole } from '../app';
import { OffsetClock } from '../services/runtime';
import { loadDemo, startDemoClock } from './demo';
import { startHttpServer } from './http';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '5180' },
    data: { type: 'string' },
    'renderer-dir': { type: 'string' },
    demo: { type: 'boolean', default: false },
  },
  allowPositionals: false,
});

const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`端口无效 / invalid port: ${values.port}`);
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
const running = await startHttpServer({ app, port, rendererDir });
console.log(`考点通 浏览器版已启动 / Exam-Site Console (browser shell): ${running.url}`);
console.log(`数据目录 / data: ${dataDir}`);

const stop = async () => {
  await running.close();
  app.close();
  process.exit(0);
};
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
