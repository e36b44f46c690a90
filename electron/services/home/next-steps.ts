// What comes next for the one who asks, read from the data: the home page's first card. Each step
// is a code with its figures (the catalogue words it, `next.<code>`, and its help names the rule);
// the first step is the next thing to do, the others wait behind it. The batch is the newest one
// (a site runs one batch at a time; the pages that work on older ones have their own pickers).
import type { ReadSqlite } from '../../../db';
import type { Actor } from '../auth';
import { entryCutoff, localTime, offsetMinutes } from '../checkin/rules';
import type { ReadContext } from '../context';
import type { Role } from '../roles';

export const NEXT_STEP_CODES = [
  'plan.import',
  'staff.enrol',
  'duty.mark',
  'draw.run',
  'draw.confirm',
  'draw.wait',
  'standards.set',
  'standards.wait',
  'doors.next',
  'doors.watch',
  'door.signIn',
  'door.markAbsent',
  'door.inSession',
  'incident.second',
  'cases.pending',
  'sheets.waiting',
  'sheets.mine',
  'theory.import',
  'theory.confirm',
  'theory.waiting',
  'report.write',
  'seal.sign',
  'publication.open',
  'publication.running',
  'sync.send',
  'day.done',
  'day.nothing',
] as const;
export type NextStepCode = (typeof NEXT_STEP_CODES)[number];

export interface NextStep {
  code: NextStepCode;
  /** the page that does it; null when the step is to wait for someone else */
  path: string | null;
  /** how many wait (cases, sheets, candidates not yet in), when the step counts something */
  count: number | null;
  params: Record<string, string | number>;
}

export interface NextSteps {
  batch: { id: number; name: string; examDate: string } | null;
  steps: NextStep[];
}

/** An hour before the start the doors are being prepared; the dashboard is the place to be. */
const DOORS_OPEN_BEFORE_MS = 60 * 60_000;

interface Session {
  id: number;
  name: string;
  kind: 'theory' | 'skill' | 'review';
  subjectId: number;
  startsAt: string;
  endsAt: string;
}

const step = (code: NextStepCode, path: string | null, count: number | null = null, params: Record<string, string | number> = {}): NextStep => ({ code, path, count, params });

/** Reads what waits for this role in the newest batch. Pure reads: safe to call on every home visit. */
export function nextSteps(ctx: ReadContext, actor: Actor): NextSteps {
  const { sqlite } = ctx;
  const now = ctx.clock.now().getTime();
  const batch = sqlite.prepare<[], { id: number; name: string; examDate: string; status: string }>('SELECT id, name, exam_date AS examDate, status FROM batches ORDER BY exam_date DESC, id DESC LIMIT 1').get();
  if (!batch) {
    const canImport = actor.role === 'site_head' || actor.role === 'admin';
    return { batch: null, steps: [canImport ? step('plan.import', '/plan/import') : step('day.nothing', null)] };
  }
  const f = new Facts(sqlite, batch.id, now);
  const steps = STEPS_BY_ROLE[actor.role](f, actor);
  return { batch: { id: batch.id, name: batch.name, examDate: batch.examDate }, steps: steps.length ? steps : [step(f.allEnded() ? 'day.done' : 'day.nothing', null)] };
}

/** The figures the steps are made of, each read once when first asked. */
class Facts {
  private memo = new Map<string, unknown>();
  constructor(
    readonly sqlite: ReadSqlite,
    readonly batchId: number,
    readonly now: number,
  ) {}

  private once<T>(key: string, read: () => T): T {
    if (!this.memo.has(key)) this.memo.set(key, read());
    return this.memo.get(key) as T;
  }

  private n(q: string, ...args: unknown[]): number {
    return (this.sqlite.prepare(q).get(...args) as { n: number | null }).n ?? 0;
  }

  sessions(): Session[] {
    return this.once('sessions', () =>
      this.sqlite
        .prepare<[number], Session>(
          `SELECT es.id, es.name, su.kind, es.subject_id AS subjectId, es.starts_at AS startsAt, es.ends_at AS endsAt
           FROM exam_sessions es JOIN subjects su ON su.id = es.subject_id WHERE es.batch_id = ? ORDER BY es.starts_at, es.id`,
        )
        .all(this.batchId),
    );
  }

