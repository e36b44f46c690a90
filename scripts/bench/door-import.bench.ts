// The door while the office imports a large plan (ARCHITECTURE: long work runs off the event loop;
// E3: the door keeps up with its queue). One console served over HTTP on 127.0.0.1, as the door
// tablets reach it: the door scan's round trip (POST /api/checkin.scan) measured idle, then again
// while the site head's plan.import of a 10,000-candidate workbook runs on the same server. Both in
// the same run, so the ratio compares like with like. Target: p99 during the import ≤ 2× idle.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openConsole } from '../../electron/app';
import { startHttpServer } from '../../electron/server/http';
import { ManualClock } from '../../electron/services/runtime';
import { writePlanWorkbook } from '../../electron/services/plan/writer';
import { PROCTOR_A, seedDoor } from '../../test/support/door-seed';
import { generatePlan } from '../plan/generate';

const N = Number(process.env.DOOR_IMPORT_CANDIDATES ?? 10_000);
const IDLE_SCANS = 400;

function pct(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

const fmt = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return { p50: pct(s, 50), p99: pct(s, 99), max: s[s.length - 1]!, n: s.length };
};

export async function run(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-door-import-'));
  // the door's own day (test/support/door-seed.ts) on its clock; the imported plan is another day's batch
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

    const workbook = (await writePlanWorkbook(generatePlan({ candidates: N, examDate: '2026-05-28' }).pkg)).toString('base64');
    // warm: the scan path and the import path's code (a small plan checked, not imported)
    for (let i = 0; i < 50; i++) await scan();
    await post('plan.check', { files: [{ name: 'small.xlsx', data: (await writePlanWorkbook(generatePlan({ examDate: '2026-05-28' }).pkg)).toString('base64') }] }, head);

    const idle: number[] = [];
    for (let i = 0; i < IDLE_SCANS; i++) idle.push(await scan());

    const during: number[] = [];
    let done = false;
    const rss0 = process.memoryUsage().rss;
    let peak = rss0;
    const i0 = performance.now();
    const importing = post<{ counts: Record<string, number> }>('plan.import', { files: [{ name: 'plan.xlsx', data: workbook }] }, head).finally(() => (done = true));
    while (!done) {
      during.push(await scan());
      peak = Math.max(peak, process.memoryUsage().rss);
    }
    const counts = (await importing).counts;
    const importMs = performance.now() - i0;

    const a = fmt(idle);
    const b = fmt(during);
    const ratio = b.p99 / a.p99;
    console.log(`plan.import over HTTP of ${N} candidates (${counts.rooms} rooms, ${(workbook.length / 1024).toFixed(0)} KB base64): ${importMs.toFixed(0)} ms; process RSS peak ${(peak / 1024 / 1024).toFixed(0)} MB (from ${(rss0 / 1024 / 1024).toFixed(0)} MB)`);
    console.log(`door scan idle          (POST checkin.scan, ${a.n} scans): p50 ${a.p50.toFixed(2)} ms, p99 ${a.p99.toFixed(2)} ms, max ${a.max.toFixed(1)} ms`);
    console.log(`door scan during import (same door, ${b.n} scans):        p50 ${b.p50.toFixed(2)} ms, p99 ${b.p99.toFixed(2)} ms, max ${b.max.toFixed(1)} ms`);
    console.log(`ratio p99 during / idle: ${ratio.toFixed(1)}× (target ≤ 2×: ${ratio <= 2 ? 'met' : 'NOT met'}); the longest a tablet waited: ${(b.max / 1000).toFixed(1)} s`);
  } finally {
    await server.close();
    app.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
