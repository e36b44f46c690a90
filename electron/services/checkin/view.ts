// What the door screen, the supervisor's list and the paper show: read-only views.

import { eq } from 'drizzle-orm';
import { schema, type ReadSqlite } from '../../../db';
import type { AlertCloseReason, AlertKind, AlertStatus, CheckinStatus, LeftKind, ReviewOutcome } from '../../../db/schema/checkin';
import type { ReadContext } from '../context';
import { AppError } from '../errors';
import { maskDocNumber } from '../../domain/gb11643';
import { drawInForce } from '../draw/service';
import { doorFor, type DoorRef } from './door';
import { doorOver, entryHint } from './entry';
import { findByCode, judge, photoDataUrl, pickList, type Door } from './lookup';
import { entryClosed, entryCutoff, leaveOpensAt, localTime, offsetMinutes } from './rules';

export type RosterStatus = 'missing' | 'in' | 'doubtful' | 'absent' | 'left';

export interface RosterRow {
  candidateId: number;
  seat: string | null;
  name: string;
  gender: string;
  ticketNo: string;
  docMasked: string;
  status: RosterStatus;
  at: string | null;
  atLocal: string | null;
  late: boolean;
  photoId: number | null;
  noPhotoReason: string | null;
  leftKind: LeftKind | null;
  checkinId: number | null;
}

export interface DoorCounts {
  expected: number;
  signedIn: number;
  doubtful: number;
  absent: number;
  refused: number;
  missing: number;
  left: number;
}

interface RosterSqlRow {
  candidateId: number;
  seat: string | null;
  name: string;
  gender: string;
  ticketNo: string;
  doc: string;
  checkinId: number | null;
  ckStatus: CheckinStatus | null;
  at: string | null;
  late: number | null;
  photoId: number | null;
  noPhotoReason: string | null;
  leftKind: LeftKind | null;
  absenceId: number | null;
}

export function roster(sqlite: ReadSqlite, door: Door): RosterRow[] {
  const off = offsetMinutes(door.startsAt);
  const rows = sqlite
    .prepare<[number, number], RosterSqlRow>(
      `SELECT c.id AS candidateId, cs.seat, c.name, c.gender, c.ticket_no AS ticketNo, c.doc_number AS doc,
              ck.id AS checkinId, ck.status AS ckStatus, ck.at, ck.late, ck.photo_id AS photoId, ck.no_photo_reason AS noPhotoReason,
              ck.left_kind AS leftKind, a.id AS absenceId
       FROM candidate_subjects cs
       JOIN candidates c ON c.id = cs.candidate_id
       LEFT JOIN checkins ck ON ck.session_id = cs.session_id AND ck.candidate_id = c.id AND ck.room_id = cs.room_id
       LEFT JOIN checkin_absences a ON a.session_id = cs.session_id AND a.candidate_id = c.id
       WHERE cs.session_id = ? AND cs.room_id = ?
       ORDER BY CAST(cs.seat AS INTEGER), cs.seat, c.ticket_no`,
    )
    .all(door.sessionId, door.roomId);
  return rows.map((r) => {
    const status: RosterStatus = r.checkinId ? (r.leftKind ? 'left' : r.ckStatus === 'doubtful' ? 'doubtful' : 'in') : r.absenceId ? 'absent' : 'missing';
    return {
      candidateId: r.candidateId,
      seat: r.seat,
      name: r.name,
      gender: r.gender,
      ticketNo: r.ticketNo,
      docMasked: maskDocNumber(r.doc),
      status,
      at: r.at,
      atLocal: r.at ? localTime(new Date(r.at), off, true) : null,
      late: !!r.late,
      photoId: r.photoId,
      noPhotoReason: r.noPhotoReason,
      leftKind: r.leftKind,
      checkinId: r.checkinId,
    };
  });
}

