// The draw's service layer: loads the solver's inputs from the database, records each draw
// (seed, algorithm, inputs digest, result) with its audit event, re-runs it for verification,
// and applies checked manual changes. The solver itself (solver.ts and friends) stays pure.
import { and, asc, eq, inArray, isNull } from 'drizzle-orm';
import { schema, type Db, type ReadDb, type Sqlite } from '../../../db';
import type { Actor } from '../auth';
import { verifyStaffPin } from '../auth';
import { canonicalJson, sha256Hex } from '../canonical';
import { AppError } from '../errors';
import type { Clock, RandomSource } from '../runtime';
import { DrawModel } from './model';
import { checkResult } from './rules';
import { solveDraw } from './solver';
import { DRAW_ALGORITHM, type DrawInput, type DrawOptions, type DrawResult, type DrawRole, type DrawSession, type DrawStaff, type Duty, type FixedDuty, type Problem, type RoomAssignment, type SubjectKind, type Violation } from './types';

const DRAW_ROLES: DrawRole[] = ['proctor', 'examiner', 'chief_examiner', 'supervisor', 'score_clerk'];

export interface DrawCtx {
  db: Db;
  sqlite: Sqlite;
  clock: Clock;
  random: RandomSource;
  actor: Actor | null;
  note(detail: Record<string, unknown>): void;
}

function notFound(what: string): AppError {
  return new AppError('NOT_FOUND', `找不到${what}。`, `No such ${what}.`);
}

export function batchOf(db: Db, batchId: number) {
  const b = db.select().from(schema.batches).where(eq(schema.batches.id, batchId)).get();
  if (!b) throw notFound('该认定批次');
  return b;
}

/** Batches with their sessions, for the draw pages' pickers. */
export function drawBatches(db: Db) {
  const batches = db.select().from(schema.batches).orderBy(asc(schema.batches.examDate), asc(schema.batches.id)).all();
  return batches.map((b) => ({ id: b.id, name: b.name, examDate: b.examDate, sessions: sessionsOf(db, b.id) }));
}

export function sessionsOf(db: Db, batchId: number) {
  return db
    .select({
      id: schema.examSessions.id,
      code: schema.examSessions.code,
      name: schema.examSessions.name,
      startsAt: schema.examSessions.startsAt,
      endsAt: schema.examSessions.endsAt,
      proctorsPerRoom: schema.examSessions.proctorsPerRoom,
      kind: schema.subjects.kind,
      level: schema.occupations.level,
      occupationName: schema.occupations.name,
      occupationCode: schema.occupations.code,
      workTypeName: schema.occupations.workTypeName,
    })
    .from(schema.examSessions)
    .innerJoin(schema.subjects, eq(schema.subjects.id, schema.examSessions.subjectId))
    .innerJoin(schema.occupations, eq(schema.occupations.id, schema.subjects.occupationId))
    .where(eq(schema.examSessions.batchId, batchId))
    .orderBy(asc(schema.examSessions.startsAt), asc(schema.examSessions.id))
    .all();
}

function drawRolesByStaff(db: Db): Map<number, DrawRole[]> {
  const out = new Map<number, DrawRole[]>();
  for (const r of db.select().from(schema.staffRoles).all()) {
    if (!(DRAW_ROLES as string[]).includes(r.role)) continue;
    const list = out.get(r.staffId) ?? [];
    list.push(r.role as DrawRole);
    out.set(r.staffId, list);
  }
  for (const list of out.values()) list.sort((a, b) => DRAW_ROLES.indexOf(a) - DRAW_ROLES.indexOf(b));
  return out;
}

/** E2: everyone who could take part in the draw, and whether they are on duty. */
export function dutyList(db: Db, batchId: number) {
  batchOf(db, batchId);
  const roles = drawRolesByStaff(db);
  const marks = new Map(db.select().from(schema.dutyMarks).where(eq(schema.dutyMarks.batchId, batchId)).all().map((m) => [m.staffId, m]));
  return db
    .select()
    .from(schema.staff)
    .where(eq(schema.staff.active, true))
    .orderBy(asc(schema.staff.staffNo))
    .all()
    .filter((p) => roles.has(p.id))
    .map((p) => ({
      id: p.id,
      staffNo: p.staffNo,
      name: p.name,
      workUnit: p.workUnit,
      examinerGrade: p.examinerGrade,
      roles: roles.get(p.id)!,
      onDuty: marks.get(p.id)?.onDuty ?? false,
      markedAt: marks.get(p.id)?.markedAt ?? null,
    }));
}

