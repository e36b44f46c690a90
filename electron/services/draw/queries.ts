// The draw's read side: batches and sessions, who could take part and who is on duty (E2), the
// current assignment. Read-only handles: a query never writes.
import { and, asc, eq, inArray } from 'drizzle-orm';
import { schema, type ReadDb } from '../../../db';
import { PLAN_ROLES, SUBJECT_KINDS, type SubjectKind } from '../../domain/vocabulary';
import { AppError } from '../errors';
import type { DrawDuty, DrawStatus } from '../../../db/schema/draw';
import type { DrawRole, Duty } from './types';

// the solver's duties are the stored ones: a compile error here when the two lists drift apart
const _dutiesAgree: [DrawDuty, Duty] extends [Duty, DrawDuty] ? true : never = true;
void _dutiesAgree;

const DRAW_ROLES: readonly DrawRole[] = PLAN_ROLES;

const isDrawRole = (r: string): r is DrawRole => (DRAW_ROLES as readonly string[]).includes(r);
const isSubjectKind = (k: string): k is SubjectKind => (SUBJECT_KINDS as readonly string[]).includes(k);

export function batchOf(db: ReadDb, batchId: number) {
  const b = db.select().from(schema.batches).where(eq(schema.batches.id, batchId)).get();
  if (!b) throw new AppError('NOT_FOUND', 'batch.notFound', { batchId });
  return b;
}

/** Batches with their sessions, for the draw pages' pickers. */
export function drawBatches(db: ReadDb) {
  const batches = db.select().from(schema.batches).orderBy(asc(schema.batches.examDate), asc(schema.batches.id)).all();
  return batches.map((b) => ({ id: b.id, name: b.name, examDate: b.examDate, sessions: sessionsOf(db, b.id) }));
}

export function sessionsOf(db: ReadDb, batchId: number) {
  const rows = db
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
  // the plan import admits only P6's three kinds; anything else is a damaged file
  return rows.map((r) => {
    if (!isSubjectKind(r.kind)) throw new Error(`sessionsOf: session ${r.id} has subject kind ${r.kind}`);
    return { ...r, kind: r.kind };
  });
}

export type SessionRow = ReturnType<typeof sessionsOf>[number];

export function sessionRow(db: ReadDb, sessionId: number) {
  const s = db.select().from(schema.examSessions).where(eq(schema.examSessions.id, sessionId)).get();
  if (!s) throw new AppError('NOT_FOUND', 'draw.sessionNotFound', { sessionId });
  return s;
}

export function drawRow(db: ReadDb, drawId: number) {
  const d = db.select().from(schema.draws).where(eq(schema.draws.id, drawId)).get();
  if (!d) throw new AppError('NOT_FOUND', 'draw.drawNotFound', { drawId });
  return d;
}

/** The roles that matter to the draw, per staff member, in S1's order. */
export function drawRolesByStaff(db: ReadDb): Map<number, DrawRole[]> {
  const out = new Map<number, DrawRole[]>();
  for (const r of db.select().from(schema.staffRoles).all()) {
    if (!isDrawRole(r.role)) continue;
    const list = out.get(r.staffId) ?? [];
    list.push(r.role);
    out.set(r.staffId, list);
  }
  for (const list of out.values()) list.sort((a, b) => DRAW_ROLES.indexOf(a) - DRAW_ROLES.indexOf(b));
  return out;
}

/** E2: everyone who could take part in the draw, and whether they are on duty. */
export function dutyList(db: ReadDb, batchId: number) {
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

export type ActiveRow = typeof schema.drawAssignments.$inferSelect;

/** The assignment in force for some sessions (after redraws and manual changes). */
export function activeRows(db: ReadDb, sessionIds: number[]): ActiveRow[] {
  if (sessionIds.length === 0) return [];
  return db
    .select()
    .from(schema.drawAssignments)
    .where(and(inArray(schema.drawAssignments.sessionId, sessionIds), eq(schema.drawAssignments.active, true)))
    .orderBy(asc(schema.drawAssignments.sessionId), asc(schema.drawAssignments.roomId), asc(schema.drawAssignments.position))
    .all();
}

/** A session's rooms, by id. */
export function roomsOf(db: ReadDb, sessionId: number) {
  return db
    .select({ id: schema.rooms.id, code: schema.rooms.code, building: schema.rooms.building, floor: schema.rooms.floor, roomNo: schema.rooms.roomNo })
    .from(schema.sessionRooms)
    .innerJoin(schema.rooms, eq(schema.rooms.id, schema.sessionRooms.roomId))
    .where(eq(schema.sessionRooms.sessionId, sessionId))
    .orderBy(asc(schema.rooms.id))
    .all();
}

/** The door reads this: the proctors of a room in a session now, after manual changes. */
export function proctorsFor(db: ReadDb, sessionId: number, roomId: number): { staffId: number; staffNo: string; name: string }[] {
  return db
    .select({ staffId: schema.staff.id, staffNo: schema.staff.staffNo, name: schema.staff.name })
    .from(schema.drawAssignments)
    .innerJoin(schema.staff, eq(schema.staff.id, schema.drawAssignments.staffId))
    .where(and(eq(schema.drawAssignments.sessionId, sessionId), eq(schema.drawAssignments.roomId, roomId), eq(schema.drawAssignments.active, true), eq(schema.drawAssignments.role, 'proctor')))
    .orderBy(asc(schema.drawAssignments.position))
    .all();
}

export interface DrawInForce {
  drawId: number;
  status: DrawStatus;
  confirmedAt: string | null;
}

/**
 * S2/S8: the draw in force for a session (the one its active assignments come from; manual changes
 * keep the draw's number), or null before the first draw. Doors, prints and the projector say which.
 */
export function drawInForce(db: ReadDb, sessionId: number): DrawInForce | null {
  const row = db
    .select({ drawId: schema.draws.id, status: schema.draws.status, confirmedAt: schema.draws.confirmedAt })
    .from(schema.drawAssignments)
    .innerJoin(schema.draws, eq(schema.draws.id, schema.drawAssignments.drawId))
    .where(and(eq(schema.drawAssignments.sessionId, sessionId), eq(schema.drawAssignments.active, true)))
    .orderBy(asc(schema.drawAssignments.id))
    .limit(1)
    .get();
  return row ?? null;
}