function countsOf(sqlite: ReadSqlite, door: Door, list: RosterRow[]): DoorCounts {
  // people, not events: one refused person however often scanned; a duplicate is an alarm (they are
  // signed in), and a refused person admitted later (E4, by the supervisor) is no longer refused
  const refused =
    sqlite
      .prepare<[number, number], { n: number }>(
        `SELECT COUNT(DISTINCT COALESCE('c' || rf.candidate_id, 'code:' || rf.code)) AS n FROM checkin_refusals rf
         WHERE rf.session_id = ? AND rf.room_id = ? AND rf.verdict NOT IN ('already_here', 'already_elsewhere')
           AND (rf.candidate_id IS NULL OR NOT EXISTS (SELECT 1 FROM checkins ck WHERE ck.session_id = rf.session_id AND ck.candidate_id = rf.candidate_id))`,
      )
      .get(door.sessionId, door.roomId)?.n ?? 0;
  const n = (s: RosterStatus) => list.filter((r) => r.status === s).length;
  return { expected: list.length, signedIn: n('in') + n('doubtful') + n('left'), doubtful: n('doubtful'), absent: n('absent'), refused, missing: n('missing'), left: n('left') };
}

interface DoorAlertRow {
  id: number;
  at: string;
  kind: AlertKind;
  status: AlertStatus;
  closedReason: AlertCloseReason | null;
  name: string;
  ticketNo: string;
}

/** The door screen: its times (E4, E5), the roster with counts, and its latest alarms (worded by kind on screen). */
export function doorView(ctx: ReadContext, at: DoorRef) {
  const door = doorFor(ctx, at);
  const now = ctx.clock.now();
  const list = roster(ctx.sqlite, door);
  const counts = countsOf(ctx.sqlite, door, list);
  const off = offsetMinutes(door.startsAt);
  const closed = entryClosed(door, now);
  const alerts = ctx.sqlite
    .prepare<[number, number], DoorAlertRow>(
      `SELECT al.id, al.at, al.kind, al.status, al.closed_reason AS closedReason, c.name, c.ticket_no AS ticketNo FROM checkin_alerts al JOIN candidates c ON c.id = al.candidate_id
       WHERE al.session_id = ? AND al.room_id = ? ORDER BY al.id DESC LIMIT 20`,
    )
    .all(door.sessionId, door.roomId);
  return {
    door,
    now: now.toISOString(),
    nowLocal: localTime(now, off, true),
    startsLocal: localTime(new Date(door.startsAt), off),
    endsLocal: localTime(new Date(door.endsAt), off),
    entryCutoff: entryCutoff(door).toISOString(),
    entryCutoffLocal: localTime(entryCutoff(door), off),
    leaveFrom: leaveOpensAt(door).toISOString(),
    leaveFromLocal: localTime(leaveOpensAt(door), off),
    entryClosed: closed,
    /** 本场已结束: the session has ended or its batch is sealed; the door records nothing */
    over: doorOver(door, now),
    /** E4: entry has closed and some are neither signed in nor marked absent */
    absentToConfirm: closed && counts.missing > 0 && !doorOver(door, now),
    counts,
    /** S2/S8: the draw in force for this session (number, confirmed at), shown on the door screen */
    draw: drawInForce(ctx.db, door.sessionId),
    roster: list,
    alerts: alerts.map((a) => ({ ...a, atLocal: localTime(new Date(a.at), off, true) })),
  };
}

interface DoorListRow {
  sessionId: number;
  sessionName: string;
  sessionCode: string;
  startsAt: string;
  endsAt: string;
  roomId: number;
  roomCode: string;
  location: string;
  batchName: string;
  expected: number;
  signedIn: number;
  proctors: string | null;
  drawn: number;
  mine: number;
}

