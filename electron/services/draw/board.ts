// Everything the draw screens show for a batch: sessions, rooms, current duties, draws, changes.
import { asc, eq, inArray } from 'drizzle-orm';
import { schema, type ReadDb } from '../../../db';
import type { ReadContext } from '../context';
import { DrawModel } from './model';
import { activeRows, batchOf, drawInForce, drawRow, roomsOf, sessionsOf, type ActiveRow } from './queries';
import type { DrawInput, DrawResult, Relaxation } from './types';
import { isLegacyResult } from './verify';

type Person = { staffId: number; name: string; staffNo: string };

/** Rotation findings of a recorded draw, coded (a draw recorded with sentences is coded again from its inputs). */
function relaxedOf(d: typeof schema.draws.$inferSelect): Pick<Relaxation, 'rule' | 'reason' | 'params'>[] {
  const result = JSON.parse(d.result) as DrawResult; // written by runDraw
  if (!isLegacyResult(result)) return result.relaxed.map((r) => ({ rule: r.rule, reason: r.reason, params: r.params }));
  const model = new DrawModel(JSON.parse(d.inputs) as DrawInput);
  return result.relaxed.map((r): Pick<Relaxation, 'rule' | 'reason' | 'params'> => {
    const room = model.roomCode(r.sessionId, r.roomId);
    const [a = 0, b = 0] = r.staffIds;
    if (r.kind === 'same_room') return { rule: 'S4', reason: 'sameRoom', params: { name: model.name(a), room } };
    return { rule: 'S4', reason: 'samePartner', params: { a: model.name(a), b: model.name(b), room } };
  });
}

function drawsOf(db: ReadDb, batchId: number, person: (id: number) => Person) {
  return db
    .select()
    .from(schema.draws)
    .where(eq(schema.draws.batchId, batchId))
    .orderBy(asc(schema.draws.id))
    .all()
    .map((d) => ({
      id: d.id,
      scope: d.scope,
      sessionIds: JSON.parse(d.sessionIds) as number[], // written by runDraw as a JSON array of ids
      seed: d.seed,
      algorithm: d.algorithm,
      inputsDigest: d.inputsDigest,
      resultDigest: d.resultDigest,
      status: d.status,
      createdAt: d.createdAt,
      confirmedAt: d.confirmedAt,
      confirmedBy: d.confirmedBy === null ? null : person(d.confirmedBy).name,
      reason: d.reason,
      relaxed: relaxedOf(d),
      onDuty: (JSON.parse(d.inputs) as DrawInput).staff.length,
    }));
}

function changesOf(db: ReadDb, drawIds: number[], person: (id: number) => Person) {
  if (drawIds.length === 0) return [];
  return db
    .select()
    .from(schema.drawChanges)
    .where(inArray(schema.drawChanges.drawId, drawIds))
    .orderBy(asc(schema.drawChanges.id))
    .all()
    .map((c) => ({ id: c.id, drawId: c.drawId, sessionId: c.sessionId, kind: c.kind, roomId: c.roomId, staff: person(c.staffId).name, other: person(c.otherStaffId).name, reason: c.reason, at: c.at }));
}

function roomDuties(rows: ActiveRow[], person: (id: number) => Person) {
  return {
    drawId: rows[0]?.drawId ?? null,
    proctors: rows.filter((x) => x.role === 'proctor').map((x) => person(x.staffId)),
    chief: rows.filter((x) => x.role === 'chief_examiner').map((x) => person(x.staffId))[0] ?? null,
    examiners: rows.filter((x) => x.role === 'examiner').map((x) => person(x.staffId)),
  };
}

/** Everything the draw screens show for a batch: sessions, rooms, current duties, draws, changes. */
export function drawBoard(ctx: Pick<ReadContext, 'db' | 'clock'>, batchId: number) {
  const { db } = ctx;
  const batch = batchOf(db, batchId);
  const sessions = sessionsOf(db, batchId);
  const names = new Map(db.select({ id: schema.staff.id, name: schema.staff.name, staffNo: schema.staff.staffNo }).from(schema.staff).all().map((p) => [p.id, p]));
  const person = (id: number): Person => ({ staffId: id, name: names.get(id)?.name ?? `#${id}`, staffNo: names.get(id)?.staffNo ?? '' });
  const rows = activeRows(
    db,
    sessions.map((s) => s.id),
  );
  const now = ctx.clock.now().getTime();
  const draws = drawsOf(db, batchId, person);
  return {
    batch: { id: batch.id, name: batch.name, examDate: batch.examDate },
    sessions: sessions.map((s) => ({
      ...s,
      panel: s.kind === 'skill' || s.kind === 'review',
      started: Date.parse(s.startsAt) <= now,
      /** S2/S8: the draw the doors use for this session (its number, confirmed or not) */
      inForce: drawInForce(db, s.id),
      rooms: roomsOf(db, s.id).map((r) => ({ ...r, ...roomDuties(rows.filter((x) => x.sessionId === s.id && x.roomId === r.id), person) })),
    })),
    draws,
    changes: changesOf(
      db,
      draws.map((d) => d.id),
      person,
    ),
  };
}

/**
 * One draw as it assigned people (its own rows, with the manual changes made while it was in force),
 * and whether the doors use it: the projector shows this, never another draw's people under its seed.
 */
export function drawResult(ctx: Pick<ReadContext, 'db'>, drawId: number) {
  const { db } = ctx;
  const d = drawRow(db, drawId);
  const names = new Map(db.select({ id: schema.staff.id, name: schema.staff.name, staffNo: schema.staff.staffNo }).from(schema.staff).all().map((p) => [p.id, p]));
  const person = (id: number): Person => ({ staffId: id, name: names.get(id)?.name ?? `#${id}`, staffNo: names.get(id)?.staffNo ?? '' });
  const rows = db.select().from(schema.drawAssignments).where(eq(schema.drawAssignments.drawId, d.id)).orderBy(asc(schema.drawAssignments.sessionId), asc(schema.drawAssignments.roomId), asc(schema.drawAssignments.position)).all();
  const sessionIds = JSON.parse(d.sessionIds) as number[]; // written by runDraw as a JSON array of ids
  const sessions = sessionsOf(db, d.batchId).filter((s) => sessionIds.includes(s.id));
  const inForce = sessions.map((s) => drawInForce(db, s.id));
  return {
    drawId: d.id,
    status: d.status,
    confirmedAt: d.confirmedAt,
    /** true when the doors of all its sessions use this draw */
    inForce: inForce.length > 0 && inForce.every((x) => x?.drawId === d.id),
    /** the draws the doors use instead (a pending redraw waits; a replaced draw is history) */
    usedInstead: [...new Map(inForce.filter((x) => x !== null && x.drawId !== d.id).map((x) => [x!.drawId, x!])).values()],
    sessions: sessions.map((s) => ({
      id: s.id,
      name: s.name,
      rooms: roomsOf(db, s.id).map((r) => ({ id: r.id, code: r.code, ...roomDuties(rows.filter((x) => x.sessionId === s.id && x.roomId === r.id), person) })),
    })),
  };
}
