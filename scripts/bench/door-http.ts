// The door as the benches probe it (ARCHITECTURE: long work runs off the event loop; E3: the door keeps
// up with its queue): one console served over HTTP on 127.0.0.1 as the door tablets reach it, the
// door's own day seeded (test/support/door-seed.ts), the site head and a proctor signed in, and the
// door scan's round trip (POST /api/checkin.scan) timed idle or while other work runs.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { openConsole, type ConsoleApp } from '../../electron/app';
import { startHttpServer } from '../../electron/server/http';
import { ManualClock } from '../../electron/services/runtime';
import { PROCTOR_A, seedDoor } from '../../test/support/door-seed';

export function pct(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

export const fmt = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return { p50: pct(s, 50), p99: pct(s, 99), max: s[s.length - 1]!, n: s.length };
};

export type Answer<T> = { ok: true; data: T } | { ok: false; error: { code: string; reason?: string; message: string } };

export interface DoorProbe {
  app: ConsoleApp;
  clock: ManualClock;
  seed: ReturnType<typeof seedDoor>;
  /** a command over HTTP, its answer as it came */
  call<T>(method: string, input: unknown, token?: string | null): Promise<Answer<T>>;
  /**
   * A large upload as it reaches the console on exam day, from another machine: the body is
   * serialised now (before any timing) and sent by the returned function from a thread of its own,
   * so the bench's own JSON.stringify and socket writes of several MB do not land on the thread
   * that serves the door and get counted as the console's.
   */
  uploadLater<T>(method: string, input: unknown, token?: string | null): () => Promise<Answer<T>>;
  /** a command over HTTP that must succeed */
  post<T>(method: string, input: unknown, token?: string | null): Promise<T>;
  head: string;
  /** one door scan of the next candidate in the queue: its round trip in ms */
  scan(): Promise<number>;
  /** `n` scans one after another */
  scans(n: number): Promise<number[]>;
  /** runs `work` while the door keeps scanning (at least once): its result, the scans' times, its time and the process's RSS */
  scanWhile<T>(work: () => Promise<T>): Promise<{ result: T; during: number[]; ms: number; rss0: number; peak: number }>;
}

/** The upload's own thread (CommonJS, as an eval'd worker is): one POST, its JSON answer posted back. */
const UPLOADER = `
const { workerData, parentPort } = require('node:worker_threads');
const { url, token, body } = workerData;
fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...(token ? { authorization: 'Bearer ' + token } : {}) }, body })
  .then((r) => r.json())
  .then((j) => parentPort.postMessage(j), (e) => parentPort.postMessage({ ok: false, error: { code: 'BENCH_UPLOAD', message: String(e) } }));
`;

/** Opens the probe in a fresh data folder, runs `body`, and always closes the server and removes the folder. */
export async function withDoorProbe(name: string, body: (probe: DoorProbe) => Promise<void>): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), `bench-${name}-`));
  // the door's own day on its clock; what the benches import or export is another day's batch
  const clock = new ManualClock('2026-05-21T08:30:00+08:00');
  const app = openConsole({ dataDir: dir, clock });
  const server = await startHttpServer({ app, port: 0 });
  try {
    const call = async <T,>(method: string, input: unknown, token: string | null = null): Promise<Answer<T>> => {
      const res = await fetch(`${server.url}/api/${method}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify(input),
      });
      return (await res.json()) as Answer<T>;
    };
    const uploadLater = <T,>(method: string, input: unknown, token: string | null = null) => {
      // its own ArrayBuffer (a small Buffer may sit in Node's shared pool, which must not be transferred)
      const body = new TextEncoder().encode(JSON.stringify(input));
      return () =>
        new Promise<Answer<T>>((resolve, reject) => {
          const sender = new Worker(UPLOADER, { eval: true, workerData: { url: `${server.url}/api/${method}`, token, body }, transferList: [body.buffer] });
          sender.once('message', (m: Answer<T>) => resolve(m));
          sender.once('error', reject);
        });
    };
    const post = async <T,>(method: string, input: unknown, token: string | null = null): Promise<T> => {
      const r = await call<T>(method, input, token);
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
    const scans = async (n: number): Promise<number[]> => {
      const out: number[] = [];
      for (let i = 0; i < n; i++) out.push(await scan());
      return out;
    };
    const scanWhile = async <T,>(work: () => Promise<T>) => {
      const during: number[] = [];
      let done = false;
      const rss0 = process.memoryUsage().rss;
      let peak = rss0;
      const t0 = performance.now();
      const running = work().finally(() => (done = true));
      do {
        during.push(await scan());
        peak = Math.max(peak, process.memoryUsage().rss);
      } while (!done);
      const result = await running;
      return { result, during, ms: performance.now() - t0, rss0, peak };
    };
    await body({ app, clock, seed, call, uploadLater, post, head, scan, scans, scanWhile });
  } finally {
    await server.close();
    app.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