export function markDuty(ctx: DrawCtx, input: { batchId: number; staffIds: number[]; onDuty: boolean }) {
  batchOf(ctx.db, input.batchId);
  const roles = drawRolesByStaff(ctx.db);
  const now = ctx.clock.now().toISOString();
  const changed: { staffId: number; name: string; before: boolean; after: boolean }[] = [];
  for (const staffId of input.staffIds) {
    const p = ctx.db.select().from(schema.staff).where(eq(schema.staff.id, staffId)).get();
    if (!p || !p.active || !roles.has(staffId)) throw notFound('该工作人员（需有监考、考评或督导角色）');
    const prev = ctx.db.select().from(schema.dutyMarks).where(and(eq(schema.dutyMarks.batchId, input.batchId), eq(schema.dutyMarks.staffId, staffId))).get();
    if (!input.onDuty) {
      // still on a duty that has not ended (times carry their offset: compare instants, not strings)
      const placed = ctx.db
        .select({ endsAt: schema.examSessions.endsAt })
        .from(schema.drawAssignments)
        .innerJoin(schema.examSessions, eq(schema.examSessions.id, schema.drawAssignments.sessionId))
        .where(and(eq(schema.drawAssignments.staffId, staffId), eq(schema.drawAssignments.active, true), eq(schema.examSessions.batchId, input.batchId)))
        .all()
        .some((r) => Date.parse(r.endsAt) > ctx.clock.now().getTime());
      if (placed) {
        throw new AppError('CONFLICT', `${p.name} 已被抽中，请先在抽签结果中替换此人，再取消到岗。`, `${p.name} is assigned; replace them first.`);
      }
    }
    ctx.db
      .insert(schema.dutyMarks)
      .values({ batchId: input.batchId, staffId, onDuty: input.onDuty, markedAt: now, markedBy: ctx.actor?.staffId ?? null })
      .onConflictDoUpdate({ target: [schema.dutyMarks.batchId, schema.dutyMarks.staffId], set: { onDuty: input.onDuty, markedAt: now, markedBy: ctx.actor?.staffId ?? null } })
      .run();
    changed.push({ staffId, name: p.name, before: prev?.onDuty ?? false, after: input.onDuty });
  }
  ctx.note({ batchId: input.batchId, duty: changed });
  return { changed: changed.length };
}

const toDrawStaff = (p: typeof schema.staff.$inferSelect, roles: DrawRole[]): DrawStaff => ({
  id: p.id,
  name: p.name,
  workUnit: p.workUnit,
  roles,
  grade: p.examinerGrade === 'senior' || p.examinerGrade === 'examiner' ? p.examinerGrade : null,
});

interface ActiveRow {
  id: number;
  drawId: number;
  sessionId: number;
  roomId: number;
  staffId: number;
  role: string;
  position: number;
}

function activeRows(db: Db, sessionIds: number[]): ActiveRow[] {
  if (sessionIds.length === 0) return [];
  return db
    .select()
    .from(schema.drawAssignments)
    .where(and(inArray(schema.drawAssignments.sessionId, sessionIds), eq(schema.drawAssignments.active, true)))
    .orderBy(asc(schema.drawAssignments.sessionId), asc(schema.drawAssignments.roomId), asc(schema.drawAssignments.position))
    .all();
}

