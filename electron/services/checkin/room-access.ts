// S2 (and R4's trace): photos, candidate details and incidents of a room are read by those the draw
// put there. The site head, the supervisor and an administrator read every room; a proctor reads
// the rooms they are drawn to (before a session is drawn, any door: doorFor's rule); an examiner or
// chief examiner the room of their panel; anyone the incident they recorded themselves.
// A refusal is FORBIDDEN, audited like every refused call.
import type { ReadSqlite } from '../../../db';
import type { Actor } from '../auth';
import { AppError } from '../errors';

const EVERY_ROOM = new Set(['site_head', 'supervisor', 'admin']);

/** true when `actor` may read what belongs to (session, room). */
export function mayReadRoom(sqlite: ReadSqlite, actor: Actor | null, sessionId: number, roomId: number | null): boolean {
  if (!actor) return false;
  if (EVERY_ROOM.has(actor.role)) return true;
  if (roomId === null) return false;
  const mine = sqlite
    .prepare<[number, number, number], { n: number }>('SELECT COUNT(*) AS n FROM draw_assignments WHERE session_id = ? AND room_id = ? AND staff_id = ? AND active = 1')
    .get(sessionId, roomId, actor.staffId);
  if (mine && mine.n > 0) return true;
  if (actor.role !== 'proctor') return false;
  // before the draw of that session any proctor may work any door (S2, checkin/door.ts)
  const drawn = sqlite.prepare<[number], { n: number }>("SELECT COUNT(*) AS n FROM draw_assignments WHERE session_id = ? AND active = 1 AND role = 'proctor'").get(sessionId);
  return !drawn || drawn.n === 0;
}

export function requireRoom(sqlite: ReadSqlite, actor: Actor | null, sessionId: number, roomId: number | null, what: 'photo' | 'candidate' | 'incident'): void {
  if (!mayReadRoom(sqlite, actor, sessionId, roomId)) throw new AppError('FORBIDDEN', 'access.notYourRoom', { what: `@access.what.${what}` });
}
