// The day as scoring sees it: the demo plan imported, everyone on duty, the day drawn, PINs set
// for the examiners, chiefs and clerks, and a scoring standard for each skill subject.
import type { TestConsole } from '../unit/helpers';
import { enrolStaff } from './enrol';

const HEAD = { siteName: '枣庄市技师学院考点', headName: '李𠀋明', staffNo: 'H001', pin: '246810' };

export const STAFF_PIN = '135790';

export interface ScoringDay {
  token: string;
  batchId: number;
  /** skill subjects with one of their panels (session, room, members) and the candidates there */
  panels: { subjectId: number; sessionId: number; roomId: number; members: { staffId: number; staffNo: string; role: string }[]; candidateIds: number[] }[];
  theorySubjects: number[];
  items: Map<number, { id: number; maxPoints: number; name: string }[]>;
}

interface Caller {
  ok<T = unknown>(method: string, input?: unknown, token?: string | null): Promise<T>;
  sqlite: TestConsole['app']['env']['opened']['sqlite'];
}

export async function scoringDay(c: TestConsole): Promise<ScoringDay> {
  await c.ok('setup.init', HEAD);
  const token = (await c.ok<{ token: string }>('auth.signIn', { staffNo: HEAD.staffNo, pin: HEAD.pin })).token;
  return scoringDayWith({ ok: c.ok, sqlite: c.app.env.opened.sqlite }, token);
}

export async function scoringDayWith(c: Caller, token: string): Promise<ScoringDay> {
  await c.ok('plan.loadDemo', {}, token);
  const batchId = (await c.ok<{ id: number }[]>('draw.batches', {}, token))[0]!.id;
  const people = await c.ok<{ id: number }[]>('draw.duty.list', { batchId }, token);
  await c.ok('draw.duty.mark', { batchId, staffIds: people.map((p) => p.id), onDuty: true }, token);
  await c.ok('draw.run', { batchId }, token);
  const staff = c.sqlite
    .prepare("SELECT DISTINCT s.id FROM staff s JOIN staff_roles r ON r.staff_id = s.id WHERE r.role IN ('examiner','chief_examiner','score_clerk','supervisor')")
    .all() as { id: number }[];
  await enrolStaff(c, token, staff.map((s) => s.id), STAFF_PIN);
  const subjects = await c.ok<{ id: number; kind: string }[]>('scoring.subjects', { batchId }, token);
  const items = new Map<number, { id: number; maxPoints: number; name: string }[]>();
  for (const s of subjects.filter((x) => x.kind !== 'theory')) {
    const { sample } = await c.ok<{ sample: unknown[] }>('scoring.standard.get', { subjectId: s.id }, token);
    items.set(s.id, await c.ok('scoring.standard.set', { subjectId: s.id, items: sample }, token));
  }
  const rows = c.sqlite
    .prepare(
      `SELECT cs.subject_id AS subjectId, cs.session_id AS sessionId, cs.room_id AS roomId, group_concat(cs.candidate_id) AS ids
       FROM candidate_subjects cs JOIN subjects su ON su.id = cs.subject_id WHERE su.kind <> 'theory' GROUP BY cs.session_id, cs.room_id ORDER BY cs.session_id`,
    )
    .all() as { subjectId: number; sessionId: number; roomId: number; ids: string }[];
  const panels = rows.map((r) => ({
    subjectId: r.subjectId,
    sessionId: r.sessionId,
    roomId: r.roomId,
    candidateIds: r.ids.split(',').map(Number).sort((a, b) => a - b),
    members: c.sqlite
      .prepare(
        `SELECT a.staff_id AS staffId, s.staff_no AS staffNo, a.role FROM draw_assignments a JOIN staff s ON s.id = a.staff_id
         WHERE a.session_id = ? AND a.room_id = ? AND a.active = 1 AND a.role IN ('examiner','chief_examiner') ORDER BY a.role = 'chief_examiner' DESC, a.position`,
      )
      .all(r.sessionId, r.roomId) as { staffId: number; staffNo: string; role: string }[],
  }));
  return { token, batchId, panels, theorySubjects: subjects.filter((s) => s.kind === 'theory').map((s) => s.id), items };
}

