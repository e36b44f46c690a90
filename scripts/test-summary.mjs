// `npm test`'s closing lines: where the time went (each phase, and the slowest unit files and e2e
// tests), then one line that counts what ran: "total: N tests ran (unit …, e2e …): P passed, F failed,
// S skipped", with what did not run said too. Exits 1 when a report is missing, anything failed or
// did not run, or nothing ran at all.
// node scripts/test-summary.mjs <vitest.json> <playwright.json> [phases.tsv] [filter words…]
import { existsSync, readFileSync } from 'node:fs';
import { basename, relative } from 'node:path';

const [vitestFile, playwrightFile, phasesFile, ...filter] = process.argv.slice(2);
const sec = (ms) => `${(ms / 1000).toFixed(1)} s`;
const out = [];
let bad = false;

// vitest: one entry per file, each with its tests
const unit = { files: 0, ran: 0, passed: 0, failed: 0, skipped: 0, slowest: [] };
if (vitestFile && existsSync(vitestFile)) {
  const v = JSON.parse(readFileSync(vitestFile, 'utf8'));
  for (const f of v.testResults ?? []) {
    unit.files += 1;
    for (const a of f.assertionResults ?? []) {
      if (a.status === 'passed') unit.passed += 1;
      else if (a.status === 'failed') unit.failed += 1;
      else unit.skipped += 1; // pending, todo, skipped
    }
    // a file that failed to load has no tests but a failure
    if ((f.assertionResults ?? []).length === 0 && f.status === 'failed') unit.failed += 1;
    unit.slowest.push({ name: relative(process.cwd(), f.name), ms: (f.endTime ?? 0) - (f.startTime ?? 0) });
  }
  unit.ran = unit.passed + unit.failed;
} else {
  bad = true;
  out.push(`no vitest report (${vitestFile})`);
}

// Playwright: suites of specs of tests, each with its results (none: it did not run)
const e2e = { files: new Set(), ran: 0, passed: 0, failed: 0, skipped: 0, notRun: [], skippedWhy: [], slowest: [], wall: 0, errors: 0 };
if (playwrightFile && existsSync(playwrightFile)) {
  const p = JSON.parse(readFileSync(playwrightFile, 'utf8'));
  e2e.wall = p.stats?.duration ?? 0;
  e2e.errors = (p.errors ?? []).length;
  const walk = (suite, file) => {
    for (const spec of suite.specs ?? []) {
      for (const t of spec.tests ?? []) {
        const f = file ?? suite.file;
        const last = t.results?.[t.results.length - 1];
        if (!last) {
          e2e.notRun.push(`${f} › ${spec.title}`);
          continue;
        }
        if (last.status === 'skipped') {
          e2e.skipped += 1;
          const why = (t.annotations ?? []).find((a) => a.type === 'skip')?.description;
          e2e.skippedWhy.push(`${basename(f)}${why ? `: ${why}` : ''}`);
          continue;
        }
        e2e.files.add(f);
        e2e.ran += 1;
        // an expected failure (test.fail) counts as passed, as Playwright counts it
        if (t.status === 'expected') e2e.passed += 1;
        else e2e.failed += 1; // unexpected, and flaky (a retry passed: still not green)
        e2e.slowest.push({ name: `${f} › ${spec.title}`, ms: t.results.reduce((a, r) => a + (r.duration ?? 0), 0) });
      }
    }
    for (const child of suite.suites ?? []) walk(child, file ?? suite.file);
  };
  for (const s of p.suites ?? []) walk(s, s.file);
} else {
  bad = true;
  out.push(`no Playwright report (${playwrightFile})`);
}

// where the time went
if (phasesFile && existsSync(phasesFile)) {
  const phases = readFileSync(phasesFile, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => {
      const [name, ms, rc] = l.split('\t');
      return { name, ms: Number(ms), rc: Number(rc) };
    });
  // the 'wall' line is the whole run; typecheck, lint and the e2e build run side by side, so the phases add up to more
  const wall = phases.find((p) => p.name === 'wall')?.ms ?? phases.reduce((a, p) => a + p.ms, 0);
  out.push('where the time went (typecheck, lint and the e2e build side by side; the demo day plays on beside the unit tests):');
  for (const p of phases.filter((x) => x.name !== 'wall'))
    out.push(`  ${p.name.padEnd(10)} ${sec(p.ms).padStart(9)}  ${String(Math.round((p.ms / (wall || 1)) * 100)).padStart(3)} % of the run${p.rc ? '  (failed)' : ''}`);
  out.push(`  ${'run'.padEnd(10)} ${sec(wall).padStart(9)}`);
}
const slow = (list, n) =>
  list
    .sort((a, b) => b.ms - a.ms)
    .slice(0, n)
    .map((x) => `    ${sec(x.ms).padStart(8)}  ${x.name}`);
if (unit.slowest.length) out.push('  slowest unit files:', ...slow(unit.slowest, 3));
if (e2e.slowest.length) out.push(`  slowest e2e tests (the e2e run's wall time: ${sec(e2e.wall)}):`, ...slow(e2e.slowest, 5));

if (e2e.notRun.length) out.push(`did not run (${e2e.notRun.length}):`, ...e2e.notRun.map((n) => `  ${n}`));
if (e2e.errors) out.push(`Playwright reported ${e2e.errors} error(s) outside any test (see above)`);
const skippedNote = e2e.skippedWhy.length ? ` (${e2e.skippedWhy.join('; ')})` : '';
const subset = filter.length ? ` · subset: ${filter.join(' ')}` : '';
const ran = unit.ran + e2e.ran;
const failed = unit.failed + e2e.failed + e2e.errors + e2e.notRun.length;
out.push(
  `total: ${ran} tests ran (unit ${unit.ran} in ${unit.files} files, e2e ${e2e.ran} in ${e2e.files.size} spec files): ` +
    `${unit.passed + e2e.passed} passed, ${failed} failed${e2e.notRun.length ? ` (${e2e.notRun.length} did not run)` : ''}, ${unit.skipped + e2e.skipped} skipped${skippedNote}${subset}`,
);
if (ran === 0) out.push(filter.length ? `nothing matched "${filter.join(' ')}": no unit file or e2e spec has it in its name` : 'no test ran');
console.log(out.join('\n'));
process.exit(bad || failed > 0 || ran === 0 ? 1 : 0);
