// Finding a candidate at the door and judging them (DOMAIN E3, E4, P8). The door's hot path:
// raw prepared statements cached per connection, each a b-tree seek on an index (a unit test
// checks the plans), because a queue of thirty waits on every scan.

import type { ReadSqlite } from '../../../db';
import type { LookupMethod, VerdictCode } from '../../../db/schema/checkin';
import { AppError } from '../errors';
import { looksLikeIdNumber, maskDocNumber, parseResidentId } from '../../domain/gb11643';
import type { SubjectKind } from '../../domain/vocabulary';
import { entryClosed, entryCutoff, localTime, offsetMinutes } from './rules';

export type { LookupMethod, VerdictCode };

/** The QR code printed on admission tickets: `KDT1;<plan code>;<ticket number>`. */
export const TICKET_QR_PREFIX = 'KDT1;';
export function ticketQrPayload(planCode: string, ticketNo: string): string {
  return `${TICKET_QR_PREFIX}${planCode};${ticketNo}`;
}

export interface Door {
  sessionId: number;
  roomId: number;
  batchId: number;
  planCode: string;
  sessionCode: string;
  sessionName: string;
  startsAt: string;
  endsAt: string;
  roomCode: string;
  roomLocation: string;
  seats: number;
  /** the batch's status: a sealed batch's doors record nothing */
  batchStatus: string;
}

interface CandidateRow {
  id: number;
  name: string;
  gender: string;
  birth_date: string;
  doc_type: string;
  doc_number: string;
  ticket_no: string;
  occupation: string;
  work_type: string | null;
  level: number;
}

interface AssignmentRow {
  /** null while the plan has not seated this subject */
  session_id: number | null;
  session_code: string | null;
  session_name: string | null;
  starts_at: string | null;
  ends_at: string | null;
  room_id: number | null;
  room_code: string | null;
  building: string | null;
  floor: string | null;
  room_no: string | null;
  seat: string | null;
  subject_kind: SubjectKind;
}

interface CheckinRow {
  id: number;
  room_id: number;
  room_code: string;
  at: string;
  status: string;
  proctor_name: string;
  photo_id: number | null;
}

interface IdRow {
  id: number;
}

interface PhotoRow {
  photo: Buffer | null;
  type: string | null;
}

const statements = new WeakMap<ReadSqlite, ReturnType<typeof prepareAll>>();

function prepareAll(sqlite: ReadSqlite) {
  const candidateCols = `c.id, c.name, c.gender, c.birth_date, c.doc_type, c.doc_number, c.ticket_no,
    o.name AS occupation, o.work_type_name AS work_type, o.level`;
  return {
    door: sqlite.prepare<[number, number], Door>(
      `SELECT s.id AS sessionId, r.id AS roomId, s.batch_id AS batchId, b.plan_code AS planCode, s.code AS sessionCode,
              s.name AS sessionName, s.starts_at AS startsAt, s.ends_at AS endsAt, r.code AS roomCode,
              r.building || ' ' || r.floor || ' ' || r.room_no AS roomLocation, r.seats, b.status AS batchStatus
       FROM exam_sessions s JOIN batches b ON b.id = s.batch_id JOIN rooms r ON r.id = ? AND r.batch_id = s.batch_id
       WHERE s.id = ? AND (EXISTS (SELECT 1 FROM session_rooms sr WHERE sr.session_id = s.id AND sr.room_id = r.id)
          OR EXISTS (SELECT 1 FROM candidate_subjects cs WHERE cs.session_id = s.id AND cs.room_id = r.id))`,
    ),
    byTicket: sqlite.prepare<[number, string], IdRow>('SELECT id FROM candidates WHERE batch_id = ? AND ticket_no = ?'),
    byDoc: sqlite.prepare<[number, string], IdRow>('SELECT id FROM candidates WHERE batch_id = ? AND doc_number = ?'),
    byTicketTail: sqlite.prepare<[number, string], IdRow>('SELECT id FROM candidates WHERE batch_id = ? AND substr(ticket_no, -5) = ? LIMIT 50'),
    byDocTail: sqlite.prepare<[number, string], IdRow>('SELECT id FROM candidates WHERE batch_id = ? AND doc_tail = ? LIMIT 50'),
    candidate: sqlite.prepare<[number, number], CandidateRow>(
      `SELECT ${candidateCols} FROM candidates c JOIN occupations o ON o.id = c.occupation_id WHERE c.id = ? AND c.batch_id = ?`,
    ),
    photo: sqlite.prepare<[number], PhotoRow>('SELECT photo, photo_type AS type FROM candidates WHERE id = ?'),
    assignments: sqlite.prepare<[number], AssignmentRow>(
      `SELECT cs.session_id, s.code AS session_code, s.name AS session_name, s.starts_at, s.ends_at, cs.room_id,
              r.code AS room_code, r.building, r.floor, r.room_no, cs.seat, sub.kind AS subject_kind
       FROM candidate_subjects cs
       JOIN subjects sub ON sub.id = cs.subject_id
       LEFT JOIN exam_sessions s ON s.id = cs.session_id
       LEFT JOIN rooms r ON r.id = cs.room_id
       WHERE cs.candidate_id = ? ORDER BY s.starts_at`,
    ),
    checkin: sqlite.prepare<[number, number], CheckinRow>(
      `SELECT ck.id, ck.room_id, r.code AS room_code, ck.at, ck.status, st.name AS proctor_name, ck.photo_id
       FROM checkins ck JOIN rooms r ON r.id = ck.room_id JOIN staff st ON st.id = ck.proctor_id
       WHERE ck.session_id = ? AND ck.candidate_id = ?`,
    ),
  };
}

