// The demo day as e2e stories start from it. scripts/demo-day.ts plays the day over HTTP (the calls
// `npm run demo:day` makes) and at each stage the console's data folder is copied aside with what a
// test needs to know about it (DayFacts). A test that starts from a stage gets its own fresh copy.
// The day is played once per version of the code it depends on (the key hashes those files), by the
// first worker that needs it, under test-results/e2e-days/<key>/; others wait for it.
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ConsoleApp } from '../../electron/app';
import { DB_FILE } from '../../electron/app';
import { runnerFor } from '../../electron/services/sync/runner';
import { playDemoDay, SITE, STAFF_PIN, type DemoStage } from '../../scripts/demo-day';

/** The stages a story can start from (demo-day.ts says what each has done); 'synced' needs the day's platform, so it is not kept. */
export const DAY_STAGES = ['plan', 'drawn', 'doors', 'scored', 'sealed', 'published', 'ended'] as const satisfies readonly DemoStage[];
/** …and 'complete': the whole day done (synced, certificates back, the backups written), as the records pages find it */
export type DayStage = (typeof DAY_STAGES)[number] | 'complete';

export interface Person {
  staffId: number;
  staffNo: string;
  name: string;
}

export interface DayCandidate {
  id: number;
  name: string;
  ticketNo: string;
  docNumber: string;
}

export interface DayRoom {
  id: number;
  code: string;
  proctors: Person[];
  /** in seat order */
  candidates: DayCandidate[];
}

export interface DaySession {
  id: number;
  name: string;
  kind: string;
  subjectId: number;
  startsAt: string;
  endsAt: string;
  rooms: DayRoom[];
}

/** What a story needs to know about the day at its stage (read when the stage was done). */
export interface DayFacts {
  stage: DayStage;
  /** the console's clock when the stage was done: the fixture's clock starts there */
  at: string;
  /** the demo day's site and its head (H001) */
  site: typeof SITE;
  /** every other staff member's PIN */
  staffPin: string;
  batchId: number;
  examDate: string;
  planCode: string;
  supervisor: Person;
  clerks: Person[];
  /** in start order; theory sessions' rooms carry their drawn proctors (empty before 'drawn') */
  sessions: DaySession[];
  /** skill panels (empty before 'drawn'): chief examiner first */
  panels: { subjectId: number; sessionId: number; roomId: number; members: (Person & { role: string })[]; candidateIds: number[] }[];
  /** each skill subject's scoring items (set at 'scored'), by subject id */
  items: Record<string, { id: number; maxPoints: number; name: string }[]>;
  seal: { version: number; hash: string } | null;
  publication: { id: number; startDate: string; endDate: string } | null;
}

const repo = fileURLToPath(new URL('../../', import.meta.url));
// what the day depends on: the console, its database, the demo plan, the day's script and this file
const INPUTS = ['db', 'electron', 'resources/demo-plan', 'scripts/demo-day.ts', 'scripts/api-client.ts', 'scripts/platform', 'test/support/days.ts', 'test/support/days-build.ts', 'package-lock.json'];

function hashInputs(): string {
  const h = createHash('sha256');
  const walk = (rel: string) => {
    const abs = join(repo, rel);
    if (!existsSync(abs)) return;
    if (statSync(abs).isDirectory()) {
      for (const name of readdirSync(abs).sort()) walk(join(rel, name));
      return;
    }
    h.update(rel).update('\0').update(readFileSync(abs)).update('\0');
  };
  for (const rel of INPUTS) walk(rel);
  return h.digest('hex').slice(0, 16);
}

const pidAlive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** The days of one code version: built on first use, then copied out per test. */
export class DayStore {
  readonly key = hashInputs();
  readonly dir = resolve(repo, 'test-results/e2e-days', this.key);
  private ready = false;

  /** a stage is there once its folder is (each is renamed into place whole, facts.json inside) */
  private has(stage: DayStage | null): boolean {
    return existsSync(join(this.dir, 'ready')) || (stage !== null && existsSync(join(this.dir, stage, 'facts.json')));
  }

