// A manual change after the draw (someone falls ill): every hard rule checked live on the day as
// it is now, a reason required, the original draw kept on record.
import { eq } from 'drizzle-orm';
import { schema, type ReadDb } from '../../../db';
import { canonicalJson } from '../canonical';
import { nowIso, type ServiceContext } from '../context';
import { AppError } from '../errors';
import { buildInput } from './input';
import { DrawModel } from './model';
import { activeRows, drawRow, sessionRow, type ActiveRow } from './queries';
import { checkResult } from './rules';
import type { DrawInput, DrawResult, RoomAssignment, Violation } from './types';

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

/** The current assignment of some sessions as the solver's result shape. */
function currentResult(db: ReadDb, input: DrawInput): DrawResult {
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

/** The two rows the change touches, refused when the change makes no sense. */
function rowsOf(db: ReadDb, sessionId: number, input: ChangeInput): { rowA: ActiveRow; rowB: ActiveRow | null } {
  const rows = activeRows(db, [sessionId]);
  const rowA = rows.find((r) => r.staffId === input.staffId);
  if (!rowA) throw new AppError('BAD_INPUT', 'draw.noDutyHere', { staffId: input.staffId });
  if (input.staffId === input.otherStaffId) throw new AppError('BAD_INPUT', 'draw.pickSomeoneElse');
  const rowB = rows.find((r) => r.staffId === input.otherStaffId) ?? null;
  if (input.kind === 'swap' && !rowB) throw new AppError('BAD_INPUT', 'draw.swapNeedsBoth');
  if (input.kind === 'replace' && rowB) throw new AppError('BAD_INPUT', 'draw.replaceAssigned');
  return { rowA, rowB };
}

/** The result with the change applied (a swap within one room keeps both people). */
function applied(result: DrawResult, input: ChangeInput, rowA: ActiveRow, rowB: ActiveRow | null): void {
  const swapIn = (a: RoomAssignment, from: number, to: number) => {
    a.proctors = a.proctors.map((x) => (x === from ? to : x));
    a.examiners = a.examiners.map((x) => (x === from ? to : x));
    if (a.chief === from) a.chief = to;
  };
  const roomA = result.assignments.find((a) => a.roomId === rowA.roomId)!;
  if (input.kind === 'replace' || !rowB) {
    swapIn(roomA, input.staffId, input.otherStaffId);
    return;
  }
  const roomB = result.assignments.find((a) => a.roomId === rowB.roomId)!;
  if (roomA === roomB && rowA.role === rowB.role) throw new AppError('BAD_INPUT', 'draw.swapNoChange');
  // mark first, then exchange, so a swap within one room keeps both people
  swapIn(roomA, input.staffId, -1);
  swapIn(roomB, input.otherStaffId, input.staffId);
  swapIn(roomA, -1, input.otherStaffId);
}

function planChange(db: ReadDb, input: ChangeInput): PlannedChange {
  const session = sessionRow(db, input.sessionId);
  const { rowA, rowB } = rowsOf(db, session.id, input);
  const recorded = JSON.parse(drawRow(db, rowA.drawId).inputs) as DrawInput; // written by runDraw from a DrawInput
  // the live check runs on the day as it is now: today's duty list, the draw's own options
  const now = buildInput(db, session.batchId, [session.id], recorded.options);
  const result = currentResult(db, now);
  applied(result, input, rowA, rowB);
  const model = new DrawModel(now);
  const touched = new Set([rowA.roomId, rowB?.roomId ?? rowA.roomId]);
  const people = new Set([input.staffId, input.otherStaffId]);
  const violations = checkResult(now, result, model).filter((v) => (v.roomId !== null && touched.has(v.roomId)) || v.staffIds.some((id) => people.has(id)));
  const names = new Map<number, string>();
  for (const id of people) names.set(id, db.select({ name: schema.staff.name }).from(schema.staff).where(eq(schema.staff.id, id)).get()?.name ?? `#${id}`);
  if (!model.staffById.has(input.otherStaffId)) {
    violations.unshift({ rule: 'E2', reason: 'notOnDuty', params: { name: names.get(input.otherStaffId)! }, sessionId: session.id, roomId: rowA.roomId, staffIds: [input.otherStaffId] });
  }
  return { drawId: rowA.drawId, rowA, rowB, violations: dedupe(violations), names };
}

/** the same finding reached twice (E2 named up front and again by the re-check) is listed once */
function dedupe(vs: Violation[]): Violation[] {
  const seen = new Set<string>();
  const key = (v: Violation) => canonicalJson({ rule: v.rule, reason: v.reason, params: v.params, bar: v.bar ?? null });
  return vs.filter((v) => (seen.has(key(v)) ? false : (seen.add(key(v)), true)));
}

const coded = (v: Violation) => ({ rule: v.rule, reason: v.reason, params: v.params, ...(v.bar ? { bar: v.bar } : {}) });

/** The live check behind the manual-change dialog: what would break, before anything is saved. */
export function checkChange(db: ReadDb, input: ChangeInput) {
  const p = planChange(db, input);
  return { ok: p.violations.length === 0, violations: p.violations.map(coded) };
}

/** A manual change after the draw: every rule checked, a reason required, the original kept. */
export function changeAssignment(ctx: ServiceContext, input: ChangeInput) {
  const reason = input.reason?.trim() ?? '';
  if (!reason) throw new AppError('BAD_INPUT', 'draw.reasonRequired');
  const session = sessionRow(ctx.db, input.sessionId);
  if (Date.parse(session.endsAt) <= ctx.clock.now().getTime()) throw new AppError('DRAW_STARTED', 'draw.sessionEnded', { session: session.name });
  const p = planChange(ctx.db, input);
  const describe = (row: ActiveRow) => ({ roomId: row.roomId, role: row.role, staffId: row.staffId, name: p.names.get(row.staffId) });
  ctx.note({ sessionId: input.sessionId, kind: input.kind, reason, before: [describe(p.rowA), ...(p.rowB ? [describe(p.rowB)] : [])] });
  if (p.violations.length > 0) {
    ctx.note({ refused: p.violations.map(coded) });
    throw new AppError('DRAW_RULE', 'draw.ruleBroken', { count: p.violations.length }, { details: p.violations.map(coded), persist: true });
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
      at: nowIso(ctx),
      by: ctx.actor?.staffId ?? null,
    })
    .returning({ id: schema.drawChanges.id })
    .get();
  const after = [{ ...describe(p.rowA), staffId: input.otherStaffId, name: p.names.get(input.otherStaffId) }, ...(p.rowB ? [{ ...describe(p.rowB), staffId: input.staffId, name: p.names.get(input.staffId) }] : [])];
  ctx.note({ changeId: change.id, after });
  return { changeId: change.id };
}
