// Finding a candidate at the door and judging them (DOMAIN E3, E4, P8). The door's hot path:
// raw prepared statements cached per connection, each a b-tree seek on an index (a unit test
// checks the plans), because a queue of thirty waits on every scan.

import type { Sqlite } from '../../../db';
import { AppError } from '../errors';
import { looksLikeIdNumber, maskDocNumber, parseResidentId } from '../../domain/gb11643';
import { entryClosed, entryCutoff, localTime, offsetMinutes } from './rules';

export type LookupMethod = 'ticket' | 'id' | 'doc' | 'qr' | 'ticket_tail' | 'doc_tail' | 'pick';

export type VerdictCode = 'ok' | 'entry_closed' | 'wrong_room' | 'wrong_session' | 'not_in_plan' | 'already_here' | 'already_elsewhere';

/** Verdicts that refuse entry and are recorded as refusals. */
export const REFUSALS: readonly VerdictCode[] = ['entry_closed', 'wrong_room', 'wrong_session', 'not_in_plan', 'already_here', 'already_elsewhere'];

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
  session_id: number;
  session_code: string;
  session_name: string;
  starts_at: string;
  ends_at: string;
  room_id: number | null;
  room_code: string | null;
  building: string | null;
  floor: string | null;
  room_no: string | null;
  seat: string | null;
  subject_kind: string;
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

const statements = new WeakMap<Sqlite, ReturnType<typeof prepareAll>>();

function prepareAll(sqlite: Sqlite) {
  const candidateCols = `c.id, c.name, c.gender, c.birth_date, c.doc_type, c.doc_number, c.ticket_no,
    o.name AS occupation, o.work_type_name AS work_type, o.level`;
  return {
    door: sqlite.prepare(
      `SELECT s.id AS sessionId, r.id AS roomId, s.batch_id AS batchId, b.plan_code AS planCode, s.code AS sessionCode,
              s.name AS sessionName, s.starts_at AS startsAt, s.ends_at AS endsAt, r.code AS roomCode,
              r.building || ' ' || r.floor || ' ' || r.room_no AS roomLocation, r.seats
       FROM exam_sessions s JOIN batches b ON b.id = s.batch_id JOIN rooms r ON r.id = ? AND r.batch_id = s.batch_id
       WHERE s.id = ? AND (EXISTS (SELECT 1 FROM session_rooms sr WHERE sr.session_id = s.id AND sr.room_id = r.id)
          OR EXISTS (SELECT 1 FROM candidate_subjects cs WHERE cs.session_id = s.id AND cs.room_id = r.id))`,
    ),
    byTicket: sqlite.prepare('SELECT id FROM candidates WHERE batch_id = ? AND ticket_no = ?'),
    byDoc: sqlite.prepare('SELECT id FROM candidates WHERE batch_id = ? AND doc_number = ?'),
    byTicketTail: sqlite.prepare('SELECT id FROM candidates WHERE batch_id = ? AND substr(ticket_no, -5) = ? LIMIT 50'),
    byDocTail: sqlite.prepare('SELECT id FROM candidates WHERE batch_id = ? AND doc_tail = ? LIMIT 50'),
    candidate: sqlite.prepare(
      `SELECT ${candidateCols} FROM candidates c JOIN occupations o ON o.id = c.occupation_id WHERE c.id = ? AND c.batch_id = ?`,
    ),
    photo: sqlite.prepare('SELECT photo, photo_type AS type FROM candidates WHERE id = ?'),
    assignments: sqlite.prepare(
      `SELECT cs.session_id, s.code AS session_code, s.name AS session_name, s.starts_at, s.ends_at, cs.room_id,
              r.code AS room_code, r.building, r.floor, r.room_no, cs.seat, sub.kind AS subject_kind
       FROM candidate_subjects cs
       JOIN subjects sub ON sub.id = cs.subject_id
       LEFT JOIN exam_sessions s ON s.id = cs.session_id
       LEFT JOIN rooms r ON r.id = cs.room_id
       WHERE cs.candidate_id = ? ORDER BY s.starts_at`,
    ),
    checkin: sqlite.prepare(
      `SELECT ck.id, ck.room_id, r.code AS room_code, ck.at, ck.status, st.name AS proctor_name, ck.photo_id
       FROM checkins ck JOIN rooms r ON r.id = ck.room_id JOIN staff st ON st.id = ck.proctor_id
       WHERE ck.session_id = ? AND ck.candidate_id = ?`,
    ),
  };
}

export function stmts(sqlite: Sqlite) {
  let s = statements.get(sqlite);
  if (!s) {
    s = prepareAll(sqlite);
    statements.set(sqlite, s);
  }
  return s;
}

