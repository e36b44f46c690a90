// Counts the e2e assertions (`expect(`, `expect.poll(`, `expect.soft(` call sites) per spec file and in
// the helpers the specs share, so a refactor of the suite can show it checks no less than before.
// `node scripts/count-e2e-assertions.mjs [dir]` (default test/e2e); `--json` prints the figures as JSON.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const args = process.argv.slice(2);
const json = args.includes('--json');
const root = args.find((a) => !a.startsWith('--')) ?? 'test/e2e';
const CALL = /\bexpect(?:\.(?:poll|soft))?\(/g;

function files(dir) {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? files(p) : /\.tsx?$/.test(name) ? [p] : [];
  });
}
// helpers: test/support files that an e2e file imports (they hold shared steps with their own checks)
const e2eFiles = files(root);
const imported = new Set();
for (const f of e2eFiles) {
  for (const m of readFileSync(f, 'utf8').matchAll(/from '(\.\.?\/[^']+)'/g)) {
    const target = join(f, '..', m[1]);
    for (const ext of ['.ts', '.tsx', '/index.ts']) {
      try {
        if (statSync(target + ext).isFile()) imported.add(target + ext);
      } catch {
        /* not this extension */
      }
    }
  }
}
const count = (f) => (readFileSync(f, 'utf8').match(CALL) ?? []).length;
const specs = e2eFiles.filter((f) => f.endsWith('.spec.ts')).sort();
const helpers = [...new Set([...e2eFiles.filter((f) => !f.endsWith('.spec.ts')), ...imported])].filter((f) => !f.endsWith('.spec.ts')).sort();
const perSpec = Object.fromEntries(specs.map((f) => [relative(root, f), count(f)]));
const perHelper = Object.fromEntries(helpers.map((f) => [relative('.', f), count(f)]).filter(([, n]) => n > 0));
const inSpecs = Object.values(perSpec).reduce((a, b) => a + b, 0);
const inHelpers = Object.values(perHelper).reduce((a, b) => a + b, 0);
if (json) {
  console.log(JSON.stringify({ specs: perSpec, helpers: perHelper, inSpecs, inHelpers, total: inSpecs + inHelpers }, null, 2));
} else {
  for (const [f, n] of Object.entries(perSpec)) console.log(`${String(n).padStart(5)}  ${f}`);
  for (const [f, n] of Object.entries(perHelper)) console.log(`${String(n).padStart(5)}  ${f} (helper)`);
  console.log(`${String(inSpecs).padStart(5)}  in ${specs.length} spec files; ${inHelpers} in shared helpers; ${inSpecs + inHelpers} in all`);
}