/** The solver's inputs for some sessions of a batch, as they stand in the database now. */
export function buildInput(db: Db, batchId: number, sessionIds: number[], options: DrawOptions): DrawInput {
  const all = sessionsOf(db, batchId);
  const chosen = all.filter((s) => sessionIds.includes(s.id));
  const roles = drawRolesByStaff(db);
  const onDuty = new Set(
    db
      .select()
      .from(schema.dutyMarks)
      .where(and(eq(schema.dutyMarks.batchId, batchId), eq(schema.dutyMarks.onDuty, true)))
      .all()
      .map((m) => m.staffId),
  );
  const people = db.select().from(schema.staff).where(eq(schema.staff.active, true)).orderBy(asc(schema.staff.id)).all().filter((p) => roles.has(p.id));
  const staff = people.filter((p) => onDuty.has(p.id)).map((p) => toDrawStaff(p, roles.get(p.id)!));
  const reserves = people.filter((p) => !onDuty.has(p.id)).map((p) => toDrawStaff(p, roles.get(p.id)!));

  const sessions: DrawSession[] = [];
  const candidateIds = new Set<number>();
  for (const s of chosen) {
    const rooms = db
      .select({ id: schema.rooms.id, code: schema.rooms.code })
      .from(schema.sessionRooms)
      .innerJoin(schema.rooms, eq(schema.rooms.id, schema.sessionRooms.roomId))
      .where(eq(schema.sessionRooms.sessionId, s.id))
      .orderBy(asc(schema.rooms.id))
      .all();
    const seated = db
      .select({ candidateId: schema.candidateSubjects.candidateId, roomId: schema.candidateSubjects.roomId })
      .from(schema.candidateSubjects)
      .where(eq(schema.candidateSubjects.sessionId, s.id))
      .orderBy(asc(schema.candidateSubjects.candidateId))
      .all();
    sessions.push({
      id: s.id,
      code: s.code,
      name: s.name,
      kind: s.kind as SubjectKind,
      level: s.level,
      startsAt: s.startsAt,
      endsAt: s.endsAt,
      proctorsPerRoom: s.proctorsPerRoom,
      rooms: rooms.map((r) => {
        const ids = seated.filter((c) => c.roomId === r.id).map((c) => c.candidateId);
        for (const id of ids) candidateIds.add(id);
        return { id: r.id, code: r.code, candidateIds: ids };
      }),
    });
  }
  const ids = [...candidateIds].sort((a, b) => a - b);
  const candidates = ids.length
    ? db
        .select({ id: schema.candidates.id, workUnit: schema.candidates.workUnit })
        .from(schema.candidates)
        .where(inArray(schema.candidates.id, ids))
        .orderBy(asc(schema.candidates.id))
        .all()
    : [];
  const avoid = ids.length
    ? db
        .select({ s: schema.trainingRelations.staffId, c: schema.trainingRelations.candidateId })
        .from(schema.trainingRelations)
        .where(inArray(schema.trainingRelations.candidateId, ids))
        .all()
        .map((r): [number, number] => [r.s, r.c])
        .sort((a, b) => a[0] - b[0] || a[1] - b[1])
    : [];
  const others = all.filter((s) => !sessionIds.includes(s.id));
  const byId = new Map(all.map((s) => [s.id, s]));
  const fixed: FixedDuty[] = activeRows(
    db,
    others.map((s) => s.id),
  ).map((r) => ({ sessionId: r.sessionId, startsAt: byId.get(r.sessionId)!.startsAt, endsAt: byId.get(r.sessionId)!.endsAt, roomId: r.roomId, staffId: r.staffId, duty: r.role as Duty }));
  return { algorithm: DRAW_ALGORITHM, batchId, options, staff, reserves, candidates, avoid, sessions, fixed };
}

function problemsMessage(problems: Problem[]): string {
  return problems.map((p) => `【${p.rule}】${p.message}`).join('\n');
}

