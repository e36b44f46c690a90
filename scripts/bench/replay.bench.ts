// A paired door device coming back online: 500 sign-ins with photos queued offline, replayed as the
// device does (devices.replay, 10 events a call, each applied once by its id and judged again),
// next to the same 500 sign-ins made online (checkin.scan + checkin.confirm with the photo) in the
// same run, each on a fresh console with the same plan. Both through the registry as the HTTP shell
// calls it; the time, events per second and the ratio are printed, nothing fails on speed.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openConsole, type ConsoleApp } from '../../electron/app';
import { ManualClock } from '../../electron/services/runtime';
import { eventId } from '../../test/support/devices';
import { PROCTOR_A, photo, seedDoor, type DoorSeed } from '../../test/support/door-seed';

const SIGN_INS = 500;
/** events per replay call, as the door device sends them (REPLAY_BATCH in renderer/src/offline/device.ts) */
const REPLAY_BATCH = 10;

interface Bench {
  app: ConsoleApp;
  dir: string;
  seed: DoorSeed;
  head: string;
  proctor: string;
  queue: { id: number; ticket: string; roomId: number }[];
  call<T>(method: string, input: unknown, token: string | null, deviceKey?: string): Promise<T>;
}

async function fresh(): Promise<Bench> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-replay-'));
  const clock = new ManualClock('2026-05-21T08:50:00+08:00');
  const app = openConsole({ dataDir: dir, clock });
  const call = async <T,>(method: string, input: unknown, token: string | null = null, deviceKey?: string): Promise<T> => {
    const r = await app.call({ method, input, token, device: 'bench', ...(deviceKey ? { deviceClaim: { key: deviceKey } } : {}) });
    if (!r.ok) throw new Error(`bench: ${method}: ${r.error.message}`);
    return r.data as T;
  };
  await call('setup.init', { siteName: '基准考点', headName: '负责人', staffNo: 'H1', pin: '758203' });
  const head = (await call<{ token: string }>('auth.signIn', { staffNo: 'H1', pin: '758203' })).token;
  const { sqlite, db } = app.env.opened;
  const seed = sqlite.transaction(() => seedDoor(db, clock, { bulkRooms: 17, bulkPerRoom: 30 }))();
  const proctor = (await call<{ token: string }>('auth.signIn', { staffNo: PROCTOR_A.staffNo, pin: PROCTOR_A.pin })).token;
  const queue = sqlite
    .prepare(
      `SELECT c.id, c.ticket_no AS ticket, cs.room_id AS roomId FROM candidates c JOIN candidate_subjects cs ON cs.candidate_id = c.id
       WHERE cs.session_id = ? AND cs.room_id NOT IN (?, ?) ORDER BY c.id LIMIT ?`,
    )
    .all(seed.theorySessionId, seed.room1.id, seed.room2.id, SIGN_INS) as Bench['queue'];
  return { app, dir, seed, head, proctor, queue, call };
}

function close(b: Bench): { checkins: number; photos: number } {
  const q = (sql: string) => (b.app.env.opened.sqlite.prepare(sql).get() as { n: number }).n;
  const out = { checkins: q('SELECT COUNT(*) AS n FROM checkins'), photos: q('SELECT COUNT(*) AS n FROM checkin_photos') };
  b.app.close();
  rmSync(b.dir, { recursive: true, force: true });
  return out;
}

export async function run(): Promise<void> {
  const jpegBase64 = photo(1).toString('base64');

  // online: the screen's two calls per candidate
  const online = await fresh();
  const o0 = performance.now();
  for (const q of online.queue) {
    const door = { sessionId: online.seed.theorySessionId, roomId: q.roomId };
    const out = await online.call<{ kind: string; verdict: { code: string; method: string; candidate: { id: number } } }>('checkin.scan', { ...door, code: q.ticket }, online.proctor);
    if (out.kind !== 'verdict' || out.verdict.code !== 'ok') throw new Error('bench: unexpected verdict');
    await online.call('checkin.confirm', { ...door, candidateId: out.verdict.candidate.id, method: out.verdict.method, scanned: q.ticket, photo: { jpegBase64, width: 144, height: 192 } }, online.proctor);
  }
  const oMs = performance.now() - o0;
  const oCounts = close(online);

  // offline: the same sign-ins queued on a paired device, then replayed as it does when back
  const replay = await fresh();
  const code = (await replay.call<{ code: string }>('devices.pairingStart', { name: '基准平板' }, replay.head)).code;
  const paired = await replay.call<{ credential: string }>('devices.pair', { code, deviceTime: Date.now() }, null);
  const events = replay.queue.map((q, i) => ({
    id: eventId(),
    kind: 'confirm',
    sessionId: replay.seed.theorySessionId,
    roomId: q.roomId,
    candidateId: q.id,
    method: 'ticket',
    scanned: q.ticket,
    at: new Date(Date.parse('2026-05-21T08:55:00+08:00') + i * 1000).toISOString(),
    offsetMs: 0,
    photo: { jpegBase64, width: 144, height: 192 },
  }));
  const r0 = performance.now();
  let applied = 0;
  for (let i = 0; i < events.length; i += REPLAY_BATCH) {
    const out = await replay.call<{ outcome: string }[]>('devices.replay', { events: events.slice(i, i + REPLAY_BATCH) }, replay.proctor, paired.credential);
    applied += out.filter((r) => r.outcome === 'applied').length;
  }
  const rMs = performance.now() - r0;
  // and the whole queue again (a device that lost the answers): every event answered as the same record
  const d0 = performance.now();
  for (let i = 0; i < events.length; i += REPLAY_BATCH) await replay.call('devices.replay', { events: events.slice(i, i + REPLAY_BATCH) }, replay.proctor, paired.credential);
  const dMs = performance.now() - d0;
  const rCounts = close(replay);

  const rate = (n: number, ms: number) => ((n / ms) * 1000).toFixed(0);
  console.log(`online, the door's calls (checkin.scan + checkin.confirm with photo): ${oCounts.checkins} sign-ins in ${(oMs / 1000).toFixed(2)} s, ${rate(SIGN_INS, oMs)} sign-ins/s`);
  console.log(`replay of ${SIGN_INS} queued sign-ins with photos (devices.replay, ${REPLAY_BATCH} a call): ${applied} applied in ${(rMs / 1000).toFixed(2)} s, ${rate(SIGN_INS, rMs)} events/s (${rCounts.checkins} sign-ins, ${rCounts.photos} photos)`);
  console.log(`the same queue replayed again (answers lost): ${(dMs / 1000).toFixed(2)} s, ${rate(SIGN_INS, dMs)} events/s, nothing added`);
  console.log(`ratio replay / online: ${(rMs / oMs).toFixed(2)}×`);
}