  /**
   * Makes sure the day's stages exist on disk (plays the day, or waits for the process that does).
   * Given a stage, returns as soon as that stage is kept: a spec that starts from 'drawn' need not wait
   * for the day's 360 signed sheets. Returns ms spent.
   */
  async ensure(log: (line: string) => void = () => {}, stage: DayStage | null = null): Promise<number> {
    const t0 = Date.now();
    if (this.ready || this.has(stage)) {
      this.ready ||= existsSync(join(this.dir, 'ready'));
      return 0;
    }
    mkdirSync(resolve(this.dir, '..'), { recursive: true });
    const lock = `${this.dir}.lock`;
    // a build that failed in this run fails every test that needs the day at once, with its reason
    // (the other workers do not play the day again); a failure from an earlier run is tried again
    const failed = `${this.dir}.failed`;
    const run = process.env.E2E_RUN_ID ?? '';
    for (;;) {
      if (this.has(stage)) break;
      if (existsSync(failed)) {
        const f = JSON.parse(readFileSync(failed, 'utf8')) as { run: string; message: string };
        if (f.run === run) throw new Error(`the demo day (e2e fixture) could not be played: ${f.message}`);
        rmSync(failed, { force: true });
      }
      let mine = false;
      try {
        mkdirSync(lock);
        writeFileSync(join(lock, 'pid'), String(process.pid));
        mine = true;
      } catch {
        // another process builds: wait for it, unless it died (its lock is then stale)
        const holder = Number(existsSync(join(lock, 'pid')) ? readFileSync(join(lock, 'pid'), 'utf8') : NaN);
        if (Number.isFinite(holder) && !pidAlive(holder)) rmSync(lock, { recursive: true, force: true });
        else await new Promise((r) => setTimeout(r, 250)); // polling a file another process writes
      }
      if (mine) {
        try {
          // the lock may have been taken while the last stage was being marked
          if (!this.has(stage)) await this.build(log);
        } catch (e) {
          const message = e instanceof Error ? (e.stack ?? e.message) : String(e);
          writeFileSync(failed, JSON.stringify({ run, message }));
          throw e;
        } finally {
          rmSync(lock, { recursive: true, force: true });
        }
      }
    }
    this.ready = existsSync(join(this.dir, 'ready'));
    return Date.now() - t0;
  }

