// S2/S4: the draw itself, recorded (seed, algorithm, inputs and their digest, result) with its
// audit event; S8: the supervisor's confirmation with their own PIN.
import { and, eq, inArray, isNull } from 'drizzle-orm';
import { schema, type Db } from '../../../db';
import { acceptStaffPin, type ProvenPins } from '../auth';
import { canonicalJson, sha256Hex } from '../canonical';
import { nowIso, type ServiceContext } from '../context';
import { AppError } from '../errors';
import { buildInput } from './input';
import { batchOf, drawInForce, drawRolesByStaff, drawRow, sessionsOf, type SessionRow } from './queries';
import { solveDraw } from './solver';
import { DRAW_ALGORITHM, type DrawOptions, type Duty, type Problem, type RoomAssignment } from './types';

export interface RunInput {
  batchId: number;
  /** empty or absent: the whole day */
  sessionIds?: number[] | undefined;
  options: DrawOptions;
  /** why a redraw replaces the draw in force (required once a session has been drawn) */
  reason?: string | undefined;
}

/**
 * S2/S8: what a redraw of `sessionIds` replaces. Each session has at most one draw in force; a
 * pending redraw (awaiting the supervisor) is replaced by a newer one before it ever takes force.
 */
function replaced(ctx: ServiceContext, batchId: number, sessionIds: number[]) {
  const inForce = sessionIds.map((id) => drawInForce(ctx.db, id)).filter((d) => d !== null);
  const pending = ctx.db
    .select({ id: schema.draws.id, sessionIds: schema.draws.sessionIds })
    .from(schema.draws)
    .where(and(eq(schema.draws.batchId, batchId), eq(schema.draws.status, 'pending')))
    .all()
    .filter((d) => (JSON.parse(d.sessionIds) as number[]).some((id) => sessionIds.includes(id))); // written by runDraw as a JSON array of ids
  return { inForce, pendingIds: pending.map((d) => d.id), confirmed: inForce.filter((d) => d.status === 'confirmed').map((d) => d.drawId) };
}

/** The sessions asked for, none of them started. */
function chosenSessions(ctx: ServiceContext, batchId: number, sessionIds: number[] | undefined): { scope: 'day' | 'sessions'; wanted: SessionRow[] } {
  const all = sessionsOf(ctx.db, batchId);
  if (all.length === 0) throw new AppError('BAD_INPUT', 'draw.noSessions', { batchId });
  const scope = sessionIds && sessionIds.length > 0 ? 'sessions' : 'day';
  const wanted = scope === 'day' ? all : all.filter((s) => sessionIds!.includes(s.id));
  if (wanted.length !== (scope === 'day' ? all.length : new Set(sessionIds).size)) throw new AppError('NOT_FOUND', 'draw.sessionsNotFound');
  const now = ctx.clock.now().getTime();
  const started = wanted.filter((s) => Date.parse(s.startsAt) <= now);
  if (started.length > 0) throw new AppError('DRAW_STARTED', 'draw.started', { sessions: started.map((s) => s.name).join(', ') });
  return { scope, wanted };
}

/** S5: every candidate of a skill or review session is scored by a panel, so everyone needs a room. */
function refuseUnseated(ctx: ServiceContext, wanted: SessionRow[]): void {
  for (const s of wanted.filter((x) => x.kind === 'skill' || x.kind === 'review')) {
    const unseated = ctx.db
      .select({ id: schema.candidateSubjects.candidateId })
      .from(schema.candidateSubjects)
      .where(and(eq(schema.candidateSubjects.sessionId, s.id), isNull(schema.candidateSubjects.roomId)))
      .all();
    if (unseated.length > 0) {
      const problem: Problem = { rule: 'S5', reason: 'unseated', params: { session: s.name, count: unseated.length }, sessionId: s.id, roomIds: [], need: unseated.length, available: 0, blockers: [], suggest: [] };
      throw new AppError('DRAW_INFEASIBLE', 'draw.infeasible', { count: 1 }, { details: [problem] });
    }
  }
}