  ended(s: { endsAt: string }): boolean {
    return this.now > Date.parse(s.endsAt);
  }

  allEnded(): boolean {
    const s = this.sessions();
    return s.length > 0 && s.every((x) => this.ended(x));
  }

  /** sessions whose doors are being prepared or that run now */
  live(): Session[] {
    return this.sessions().filter((s) => this.now >= Date.parse(s.startsAt) - DOORS_OPEN_BEFORE_MS && !this.ended(s));
  }

  upcoming(): Session | undefined {
    return this.sessions().find((s) => this.now < Date.parse(s.startsAt) - DOORS_OPEN_BEFORE_MS);
  }

  local(iso: string): string {
    return localTime(new Date(iso), offsetMinutes(iso));
  }

  staffWithoutPin(): number {
    return this.n(`SELECT COUNT(*) AS n FROM staff s WHERE s.active = 1 AND NOT EXISTS (SELECT 1 FROM staff_pins p WHERE p.staff_id = s.id)`);
  }

  onDuty(): number {
    return this.once('duty', () => this.n('SELECT COUNT(*) AS n FROM duty_marks WHERE batch_id = ? AND on_duty = 1', this.batchId));
  }

  /** the newest draw of the batch: none, drawn (waiting for the supervisor) or confirmed */
  draw(): { id: number; status: 'drawn' | 'confirmed' } | null {
    return this.once('draw', () => this.sqlite.prepare<[number], { id: number; status: 'drawn' | 'confirmed' }>('SELECT id, status FROM draws WHERE batch_id = ? ORDER BY id DESC LIMIT 1').get(this.batchId) ?? null);
  }

  /** skill and review subjects without a scoring standard (G3) */
  subjectsWithoutStandard(): number {
    return this.once('standards', () =>
      this.n(`SELECT COUNT(*) AS n FROM subjects su WHERE su.batch_id = ? AND su.kind <> 'theory' AND NOT EXISTS (SELECT 1 FROM scoring_items i WHERE i.subject_id = su.id)`, this.batchId),
    );
  }

  /** incidents not yet ruled, alarms not yet taken up, doubtful sign-ins not yet reviewed (E6, S8) */
  pendingCases(): number {
    return this.once('cases', () =>
      this.n(
        `SELECT (SELECT COUNT(*) FROM incidents i WHERE i.batch_id = @b AND i.status <> 'ruled')
              + (SELECT COUNT(*) FROM checkin_alerts al JOIN exam_sessions es ON es.id = al.session_id WHERE es.batch_id = @b AND al.status = 'draft')
              + (SELECT COUNT(*) FROM checkins ck JOIN exam_sessions es ON es.id = ck.session_id
                 WHERE es.batch_id = @b AND ck.status = 'doubtful' AND ck.reviewed_at IS NULL
                   AND NOT EXISTS (SELECT 1 FROM incidents i WHERE i.checkin_id = ck.id AND i.source = 'doubtful')) AS n`,
        { b: this.batchId },
      ),
    );
  }

  /** score sheets still to sign: each panel member × each candidate of the room who came (S5) */
  sheetsWaiting(examinerId: number | null = null): number {
    return this.n(
      `SELECT COUNT(*) AS n FROM draw_assignments a
       JOIN exam_sessions es ON es.id = a.session_id AND es.batch_id = @b
       JOIN candidate_subjects cs ON cs.session_id = a.session_id AND cs.room_id = a.room_id
       JOIN checkins ck ON ck.session_id = cs.session_id AND ck.candidate_id = cs.candidate_id
       WHERE a.active = 1 AND a.role IN ('examiner', 'chief_examiner') AND (@e IS NULL OR a.staff_id = @e)
         AND NOT EXISTS (SELECT 1 FROM score_sheets sh WHERE sh.candidate_id = cs.candidate_id AND sh.subject_id = cs.subject_id
                           AND sh.examiner_id = a.staff_id AND sh.status = 'submitted')`,
      { b: this.batchId, e: examinerId },
    );
  }

