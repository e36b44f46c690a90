// The solver's inputs for some sessions of a batch, as they stand in the database now: staff on
// duty and reserves (E2), rooms and seated candidates, avoidance relations (S3), duties that stand.
import { and, asc, eq, inArray } from 'drizzle-orm';
import { schema, type ReadDb } from '../../../db';
import { activeRows, drawRolesByStaff, sessionsOf, type SessionRow } from './queries';
import { DRAW_ALGORITHM, type DrawInput, type DrawOptions, type DrawRole, type DrawSession, type DrawStaff, type FixedDuty } from './types';

const toDrawStaff = (p: typeof schema.staff.$inferSelect, roles: DrawRole[]): DrawStaff => ({
  id: p.id,
  name: p.name,
  workUnit: p.workUnit,
  roles,
  grade: p.examinerGrade === 'senior' || p.examinerGrade === 'examiner' ? p.examinerGrade : null,
});

/** E2: the people the draw may place (on duty) and the reserves it may name (not on duty). */
function peopleOf(db: ReadDb, batchId: number): { staff: DrawStaff[]; reserves: DrawStaff[] } {
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
  return {
    staff: people.filter((p) => onDuty.has(p.id)).map((p) => toDrawStaff(p, roles.get(p.id)!)),
    reserves: people.filter((p) => !onDuty.has(p.id)).map((p) => toDrawStaff(p, roles.get(p.id)!)),
  };
}

/** A session's rooms with the candidates seated in each. */
function drawSession(db: ReadDb, s: SessionRow): DrawSession {
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
  return {
    id: s.id,
    code: s.code,
    name: s.name,
    kind: s.kind,
    level: s.level,
    startsAt: s.startsAt,
    endsAt: s.endsAt,
    proctorsPerRoom: s.proctorsPerRoom,
    rooms: rooms.map((r) => ({ id: r.id, code: r.code, candidateIds: seated.filter((c) => c.roomId === r.id).map((c) => c.candidateId) })),
  };
}

/** The seated candidates' work units and S3's trained/related pairs. */
function candidatesOf(db: ReadDb, ids: number[]): Pick<DrawInput, 'candidates' | 'avoid'> {
  if (ids.length === 0) return { candidates: [], avoid: [] };
  const candidates = db
    .select({ id: schema.candidates.id, workUnit: schema.candidates.workUnit })
    .from(schema.candidates)
    .where(inArray(schema.candidates.id, ids))
    .orderBy(asc(schema.candidates.id))
    .all();
  const avoid = db
    .select({ s: schema.trainingRelations.staffId, c: schema.trainingRelations.candidateId })
    .from(schema.trainingRelations)
    .where(inArray(schema.trainingRelations.candidateId, ids))
    .all()
    .map((r): [number, number] => [r.s, r.c])
    .sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  return { candidates, avoid };
}

/** The solver's inputs for some sessions of a batch, as they stand in the database now. */
export function buildInput(db: ReadDb, batchId: number, sessionIds: number[], options: DrawOptions): DrawInput {
  const all = sessionsOf(db, batchId);
  const sessions = all.filter((s) => sessionIds.includes(s.id)).map((s) => drawSession(db, s));
  const ids = [...new Set(sessions.flatMap((s) => s.rooms.flatMap((r) => r.candidateIds)))].sort((a, b) => a - b);
  const byId = new Map(all.map((s) => [s.id, s]));
  const others = all.filter((s) => !sessionIds.includes(s.id)).map((s) => s.id);
  const fixed: FixedDuty[] = activeRows(db, others).map((r) => ({
    sessionId: r.sessionId,
    startsAt: byId.get(r.sessionId)!.startsAt,
    endsAt: byId.get(r.sessionId)!.endsAt,
    roomId: r.roomId,
    staffId: r.staffId,
    duty: r.role,
  }));
  return { algorithm: DRAW_ALGORITHM, batchId, options, ...peopleOf(db, batchId), ...candidatesOf(db, ids), sessions, fixed };
}