/** S2/S4: the draw itself. The seed comes from a cryptographic source now, and is recorded. */
export function runDraw(ctx: DrawCtx, input: { batchId: number; sessionIds?: number[] | undefined; options: DrawOptions }) {
  const batch = batchOf(ctx.db, input.batchId);
  const all = sessionsOf(ctx.db, batch.id);
  if (all.length === 0) throw new AppError('BAD_INPUT', '该批次没有考试场次，无法抽签。', 'The batch has no sessions.');
  const scope = input.sessionIds && input.sessionIds.length > 0 ? 'sessions' : 'day';
  const wanted = scope === 'day' ? all : all.filter((s) => input.sessionIds!.includes(s.id));
  if (wanted.length !== (scope === 'day' ? all.length : new Set(input.sessionIds).size)) throw notFound('所选场次');
  const now = ctx.clock.now().getTime();
  const started = wanted.filter((s) => Date.parse(s.startsAt) <= now);
  if (started.length > 0) {
    throw new AppError('DRAW_STARTED', `${started.map((s) => s.name).join('、')} 已开考，不能重新抽签；请只选未开考的场次。`, 'A chosen session has already started.', {
      params: { sessions: started.map((s) => s.name).join(',') },
    });
  }
  const sessionIds = wanted.map((s) => s.id);
  // S5: every candidate of a skill or review session is scored by a panel, so everyone needs a room
  for (const s of wanted.filter((x) => x.kind === 'skill' || x.kind === 'review')) {
    const unseated = ctx.db
      .select({ id: schema.candidateSubjects.candidateId })
      .from(schema.candidateSubjects)
      .where(and(eq(schema.candidateSubjects.sessionId, s.id), isNull(schema.candidateSubjects.roomId)))
      .all();
    if (unseated.length > 0) {
      const message = `${s.name}有${unseated.length}名考生未安排考场，考评组无法覆盖每位考生，请先在计划中为其安排考场`;
      throw new AppError('DRAW_INFEASIBLE', `无法完成抽签，未作任何安排：\n【S5】${message}。`, `${unseated.length} candidate(s) of ${s.name} have no room; no panel would score them.`, {
        details: [{ rule: 'S5', sessionId: s.id, roomIds: [], need: unseated.length, available: 0, blockers: [], suggest: [], message: `${message}。`, messageEn: `${unseated.length} candidate(s) have no room.` }],
      });
    }
  }
  const drawInput = buildInput(ctx.db, batch.id, sessionIds, input.options);
  const seed = ctx.random.bytes(32).toString('hex');
  const inputsJson = canonicalJson(drawInput);
  const inputsDigest = sha256Hex(inputsJson);
  const outcome = solveDraw(drawInput, seed);
  ctx.note({ batchId: batch.id, scope, sessionIds, algorithm: DRAW_ALGORITHM, seed, inputsDigest, onDuty: drawInput.staff.length });
  if (!outcome.ok) {
    ctx.note({ problems: outcome.problems.map((p) => ({ rule: p.rule, sessionId: p.sessionId, roomIds: p.roomIds, message: p.message })) });
    throw new AppError('DRAW_INFEASIBLE', `无法完成抽签，未作任何安排：\n${problemsMessage(outcome.problems)}`, `The draw cannot be made: ${outcome.problems.map((p) => `[${p.rule}] ${p.messageEn}`).join(' ')}`, {
      details: outcome.problems,
      persist: true,
    });
  }
  const resultJson = canonicalJson(outcome.result);
  const resultDigest = sha256Hex(resultJson);
  const last = ctx.sqlite.prepare('SELECT MAX(seq) AS s FROM audit_events').get() as { s: number | null };
  // a redraw replaces the current assignment of those sessions; the earlier draw stays on record
  ctx.db.update(schema.drawAssignments).set({ active: false }).where(inArray(schema.drawAssignments.sessionId, sessionIds)).run();
  const draw = ctx.db
    .insert(schema.draws)
    .values({
      batchId: batch.id,
      scope,
      sessionIds: JSON.stringify(sessionIds),
      algorithm: DRAW_ALGORITHM,
      seed,
      inputs: inputsJson,
      inputsDigest,
      result: resultJson,
      resultDigest,
      status: 'drawn',
      createdAt: ctx.clock.now().toISOString(),
      createdBy: ctx.actor?.staffId ?? null,
      auditSeq: (last.s ?? 0) + 1, // this command's own event, appended in the same transaction
    })
    .returning({ id: schema.draws.id })
    .get();
  insertAssignments(ctx.db, draw.id, outcome.result.assignments);
  ctx.note({ drawId: draw.id, resultDigest, relaxed: outcome.result.relaxed.map((r) => r.message) });
  return { drawId: draw.id, seed, inputsDigest, resultDigest, relaxed: outcome.result.relaxed };
}

function insertAssignments(db: Db, drawId: number, assignments: RoomAssignment[]): void {
  for (const a of assignments) {
    const rows: { staffId: number; role: Duty }[] = [
      ...a.proctors.map((id) => ({ staffId: id, role: 'proctor' as const })),
      ...(a.chief === null ? [] : [{ staffId: a.chief, role: 'chief_examiner' as const }]),
      ...a.examiners.map((id) => ({ staffId: id, role: 'examiner' as const })),
    ];
    rows.forEach((r, position) => db.insert(schema.drawAssignments).values({ drawId, sessionId: a.sessionId, roomId: a.roomId, staffId: r.staffId, role: r.role, position, active: true }).run());
  }
}

