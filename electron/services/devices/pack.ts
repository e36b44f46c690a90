// What a door device keeps for its room and session before the session, so it can go on when the
// office PC is out of reach: the door's times and rules (E4, E5), the session's candidates (the
// room's with their registered photos, P7), who is already signed in, and the draw in force (S2).
// ID numbers never leave in full: the device matches a scanned number by its SHA-256 and shows
// the masked form; the last six serve the tail lookup.
import { createHash } from 'node:crypto';
import type { ReadContext } from '../context';
import { maskDocNumber } from '../../domain/gb11643';
import { doorFor, type DoorRef } from '../checkin/door';
import { photoDataUrl } from '../checkin/lookup';
import { doorView } from '../checkin/view';
import { proctorsFor } from '../draw/service';
import { ENTRY_CLOSES_AFTER_MS, LEAVE_OPENS_BEFORE_END_MS } from '../checkin/rules';
import type { SubjectKind } from '../../domain/vocabulary';

/** The digest a device matches a scanned ID number against (upper case, as the door normalises it). */
export function docDigest(doc: string): string {
  return createHash('sha256').update(doc.trim().toUpperCase(), 'utf8').digest('hex');
}

interface PackRow {
  id: number;
  name: string;
  gender: string;
  docType: string;
  doc: string;
  ticketNo: string;
  occupation: string;
  workType: string | null;
  level: number;
  roomId: number;
  roomCode: string;
  building: string | null;
  floor: string | null;
  roomNo: string | null;
  seat: string | null;
  subjectKind: SubjectKind;
  photo: Buffer | null;
  photoType: string | null;
}

interface SignedRow {
  candidateId: number;
  checkinId: number;
  roomId: number;
  roomCode: string;
  at: string;
  status: string;
  proctorName: string;
}

export function doorPack(ctx: ReadContext, at: DoorRef) {
  const door = doorFor(ctx, at);
  const view = doorView(ctx, at);
  const rows = ctx.sqlite
    .prepare<[number, number], PackRow>(
      `SELECT c.id, c.name, c.gender, c.doc_type AS docType, c.doc_number AS doc, c.ticket_no AS ticketNo, o.name AS occupation,
              o.work_type_name AS workType, o.level, cs.room_id AS roomId, r.code AS roomCode, r.building, r.floor, r.room_no AS roomNo,
              cs.seat, sub.kind AS subjectKind,
              CASE WHEN cs.room_id = ? THEN c.photo END AS photo, c.photo_type AS photoType
       FROM candidate_subjects cs JOIN candidates c ON c.id = cs.candidate_id JOIN occupations o ON o.id = c.occupation_id
       JOIN subjects sub ON sub.id = cs.subject_id JOIN rooms r ON r.id = cs.room_id
       WHERE cs.session_id = ? ORDER BY c.id`,
    )
    .all(door.roomId, door.sessionId);
  const signed = ctx.sqlite
    .prepare<[number], SignedRow>(
      `SELECT ck.candidate_id AS candidateId, ck.id AS checkinId, ck.room_id AS roomId, r.code AS roomCode, ck.at, ck.status, st.name AS proctorName
       FROM checkins ck JOIN rooms r ON r.id = ck.room_id JOIN staff st ON st.id = ck.proctor_id WHERE ck.session_id = ?`,
    )
    .all(door.sessionId);
  return {
    door,
    view,
    planCode: door.planCode,
    rules: { entryClosesAfterMs: ENTRY_CLOSES_AFTER_MS, leaveOpensBeforeEndMs: LEAVE_OPENS_BEFORE_END_MS },
    proctors: proctorsFor(ctx.db, door.sessionId, door.roomId),
    candidates: rows.map((r) => ({
      id: r.id,
      name: r.name,
      gender: r.gender,
      docType: r.docType,
      docDigest: docDigest(r.doc),
      docTail: r.doc.slice(-6).toUpperCase(),
      docMasked: maskDocNumber(r.doc),
      ticketNo: r.ticketNo,
      occupation: r.workType ? `${r.occupation}（${r.workType}）` : r.occupation,
      level: r.level,
      roomId: r.roomId,
      roomCode: r.roomCode,
      location: r.building ? `${r.building} ${r.floor ?? ''} ${r.roomNo ?? ''}`.trim() : null,
      seat: r.seat,
      subjectKind: r.subjectKind,
      photo: photoDataUrl(r.photo, r.photoType),
    })),
    signedIn: signed,
    serverNow: ctx.clock.now().toISOString(),
  };
}

export type DoorPack = ReturnType<typeof doorPack>;