/** Signs a staff member in with a role (examiners sign in as examiner or chief_examiner). */
export async function signInAs(c: Pick<Caller, 'ok'>, staffNo: string, role: string): Promise<string> {
  return (await c.ok<{ token: string }>('auth.signIn', { staffNo, pin: STAFF_PIN, role })).token;
}

/** A full sheet whose items take `fraction` of their maximum (rounded to .5), safety full. */
export function entriesFor(items: { id: number; maxPoints: number }[], total: number) {
  // spread `total` over the items in proportion to their maxima, one decimal, remainder on the first
  const raw = items.map((i) => Math.floor(((i.maxPoints * total) / 100) * 10) / 10);
  const diff = Math.round((total - raw.reduce((a, b) => a + b, 0)) * 10) / 10;
  raw[0] = Math.round((raw[0]! + diff) * 10) / 10;
  return items.map((i, k) => ({ itemId: i.id, points: raw[k]!, missing: false }));
}

/**
 * Every sheet and theory score of the day straight into the tables (the signed path is
 * scoring.test.ts's; scrypt per sheet would take minutes). Skill totals: `total(i)` for the panel's
 * i-th candidate (default 50, 60, 70, 80, 90 in turn); theory 80.
 */
export function scoreAllRaw(sqlite: Caller['sqlite'], day: ScoringDay, total: (i: number) => number = (i) => 50 + (i % 5) * 10): void {
  const ins = sqlite.prepare(
    "INSERT INTO score_sheets (candidate_id, subject_id, session_id, room_id, examiner_id, status, entries, total, updated_at, submitted_at, signature) VALUES (?, ?, ?, ?, ?, 'submitted', ?, ?, 'x', 'x', 'x')",
  );
  for (const p of day.panels) {
    const items = day.items.get(p.subjectId)!;
    for (const m of p.members)
      for (const [i, cand] of p.candidateIds.entries()) ins.run(cand, p.subjectId, p.sessionId, p.roomId, m.staffId, JSON.stringify(entriesFor(items, total(i))), total(i));
  }
  sqlite.exec("INSERT INTO theory_scores (candidate_id, subject_id, score, source, confirmed_at) SELECT cs.candidate_id, cs.subject_id, 80, 'paper', 'x' FROM candidate_subjects cs JOIN subjects su ON su.id = cs.subject_id WHERE su.kind = 'theory'");
}

/** The signatures the seal asks for (readiness names the signers): the site head's PIN, the others' STAFF_PIN. */
export async function sealSignatures(c: Pick<Caller, 'ok'>, batchId: number, token: string): Promise<{ staffNo: string; pin: string }[]> {
  const r = await c.ok<{ signers: { role: string; staffNo: string | null }[] }>('seal.readiness', { batchId }, token);
  return r.signers.map((s) => ({ staffNo: s.staffNo!, pin: s.role === 'site_head' ? HEAD.pin : STAFF_PIN }));
}

/** S9: seals the day's batch (publication runs on the sealed version); the ceremony's own test is seal-ceremony.test.ts. */
export async function sealDay(c: Pick<Caller, 'ok'>, day: ScoringDay): Promise<{ hash: string; version: number }> {
  return c.ok<{ hash: string; version: number }>('seal.seal', { batchId: day.batchId, signatures: await sealSignatures(c, day.batchId, day.token) }, day.token);
}

/** S9, G5: after an upheld objection re-examined a subject, the amended version sealed with the same signatures. */
export async function sealAmendment(c: Pick<Caller, 'ok'>, day: ScoringDay, reason: string): Promise<{ hash: string; version: number; previousHash: string }> {
  return c.ok('seal.amend', { batchId: day.batchId, reason, signatures: await sealSignatures(c, day.batchId, day.token) }, day.token);
}