  /** candidates who sat a theory session that has ended, still without a confirmed score (G2, G4) */
  theoryWaiting(): number {
    return this.once('theory', () =>
      this.sessions()
        .filter((s) => s.kind === 'theory' && this.ended(s))
        .reduce(
          (sum, s) =>
            sum +
            this.n(
              `SELECT COUNT(*) AS n FROM checkins ck WHERE ck.session_id = @s
                 AND NOT EXISTS (SELECT 1 FROM theory_scores ts WHERE ts.candidate_id = ck.candidate_id AND ts.subject_id = @su)`,
              { s: s.id, su: s.subjectId },
            ),
          0,
        ),
    );
  }

  /** incidents the supervisor has not ruled on: the seal waits for them (E6) */
  unruledIncidents(): number {
    return this.n(`SELECT COUNT(*) AS n FROM incidents WHERE batch_id = ? AND status <> 'ruled'`, this.batchId);
  }

  theoryImportsPending(): number {
    return this.n(`SELECT COUNT(*) AS n FROM theory_imports WHERE batch_id = ? AND status = 'pending'`, this.batchId);
  }

  /** theory subjects whose sessions have ended and that have no score at all yet */
  theorySubjectsWithoutScores(): number {
    const ended = this.sessions().filter((s) => s.kind === 'theory' && this.ended(s));
    const subjects = [...new Set(ended.map((s) => s.subjectId))];
    return subjects.filter((id) => this.n('SELECT COUNT(*) AS n FROM theory_scores WHERE subject_id = ?', id) === 0).length;
  }

  reportSigned(): boolean {
    return this.n('SELECT COUNT(*) AS n FROM supervisor_reports WHERE batch_id = ?', this.batchId) > 0;
  }

  /** the newest sealed version, and where its upload stands */
  sealed(): { version: number; state: string | null } | null {
    return this.once('sealed', () =>
      this.sqlite
        .prepare<[number], { version: number; state: string | null }>(
          'SELECT p.version, o.state FROM sealed_packages p LEFT JOIN outbox o ON o.package_id = p.id WHERE p.batch_id = ? ORDER BY p.version DESC LIMIT 1',
        )
        .get(this.batchId) ?? null,
    );
  }

  batchStatus(): string {
    return this.once('status', () => (this.sqlite.prepare<[number], { status: string }>('SELECT status FROM batches WHERE id = ?').get(this.batchId)?.status ?? 'draft'));
  }

  publication(): { id: number; status: 'open' | 'ended'; endDate: string; objections: number } | null {
    return this.once('publication', () =>
      this.sqlite
        .prepare<[number], { id: number; status: 'open' | 'ended'; endDate: string; objections: number }>(
          `SELECT p.id, p.status, p.end_date AS endDate, (SELECT COUNT(*) FROM objections o WHERE o.publication_id = p.id AND o.status <> 'resolved') AS objections
           FROM publications p WHERE p.batch_id = ? ORDER BY p.id DESC LIMIT 1`,
        )
        .get(this.batchId) ?? null,
    );
  }

  /** the exams over, scoring and marking done, every incident ruled: the seal can be signed (S9) */
  readyToSeal(): boolean {
    const s = this.sealed();
    const open = !s || this.batchStatus() === 'amending';
    return open && this.allEnded() && this.subjectsWithoutStandard() === 0 && this.sheetsWaiting() === 0 && this.theoryWaiting() === 0 && this.unruledIncidents() === 0 && this.theoryImportsPending() === 0;
  }