/** Every door (session × room) with its counts and, once drawn, its proctors (S2) and whether the caller is one. */
export function doorList(ctx: ReadContext) {
  const staffId = ctx.actor?.staffId ?? 0;
  const rows = ctx.sqlite
    .prepare<[number], DoorListRow>(
      `WITH pairs AS (
         SELECT session_id, room_id FROM session_rooms
         UNION SELECT DISTINCT session_id, room_id FROM candidate_subjects WHERE session_id IS NOT NULL AND room_id IS NOT NULL)
       SELECT s.id AS sessionId, s.name AS sessionName, s.code AS sessionCode, s.starts_at AS startsAt, s.ends_at AS endsAt,
              r.id AS roomId, r.code AS roomCode, r.building || ' ' || r.floor || ' ' || r.room_no AS location, b.name AS batchName,
              (SELECT COUNT(*) FROM candidate_subjects cs WHERE cs.session_id = s.id AND cs.room_id = r.id) AS expected,
              (SELECT COUNT(*) FROM checkins ck WHERE ck.session_id = s.id AND ck.room_id = r.id) AS signedIn,
              (SELECT group_concat(st.name, '、') FROM (SELECT staff_id FROM draw_assignments a WHERE a.session_id = s.id AND a.room_id = r.id AND a.active = 1 AND a.role = 'proctor' ORDER BY a.position) x
                 JOIN staff st ON st.id = x.staff_id) AS proctors,
              EXISTS (SELECT 1 FROM draw_assignments a WHERE a.session_id = s.id AND a.active = 1 AND a.role = 'proctor') AS drawn,
              EXISTS (SELECT 1 FROM draw_assignments a WHERE a.session_id = s.id AND a.room_id = r.id AND a.active = 1 AND a.role = 'proctor' AND a.staff_id = ?) AS mine
       FROM pairs p JOIN exam_sessions s ON s.id = p.session_id JOIN rooms r ON r.id = p.room_id JOIN batches b ON b.id = s.batch_id
       ORDER BY mine DESC, s.starts_at, r.code`,
    )
    .all(staffId);
  return rows.map((r) => {
    const off = offsetMinutes(r.startsAt);
    return { ...r, drawn: r.drawn === 1, mine: r.mine === 1, startsLocal: localTime(new Date(r.startsAt), off), endsLocal: localTime(new Date(r.endsAt), off) };
  });
}

interface DoubtfulRow {
  checkinId: number;
  at: string;
  reason: string | null;
  photoId: number | null;
  reviewedAt: string | null;
  reviewNote: string | null;
  reviewOutcome: ReviewOutcome | null;
  candidateId: number;
  name: string;
  ticketNo: string;
  doc: string;
  sessionName: string;
  startsAt: string;
  roomCode: string;
  proctorName: string;
  secondProctorName: string | null;
  reviewerName: string | null;
}

/** The supervisor's list of doubtful candidates (存疑考生), newest first. */
export function doubtfulList(ctx: ReadContext) {
  const rows = ctx.sqlite
    .prepare<[], DoubtfulRow>(
      `SELECT ck.id AS checkinId, ck.at, ck.doubt_reason AS reason, ck.photo_id AS photoId, ck.reviewed_at AS reviewedAt, ck.review_note AS reviewNote, ck.review_outcome AS reviewOutcome,
              c.id AS candidateId, c.name, c.ticket_no AS ticketNo, c.doc_number AS doc, s.name AS sessionName, s.starts_at AS startsAt, r.code AS roomCode,
              p1.name AS proctorName, p2.name AS secondProctorName, rv.name AS reviewerName
       FROM checkins ck JOIN candidates c ON c.id = ck.candidate_id JOIN exam_sessions s ON s.id = ck.session_id JOIN rooms r ON r.id = ck.room_id
       JOIN staff p1 ON p1.id = ck.proctor_id LEFT JOIN staff p2 ON p2.id = ck.second_proctor_id LEFT JOIN staff rv ON rv.id = ck.reviewed_by
       WHERE ck.status = 'doubtful' ORDER BY ck.at DESC`,
    )
    .all();
  return rows.map(({ doc, ...r }) => ({ ...r, docMasked: maskDocNumber(doc), atLocal: localTime(new Date(r.at), offsetMinutes(r.startsAt), true) }));
}

interface AlertRow {
  id: number;
  kind: AlertKind;
  at: string;
  status: AlertStatus;
  closedReason: AlertCloseReason | null;
  closedNote: string | null;
  detail: string;
  name: string;
  ticketNo: string;
  sessionName: string;
  startsAt: string;
  roomCode: string;
  proctorName: string;
}

