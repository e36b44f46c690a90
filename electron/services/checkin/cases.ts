// After the door's verdict: a duplicate alarm closed as a false alarm (a double read, a re-entry)
// with a note, so it never becomes an incident (E6: only what happened is reported); and the photos
// the supervisor compares when reviewing a doubtful admission (S8).

import { eq } from 'drizzle-orm';
import { schema } from '../../../db';
import type { AlertCloseReason } from '../../../db/schema/checkin';
import { actorOf, nowIso, type ReadContext, type ServiceContext } from '../context';
import { AppError } from '../errors';
import { doorFor, type DoorRef } from './door';
import { photoDataUrl } from './lookup';

/** Closes a door alarm still in draft as a false alarm; a proctor only at a door they were drawn to (S2). */
export function closeAlert(ctx: ServiceContext, input: { alertId: number; reason: AlertCloseReason; note: string }) {
  const al = ctx.db.select().from(schema.checkinAlerts).where(eq(schema.checkinAlerts.id, input.alertId)).get();
  if (!al) throw new AppError('NOT_FOUND', 'incidents.noSuchAlert');
  doorFor(ctx, { sessionId: al.sessionId, roomId: al.roomId });
  if (al.status === 'taken') throw new AppError('CONFLICT', 'incidents.alertTaken');
  if (al.status === 'dismissed') throw new AppError('CONFLICT', 'checkin.alertClosed');
  const at = nowIso(ctx);
  const note = input.note.trim();
  ctx.db
    .update(schema.checkinAlerts)
    .set({ status: 'dismissed', closedReason: input.reason, closedNote: note, closedBy: actorOf(ctx).staffId, closedAt: at })
    .where(eq(schema.checkinAlerts.id, al.id))
    .run();
  ctx.note({ subject: { alertId: al.id, candidateId: al.candidateId }, before: { status: 'draft' }, after: { status: 'dismissed', reason: input.reason, note } });
  return { alertId: al.id, status: 'dismissed' as const, closedAt: at };
}

/**
 * The photos of a doubtful admission side by side: the registered one (P7), the one taken at the
 * door, and the ID card's once a card reader delivers one (none is stored yet: null, the screen says so).
 */
export function casePhotos(ctx: ReadContext, checkinId: number) {
  const row = ctx.sqlite
    .prepare<[number], { status: string; registered: Buffer | null; registeredType: string | null; door: Buffer | null; doorType: string | null }>(
      `SELECT ck.status, c.photo AS registered, c.photo_type AS registeredType, p.bytes AS door, p.mime AS doorType
       FROM checkins ck JOIN candidates c ON c.id = ck.candidate_id LEFT JOIN checkin_photos p ON p.id = ck.photo_id
       WHERE ck.id = ?`,
    )
    .get(checkinId);
  if (!row || row.status !== 'doubtful') throw new AppError('NOT_FOUND', 'checkin.noSuchDoubtful');
  return { registered: photoDataUrl(row.registered, row.registeredType), door: photoDataUrl(row.door, row.doorType), card: null as string | null };
}

/** A candidate's registered photo (P7) at a door: for a verdict about someone outside the room's roster. */
export function candidatePhoto(ctx: ReadContext, input: DoorRef & { candidateId: number }) {
  const door = doorFor(ctx, input);
  const row = ctx.sqlite
    .prepare<[number, number, number], { photo: Buffer | null; type: string | null; inSession: number }>(
      'SELECT photo, photo_type AS type, EXISTS (SELECT 1 FROM candidate_subjects cs WHERE cs.candidate_id = c.id AND cs.session_id = ?) AS inSession FROM candidates c WHERE c.id = ? AND c.batch_id = ?',
    )
    .get(door.sessionId, input.candidateId, door.batchId);
  if (!row) throw new AppError('NOT_FOUND', 'checkin.noSuchPhoto');
  // S2: a door sees the photos of this session's candidates (one in the wrong room), never the whole batch's by id
  if (!row.inSession) throw new AppError('FORBIDDEN', 'access.notYourRoom', { what: '@access.what.photo' });
  return { candidateId: input.candidateId, dataUrl: photoDataUrl(row.photo, row.type) };
}