  /** a proctor's rooms in sessions not yet over, in start order, with how the door stands */
  doorsOf(staffId: number) {
    return this.sqlite
      .prepare<[number, number], { sessionId: number; sessionName: string; startsAt: string; endsAt: string; roomId: number; roomCode: string; expected: number; signedIn: number; absent: number }>(
        `SELECT es.id AS sessionId, es.name AS sessionName, es.starts_at AS startsAt, es.ends_at AS endsAt, r.id AS roomId, r.code AS roomCode,
                (SELECT COUNT(*) FROM candidate_subjects cs WHERE cs.session_id = es.id AND cs.room_id = r.id) AS expected,
                (SELECT COUNT(*) FROM checkins ck WHERE ck.session_id = es.id AND ck.room_id = r.id) AS signedIn,
                (SELECT COUNT(*) FROM checkin_absences ab WHERE ab.session_id = es.id AND ab.room_id = r.id) AS absent
         FROM draw_assignments a JOIN draws d ON d.id = a.draw_id AND d.status = 'confirmed' JOIN exam_sessions es ON es.id = a.session_id JOIN rooms r ON r.id = a.room_id
         WHERE a.staff_id = ? AND a.role = 'proctor' AND a.active = 1 AND es.batch_id = ? ORDER BY es.starts_at, r.code`,
      )
      .all(staffId, this.batchId)
      .filter((d) => !this.ended(d));
  }

  /** incidents in this proctor's rooms waiting for a second proctor's signature that someone else recorded */
  secondSignaturesFor(staffId: number): number {
    return this.n(
      `SELECT COUNT(*) AS n FROM incidents i WHERE i.batch_id = @b AND i.status = 'awaiting_second' AND i.recorded_by <> @st
         AND EXISTS (SELECT 1 FROM draw_assignments a WHERE a.session_id = i.session_id AND a.room_id = i.room_id AND a.staff_id = @st AND a.active = 1)`,
      { b: this.batchId, st: staffId },
    );
  }

  /** the panels this examiner sits on, and whether their subjects have a standard */
  panelsOf(staffId: number): { total: number; withoutStandard: number } {
    return this.sqlite
      .prepare<[number, number], { total: number; withoutStandard: number | null }>(
        `SELECT COUNT(*) AS total, SUM(NOT EXISTS (SELECT 1 FROM scoring_items i WHERE i.subject_id = es.subject_id)) AS withoutStandard
         FROM draw_assignments a JOIN draws d ON d.id = a.draw_id AND d.status = 'confirmed' JOIN exam_sessions es ON es.id = a.session_id
         WHERE a.staff_id = ? AND a.active = 1 AND a.role IN ('examiner', 'chief_examiner') AND es.batch_id = ?`,
      )
      .all(staffId, this.batchId)
      .map((r) => ({ total: r.total, withoutStandard: r.withoutStandard ?? 0 }))[0]!;
  }
}

/** Before the exam: the plan's people, duty, the draw and its confirmation, the standards. */
function preparation(f: Facts, role: Role): NextStep[] {
  const out: NextStep[] = [];
  const head = role === 'site_head';
  if (head) {
    const noPin = f.staffWithoutPin();
    if (noPin > 0) out.push(step('staff.enrol', '/staff', noPin));
  }
  const draw = f.draw();
  if (!draw && f.onDuty() === 0 && (head || role === 'supervisor')) out.push(step('duty.mark', '/draw/duty'));
  if (!draw && head) out.push(step('draw.run', '/draw'));
  if (draw?.status === 'drawn' && (head || role === 'supervisor')) out.push(step('draw.confirm', '/draw'));
  if (head) {
    const n = f.subjectsWithoutStandard();
    if (n > 0) out.push(step('standards.set', '/scoring/standards', n));
  }
  return out;
}

/** During the exam: the doors on the dashboard, what waits for a ruling. */
function examDay(f: Facts): NextStep[] {
  const out: NextStep[] = [];
  const live = f.live();
  if (live.length) {
    out.push(step('doors.watch', '/incidents/dashboard', live.length, { time: f.local(live[0]!.startsAt) }));
  } else {
    const next = f.upcoming();
    if (next) out.push(step('doors.next', '/incidents/dashboard', null, { session: next.name, time: f.local(next.startsAt) }));
  }
  const cases = f.pendingCases();
  if (cases > 0) out.push(step('cases.pending', '/incidents/cases', cases));
  return out;
}

