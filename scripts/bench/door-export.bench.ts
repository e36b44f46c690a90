// The door while the office builds the largest export (ARCHITECTURE: long work runs off the event
// loop; E3: the door keeps up with its queue). One console served over HTTP on 127.0.0.1: the door
// scan's round trip (POST /api/checkin.scan) measured idle, then while the site head's plan.export
// of a 10,000-candidate plan with every photo (the workbook and the photo zip) is built on the export
// worker. Both in the same run. Target: p99 during the export ≤ 2× idle.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openConsole } from '../../electron/app';
import { startHttpServer } from '../../electron/server/http';
import { serviceContext } from '../../electron/services/context';
import { importPlan } from '../../electron/services/plan/import';
import { ManualClock } from '../../electron/services/runtime';
import { PROCTOR_A, seedDoor } from '../../test/support/door-seed';
import { facePhotos, generatePlan } from '../plan/generate';

const N = Number(process.env.DOOR_EXPORT_CANDIDATES ?? 10_000);
const IDLE_SCANS = 400;

function pct(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

const fmt = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return { p50: pct(s, 50), p99: pct(s, 99), max: s[s.length - 1]!, n: s.length };
};

export async function run(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-door-export-'));
  const clock = new ManualClock('2026-05-21T08:30:00+08:00');
  const app = openConsole({ dataDir: dir, clock });
  const server = await startHttpServer({ app, port: 0 });
  try {
    const post = async <T,>(method: string, input: unknown, token: string | null = null): Promise<T> => {
      const res = await fetch(`${server.url}/api/${method}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify(input),
      });
      const r = (await res.json()) as { ok: true; data: T } | { ok: false; error: { code: string; message: string } };
      if (!r.ok) throw new Error(`bench: ${method}: ${r.error.code} ${r.error.message}`);
      return r.data;
    };
    await post('setup.init', { siteName: '基准考点', headName: '负责人', staffNo: 'H1', pin: '246810' });
    const { sqlite, db } = app.env.opened;
    const seed = sqlite.transaction(() => seedDoor(db, clock, { room1Count: 30, room2Count: 30, bulkRooms: 20, bulkPerRoom: 30 }))();
    // the batch to export: another day's plan of N candidates, each with a photo (setup, not measured)
    const { pkg } = generatePlan({ candidates: N, examDate: '2026-05-28' });
    const imported = await importPlan(serviceContext(app.env.opened, { clock }), { pkg });
    const faces = facePhotos();
    const ids = sqlite.prepare('SELECT id FROM candidates WHERE batch_id = ?').all(imported.batchId) as { id: number }[];
    const setPhoto = sqlite.prepare("UPDATE candidates SET photo = ?, photo_type = 'image/jpeg' WHERE id = ?");
    sqlite.transaction(() => ids.forEach((r, i) => setPhoto.run(faces[i % faces.length]!, r.id)))();

    const head = (await post<{ token: string }>('auth.signIn', { staffNo: 'H1', pin: '246810' })).token;
    const proctor = (await post<{ token: string }>('auth.signIn', { staffNo: PROCTOR_A.staffNo, pin: PROCTOR_A.pin })).token;
    const queue = sqlite
      .prepare('SELECT c.ticket_no AS ticket, cs.room_id AS roomId FROM candidates c JOIN candidate_subjects cs ON cs.candidate_id = c.id WHERE cs.session_id = ? ORDER BY c.id')
      .all(seed.theorySessionId) as { ticket: string; roomId: number }[];
    let k = 0;
    const scan = async (): Promise<number> => {
      const q = queue[k++ % queue.length]!;
      const t0 = performance.now();
      const out = await post<{ kind: string }>('checkin.scan', { sessionId: seed.theorySessionId, roomId: q.roomId, code: q.ticket }, proctor);
      if (out.kind !== 'verdict') throw new Error(`bench: scan answered ${out.kind}`);
      return performance.now() - t0;
    };
    for (let i = 0; i < 50; i++) await scan();
    // warm the export path (the worker started, its code loaded) on the door's own small batch
    await post('plan.export', { batchId: seed.batchId }, head);

    const idle: number[] = [];
    for (let i = 0; i < IDLE_SCANS; i++) idle.push(await scan());

    const during: number[] = [];
    let done = false;
    const rss0 = process.memoryUsage().rss;
    let peak = rss0;
    const t0 = performance.now();
    const exporting = post<{ data: string; photos: { data: string } | null }>('plan.export', { batchId: imported.batchId, photos: true }, head).finally(() => (done = true));
    while (!done) {
      during.push(await scan());
      peak = Math.max(peak, process.memoryUsage().rss);
    }
    const out = await exporting;
    const ms = performance.now() - t0;
    const bytes = Buffer.byteLength(out.data, 'base64') + (out.photos ? Buffer.byteLength(out.photos.data, 'base64') : 0);

    const a = fmt(idle);
    const b = fmt(during);
    const ratio = b.p99 / a.p99;
    console.log(`plan.export over HTTP of ${N} candidates with photos (${(bytes / 1024 / 1024).toFixed(1)} MB of files): ${ms.toFixed(0)} ms; process RSS peak ${(peak / 1024 / 1024).toFixed(0)} MB (from ${(rss0 / 1024 / 1024).toFixed(0)} MB)`);
    console.log(`door scan idle          (POST checkin.scan, ${a.n} scans): p50 ${a.p50.toFixed(2)} ms, p99 ${a.p99.toFixed(2)} ms, max ${a.max.toFixed(1)} ms`);
    console.log(`door scan during export (same door, ${b.n} scans):        p50 ${b.p50.toFixed(2)} ms, p99 ${b.p99.toFixed(2)} ms, max ${b.max.toFixed(1)} ms`);
    console.log(`ratio p99 during / idle: ${ratio.toFixed(1)}× (target ≤ 2×: ${ratio <= 2 ? 'met' : 'NOT met'}); the longest a tablet waited: ${(b.max / 1000).toFixed(1)} s`);
  } finally {
    await server.close();
    app.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
