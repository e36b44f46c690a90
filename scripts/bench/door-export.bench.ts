// The door while the office builds the largest export (ARCHITECTURE: long work runs off the event
// loop; E3: the door keeps up with its queue). The door probe (door-http.ts): the door scan's round
// trip measured idle, then while the site head's plan.export of a 10,000-candidate plan with every
// photo (the workbook and the photo zip) is built on the export worker. Both in the same run.
// Target: p99 during the export ≤ 2× idle.
import { serviceContext } from '../../electron/services/context';
import { importPlan } from '../../electron/services/plan/import';
import { facePhotos, generatePlan } from '../plan/generate';
import type { ConsoleSide } from './door-protocol';
import { fmt, withDoorProbe } from './door-http';

const N = Number(process.env.DOOR_EXPORT_CANDIDATES ?? 10_000);
const IDLE_SCANS = 400;

/** In the console's process (door-http.ts inConsole): the batch to export, another day's plan of `n` candidates, each with a photo. */
export async function seedExportBatch({ app, clock }: ConsoleSide, n: number): Promise<number> {
  const { sqlite } = app.env.opened;
  const { pkg } = generatePlan({ candidates: n, examDate: '2026-05-28' });
  const imported = await importPlan(serviceContext(app.env.opened, { clock }), { pkg });
  const faces = facePhotos();
  const ids = sqlite.prepare<[number], { id: number }>('SELECT id FROM candidates WHERE batch_id = ?').all(imported.batchId);
  const setPhoto = sqlite.prepare("UPDATE candidates SET photo = ?, photo_type = 'image/jpeg' WHERE id = ?");
  sqlite.transaction(() => ids.forEach((r, i) => setPhoto.run(faces[i % faces.length]!, r.id)))();
  return imported.batchId;
}

/** In the uploader's process: the export asked for. */
export const exportInput = (batchId: number) => ({ batchId, photos: true });

type ExportAnswer = { ok: true; data: { data: string; photos: { data: string } | null } } | { ok: false; error: unknown };

/** In the uploader's process: the answer summed up as the bytes of its files. */
export const exportSizes = (a: ExportAnswer) =>
  a.ok ? { ok: true, data: { bytes: Buffer.byteLength(a.data.data, 'base64') + (a.data.photos ? Buffer.byteLength(a.data.photos.data, 'base64') : 0) } } : a;

export async function run(): Promise<void> {
  await withDoorProbe('door-export', async ({ seed, inConsole, post, uploader, head, scans, scanWhile }) => {
    // setup, not measured
    const batchId = await inConsole<number>(import.meta.url, 'seedExportBatch', N);

    await scans(50);
    // warm the export path (the worker started, its code loaded) on the door's own small batch
    await post('plan.export', { batchId: seed.batchId }, head);

    const idle = await scans(IDLE_SCANS);
    // asked for as the site head's laptop asks, from another process (door-http.ts uploader): the
    // answer, tens of MB of JSON, is parsed and summed up there, not in the process that times the door
    const up = await uploader<{ bytes: number }>('plan.export', { module: import.meta.url, fn: 'exportInput', args: batchId, summary: 'exportSizes' }, head);
    const { result: bytes, during, ms, rss0, peak } = await scanWhile(async () => {
      const r = await up.send();
      if (!r.ok) throw new Error(`bench: plan.export: ${r.error.code} ${r.error.message}`);
      return r.data.bytes;
    });

    const a = fmt(idle);
    const b = fmt(during);
    const ratio = b.p99 / a.p99;
    console.log(`plan.export over HTTP of ${N} candidates with photos (${(bytes / 1024 / 1024).toFixed(1)} MB of files): ${ms.toFixed(0)} ms; console process RSS peak ${(peak / 1024 / 1024).toFixed(0)} MB (from ${(rss0 / 1024 / 1024).toFixed(0)} MB)`);
    console.log(`door scan idle          (POST checkin.scan, ${a.n} scans): p50 ${a.p50.toFixed(2)} ms, p99 ${a.p99.toFixed(2)} ms, max ${a.max.toFixed(1)} ms`);
    console.log(`door scan during export (same door, ${b.n} scans):        p50 ${b.p50.toFixed(2)} ms, p99 ${b.p99.toFixed(2)} ms, max ${b.max.toFixed(1)} ms`);
    console.log(`ratio p99 during / idle: ${ratio.toFixed(1)}× (target ≤ 2×: ${ratio <= 2 ? 'met' : 'NOT met'}); the longest a tablet waited: ${(b.max / 1000).toFixed(1)} s`);
  });
}