/** After the exam: results, the seal, the 公示, the upload. */
function afterwards(f: Facts, role: Role): NextStep[] {
  const out: NextStep[] = [];
  const head = role === 'site_head';
  if (head || role === 'supervisor' || role === 'chief_examiner') {
    if (f.readyToSeal()) out.push(step('seal.sign', '/seal'));
  }
  if (!head && role !== 'supervisor') return out;
  const sealed = f.sealed();
  const pub = f.publication();
  if (sealed && f.batchStatus() === 'sealed' && !pub && head) out.push(step('publication.open', '/publication', null, { version: sealed.version }));
  if (pub?.status === 'open') out.push(step('publication.running', '/publication', pub.objections, { end: pub.endDate }));
  if (pub?.status === 'ended' && sealed && head) {
    if (sealed.state === 'acknowledged' || sealed.state === 'certified') out.push(step('day.done', '/sync'));
    else out.push(step('sync.send', '/sync', null, { version: sealed.version }));
  }
  return out;
}

const STEPS_BY_ROLE: Record<Role, (f: Facts, actor: Actor) => NextStep[]> = {
  site_head: (f) => {
    // the cases are the supervisor's to rule: the head sees how many wait, after the head's own steps
    const day = examDay(f);
    const out = [...preparation(f, 'site_head'), ...day.filter((s) => s.code !== 'cases.pending')];
    const sheets = f.draw() ? f.sheetsWaiting() : 0;
    if (sheets > 0) out.push(step('sheets.waiting', '/scoring/review', sheets));
    const theory = f.theoryWaiting();
    if (theory > 0) out.push(step('theory.waiting', '/theory', theory));
    return [...out, ...afterwards(f, 'site_head'), ...day.filter((s) => s.code === 'cases.pending')];
  },
  supervisor: (f) => {
    // the cases are the supervisor's own to rule (E6, S8): they come before watching the doors
    const day = examDay(f);
    const out = [...preparation(f, 'supervisor'), ...day.filter((s) => s.code === 'cases.pending'), ...day.filter((s) => s.code !== 'cases.pending')];
    if (f.allEnded() && !f.reportSigned()) out.push(step('report.write', '/incidents/report'));
    return [...out, ...afterwards(f, 'supervisor')];
  },
  proctor: (f, actor) => {
    const draw = f.draw();
    if (draw?.status !== 'confirmed') return [step('draw.wait', null)];
    const out: NextStep[] = [];
    for (const d of f.doorsOf(actor.staffId)) {
      const at = { session: d.sessionName, room: d.roomCode, time: f.local(d.startsAt), cutoff: localTime(entryCutoff(d), offsetMinutes(d.startsAt)), end: f.local(d.endsAt) };
      const path = `/door/room/${d.sessionId}/${d.roomId}`;
      const missing = d.expected - d.signedIn - d.absent;
      if (f.now < entryCutoff(d).getTime()) out.push(step('door.signIn', path, d.expected - d.signedIn, at));
      else if (missing > 0) out.push(step('door.markAbsent', path, missing, at));
      else out.push(step('door.inSession', path, null, at));
    }
    const second = f.secondSignaturesFor(actor.staffId);
    if (second > 0) out.unshift(step('incident.second', '/incidents', second));
    return out;
  },
  examiner: (f, actor) => examinerSteps(f, actor),
  chief_examiner: (f, actor) => [...examinerSteps(f, actor), ...afterwards(f, 'chief_examiner')],
  score_clerk: (f) => {
    const out: NextStep[] = [];
    const pending = f.theoryImportsPending();
    if (pending > 0) out.push(step('theory.confirm', '/theory', pending));
    const without = f.theorySubjectsWithoutScores();
    if (without > 0) out.push(step('theory.import', '/theory', without));
    else {
      const waiting = f.theoryWaiting();
      if (waiting > 0) out.push(step('theory.waiting', '/theory', waiting));
    }
    return out;
  },
  admin: (f) => {
    const noPin = f.staffWithoutPin();
    return noPin > 0 ? [step('staff.enrol', '/staff', noPin)] : [];
  },
};

function examinerSteps(f: Facts, actor: Actor): NextStep[] {
  const panels = f.panelsOf(actor.staffId);
  if (f.draw()?.status !== 'confirmed' || panels.total === 0) return [step('draw.wait', null)];
  if (panels.withoutStandard > 0) return [step('standards.wait', null)];
  const mine = f.sheetsWaiting(actor.staffId);
  return mine > 0 ? [step('sheets.mine', '/scoring', mine)] : [];
}