function drawRow(db: Db, drawId: number) {
  const d = db.select().from(schema.draws).where(eq(schema.draws.id, drawId)).get();
  if (!d) throw notFound('该次抽签');
  return d;
}

/** S8: the supervisor witnesses the draw and confirms it with their own PIN. */
export function confirmDraw(ctx: DrawCtx, input: { drawId: number; staffNo: string; pin: string }) {
  const d = drawRow(ctx.db, input.drawId);
  const person = ctx.db.select().from(schema.staff).where(eq(schema.staff.staffNo, input.staffNo.trim())).get();
  const isSupervisor = person && drawRolesByStaff(ctx.db).get(person.id)?.includes('supervisor');
  if (!person || !person.active || !isSupervisor) {
    throw new AppError('FORBIDDEN', '须由督导员以本人工号和 PIN 确认抽签结果。', 'A supervisor must confirm with their own staff number and PIN.');
  }
  verifyStaffPin(ctx.db, person.id, input.pin, ctx.clock);
  if (d.status === 'confirmed') throw new AppError('CONFLICT', '该次抽签已确认。', 'Already confirmed.');
  const at = ctx.clock.now().toISOString();
  ctx.db.update(schema.draws).set({ status: 'confirmed', confirmedAt: at, confirmedBy: person.id }).where(eq(schema.draws.id, d.id)).run();
  ctx.note({ drawId: d.id, seed: d.seed, resultDigest: d.resultDigest, confirmedBy: { staffId: person.id, staffNo: person.staffNo, name: person.name } });
  return { confirmed: true, by: person.name, at };
}

export interface VerifyReport {
  drawId: number;
  same: boolean;
  seed: string;
  algorithm: string;
  algorithmKnown: boolean;
  inputsDigestOk: boolean;
  resultDigestOk: boolean;
  auditOk: boolean;
  rerunDigest: string | null;
  differences: { sessionId: number; roomId: number; roomCode: string; recorded: string; rerun: string }[];
  violations: string[];
}

/** Re-runs a draw from its record: same inputs and seed must give the same result. */
export function verifyDraw(db: Db, sqlite: Sqlite, drawId: number): VerifyReport {
  const d = drawRow(db, drawId);
  const inputs = JSON.parse(d.inputs) as DrawInput;
  const recorded = JSON.parse(d.result) as DrawResult;
  const inputsDigestOk = sha256Hex(d.inputs) === d.inputsDigest; // the stored bytes are what was digested at draw time
  const resultDigestOk = sha256Hex(d.result) === d.resultDigest;
  // the table against the audit chain: the event of the draw names the same seed and digests
  let auditOk = false;
  if (d.auditSeq) {
    const ev = sqlite.prepare("SELECT detail FROM audit_events WHERE seq = ? AND command = 'draw.run' AND outcome = 'ok'").get(d.auditSeq) as { detail: string } | undefined;
    if (ev) {
      const det = JSON.parse(ev.detail) as { seed?: string; inputsDigest?: string; resultDigest?: string; drawId?: number };
      auditOk = det.seed === d.seed && det.inputsDigest === d.inputsDigest && det.resultDigest === d.resultDigest && det.drawId === d.id;
    }
  }
  const algorithmKnown = d.algorithm === DRAW_ALGORITHM && inputs.algorithm === DRAW_ALGORITHM;
  const model = new DrawModel(inputs);
  const outcome = algorithmKnown ? solveDraw(inputs, d.seed) : null;
  const describe = (a: RoomAssignment | undefined) =>
    a ? [a.proctors.map((id) => model.name(id)).join('、'), a.chief === null ? '' : `组长 ${model.name(a.chief)}`, a.examiners.map((id) => model.name(id)).join('、')].filter(Boolean).join(' / ') : '—';
  const differences: VerifyReport['differences'] = [];
  let rerunDigest: string | null = null;
  if (outcome?.ok) {
    rerunDigest = sha256Hex(canonicalJson(outcome.result));
    const key = (a: RoomAssignment) => `${a.sessionId}:${a.roomId}`;
    const rerun = new Map(outcome.result.assignments.map((a) => [key(a), a]));
    const rec = new Map(recorded.assignments.map((a) => [key(a), a]));
    for (const k of new Set([...rerun.keys(), ...rec.keys()])) {
      const a = rec.get(k);
      const b = rerun.get(k);
      if (canonicalJson(a ?? null) !== canonicalJson(b ?? null)) {
        const [sessionId, roomId] = k.split(':').map(Number) as [number, number];
        differences.push({ sessionId, roomId, roomCode: model.roomCode(sessionId, roomId), recorded: describe(a), rerun: describe(b) });
      }
    }
  }
  const violations = checkResult(inputs, recorded, model).map((v) => v.message);
  const same = !!outcome?.ok && rerunDigest === d.resultDigest && differences.length === 0 && inputsDigestOk && resultDigestOk && auditOk;
  return { drawId: d.id, same, seed: d.seed, algorithm: d.algorithm, algorithmKnown, inputsDigestOk, resultDigestOk, auditOk, rerunDigest, differences, violations };
}

