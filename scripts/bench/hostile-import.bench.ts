// The door while the office imports hostile files (ARCHITECTURE: long work runs off the event loop;
// E3: the door keeps up with its queue). One console served over HTTP on 127.0.0.1, as the door
// tablets reach it; a generated corpus (test/support/hostile.ts: sheet bombs, a lying bomb, a cell at
// XFD1048576, random bytes, a truncated workbook, a 320 MiB "photo") sent to plan.import one after
// another. For each: its outcome, the door scan p99 while it ran next to the idle p99 of the same run
// (target ≤ 2×), and the process's peak memory above where it started, worker threads included
// (target ≤ 512 MB).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openConsole } from '../../electron/app';
import { startHttpServer } from '../../electron/server/http';
import { ManualClock } from '../../electron/services/runtime';
import { writePlanWorkbook } from '../../electron/services/plan/writer';
import { PROCTOR_A, seedDoor } from '../../test/support/door-seed';
import { editSheet, lieAboutSizes, randomFile, rawWorkbook, SHEET_HEAD, SHEET_TAIL, truncated, zipOf } from '../../test/support/hostile';
import { facePhotos, generatePlan } from '../plan/generate';

const MiB = 1024 * 1024;
const IDLE_SCANS = 400;
const MEMORY_TARGET_MB = 512;

function pct(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}
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
  const dir = mkdtempSync(join(tmpdir(), 'bench-hostile-import-'));
  const clock = new ManualClock('2026-05-21T08:30:00+08:00');
  const app = openConsole({ dataDir: dir, clock });
  const server = await startHttpServer({ app, port: 0 });
  try {
    const call = async <T,>(method: string, input: unknown, token: string | null = null): Promise<{ ok: true; data: T } | { ok: false; error: { code: string; reason?: string } }> => {
      const res = await fetch(`${server.url}/api/${method}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify(input),
      });
      return (await res.json()) as { ok: true; data: T } | { ok: false; error: { code: string; reason?: string } };
    };
    const post = async <T,>(method: string, input: unknown, token: string | null = null): Promise<T> => {
      const r = await call<T>(method, input, token);
      if (!r.ok) throw new Error(`bench: ${method}: ${r.error.code}`);
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

    const cases = await corpus();
    for (let i = 0; i < 50; i++) await scan();
    const idle: number[] = [];
    for (let i = 0; i < IDLE_SCANS; i++) idle.push(await scan());
    const idleP99 = p99(idle);
    console.log(`door scan idle (POST checkin.scan, ${idle.length} scans): p99 ${idleP99.toFixed(2)} ms`);
    console.log('case | outcome | import ms | door scans | door p99 ms | ratio to idle (≤ 2×) | peak RSS above start MB (≤ 512)');
    let worstRatio = 0;
    let worstMb = 0;
    for (const c of cases) {
      const during: number[] = [];
      let done = false;
      const rss0 = process.memoryUsage().rss;
      let peak = rss0;
      const t0 = performance.now();
      const importing = call<unknown>('plan.import', { files: c.files.map((f) => ({ name: f.name, data: f.data.toString('base64') })) }, head).finally(() => (done = true));
      // the door keeps scanning while the file is read; at least one scan so every case has a figure
      do {
        during.push(await scan());
        peak = Math.max(peak, process.memoryUsage().rss);
      } while (!done);
      const r = await importing;
      const ms = performance.now() - t0;
      const ratio = p99(during) / idleP99;
      const mb = (peak - rss0) / MiB;
      worstRatio = Math.max(worstRatio, ratio);
      worstMb = Math.max(worstMb, mb);
      const outcome = r.ok ? 'imported' : `${r.error.code} ${r.error.reason ?? ''}`.trim();
      console.log(`${c.name} | ${outcome} | ${ms.toFixed(0)} | ${during.length} | ${p99(during).toFixed(2)} | ${ratio.toFixed(1)}× | ${mb.toFixed(0)}`);
    }
    console.log(`worst door p99 ratio: ${worstRatio.toFixed(1)}× (target ≤ 2×: ${worstRatio <= 2 ? 'met' : 'NOT met'}); worst peak memory: ${worstMb.toFixed(0)} MB (target ≤ ${MEMORY_TARGET_MB} MB: ${worstMb <= MEMORY_TARGET_MB ? 'met' : 'NOT met'})`);
  } finally {
    await server.close();
    app.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
