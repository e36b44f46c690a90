// The door while the office imports hostile files (ARCHITECTURE: long work runs off the event loop;
// E3: the door keeps up with its queue). A generated corpus (test/support/hostile.ts: sheet bombs, a
// lying bomb, a cell at XFD1048576, random bytes, a truncated workbook, a 320 MiB "photo") sent to
// plan.import one case after another by the uploader (door-http.ts: a process of its own, below
// normal priority), each case again until the door has scanned as often during it as idle, each
// upload after a block of idle scans. For each: its outcome, the door scan p99 during its uploads
// next to the idle p99 beside them and over the run (target ≤ 2×), the console process's peak
// memory above where it started, worker threads included (target ≤ 512 MB), and how long its
// serving thread was held up.
import { writePlanWorkbook } from '../../electron/services/plan/writer';
import { editSheet, lieAboutSizes, randomFile, rawWorkbook, SHEET_HEAD, SHEET_TAIL, truncated, zipOf } from '../../test/support/hostile';
import { facePhotos, generatePlan } from '../plan/generate';
import { pct, withDoorProbe } from './door-http';

const MiB = 1024 * 1024;
const IDLE_SCANS = 3000;
const MEMORY_TARGET_MB = 512;

const p99 = (xs: number[]) => pct([...xs].sort((a, b) => a - b), 99);

type File = { name: string; data: Buffer };

/** What every case is made from (built once, in the uploader's process). */
const parts = once(async () => {
  const pkg = generatePlan({ examDate: '2026-05-28' }).pkg;
  const plan = await writePlanWorkbook(pkg);
  const faces = facePhotos();
  const victim = pkg.candidates[0]!.ticketNo;
  const photos = pkg.candidates.filter((c) => c.ticketNo !== victim).map((c, i) => ({ name: `${c.ticketNo}.jpg`, data: faces[i % faces.length]! }));
  const sheetBomb = await rawWorkbook({ fill: { size: 200 * MiB, piece: ' ', head: SHEET_HEAD, tail: SHEET_TAIL } }, '考生');
  return { plan, victim, photos, sheetBomb };
});

function once<T>(make: () => Promise<T>): () => Promise<T> {
  let made: Promise<T> | null = null;
  return () => (made ??= make());
}

const CORPUS: { name: string; files: () => Promise<File[]> }[] = [
  { name: 'sheet inflating to 200 MB', files: async () => [{ name: 'plan.xlsx', data: (await parts()).sheetBomb }] },
  { name: 'the same bomb lying about its size', files: async () => [{ name: 'plan.xlsx', data: lieAboutSizes((await parts()).sheetBomb, 4096) }] },
  { name: 'a value at XFD1048576', files: async () => [{ name: 'plan.xlsx', data: await editSheet((await parts()).plan, '考生', (ws) => void (ws.getCell('XFD1048576').value = 'x')) }] },
  { name: '5 MB of random bytes as .xlsx', files: async () => [{ name: 'plan.xlsx', data: randomFile(5 * MiB) }] },
  { name: 'a truncated workbook', files: async () => [{ name: 'plan.xlsx', data: truncated((await parts()).plan) }] },
  // last: this one imports (the bomb skipped, the rest of the plan taken)
  {
    name: 'a 320 MiB "photo" in a small zip',
    files: async () => {
      const { plan, victim, photos } = await parts();
      return [{ name: 'plan.xlsx', data: plan }, { name: 'photos.zip', data: await zipOf([...photos, { name: `${victim}.jpg`, fill: { size: 320 * MiB, piece: Buffer.from([0xff, 0xd8, 0xff, 0xe0]) } }]) }];
    },
  },
];

/**
 * In the uploader's process (door-http.ts uploader): case `i`'s plan.import input. Confirmed, so
 * that sending the importing case again re-imports it (the same read and check, then the write
 * transaction: a new plan version, every candidate compared and none rewritten, as nothing of them
 * changed) rather than stopping at the confirmation; the first import is not a re-import and the
 * flag changes nothing.
 */
export async function caseInput(i: number): Promise<unknown> {
  const files = await CORPUS[i]!.files();
  return { files: files.map((f) => ({ name: f.name, data: f.data.toString('base64') })), confirm: true };
}

/** a p99 needs samples: each case's upload is sent again until the door has scanned during uploads as often as idle (so both p99s are the 30th-worst scan)… */
const MIN_DURING_SCANS = IDLE_SCANS;
/** …or it was sent this often, or for this long */
const MAX_UPLOADS = 300;
const MAX_CASE_MS = 90_000;
/** the door's idle scans before each upload: as many as ran during the upload before (this many before the first) */
const FIRST_IDLE_BLOCK = 50;

type Outcome = { ok: true; data: { reimport?: boolean } } | { ok: false; error: { code: string; reason?: string } };
const outcomeOf = (r: Outcome) => (r.ok ? (r.data.reimport ? 're-imported' : 'imported') : `${r.error.code} ${r.error.reason ?? ''}`.trim());

