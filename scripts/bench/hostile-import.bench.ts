// The door while the office imports hostile files (ARCHITECTURE: long work runs off the event loop;
// E3: the door keeps up with its queue). A generated corpus (test/support/hostile.ts: sheet bombs, a lying bomb, a cell at
// XFD1048576, random bytes, a truncated workbook, a 320 MiB "photo") sent to plan.import one after
// another (the door probe, door-http.ts). For each: its outcome, the door scan p99 while it ran next to the idle p99 of the same run
// (target ≤ 2×), and the process's peak memory above where it started, worker threads included
// (target ≤ 512 MB).
import { writePlanWorkbook } from '../../electron/services/plan/writer';
import { editSheet, lieAboutSizes, randomFile, rawWorkbook, SHEET_HEAD, SHEET_TAIL, truncated, zipOf } from '../../test/support/hostile';
import { facePhotos, generatePlan } from '../plan/generate';
import { pct, withDoorProbe } from './door-http';

const MiB = 1024 * 1024;
const IDLE_SCANS = 400;
const MEMORY_TARGET_MB = 512;

const p99 = (xs: number[]) => pct([...xs].sort((a, b) => a - b), 99);

type File = { name: string; data: Buffer };

async function corpus(): Promise<{ name: string; files: File[] }[]> {
  const pkg = generatePlan({ examDate: '2026-05-28' }).pkg;
  const plan = await writePlanWorkbook(pkg);
  const faces = facePhotos();
  const victim = pkg.candidates[0]!.ticketNo;
  const photos = pkg.candidates.filter((c) => c.ticketNo !== victim).map((c, i) => ({ name: `${c.ticketNo}.jpg`, data: faces[i % faces.length]! }));
  const sheetBomb = await rawWorkbook({ fill: { size: 200 * MiB, piece: ' ', head: SHEET_HEAD, tail: SHEET_TAIL } }, '考生');
  return [
    { name: 'sheet inflating to 200 MB', files: [{ name: 'plan.xlsx', data: sheetBomb }] },
    { name: 'the same bomb lying about its size', files: [{ name: 'plan.xlsx', data: lieAboutSizes(sheetBomb, 4096) }] },
    { name: 'a value at XFD1048576', files: [{ name: 'plan.xlsx', data: await editSheet(plan, '考生', (ws) => void (ws.getCell('XFD1048576').value = 'x')) }] },
    { name: '5 MB of random bytes as .xlsx', files: [{ name: 'plan.xlsx', data: randomFile(5 * MiB) }] },
    { name: 'a truncated workbook', files: [{ name: 'plan.xlsx', data: truncated(plan) }] },
    // last: this one imports (the bomb skipped, the rest of the plan taken)
    { name: 'a 320 MiB "photo" in a small zip', files: [{ name: 'plan.xlsx', data: plan }, { name: 'photos.zip', data: await zipOf([...photos, { name: `${victim}.jpg`, fill: { size: 320 * MiB, piece: Buffer.from([0xff, 0xd8, 0xff, 0xe0]) } }]) }] },
  ];
}

export async function run(): Promise<void> {
  await withDoorProbe('hostile-import', async ({ uploadLater, head, scans, scanWhile }) => {
    const cases = await corpus();
    await scans(50);
    const idleP99 = p99(await scans(IDLE_SCANS));
    console.log(`door scan idle (POST checkin.scan, ${IDLE_SCANS} scans): p99 ${idleP99.toFixed(2)} ms`);
    console.log('case | outcome | import ms | door scans | door p99 ms | ratio to idle (≤ 2×) | peak RSS above start MB (≤ 512)');
    let worstRatio = 0;
    let worstMb = 0;
    for (const c of cases) {
      // sent as a site head's laptop sends it: from elsewhere (door-http.ts uploadLater), the body made beforehand
      const upload = uploadLater<unknown>('plan.import', { files: c.files.map((f) => ({ name: f.name, data: f.data.toString('base64') })) }, head);
      const { result: r, during, ms, rss0, peak } = await scanWhile(upload);
      const ratio = p99(during) / idleP99;
      const mb = (peak - rss0) / MiB;
      worstRatio = Math.max(worstRatio, ratio);
      worstMb = Math.max(worstMb, mb);
      const outcome = r.ok ? 'imported' : `${r.error.code} ${r.error.reason ?? ''}`.trim();
      console.log(`${c.name} | ${outcome} | ${ms.toFixed(0)} | ${during.length} | ${p99(during).toFixed(2)} | ${ratio.toFixed(1)}× | ${mb.toFixed(0)}`);
    }
    console.log(`worst door p99 ratio: ${worstRatio.toFixed(1)}× (target ≤ 2×: ${worstRatio <= 2 ? 'met' : 'NOT met'}); worst peak memory: ${worstMb.toFixed(0)} MB (target ≤ ${MEMORY_TARGET_MB} MB: ${worstMb <= MEMORY_TARGET_MB ? 'met' : 'NOT met'})`);
  });
}
