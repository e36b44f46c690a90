// `npm run bench`: every benchmark in scripts/bench/*.bench.ts, each printing its figures next to
// a baseline measured in the same run. Not a test: nothing here fails a build on speed.
import { readdirSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

const dir = fileURLToPath(new URL('./bench/', import.meta.url));
const only = process.argv.slice(2);
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
  .sort();
if (files.length === 0) {
  console.log('没有基准测试 / no benchmarks found');
}
for (const f of files) {
  console.log(`\n=== ${f} ===`);
  const mod = (await import(pathToFileURL(dir + f).href)) as { run: () => Promise<void> };
  await mod.run();
}