/** The door (issue 4) reads this: the proctors of a room in a session now, after manual changes. */
export function proctorsFor(db: ReadDb, sessionId: number, roomId: number): { staffId: number; staffNo: string; name: string }[] {
  return db
    .select({ staffId: schema.staff.id, staffNo: schema.staff.staffNo, name: schema.staff.name })
    .from(schema.drawAssignments)
    .innerJoin(schema.staff, eq(schema.staff.id, schema.drawAssignments.staffId))
    .where(and(eq(schema.drawAssignments.sessionId, sessionId), eq(schema.drawAssignments.roomId, roomId), eq(schema.drawAssignments.active, true), eq(schema.drawAssignments.role, 'proctor')))
    .orderBy(asc(schema.drawAssignments.position))
    .all();
}

/** The current assignment of some sessions as the solver's result shape. */
function currentResult(db: Db, input: DrawInput): DrawResult {
  const rows = activeRows(
    db,
    input.sessions.map((s) => s.id),
  );
  const assignments: RoomAssignment[] = [];
  for (const s of input.sessions) {
    for (const r of s.rooms) {
      const mine = rows.filter((x) => x.sessionId === s.id && x.roomId === r.id);
      if (mine.length === 0) continue;
      assignments.push({
        sessionId: s.id,
        roomId: r.id,
        proctors: mine.filter((x) => x.role === 'proctor').map((x) => x.staffId),
        chief: mine.find((x) => x.role === 'chief_examiner')?.staffId ?? null,
        examiners: mine.filter((x) => x.role === 'examiner').map((x) => x.staffId),
      });
    }
  }
  return { assignments, relaxed: [] };
}

export interface ChangeInput {
  sessionId: number;
  kind: 'swap' | 'replace';
  staffId: number;
  otherStaffId: number;
  reason?: string | undefined;
}

interface PlannedChange {
  drawId: number;
  rowA: ActiveRow;
  rowB: ActiveRow | null;
  violations: Violation[];
  names: Map<number, string>;
}