/** The door of one room for one session; refused when the room does not sit that session. */
export function openDoor(sqlite: Sqlite, sessionId: number, roomId: number): Door {
  const door = stmts(sqlite).door.get(roomId, sessionId) as Door | undefined;
  if (!door) throw new AppError('NOT_FOUND', '该考场不在此场次中，请重新选择考场和场次。', 'This room does not sit this session.');
  return door;
}

export type Found = { kind: 'one'; candidateId: number | null; method: LookupMethod } | { kind: 'many'; candidateIds: number[]; method: LookupMethod };

/**
 * What a scan or a typed code names: a QR payload, a ticket number, an ID number (checked as
 * GB 11643, P8), another document number, or, when a card fails, the last 5 of the ticket or the
 * last 6 of the ID number (a pick list).
 */
export function findByCode(sqlite: Sqlite, door: Door, raw: string): Found {
  const s = stmts(sqlite);
  // a wedge scanner behind a Chinese IME may type full-width punctuation and letters
  const code = raw.replace(/\s+/g, '').replace(/[\uff01-\uff5e]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0));
  if (!code) throw new AppError('BAD_INPUT', '请扫描或输入证件号码、准考证号。', 'Scan or type an ID or ticket number.');
  const id = (r: unknown) => (r as { id: number } | undefined)?.id ?? null;

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
    if (!check.ok) {
      const why = { length: '位数不对', chars: '含非法字符', region: '地区码无效', date: '出生日期不存在', check: '校验位不符' }[check.problem];
      throw new AppError('ID_CHECK_FAILED', `证件号码 ${upper} ${why}（GB 11643），请重新扫描或核对后输入。`, `ID number fails the GB 11643 check (${check.problem}).`, {
        params: { reason: check.problem },
      });
    }
    return { kind: 'one', candidateId: id(s.byDoc.get(door.batchId, upper)), method: 'id' };
  }
  if (/^\d{5}$/.test(code)) {
    return { kind: 'many', candidateIds: (s.byTicketTail.all(door.batchId, code) as { id: number }[]).map((r) => r.id), method: 'ticket_tail' };
  }
  if (/^\d{5}[\dXx]$/.test(code)) {
    return { kind: 'many', candidateIds: (s.byDocTail.all(door.batchId, code.toUpperCase()) as { id: number }[]).map((r) => r.id), method: 'doc_tail' };
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
  here: { seat: string | null; subjectKind: string } | null;
  /** where to go instead (wrong room or session) */
  goTo: Place[];
  /** the earlier sign-in (already here or elsewhere) */
  earlier: { checkinId: number; roomId: number; roomCode: string; at: string; atLocal: string; proctorName: string; status: string; photoId: number | null } | null;
}

function place(a: AssignmentRow): Place {
  return {
    sessionId: a.session_id,
    sessionName: a.session_name,
    startsAt: a.starts_at,
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

/** The verdict for one candidate at this door now (E3, E4): the only judge; confirm asks it again. */
export function judge(sqlite: Sqlite, door: Door, candidateId: number | null, method: LookupMethod, scanned: string, now: Date, withPhoto = true): Verdict {
  const s = stmts(sqlite);
  const base = { method, scanned, now: now.toISOString(), entryCutoff: entryCutoff(door).toISOString(), here: null, goTo: [], earlier: null };
  const c = candidateId === null ? undefined : (s.candidate.get(candidateId, door.batchId) as CandidateRow | undefined);
  if (!c) return { ...base, code: 'not_in_plan', candidate: null };
  const photo = withPhoto ? (s.photo.get(c.id) as { photo: Buffer | null; type: string | null }) : null;
  const candidate = {
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
  const assignments = s.assignments.all(c.id) as AssignmentRow[];
  const mine = assignments.find((a) => a.session_id === door.sessionId);
  const here = mine && mine.room_id === door.roomId ? { seat: mine.seat, subjectKind: mine.subject_kind } : null;

  const prior = s.checkin.get(door.sessionId, c.id) as CheckinRow | undefined;
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

export function pickList(sqlite: Sqlite, door: Door, ids: number[]): PickRow[] {
  const s = stmts(sqlite);
  const rows: PickRow[] = [];
  for (const id of ids) {
    const c = s.candidate.get(id, door.batchId) as CandidateRow | undefined;
    if (!c) continue;
    const mine = (s.assignments.all(id) as AssignmentRow[]).find((a) => a.session_id === door.sessionId && a.room_id === door.roomId);
    rows.push({ candidateId: c.id, name: c.name, ticketNo: c.ticket_no, docMasked: maskDocNumber(c.doc_number), gender: c.gender, expectedHere: !!mine, seat: mine?.seat ?? null });
  }
  // those expected at this door first, then by ticket
  return rows.sort((a, b) => Number(b.expectedHere) - Number(a.expectedHere) || a.ticketNo.localeCompare(b.ticketNo));
}
