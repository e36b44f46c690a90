// Which door a call works at. Once the draw has assigned a session's proctors, a proctor works only
// the doors they were drawn to (S2); before the draw any proctor may open any door.

import type { ReadDb, ReadSqlite } from '../../../db';
import type { Actor } from '../auth';
import { proctorsFor } from '../draw/service';
import { AppError } from '../errors';
import { openDoor, type Door } from './lookup';

/** A session and one of its rooms: what every door call names. */
export interface DoorRef {
  sessionId: number;
  roomId: number;
}

/** The door for the caller: refused for a proctor drawn elsewhere once the session is drawn (S2). */
const drawnStatements = new WeakMap<ReadSqlite, ReturnType<typeof prepareDrawn>>();

function prepareDrawn(sqlite: ReadSqlite) {
  return sqlite.prepare<[number, number], { staffId: number }>(
    "SELECT staff_id AS staffId FROM draw_assignments WHERE session_id = ? AND room_id = ? AND active = 1 AND role = 'proctor'",
  );
}

/** The staff drawn as this door's proctors: a prepared statement, as every scan asks it (the door's hot path). */
function drawnHere(sqlite: ReadSqlite, door: Door): number[] {
  let st = drawnStatements.get(sqlite);
  if (!st) {
    st = prepareDrawn(sqlite);
    drawnStatements.set(sqlite, st);
  }
  return st.all(door.sessionId, door.roomId).map((r) => r.staffId);
}

export function doorFor(ctx: { db: ReadDb; sqlite: ReadSqlite; actor: Actor | null }, at: DoorRef): Door {
  const door = openDoor(ctx.sqlite, at.sessionId, at.roomId);
  if (ctx.actor?.role === 'proctor') {
    const staffId = ctx.actor.staffId;
    // a drawn session has proctors in every room (S2): none here means the draw has not happened yet
    const drawnIds = drawnHere(ctx.sqlite, door);
    if (drawnIds.length > 0 && !drawnIds.includes(staffId)) {
      const drawn = proctorsFor(ctx.db, door.sessionId, door.roomId);
      throw new AppError('FORBIDDEN', 'checkin.notDrawnHere', { room: door.roomCode, proctors: drawn.map((p) => p.name).join('、') });
    }
  }
  return door;
}