function planChange(db: Db, input: ChangeInput): PlannedChange {
  const session = db.select().from(schema.examSessions).where(eq(schema.examSessions.id, input.sessionId)).get();
  if (!session) throw notFound('该场次');
  const rows = activeRows(db, [session.id]);
  const rowA = rows.find((r) => r.staffId === input.staffId);
  if (!rowA) throw new AppError('BAD_INPUT', '所选人员在本场次没有安排，无法调整。', 'That person has no duty in this session.');
  if (input.staffId === input.otherStaffId) throw new AppError('BAD_INPUT', '请选择另一名人员。', 'Pick someone else.');
  const rowB = rows.find((r) => r.staffId === input.otherStaffId) ?? null;
  if (input.kind === 'swap' && !rowB) throw new AppError('BAD_INPUT', '对调的两人都须在本场次有安排；未安排的人员请用“替换”。', 'Both must be assigned to swap.');
  if (input.kind === 'replace' && rowB) throw new AppError('BAD_INPUT', '替换人员已在本场次有安排，请用“对调”。', 'The newcomer is already assigned; swap instead.');
  const draw = drawRow(db, rowA.drawId);
  const recorded = JSON.parse(draw.inputs) as DrawInput;
  // the live check runs on the day as it is now: today's duty list, the draw's own options
  const input2 = buildInput(db, session.batchId, [session.id], recorded.options);
  const result = currentResult(db, input2);
  const swapIn = (a: RoomAssignment, from: number, to: number) => {
    a.proctors = a.proctors.map((x) => (x === from ? to : x));
    a.examiners = a.examiners.map((x) => (x === from ? to : x));
    if (a.chief === from) a.chief = to;
  };
  const roomA = result.assignments.find((a) => a.roomId === rowA.roomId)!;
  if (input.kind === 'replace') swapIn(roomA, input.staffId, input.otherStaffId);
  else {
    const roomB = result.assignments.find((a) => a.roomId === rowB!.roomId)!;
    if (roomA === roomB && rowA.role === rowB!.role) throw new AppError('BAD_INPUT', '两人同在一个考场、同一职责，对调没有变化。', 'Same room and duty: nothing to swap.');
    // mark first, then exchange, so a swap within one room keeps both people
    swapIn(roomA, input.staffId, -1);
    swapIn(roomB, input.otherStaffId, input.staffId);
    swapIn(roomA, -1, input.otherStaffId);
  }
  const model = new DrawModel(input2);
  const touched = new Set([rowA.roomId, rowB?.roomId ?? rowA.roomId]);
  const people = new Set([input.staffId, input.otherStaffId]);
  const violations = checkResult(input2, result, model).filter((v) => (v.roomId !== null && touched.has(v.roomId)) || v.staffIds.some((id) => people.has(id)));
  const names = new Map<number, string>();
  for (const id of people) names.set(id, db.select({ name: schema.staff.name }).from(schema.staff).where(eq(schema.staff.id, id)).get()?.name ?? `#${id}`);
  if (!model.staffById.has(input.otherStaffId)) {
    violations.unshift({ rule: 'E2', sessionId: session.id, roomId: rowA.roomId, staffIds: [input.otherStaffId], message: `${names.get(input.otherStaffId)} 未登记到岗，不能安排`, messageEn: 'not on duty' });
  }
  return { drawId: rowA.drawId, rowA, rowB, violations: dedupe(violations), names };
}

function dedupe(vs: Violation[]): Violation[] {
  const seen = new Set<string>();
  return vs.filter((v) => (seen.has(v.message) ? false : (seen.add(v.message), true)));
}

/** The live check behind the manual-change dialog: what would break, before anything is saved. */
export function checkChange(db: Db, input: ChangeInput) {
  const p = planChange(db, input);
  return { ok: p.violations.length === 0, violations: p.violations.map((v) => ({ rule: v.rule, message: v.message, messageEn: v.messageEn })) };
}

/** A manual change after the draw: every rule checked, a reason required, the original kept. */
export function changeAssignment(ctx: DrawCtx, input: ChangeInput) {
  const reason = input.reason?.trim() ?? '';
  if (!reason) throw new AppError('BAD_INPUT', '请填写调整原因。', 'A reason is required.');
  const session = ctx.db.select().from(schema.examSessions).where(eq(schema.examSessions.id, input.sessionId)).get();
  if (!session) throw notFound('该场次');
  if (Date.parse(session.endsAt) <= ctx.clock.now().getTime()) throw new AppError('DRAW_STARTED', `${session.name} 已结束，不能再调整。`, 'The session has ended.');
  const p = planChange(ctx.db, input);
  const describe = (row: ActiveRow) => ({ roomId: row.roomId, role: row.role, staffId: row.staffId, name: p.names.get(row.staffId) });
  ctx.note({ sessionId: input.sessionId, kind: input.kind, reason, before: [describe(p.rowA), ...(p.rowB ? [describe(p.rowB)] : [])] });
  if (p.violations.length > 0) {
    ctx.note({ refused: p.violations.map((v) => `${v.rule} ${v.message}`) });
    throw new AppError('DRAW_RULE', `不能调整：${p.violations.map((v) => `【${v.rule}】${v.message}`).join('；')}`, `Refused: ${p.violations.map((v) => `[${v.rule}] ${v.messageEn}`).join('; ')}`, {
      details: p.violations.map((v) => ({ rule: v.rule, message: v.message })),
      persist: true,
    });
  }
  ctx.db.update(schema.drawAssignments).set({ staffId: input.otherStaffId }).where(eq(schema.drawAssignments.id, p.rowA.id)).run();
  if (p.rowB) ctx.db.update(schema.drawAssignments).set({ staffId: input.staffId }).where(eq(schema.drawAssignments.id, p.rowB.id)).run();
  const change = ctx.db
    .insert(schema.drawChanges)
    .values({
      drawId: p.drawId,
      sessionId: input.sessionId,
      kind: input.kind,
      roomId: p.rowA.roomId,
      staffId: input.staffId,
      otherStaffId: input.otherStaffId,
      otherRoomId: p.rowB?.roomId ?? null,
      reason,
      at: ctx.clock.now().toISOString(),
      by: ctx.actor?.staffId ?? null,
    })
    .returning({ id: schema.drawChanges.id })
    .get();
  ctx.note({ changeId: change.id, after: [{ roomId: p.rowA.roomId, role: p.rowA.role, staffId: input.otherStaffId, name: p.names.get(input.otherStaffId) }, ...(p.rowB ? [{ roomId: p.rowB.roomId, role: p.rowB.role, staffId: input.staffId, name: p.names.get(input.staffId) }] : [])] });
  return { changeId: change.id };
}