  /**
   * Plays the whole day once, keeping each stage as it is done: the stage's folder is made beside
   * and renamed into place whole, so a waiting worker sees a stage complete or not at all. A stage
   * already there (a build that stopped half-way in an earlier run, same code) is kept as it is: each
   * stage is consistent with its own facts, and a worker may be copying it.
   */
  private async build(log: (line: string) => void): Promise<void> {
    const work = `${this.dir}.build-${process.pid}`;
    rmSync(work, { recursive: true, force: true });
    mkdirSync(work, { recursive: true });
    mkdirSync(this.dir, { recursive: true });
    const t0 = Date.now();
    const keep = async (stage: DayStage, app: ConsoleApp) => {
      await syncRunnerOf(app).idle();
      const final = join(this.dir, stage);
      if (existsSync(join(final, 'facts.json'))) return;
      rmSync(final, { recursive: true, force: true });
      const dest = join(work, stage);
      mkdirSync(join(dest, 'data'), { recursive: true });
      // the database by VACUUM INTO (consistent, WAL included, encrypted under the same key: the
      // backup API refuses an encrypted source, see electron/services/backup/copy.ts); the rest (keys) as files
      app.env.opened.sqlite.prepare('VACUUM INTO ?').run(join(dest, 'data', DB_FILE));
      for (const name of readdirSync(app.env.dataDir)) {
        if (name.startsWith(DB_FILE)) continue;
        cpSync(join(app.env.dataDir, name), join(dest, 'data', name), { recursive: true });
      }
      writeFileSync(join(dest, 'facts.json'), JSON.stringify(readFacts(app, stage)));
      renameSync(dest, final);
      log(`e2e day ${this.key}: ${stage} kept (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
    };
    await playDemoDay({
      dataDir: join(work, 'console'),
      platformDir: join(work, 'platform'),
      transport: 'http',
      onStage: async (stage, app) => {
        if ((DAY_STAGES as readonly string[]).includes(stage)) await keep(stage as DayStage, app);
      },
      // the day's end: certificates back from the platform, the backups written (records start here)
      beforeClose: (app) => keep('complete', app),
    });
    writeFileSync(join(this.dir, 'ready'), new Date().toISOString());
    rmSync(work, { recursive: true, force: true });
  }

  /** Copies a stage into an empty data folder (before the console opens on it) and says what it holds. */
  restore(stage: DayStage, dataDir: string): DayFacts {
    if (!this.has(stage)) throw new Error(`DayStore.restore(${stage}) before ensure()`);
    cpSync(join(this.dir, stage, 'data'), dataDir, { recursive: true });
    return JSON.parse(readFileSync(join(this.dir, stage, 'facts.json'), 'utf8')) as DayFacts;
  }
}

/** The console's sync runner (the one sync.run kicks), to wait until it rests. */
export function syncRunnerOf(app: ConsoleApp) {
  return runnerFor(app.env);
}

function readFacts(app: ConsoleApp, stage: DayStage): DayFacts {
  const { sqlite } = app.env.opened;
  const all = <T>(q: string, ...args: unknown[]) => sqlite.prepare(q).all(...args) as T[];
  const one = <T>(q: string, ...args: unknown[]) => sqlite.prepare(q).get(...args) as T | undefined;
  const batch = one<{ id: number; examDate: string; planCode: string }>('SELECT id, exam_date AS examDate, plan_code AS planCode FROM batches ORDER BY id LIMIT 1')!;
  const byRole = (role: string) =>
    all<Person>(`SELECT s.id AS staffId, s.staff_no AS staffNo, s.name FROM staff s JOIN staff_roles r ON r.staff_id = s.id WHERE r.role = ? ORDER BY s.staff_no`, role);
  const sessions = all<Omit<DaySession, 'rooms'>>(
    `SELECT es.id, es.name, su.kind, es.subject_id AS subjectId, es.starts_at AS startsAt, es.ends_at AS endsAt
     FROM exam_sessions es JOIN subjects su ON su.id = es.subject_id WHERE es.batch_id = ? ORDER BY es.starts_at, es.id`,
    batch.id,
  ).map((s) => ({
    ...s,
    rooms: all<{ id: number; code: string }>(
      'SELECT DISTINCT r.id, r.code FROM candidate_subjects cs JOIN rooms r ON r.id = cs.room_id WHERE cs.session_id = ? ORDER BY r.code',
      s.id,
    ).map((r) => ({
      ...r,
      proctors: all<Person>(
        `SELECT s.id AS staffId, s.staff_no AS staffNo, s.name FROM draw_assignments a JOIN staff s ON s.id = a.staff_id
         WHERE a.session_id = ? AND a.room_id = ? AND a.role = 'proctor' AND a.active = 1 ORDER BY a.position`,
        s.id,
        r.id,
      ),
      candidates: all<DayCandidate>(
        `SELECT c.id, c.name, c.ticket_no AS ticketNo, c.doc_number AS docNumber FROM candidate_subjects cs JOIN candidates c ON c.id = cs.candidate_id
         WHERE cs.session_id = ? AND cs.room_id = ? ORDER BY CAST(cs.seat AS INTEGER), c.ticket_no`,
        s.id,
        r.id,
      ),
    })),
  }));
  const panels = sessions
    .filter((s) => s.kind !== 'theory')
    .flatMap((s) =>
      s.rooms.map((r) => ({
        subjectId: s.subjectId,
        sessionId: s.id,
        roomId: r.id,
        candidateIds: r.candidates.map((c) => c.id).sort((a, b) => a - b),
        members: all<Person & { role: string }>(
          `SELECT s.id AS staffId, s.staff_no AS staffNo, s.name, a.role FROM draw_assignments a JOIN staff s ON s.id = a.staff_id
           WHERE a.session_id = ? AND a.room_id = ? AND a.active = 1 AND a.role IN ('examiner','chief_examiner') ORDER BY a.role = 'chief_examiner' DESC, a.position`,
          s.id,
          r.id,
        ),
      })),
    )
    .filter((p) => p.members.length > 0);
  const items: DayFacts['items'] = {};
  for (const s of sessions.filter((x) => x.kind !== 'theory')) {
    const rows = all<{ id: number; maxPoints: number; name: string }>(
      'SELECT i.id, i.max_points AS maxPoints, i.name FROM scoring_items i WHERE i.subject_id = ? ORDER BY i.position, i.id',
      s.subjectId,
    );
    if (rows.length) items[String(s.subjectId)] = rows;
  }
  const seal = one<{ version: number; hash: string }>('SELECT version, hash FROM sealed_packages WHERE batch_id = ? ORDER BY version DESC LIMIT 1', batch.id) ?? null;
  const publication =
    one<{ id: number; startDate: string; endDate: string }>('SELECT id, start_date AS startDate, end_date AS endDate FROM publications WHERE batch_id = ? ORDER BY id LIMIT 1', batch.id) ?? null;
  return {
    stage,
    at: app.env.clock.now().toISOString(),
    site: SITE,
    staffPin: STAFF_PIN,
    batchId: batch.id,
    examDate: batch.examDate,
    planCode: batch.planCode,
    supervisor: byRole('supervisor')[0]!,
    clerks: byRole('score_clerk'),
    sessions,
    panels,
    items,
    seal,
    publication,
  };
}