/** S2/S4: the draw. The seed comes from a cryptographic source now, and is recorded. */
export function runDraw(ctx: ServiceContext, input: RunInput) {
  const batch = batchOf(ctx.db, input.batchId);
  const { scope, wanted } = chosenSessions(ctx, batch.id, input.sessionIds);
  const sessionIds = wanted.map((s) => s.id);
  // S2/A1: a redraw says why, in the record and its audit event
  const reason = input.reason?.trim() || null;
  const before = replaced(ctx, batch.id, sessionIds);
  if ((before.inForce.length > 0 || before.pendingIds.length > 0) && !reason) throw new AppError('BAD_INPUT', 'draw.redrawReason');
  if (reason) ctx.note({ reason });
  refuseUnseated(ctx, wanted);
  const drawInput = buildInput(ctx.db, batch.id, sessionIds, input.options);
  const seed = ctx.random.bytes(32).toString('hex');
  const inputsJson = canonicalJson(drawInput);
  const inputsDigest = sha256Hex(inputsJson);
  const outcome = solveDraw(drawInput, seed);
  ctx.note({ batchId: batch.id, scope, sessionIds, algorithm: DRAW_ALGORITHM, seed, inputsDigest, onDuty: drawInput.staff.length });
  if (!outcome.ok) {
    ctx.note({ problems: outcome.problems.map((p) => ({ rule: p.rule, reason: p.reason, params: p.params, sessionId: p.sessionId, roomIds: p.roomIds })) });
    throw new AppError('DRAW_INFEASIBLE', 'draw.infeasible', { count: outcome.problems.length }, { details: outcome.problems, persist: true });
  }
  const resultJson = canonicalJson(outcome.result);
  const resultDigest = sha256Hex(resultJson);
  const last = ctx.sqlite.prepare<[], { s: number | null }>('SELECT MAX(seq) AS s FROM audit_events').get();
  // a redraw replaces the draw in force; a confirmed one stays in force until the supervisor
  // confirms the redraw (S8), an unconfirmed one is replaced now; every draw stays on record
  const was = replaced(ctx, batch.id, sessionIds);
  const pending = was.confirmed.length > 0;
  if (was.pendingIds.length > 0) ctx.db.update(schema.draws).set({ status: 'discarded' }).where(inArray(schema.draws.id, was.pendingIds)).run();
  if (!pending) ctx.db.update(schema.drawAssignments).set({ active: false }).where(inArray(schema.drawAssignments.sessionId, sessionIds)).run();
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
      status: pending ? 'pending' : 'drawn',
      reason,
      createdAt: nowIso(ctx),
      createdBy: ctx.actor?.staffId ?? null,
      auditSeq: (last?.s ?? 0) + 1, // this command's own event, appended in the same transaction
    })
    .returning({ id: schema.draws.id })
    .get();
  insertAssignments(ctx.db, draw.id, outcome.result.assignments, !pending);
  ctx.note({
    drawId: draw.id,
    resultDigest,
    relaxed: outcome.result.relaxed.map((r) => ({ reason: r.reason, params: r.params })),
    replaces: [...new Set(was.inForce.map((d) => d.drawId))],
    discarded: was.pendingIds,
    pending,
  });
  return { drawId: draw.id, seed, inputsDigest, resultDigest, relaxed: outcome.result.relaxed, pending, replaces: [...new Set(was.inForce.map((d) => d.drawId))] };
}

function insertAssignments(db: Db, drawId: number, assignments: RoomAssignment[], active: boolean): void {
  for (const a of assignments) {
    const rows: { staffId: number; role: Duty }[] = [
      ...a.proctors.map((id) => ({ staffId: id, role: 'proctor' as const })),
      ...(a.chief === null ? [] : [{ staffId: a.chief, role: 'chief_examiner' as const }]),
      ...a.examiners.map((id) => ({ staffId: id, role: 'examiner' as const })),
    ];
    rows.forEach((r, position) => db.insert(schema.drawAssignments).values({ drawId, sessionId: a.sessionId, roomId: a.roomId, staffId: r.staffId, role: r.role, position, active }).run());
  }
}

/**
 * S8: the supervisor witnesses the draw and confirms it with their own PIN. Confirming a pending
 * redraw puts it in force in the same transaction (the confirmed draw it replaces steps down);
 * refused once one of its sessions has started, so the doors never change under a running session.
 * The PIN was proven before the transaction (the command's prepare); accepted here.
 */
export function confirmDraw(ctx: ServiceContext, input: { drawId: number; staffNo: string; pin: string }, pins: ProvenPins) {
  const d = drawRow(ctx.db, input.drawId);
  const person = ctx.db.select().from(schema.staff).where(eq(schema.staff.staffNo, input.staffNo.trim())).get();
  const isSupervisor = person && drawRolesByStaff(ctx.db).get(person.id)?.includes('supervisor');
  if (!person || !person.active || !isSupervisor) throw new AppError('FORBIDDEN', 'draw.supervisorOnly');
  acceptStaffPin(ctx, pins, person.id, input.pin);
  if (d.status === 'confirmed') throw new AppError('CONFLICT', 'draw.alreadyConfirmed', { drawId: d.id });
  if (d.status === 'discarded') throw new AppError('CONFLICT', 'draw.discarded', { drawId: d.id });
  const sessionIds = JSON.parse(d.sessionIds) as number[]; // written by runDraw as a JSON array of ids
  const inForce = ctx.db.select({ id: schema.drawAssignments.id }).from(schema.drawAssignments).where(and(eq(schema.drawAssignments.drawId, d.id), eq(schema.drawAssignments.active, true))).limit(1).get();
  if (d.status === 'drawn' && !inForce) throw new AppError('CONFLICT', 'draw.notInForce', { drawId: d.id });
  const at = nowIso(ctx);
  let replaces: number[] = [];
  if (d.status === 'pending') {
    const now = ctx.clock.now().getTime();
    const started = sessionsOf(ctx.db, d.batchId).filter((s) => sessionIds.includes(s.id) && Date.parse(s.startsAt) <= now);
    if (started.length > 0) throw new AppError('DRAW_STARTED', 'draw.started', { sessions: started.map((s) => s.name).join(', ') });
    replaces = [...new Set(sessionIds.map((id) => drawInForce(ctx.db, id)?.drawId).filter((x): x is number => x !== undefined))];
    ctx.db.update(schema.drawAssignments).set({ active: false }).where(and(inArray(schema.drawAssignments.sessionId, sessionIds), eq(schema.drawAssignments.active, true))).run();
    ctx.db.update(schema.drawAssignments).set({ active: true }).where(eq(schema.drawAssignments.drawId, d.id)).run();
  }
  ctx.db.update(schema.draws).set({ status: 'confirmed', confirmedAt: at, confirmedBy: person.id }).where(eq(schema.draws.id, d.id)).run();
  ctx.note({ drawId: d.id, seed: d.seed, resultDigest: d.resultDigest, confirmedBy: { staffId: person.id, staffNo: person.staffNo, name: person.name }, ...(d.status === 'pending' ? { inForce: true, replaces } : {}) });
  return { confirmed: true, by: person.name, at, replaces };
}
