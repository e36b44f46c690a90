// Encryption at rest, priced in the same run: the door scan and the plan import on an encrypted
// console next to a plain one (benchmarks only: plaintext: true), interleaved so both see the same
// machine load; then a full backup of the 10,000-candidate site (copy, check, hash, manifest).
// Target: encrypted within 1.3× of plain for both. The page cache (db/index.ts CACHE_KIB) is the
// same on both sides and holds the door's working set, so pages are decrypted once, not per scan.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CACHE_KIB } from '../../db';
import { openConsole, type ConsoleApp } from '../../electron/app';
import { ManualClock } from '../../electron/services/runtime';
import { writePlanWorkbook } from '../../electron/services/plan/writer';
import { generatePlan } from '../plan/generate';
import { PROCTOR_A, photo, seedDoor } from '../../test/support/door-seed';

const SCANS = 1_000;
const PLAN_CANDIDATES = Number(process.env.PLAN_BENCH_CANDIDATES ?? 10_000);
const ROUNDS = 5;

function pct(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

function caller(app: ConsoleApp) {
  return async <T,>(method: string, input: unknown, token: string | null = null): Promise<T> => {
    const r = await app.call({ method, input, token, device: 'bench' });
    if (!r.ok) throw new Error(`bench: ${method}: ${r.error.message}`);
    return r.data as T;
  };
}

const SITE = { siteName: '基准考点', headName: '负责人', staffNo: 'H1', pin: '246810' };

async function doorSite(dir: string, plaintext: boolean) {
  const clock = new ManualClock('2026-05-21T08:30:00+08:00');
  const app = openConsole({ dataDir: dir, clock, ...(plaintext ? { plaintext: true } : { unlock: { key: randomBytes(32), useEnv: false } }) });
  const call = caller(app);
  await call('setup.init', SITE);
  const { sqlite, db } = app.env.opened;
  const seed = sqlite.transaction(() => seedDoor(db, clock, { room1Count: 30, room2Count: 30, bulkRooms: 332, bulkPerRoom: 30 }))();
  // registered photos as a real plan brings them (P7: colour JPEG up to 20 KB), so the file is the
  // size of a real site's and the door's working set has to be found in it
  sqlite.prepare("UPDATE candidates SET photo = randomblob(15000), photo_type = 'image/jpeg'").run();
  const token = (await call<{ token: string }>('auth.signIn', { staffNo: PROCTOR_A.staffNo, pin: PROCTOR_A.pin })).token;
  const queue = sqlite
    .prepare(
      `SELECT c.id, c.ticket_no AS ticket, cs.room_id AS roomId FROM candidates c JOIN candidate_subjects cs ON cs.candidate_id = c.id
       WHERE cs.session_id = ? AND cs.room_id NOT IN (?, ?) ORDER BY c.id LIMIT ?`,
    )
    .all(seed.theorySessionId, seed.room1.id, seed.room2.id, SCANS) as { id: number; ticket: string; roomId: number }[];
  return { app, clock, call, token, queue, sessionId: seed.theorySessionId };
}

async function doorScans(): Promise<ConsoleApp & { dir: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-at-rest-door-'));
  const plain = await doorSite(join(dir, 'plain'), true);
  const enc = await doorSite(join(dir, 'encrypted'), false);
  const jpegBase64 = photo(1).toString('base64');
  const times = { plain: [] as number[], enc: [] as number[] };
  const scanOnce = async (site: typeof plain, i: number) => {
    const q = site.queue[i]!;
    const door = { sessionId: site.sessionId, roomId: q.roomId };
    const t0 = performance.now();
    const out = await site.call<{ kind: string; verdict: { code: string; method: string; candidate: { id: number } } }>('checkin.scan', { ...door, code: q.ticket }, site.token);
    if (out.kind !== 'verdict' || out.verdict.code !== 'ok') throw new Error('bench: unexpected verdict');
    await site.call('checkin.confirm', { ...door, candidateId: out.verdict.candidate.id, method: out.verdict.method, scanned: q.ticket, photo: { jpegBase64, width: 144, height: 192 } }, site.token);
    site.clock.advance(1000);
    return performance.now() - t0;
  };
  // interleaved, scan by scan, alternating which goes first
  for (let i = 0; i < Math.min(plain.queue.length, enc.queue.length); i++) {
    if (i % 2 === 0) {
      times.plain.push(await scanOnce(plain, i));
      times.enc.push(await scanOnce(enc, i));
    } else {
      times.enc.push(await scanOnce(enc, i));
      times.plain.push(await scanOnce(plain, i));
    }
  }
  const candidates = (enc.app.env.opened.sqlite.prepare('SELECT COUNT(*) AS n FROM candidates').get() as { n: number }).n;
  const pages = (enc.app.env.opened.sqlite.pragma('page_count', { simple: true }) as number) * 4096;
  plain.app.close();
  times.plain.sort((a, b) => a - b);
  times.enc.sort((a, b) => a - b);
  const [p50, p99, e50, e99] = [pct(times.plain, 50), pct(times.plain, 99), pct(times.enc, 50), pct(times.enc, 99)];
  console.log(`door: ${candidates} candidates, ${times.enc.length} scans each side (checkin.scan + checkin.confirm with photo + audit), page cache ${CACHE_KIB / 1024} MiB, database ${(pages / 1024 / 1024).toFixed(0)} MB`);
  console.log(`  plain:     p50 ${p50.toFixed(3)} ms, p99 ${p99.toFixed(3)} ms`);
  console.log(`  encrypted: p50 ${e50.toFixed(3)} ms, p99 ${e99.toFixed(3)} ms`);
  console.log(`  ratio: p50 ${(e50 / p50).toFixed(2)}×, p99 ${(e99 / p99).toFixed(2)}×   target ≤ 1.3× (${e50 / p50 <= 1.3 ? 'met' : 'NOT met'})`);
  return Object.assign(enc.app, { dir });
}

async function planImports(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-at-rest-plan-'));
  try {
    const file = join(dir, 'plan.xlsx');
    writeFileSync(file, await writePlanWorkbook(generatePlan({ candidates: PLAN_CANDIDATES }).pkg));
    const files = [{ name: 'plan.xlsx', data: readFileSync(file).toString('base64') }];
    const small = await writePlanWorkbook(generatePlan().pkg);
    const runs = { plain: [] as number[], enc: [] as number[] };
    for (let round = 0; round < ROUNDS; round++) {
      for (const side of round % 2 === 0 ? (['plain', 'enc'] as const) : (['enc', 'plain'] as const)) {
        const app = openConsole({
          dataDir: join(dir, `${side}-${round}`),
          clock: new ManualClock('2026-05-01T08:00:00+08:00'),
          ...(side === 'plain' ? { plaintext: true } : { unlock: { key: randomBytes(32), useEnv: false } }),
        });
        const call = caller(app);
        await call('setup.init', SITE);
        const token = (await call<{ token: string }>('auth.signIn', { staffNo: SITE.staffNo, pin: SITE.pin })).token;
        await call('plan.check', { files: [{ name: 'demo.xlsx', data: small.toString('base64') }] }, token);
        const t0 = performance.now();
        await call('plan.import', { files }, token);
        runs[side].push(performance.now() - t0);
        app.close();
      }
    }
    const [p, e] = [Math.min(...runs.plain), Math.min(...runs.enc)];
    console.log(`plan.import of ${PLAN_CANDIDATES} candidates (best of ${ROUNDS}, interleaved):`);
    console.log(`  plain:     ${p.toFixed(0)} ms (runs: ${runs.plain.map((x) => x.toFixed(0)).join(', ')})`);
    console.log(`  encrypted: ${e.toFixed(0)} ms (runs: ${runs.enc.map((x) => x.toFixed(0)).join(', ')})`);
    console.log(`  ratio: ${(e / p).toFixed(2)}×   target ≤ 1.3× (${e / p <= 1.3 ? 'met' : 'NOT met'})`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function fullBackup(app: ConsoleApp & { dir: string }): Promise<void> {
  const usb = mkdtempSync(join(tmpdir(), 'bench-at-rest-usb-'));
  try {
    const call = caller(app);
    const head = (await call<{ token: string }>('auth.signIn', { staffNo: SITE.staffNo, pin: SITE.pin })).token;
    await call('backup.configure', { folder: usb, everyMinutes: 30, keep: 5 }, head);
    await app.backups!.idle();
    const t0 = performance.now();
    const r = await app.backups!.run('manual');
    const ms = performance.now() - t0;
    if (r.state !== 'ok') throw new Error(`bench: backup failed: ${r.error}`);
    const candidates = (app.env.opened.sqlite.prepare('SELECT COUNT(*) AS n FROM candidates').get() as { n: number }).n;
    console.log(`full backup of the ${candidates}-candidate site (encrypted copy on a worker, integrity_check, audit chain of ${r.auditSeq} events, SHA-256, manifest): ${ms.toFixed(0)} ms for ${(r.bytes! / 1024 / 1024).toFixed(1)} MB`);
  } finally {
    app.close();
    rmSync(usb, { recursive: true, force: true });
    rmSync(app.dir, { recursive: true, force: true });
  }
}

export async function run(): Promise<void> {
  const site = await doorScans();
  await planImports();
  await fullBackup(site);
}
