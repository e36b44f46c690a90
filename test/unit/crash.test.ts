// Crash safety with real processes: the browser shell runs in a child process on 127.0.0.1 and is
// SIGKILLed at random moments (at least ten times) while a driver signs candidates in at the door
// with photos and examiners submit signed sheets over HTTP. After each restart the driver carries
// on; a call cut by the kill is sent again. At the end every acknowledged write is there (A1:
// nothing acknowledged is lost), PRAGMA integrity_check is ok and `npm run verify` passes.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { afterAll, describe, expect, it } from 'vitest';
import { openConsole } from '../../electron/app';
import type { CallResult } from '../../electron/commands/registry';
import { ManualClock } from '../../electron/services/runtime';
import { doorPhoto, doorsOf, drawnDay, panelsOf, plusMinutes, SITE, STAFF_PIN, type Door, type Panel } from '../support/reliability';

const repo = resolve(fileURLToPath(new URL('../../', import.meta.url)));
const root = mkdtempSync(join(tmpdir(), 'esc-crash-'));
const KILLS = 10;
/** sign-ins and sheets the driver makes: enough that the kills land among writes, few enough for ~2 minutes on two cores */
const WORK = { checkins: 30, sheets: 24 };

afterAll(() => rmSync(root, { recursive: true, force: true }));

/** A seeded generator, so a failing run can be replayed (the seed is printed). */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

async function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const s = createServer();
    s.once('error', rej);
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      const port = a && typeof a === 'object' ? a.port : 0;
      s.close(() => res(port));
    });
  });
}

/** The child server, started again after each kill on the same port and data folder. */
class Child {
  proc: ChildProcess | null = null;
  ready: Promise<void> = Promise.resolve();
  starts = 0;
  constructor(private readonly env: NodeJS.ProcessEnv, private readonly bundle: string) {}

  start(): Promise<void> {
    this.starts += 1;
    // an IPC channel, so the child ends with this process whatever becomes of the test
    const proc = spawn(process.execPath, [this.bundle], { cwd: repo, env: this.env, stdio: ['ignore', 'pipe', 'pipe', 'ipc'] });
    this.proc = proc;
    let err = '';
    proc.stderr!.on('data', (d: Buffer) => (err = (err + d.toString()).slice(-4000)));
    this.ready = new Promise((res, rej) => {
      let out = '';
      proc.stdout!.on('data', (d: Buffer) => {
        out += d.toString();
        if (out.includes('READY ')) res();
      });
      proc.once('exit', (code, signal) => rej(new Error(`crash child exited before READY (${code ?? signal}): ${err}`)));
    });
    return this.ready;
  }

  async kill(): Promise<void> {
    const p = this.proc;
    if (!p || p.exitCode !== null || p.signalCode !== null) return;
    const gone = new Promise((r) => p.once('exit', r));
    p.kill('SIGKILL');
    await gone;
  }
}

type Op =
  | { kind: 'checkin'; door: Door; candidate: { id: number; ticket: string } }
  | { kind: 'sheet'; panel: Panel; examiner: { staffNo: string; role: string }; candidateId: number };