/** Everything the draw screens show for a batch: sessions, rooms, current duties, draws, changes. */
export function drawBoard(db: Db, batchId: number, clock: Clock) {
  const batch = batchOf(db, batchId);
  const sessions = sessionsOf(db, batchId);
  const names = new Map(db.select({ id: schema.staff.id, name: schema.staff.name, staffNo: schema.staff.staffNo }).from(schema.staff).all().map((p) => [p.id, p]));
  const rows = activeRows(
    db,
    sessions.map((s) => s.id),
  );
  const now = clock.now().getTime();
  const draws = db.select().from(schema.draws).where(eq(schema.draws.batchId, batchId)).orderBy(asc(schema.draws.id)).all();
  const changes = draws.length
    ? db.select().from(schema.drawChanges).where(inArray(schema.drawChanges.drawId, draws.map((d) => d.id))).orderBy(asc(schema.drawChanges.id)).all()
    : [];
  const person = (id: number) => ({ staffId: id, name: names.get(id)?.name ?? `#${id}`, staffNo: names.get(id)?.staffNo ?? '' });
  return {
    batch: { id: batch.id, name: batch.name, examDate: batch.examDate },
    sessions: sessions.map((s) => {
      const rooms = db
        .select({ id: schema.rooms.id, code: schema.rooms.code, building: schema.rooms.building, floor: schema.rooms.floor, roomNo: schema.rooms.roomNo })
        .from(schema.sessionRooms)
        .innerJoin(schema.rooms, eq(schema.rooms.id, schema.sessionRooms.roomId))
        .where(eq(schema.sessionRooms.sessionId, s.id))
        .orderBy(asc(schema.rooms.id))
        .all();
      return {
        ...s,
        panel: s.kind === 'skill' || s.kind === 'review',
        started: Date.parse(s.startsAt) <= now,
        rooms: rooms.map((r) => {
          const mine = rows.filter((x) => x.sessionId === s.id && x.roomId === r.id);
          return {
            ...r,
            drawId: mine[0]?.drawId ?? null,
            proctors: mine.filter((x) => x.role === 'proctor').map((x) => person(x.staffId)),
            chief: mine.filter((x) => x.role === 'chief_examiner').map((x) => person(x.staffId))[0] ?? null,
            examiners: mine.filter((x) => x.role === 'examiner').map((x) => person(x.staffId)),
          };
        }),
      };
    }),
    draws: draws.map((d) => ({
      id: d.id,
      scope: d.scope,
      sessionIds: JSON.parse(d.sessionIds) as number[],
      seed: d.seed,
      algorithm: d.algorithm,
      inputsDigest: d.inputsDigest,
      resultDigest: d.resultDigest,
      status: d.status,
      createdAt: d.createdAt,
      confirmedAt: d.confirmedAt,
      confirmedBy: d.confirmedBy === null ? null : person(d.confirmedBy).name,
      relaxed: (JSON.parse(d.result) as DrawResult).relaxed.map((r) => ({ message: r.message, messageEn: r.messageEn })),
      onDuty: (JSON.parse(d.inputs) as DrawInput).staff.length,
    })),
    changes: changes.map((c) => ({
      id: c.id,
      drawId: c.drawId,
      sessionId: c.sessionId,
      kind: c.kind,
      roomId: c.roomId,
      staff: person(c.staffId).name,
      other: person(c.otherStaffId).name,
      reason: c.reason,
      at: c.at,
    })),
  };
}
