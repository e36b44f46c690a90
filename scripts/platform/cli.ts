// `npm run platform -- --port <n> --data <dir> [--5xx 0.1 --drop-before 0.1 --drop-after 0.1 --slow 0.05 --slow-ms 2000 --duplicate 0.1 --no-dedupe --seed 7]`
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { startPlatform } from './server';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '5190' },
    data: { type: 'string', default: './platform-data' },
    '5xx': { type: 'string', default: '0' },
    'drop-before': { type: 'string', default: '0' },
    'drop-after': { type: 'string', default: '0' },
    slow: { type: 'string', default: '0' },
    'slow-ms': { type: 'string', default: '3000' },
    duplicate: { type: 'string', default: '0' },
    'no-dedupe': { type: 'boolean', default: false },
    seed: { type: 'string', default: '1' },
  },
});

const platform = await startPlatform({
  port: Number(values.port),
  dataDir: resolve(values.data!),
  faults: {
    error5xx: Number(values['5xx']),
    dropBeforeApply: Number(values['drop-before']),
    dropAfterCommit: Number(values['drop-after']),
    slow: Number(values.slow),
    slowMs: Number(values['slow-ms']),
    duplicate: Number(values.duplicate),
    dedupe: !values['no-dedupe'],
    seed: Number(values.seed),
  },
});
console.log(`参考省平台已启动 / reference platform: ${platform.url}`);
console.log(`平台公钥指纹 / platform key fingerprint: ${(platform.fingerprint.match(/.{4}/g) ?? []).join(' ')}`);
console.log(`故障开关 / faults: ${JSON.stringify(platform.faults())}`);
const stop = async () => {
  await platform.close();
  process.exit(0);
};
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