export function stmts(sqlite: ReadSqlite) {
  let s = statements.get(sqlite);
  if (!s) {
    s = prepareAll(sqlite);
    statements.set(sqlite, s);
  }
  return s;
}

/** The door of one room for one session; refused when the room does not sit that session. */
export function openDoor(sqlite: ReadSqlite, sessionId: number, roomId: number): Door {
  const door = stmts(sqlite).door.get(roomId, sessionId);
  if (!door) throw new AppError('NOT_FOUND', 'checkin.noSuchDoor', { sessionId, roomId });
  return door;
}

export type Found = { kind: 'one'; candidateId: number | null; method: LookupMethod } | { kind: 'many'; candidateIds: number[]; method: LookupMethod };

/** A wedge scanner behind a Chinese IME may type full-width punctuation and letters. */
export function normalise(raw: string): string {
  return raw.replace(/\s+/g, '').replace(/[\uff01-\uff5e]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0));
}

/**
 * What a scan or a typed code names: a QR payload, a ticket number, an ID number (checked as
 * GB 11643, P8), another document number, or, when a card fails, the last 5 of the ticket or the
 * last 6 of the ID number (a pick list).
 */
export function findByCode(sqlite: ReadSqlite, door: Door, raw: string): Found {
  const s = stmts(sqlite);
  const code = normalise(raw);
  if (!code) throw new AppError('BAD_INPUT', 'checkin.scanEmpty');
  const id = (r: IdRow | undefined) => r?.id ?? null;

  if (code.startsWith(TICKET_QR_PREFIX)) {
    const [, plan, ticket] = code.split(';');
    if (plan !== door.planCode || !ticket) return { kind: 'one', candidateId: null, method: 'qr' };
    return { kind: 'one', candidateId: id(s.byTicket.get(door.batchId, ticket)), method: 'qr' };
  }
  const byTicket = id(s.byTicket.get(door.batchId, code));
  if (byTicket) return { kind: 'one', candidateId: byTicket, method: 'ticket' };
  if (looksLikeIdNumber(code)) {
    const upper = code.toUpperCase();
    const check = parseResidentId(upper);
    // the number is the one just scanned at the door, shown back so the proctor can compare it with the card
    if (!check.ok) throw new AppError('ID_CHECK_FAILED', 'checkin.idCheck', { number: upper, problem: `@door.idProblem.${check.problem}` });
    return { kind: 'one', candidateId: id(s.byDoc.get(door.batchId, upper)), method: 'id' };
  }
  if (/^\d{5}$/.test(code)) {
    return { kind: 'many', candidateIds: s.byTicketTail.all(door.batchId, code).map((r) => r.id), method: 'ticket_tail' };
  }
  if (/^\d{5}[\dXx]$/.test(code)) {
    return { kind: 'many', candidateIds: s.byDocTail.all(door.batchId, code.toUpperCase()).map((r) => r.id), method: 'doc_tail' };
  }
  return { kind: 'one', candidateId: id(s.byDoc.get(door.batchId, code)), method: 'doc' };
}

export interface Place {
  sessionId: number;
  sessionName: string;
  startsAt: string;
  roomId: number | null;
  roomCode: string | null;
  location: string | null;
  seat: string | null;
}

export interface Verdict {
  code: VerdictCode;
  method: LookupMethod;
  scanned: string;
  now: string;
  entryCutoff: string;
  candidate: {
    id: number;
    name: string;
    gender: string;
    ticketNo: string;
    docType: string;
    docMasked: string;
    occupation: string;
    level: number;
    /** the registered photo (P7) as a data URL, or null when the plan has none */
    photo: string | null;
  } | null;
  /** the seat and subject here, when the candidate sits this session in this room */
  here: { seat: string | null; subjectKind: SubjectKind } | null;
  /** where to go instead (wrong room or session) */
  goTo: Place[];
  /** the earlier sign-in (already here or elsewhere) */
  earlier: { checkinId: number; roomId: number; roomCode: string; at: string; atLocal: string; proctorName: string; status: string; photoId: number | null } | null;
}

