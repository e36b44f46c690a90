// The door while the office imports a large plan (ARCHITECTURE: long work runs off the event loop;
// E3: the door keeps up with its queue). The door probe (door-http.ts): the door scan's round trip
// measured idle, then again while the site head's plan.import of a 10,000-candidate workbook runs on
// the same server. Both in the same run, so the ratio compares like with like. Target: p99 during the
// import ≤ 2× idle.
import { writePlanWorkbook } from '../../electron/services/plan/writer';
import { generatePlan } from '../plan/generate';
import { fmt, withDoorProbe } from './door-http';

const N = Number(process.env.DOOR_IMPORT_CANDIDATES ?? 10_000);
const IDLE_SCANS = 400;

export async function run(): Promise<void> {
  await withDoorProbe('door-import', async ({ post, head, scans, scanWhile }) => {
    const workbook = (await writePlanWorkbook(generatePlan({ candidates: N, examDate: '2026-05-28' }).pkg)).toString('base64');
    // warm: the scan path and the import path's code (a small plan checked, not imported)
    await scans(50);
    await post('plan.check', { files: [{ name: 'small.xlsx', data: (await writePlanWorkbook(generatePlan({ examDate: '2026-05-28' }).pkg)).toString('base64') }] }, head);

    const idle = await scans(IDLE_SCANS);
    const { result, during, ms, rss0, peak } = await scanWhile(() => post<{ counts: Record<string, number> }>('plan.import', { files: [{ name: 'plan.xlsx', data: workbook }] }, head));

    const a = fmt(idle);
    const b = fmt(during);
    const ratio = b.p99 / a.p99;
    console.log(`plan.import over HTTP of ${N} candidates (${result.counts.rooms} rooms, ${(workbook.length / 1024).toFixed(0)} KB base64): ${ms.toFixed(0)} ms; console process RSS peak ${(peak / 1024 / 1024).toFixed(0)} MB (from ${(rss0 / 1024 / 1024).toFixed(0)} MB)`);
    console.log(`door scan idle          (POST checkin.scan, ${a.n} scans): p50 ${a.p50.toFixed(2)} ms, p99 ${a.p99.toFixed(2)} ms, max ${a.max.toFixed(1)} ms`);
    console.log(`door scan during import (same door, ${b.n} scans):        p50 ${b.p50.toFixed(2)} ms, p99 ${b.p99.toFixed(2)} ms, max ${b.max.toFixed(1)} ms`);
    console.log(`ratio p99 during / idle: ${ratio.toFixed(1)}× (target ≤ 2×: ${ratio <= 2 ? 'met' : 'NOT met'}); the longest a tablet waited: ${(b.max / 1000).toFixed(1)} s`);
  });
}