export async function run(): Promise<void> {
  await withDoorProbe('hostile-import', async ({ uploader, post, head, scans, scanWhile, stalls }) => {
    // warm, as door-import does: the scan path, and the import path's code on the import worker (a small plan checked, not imported)
    await scans(50);
    await post('plan.check', { files: [{ name: 'small.xlsx', data: (await writePlanWorkbook(generatePlan({ examDate: '2026-05-28' }).pkg)).toString('base64') }] }, head);
    await stalls();
    const idle = await scans(IDLE_SCANS);
    const idleStalls = await stalls();
    const idleP99 = p99(idle);
    console.log(`door scan idle (POST checkin.scan from another process to the console's own, ${idle.length} scans): p99 ${idleP99.toFixed(2)} ms; the console's serving thread held up at most ${idleStalls.max.toFixed(1)} ms`);
    console.log(`each case's upload sent again until ≥ ${MIN_DURING_SCANS} door scans ran during uploads (at most ${MAX_UPLOADS} uploads or ${MAX_CASE_MS / 1000} s), each after as many idle scans as ran during the upload before; the two p99s over all of them`);
    const rows: { line: (runIdleP99: number) => string; during: number[]; ratio: number; mb: number }[] = [];
    // the idle scans the cases are compared with: beside their uploads and after them, not the first
    // block (its p99 stays above every later idle block's whatever the warm-up before it: 3.5–5.4 ms
    // against 1.6–3 ms after the cases), which would make every ratio look better than it is
    const runIdle: number[] = [];
    for (const [i, c] of CORPUS.entries()) {
      // sent as a site head's laptop sends it: from elsewhere (door-http.ts uploader), the body made beforehand
      const up = await uploader<{ reimport?: boolean }>('plan.import', { module: import.meta.url, fn: 'caseInput', args: i }, head);
      // Each upload comes after a block of idle scans as long as the upload before it: the case's
      // idle p99 is measured beside its uploads, in the same minutes, so a load that moves during
      // the run (another process, the host) moves both figures rather than the ratio.
      const times: number[] = [];
      const outcomes: string[] = [];
      const idle: number[] = [];
      const during: number[] = [];
      let rss0 = 0;
      let peak = 0;
      let held = 0;
      const t0 = performance.now();
      let block = FIRST_IDLE_BLOCK;
      do {
        idle.push(...(await scans(block)));
        const one = await scanWhile(async () => {
          const t = performance.now();
          const outcome = outcomeOf(await up.send());
          times.push(performance.now() - t);
          return outcome;
        });
        outcomes.push(one.result);
        during.push(...one.during);
        if (!rss0) rss0 = one.rss0;
        peak = Math.max(peak, one.peak);
        held = Math.max(held, one.stalls.max);
        block = one.during.length;
      } while (during.length < MIN_DURING_SCANS && outcomes.length < MAX_UPLOADS && performance.now() - t0 < MAX_CASE_MS);
      runIdle.push(...idle);
      const ratio = p99(during) / p99(idle);
      const mb = (peak - rss0) / MiB;
      const first = outcomes[0]!;
      const rest = outcomes.slice(1).filter((o) => o !== first);
      const outcome = rest.length ? `${first}, then ${[...new Set(rest)].map((o) => `${o} ×${rest.filter((x) => x === o).length}`).join(', ')}` : first;
      const median = pct([...times].sort((a, b) => a - b), 50).toFixed(0);
      rows.push({
        during,
        ratio,
        mb,
        line: (r) =>
          `${c.name} | ${outcome} | ${outcomes.length} | ${median} | ${during.length} | ${p99(during).toFixed(2)} | ${idle.length} | ${p99(idle).toFixed(2)} | ${ratio.toFixed(1)}× | ${(p99(during) / r).toFixed(1)}× | ${mb.toFixed(0)} | ${held.toFixed(1)}`,
      });
    }
    // says whether the machine stayed as it was (a run beside other loads is not a quiet run)
    const again = await scans(IDLE_SCANS);
    runIdle.push(...again);
    const after = p99(again);
    console.log(`door scan idle again after the cases (${IDLE_SCANS} scans): p99 ${after.toFixed(2)} ms (${(after / idleP99).toFixed(1)}× the first; far from 1× means the machine's load moved during the run)`);
    // Two idle figures to compare with, both printed: the idle scans beside each case's uploads (the
    // same minutes), and all the run's idle scans from the cases on (the steadier estimate: on a
    // 2-core VM the p99 of one case's ~1,500 idle scans moved between 1.0 and 5 ms from run to run).
    const runP99 = p99(runIdle);
    console.log(`door scan idle over the run (${runIdle.length} scans: between the uploads and after them): p99 ${runP99.toFixed(2)} ms`);
    console.log('case | outcome | uploads | ms per upload (median) | door scans during | door p99 ms | idle scans beside | idle p99 beside ms | ratio to idle beside | ratio to the run\'s idle (≤ 2×) | peak RSS above start MB (≤ 512) | serving thread held up, max ms');
    for (const r of rows) console.log(r.line(runP99));
    const worstBeside = Math.max(...rows.map((r) => r.ratio));
    const worstRun = Math.max(...rows.map((r) => p99(r.during) / runP99));
    const worstMb = Math.max(...rows.map((r) => r.mb));
    const verdict = (x: number) => `${x.toFixed(1)}× (target ≤ 2×: ${x <= 2 ? 'met' : 'NOT met'})`;
    console.log(`worst door p99 ratio: to the idle beside its case ${verdict(worstBeside)}; to the run's idle ${verdict(worstRun)}. Worst peak memory: ${worstMb.toFixed(0)} MB (target ≤ ${MEMORY_TARGET_MB} MB: ${worstMb <= MEMORY_TARGET_MB ? 'met' : 'NOT met'})`);
  });
}