function place(a: AssignmentRow): Place {
  return {
    sessionId: a.session_id!,
    sessionName: a.session_name ?? '',
    startsAt: a.starts_at ?? '',
    roomId: a.room_id,
    roomCode: a.room_code,
    location: a.building ? `${a.building} ${a.floor ?? ''} ${a.room_no ?? ''}`.trim() : null,
    seat: a.seat,
  };
}

export function photoDataUrl(bytes: Buffer | null | undefined, type: string | null | undefined): string | null {
  if (!bytes || bytes.length === 0) return null;
  return `data:${type || 'image/jpeg'};base64,${bytes.toString('base64')}`;
}

function candidateOf(sqlite: ReadSqlite, c: CandidateRow, withPhoto: boolean): NonNullable<Verdict['candidate']> {
  const photo = withPhoto ? stmts(sqlite).photo.get(c.id) : undefined;
  return {
    id: c.id,
    name: c.name,
    gender: c.gender,
    ticketNo: c.ticket_no,
    docType: c.doc_type,
    docMasked: maskDocNumber(c.doc_number),
    occupation: c.work_type ? `${c.occupation}（${c.work_type}）` : c.occupation,
    level: c.level,
    photo: photo ? photoDataUrl(photo.photo, photo.type) : null,
  };
}

/** What a scan asks: who (or nobody), how they were found, what was scanned, and when. */
export interface JudgeInput {
  candidateId: number | null;
  method: LookupMethod;
  scanned: string;
  now: Date;
  /** the registered photo is read for the screen, not for a write that judges again */
  withPhoto?: boolean;
}

/** The verdict for one candidate at this door now (E3, E4): the only judge; confirm asks it again. */
export function judge(sqlite: ReadSqlite, door: Door, input: JudgeInput): Verdict {
  const s = stmts(sqlite);
  const { now } = input;
  const base = { method: input.method, scanned: input.scanned, now: now.toISOString(), entryCutoff: entryCutoff(door).toISOString(), here: null, goTo: [], earlier: null };
  const c = input.candidateId === null ? undefined : s.candidate.get(input.candidateId, door.batchId);
  if (!c) return { ...base, code: 'not_in_plan', candidate: null };
  const candidate = candidateOf(sqlite, c, input.withPhoto ?? true);
  const assignments = s.assignments.all(c.id);
  const mine = assignments.find((a) => a.session_id === door.sessionId);
  const here = mine && mine.room_id === door.roomId ? { seat: mine.seat, subjectKind: mine.subject_kind } : null;

  const prior = s.checkin.get(door.sessionId, c.id);
  if (prior) {
    const off = offsetMinutes(door.startsAt);
    return {
      ...base,
      here,
      code: prior.room_id === door.roomId ? 'already_here' : 'already_elsewhere',
      candidate,
      earlier: {
        checkinId: prior.id,
        roomId: prior.room_id,
        roomCode: prior.room_code,
        at: prior.at,
        atLocal: localTime(new Date(prior.at), off, true),
        proctorName: prior.proctor_name,
        status: prior.status,
        photoId: prior.photo_id,
      },
    };
  }
  if (!mine) {
    const goTo = assignments.filter((a) => a.session_id !== null && a.session_name !== null).map(place);
    return { ...base, code: 'wrong_session', candidate, goTo };
  }
  if (mine.room_id !== door.roomId) return { ...base, code: 'wrong_room', candidate, goTo: [place(mine)] };
  if (entryClosed(door, now)) return { ...base, here, code: 'entry_closed', candidate }; // E4
  return { ...base, here, code: 'ok', candidate };
}

/** A row of the pick list: enough to tell two candidates apart, with the ID number masked. */
export interface PickRow {
  candidateId: number;
  name: string;
  ticketNo: string;
  docMasked: string;
  gender: string;
  expectedHere: boolean;
  seat: string | null;
}

export function pickList(sqlite: ReadSqlite, door: Door, ids: number[]): PickRow[] {
  const s = stmts(sqlite);
  const rows: PickRow[] = [];
  for (const id of ids) {
    const c = s.candidate.get(id, door.batchId);
    if (!c) continue;
    const mine = s.assignments.all(id).find((a) => a.session_id === door.sessionId && a.room_id === door.roomId);
    rows.push({ candidateId: c.id, name: c.name, ticketNo: c.ticket_no, docMasked: maskDocNumber(c.doc_number), gender: c.gender, expectedHere: !!mine, seat: mine?.seat ?? null });
  }
  // those expected at this door first, then by ticket
  return rows.sort((a, b) => Number(b.expectedHere) - Number(a.expectedHere) || a.ticketNo.localeCompare(b.ticketNo));
}