describe('crash safety (A1)', () => {
  it(`a child server SIGKILLed ${KILLS} times at random moments while sign-ins with photos and signed sheets go on: every acknowledged write survives, integrity_check and verify pass`, async () => {
    // the day up to the draw, in-process; then the doors, panels and standards' items from it
    const dataDir = await drawnDay(root);
    const seedClock = new ManualClock('2026-05-21T07:45:00+08:00');
    const seeded = openConsole({ dataDir, clock: seedClock });
    const doors = doorsOf(seeded.env.opened.sqlite);
    const panels = panelsOf(seeded.env.opened.sqlite).filter((p) => p.members.length > 0);
    seeded.close();
    const firstStart = doors[0]!.startsAt;

    // the child, bundled once (a restart then loads JavaScript, not TypeScript)
    const bundle = join(repo, 'test-results', 'reliability', `crash-child-${process.pid}.mjs`);
    mkdirSync(join(repo, 'test-results', 'reliability'), { recursive: true });
    await build({ entryPoints: [join(repo, 'test/support/crash-child.ts')], bundle: true, platform: 'node', format: 'esm', target: 'node20', packages: 'external', outfile: bundle, logLevel: 'warning' });
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    // 25 minutes before the first sessions start, flowing in real time from there
    const offset = new Date(plusMinutes(firstStart, -25)).getTime() - Date.now();
    const child = new Child({ ...process.env, CRASH_DATA: dataDir, CRASH_PORT: String(port), CRASH_OFFSET_MS: String(offset), CRASH_REPO: repo }, bundle);
    const seed = Number(process.env.CRASH_SEED ?? Date.now() % 1_000_000);
    console.log(`crash: seed ${seed} (CRASH_SEED=${seed} replays the kill times)`);
    const random = rng(seed);

    /** One call; null when the connection was cut (the server is being killed or restarting). */
    const post = async (method: string, input: unknown, token: string | null): Promise<CallResult | null> => {
      try {
        const res = await fetch(`${url}/api/${method}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
          body: JSON.stringify(input),
        });
        return (await res.json()) as CallResult;
      } catch {
        return null;
      }
    };
    /** Sends until an answer arrives (waiting for the restarted server); counts the resends. */
    let resends = 0;
    const send = async (method: string, input: unknown, token: string | null): Promise<{ r: CallResult; resent: boolean }> => {
      let resent = false;
      for (;;) {
        await child.ready.catch(() => undefined);
        const r = await post(method, input, token);
        if (r) return { r, resent };
        resent = true;
        resends += 1;
        await new Promise((res) => setTimeout(res, 100)); // the server is down: try again shortly
      }
    };
    const ok = async <T,>(method: string, input: unknown, token: string | null): Promise<T> => {
      const { r } = await send(method, input, token);
      if (!r.ok) throw new Error(`${method}: ${r.error.code} ${r.error.message}`);
      return r.data as T;
    };

    const tStart = Date.now();
    await child.start();
    if (process.env.CRASH_DEBUG) console.log(`prepared; first start ${Date.now() - tStart} ms; ${doors.length} doors, ${panels.length} panels`);
    try {
      const tokens = new Map<string, string>();
      const tokenOf = async (staffNo: string, role?: string) => {
        const key = `${staffNo}/${role ?? ''}`;
        let t = tokens.get(key);
        if (!t) tokens.set(key, (t = (await ok<{ token: string }>('auth.signIn', { staffNo, pin: staffNo === SITE.staffNo ? SITE.pin : STAFF_PIN, ...(role ? { role } : {}) }, null)).token));
        return t;
      };
      // the standards, so examiners can submit (before the first kill)
      const head = await tokenOf(SITE.staffNo);
      const items = new Map<number, { id: number; maxPoints: number }[]>();
      for (const subjectId of new Set(panels.map((p) => p.subjectId))) {
        const { sample } = await ok<{ sample: unknown[] }>('scoring.standard.get', { subjectId }, head);
        items.set(subjectId, await ok('scoring.standard.set', { subjectId, items: sample }, head));
      }

      // the work: the first sessions' doors, and every examiner's sheet, interleaved
      const checkins: Op[] = doors
        .filter((d) => d.startsAt === firstStart)
        .flatMap((door) => door.candidates.map((candidate) => ({ kind: 'checkin' as const, door, candidate })))
        .slice(0, WORK.checkins);
      const sheets: Op[] = panels
        .flatMap((panel) => panel.members.flatMap((examiner) => panel.candidateIds.map((candidateId) => ({ kind: 'sheet' as const, panel, examiner, candidateId }))))
        .slice(0, WORK.sheets);
      const acked = { checkins: [] as number[], sheets: [] as string[], redone: [] as Op[] };

      const run = async (op: Op) => {
        if (op.kind === 'checkin') {
          const { door, candidate } = op;
          const input = { sessionId: door.sessionId, roomId: door.roomId, candidateId: candidate.id, method: 'ticket', scanned: candidate.ticket, photo: { jpegBase64: doorPhoto(48 * 1024) } };
          const { r, resent } = await send('checkin.confirm', input, await tokenOf(door.proctorNo, 'proctor'));
          if (r.ok) acked.checkins.push((r.data as { checkinId: number }).checkinId);
          // the first try committed but its answer was cut by the kill: the door now says so
          else if (resent && (r.error.code === 'DOOR_REFUSED' || r.error.code === 'CONFLICT')) acked.redone.push(op);
          else throw new Error(`checkin.confirm ${candidate.ticket}: ${r.error.code} ${r.error.message}`);
        } else {
          const its = items.get(op.panel.subjectId)!;
          const input = { candidateId: op.candidateId, subjectId: op.panel.subjectId, entries: its.map((i) => ({ itemId: i.id, points: i.maxPoints, missing: false })), pin: STAFF_PIN };
          const { r, resent } = await send('scoring.sheet.submit', input, await tokenOf(op.examiner.staffNo, op.examiner.role));
          if (r.ok) acked.sheets.push((r.data as { signature: string }).signature);
          else if (resent && r.error.code === 'CONFLICT') acked.redone.push(op);
          else throw new Error(`scoring.sheet.submit ${op.candidateId}: ${r.error.code} ${r.error.message}`);
        }
      };
      // two lanes, as a door tablet and an examiner's laptop would be
      const lane = async (ops: Op[]) => {
        for (const op of ops) await run(op);
      };
      if (process.env.CRASH_DEBUG) console.log(`work: ${checkins.length} sign-ins, ${sheets.length} sheets`);
      let kills = 0;
      const driving = Promise.all([lane(checkins), lane(sheets)]);
      let driven = false;
      void driving.then(
        () => (driven = true),
        () => (driven = true),
      );
      // the killer: a random moment after each start, then a restart, until enough kills and the work is done
      while (kills < KILLS || !driven) {
        await child.ready;
        if (kills >= KILLS) {
          await Promise.race([driving, new Promise((r) => setTimeout(r, 500))]);
          continue;
        }
        await new Promise((r) => setTimeout(r, 100 + random() * 1900));
        await child.kill();
        kills += 1;
        const t0 = Date.now();
        await child.start();
        if (process.env.CRASH_DEBUG) console.log(`kill ${kills}: ${acked.checkins.length} + ${acked.sheets.length} acked, restart ${Date.now() - t0} ms`);
      }
      await driving;
      await child.kill();
      console.log(`crash: ${kills} kills, ${child.starts} starts, ${acked.checkins.length} sign-ins and ${acked.sheets.length} sheets acknowledged, ${acked.redone.length} committed before a kill cut the answer, ${resends} resends`);
      expect(kills).toBeGreaterThanOrEqual(KILLS);
      expect(acked.checkins.length + acked.sheets.length).toBeGreaterThan(0);

      // after the last kill: everything acknowledged is there, the file is sound
      const app = openConsole({ dataDir, clock: seedClock });
      try {
        const { sqlite } = app.env.opened;
        const checkinIds = new Set((sqlite.prepare('SELECT id FROM checkins WHERE photo_id IS NOT NULL').all() as { id: number }[]).map((r) => r.id));
        expect(acked.checkins.filter((id) => !checkinIds.has(id))).toEqual([]);
        const signatures = new Set((sqlite.prepare("SELECT signature FROM score_sheets WHERE status = 'submitted'").all() as { signature: string }[]).map((r) => r.signature));
        expect(acked.sheets.filter((s) => !signatures.has(s))).toEqual([]);
        for (const op of acked.redone) {
          const n =
            op.kind === 'checkin'
              ? (sqlite.prepare('SELECT COUNT(*) AS n FROM checkins WHERE candidate_id = ? AND session_id = ?').get(op.candidate.id, op.door.sessionId) as { n: number }).n
              : (sqlite.prepare("SELECT COUNT(*) AS n FROM score_sheets s JOIN staff st ON st.id = s.examiner_id WHERE s.candidate_id = ? AND s.subject_id = ? AND st.staff_no = ? AND s.status = 'submitted'").get(op.candidateId, op.panel.subjectId, op.examiner.staffNo) as { n: number }).n;
          expect(n, `${op.kind} resent after a kill is on record`).toBe(1);
        }
        // every sign-in and sheet the driver meant to make is there exactly once
        expect((sqlite.prepare('SELECT COUNT(*) AS n FROM checkins').get() as { n: number }).n).toBe(checkins.length);
        expect((sqlite.prepare("SELECT COUNT(*) AS n FROM score_sheets WHERE status = 'submitted'").get() as { n: number }).n).toBe(sheets.length);
        expect(sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
      } finally {
        app.close();
      }
      // npm run verify: integrity, the whole audit chain, the seals
      const verify = spawnSync(process.execPath, ['--import', 'tsx', join(repo, 'scripts/verify.ts'), '--data', dataDir], { cwd: repo, env: process.env, encoding: 'utf8', timeout: 60_000 });
      expect(verify.status, `${verify.stdout}\n${verify.stderr}`).toBe(0);
    } finally {
      await child.kill();
      rmSync(bundle, { force: true });
    }
  }, 170_000);
});