/** Alarms raised at the doors (incident drafts for the incidents desk); the kind is a code the screen words. */
export function alertList(ctx: ReadContext) {
  const rows = ctx.sqlite
    .prepare<[], AlertRow>(
      `SELECT al.id, al.kind, al.at, al.status, al.closed_reason AS closedReason, al.closed_note AS closedNote, al.detail, c.name, c.ticket_no AS ticketNo, s.name AS sessionName, s.starts_at AS startsAt,
              r.code AS roomCode, st.name AS proctorName
       FROM checkin_alerts al JOIN candidates c ON c.id = al.candidate_id JOIN exam_sessions s ON s.id = al.session_id JOIN rooms r ON r.id = al.room_id
       JOIN staff st ON st.id = al.proctor_id ORDER BY al.id DESC`,
    )
    .all();
  return rows.map((r) => ({ ...r, atLocal: localTime(new Date(r.at), offsetMinutes(r.startsAt), true) }));
}

/** A door photo by id (the screen shows it beside the registered one). */
export function doorPhoto(ctx: ReadContext, photoId: number) {
  const p = ctx.db.select().from(schema.checkinPhotos).where(eq(schema.checkinPhotos.id, photoId)).get();
  if (!p) throw new AppError('NOT_FOUND', 'checkin.noSuchPhoto');
  return { id: p.id, takenAt: p.takenAt, purpose: p.purpose, dataUrl: photoDataUrl(p.bytes, p.mime)! };
}

/** The registered photos (P7) of a room's roster, fetched once by the door screen. */
export function registeredPhotos(ctx: ReadContext, at: DoorRef): Record<number, string | null> {
  const door = doorFor(ctx, at);
  const rows = ctx.sqlite
    .prepare<[number, number], { id: number; photo: Buffer | null; type: string | null }>(
      `SELECT c.id, c.photo, c.photo_type AS type FROM candidate_subjects cs JOIN candidates c ON c.id = cs.candidate_id
       WHERE cs.session_id = ? AND cs.room_id = ?`,
    )
    .all(door.sessionId, door.roomId);
  const out: Record<number, string | null> = {};
  for (const r of rows) out[r.id] = photoDataUrl(r.photo, r.type);
  return out;
}

export interface ScanInput extends DoorRef {
  code?: string | undefined;
  candidateId?: number | undefined;
  method?: 'ticket_tail' | 'doc_tail' | undefined;
}

/**
 * A scan or a typed code (or a pick from the list): the verdict, or the pick list for a tail.
 * The verdict carries no photo (a queue waits on every scan): the screen has its room's registered
 * photos already and asks checkin.candidatePhoto for anyone else.
 */
export function scanAtDoor(ctx: ReadContext, input: ScanInput) {
  const door = doorFor(ctx, input);
  const now = ctx.clock.now();
  const code = input.code ?? '';
  // 本场已结束: the door answers so and records nothing
  const over = doorOver(door, now);
  if (over) return { kind: 'over' as const, reason: over };
  if (input.candidateId !== undefined) {
    // a pick from the list keeps how the list was found (last 5 of the ticket, last 6 of the ID)
    return { kind: 'verdict' as const, verdict: judge(ctx.sqlite, door, { candidateId: input.candidateId, method: input.method ?? 'pick', scanned: code, now, withPhoto: false }) };
  }
  const found = findByCode(ctx.sqlite, door, code);
  // E3: nobody found for an incomplete or mistyped code is a hint under the box, not a refusal
  const hint = entryHint(ctx.sqlite, door, code, found);
  if (hint) return { kind: 'hint' as const, hint };
  if (found.kind === 'many') {
    return { kind: 'pick' as const, method: found.method, code, matches: pickList(ctx.sqlite, door, found.candidateIds) };
  }
  return { kind: 'verdict' as const, verdict: judge(ctx.sqlite, door, { candidateId: found.candidateId, method: found.method, scanned: code, now, withPhoto: false }) };
}
