// The second step of a re-import: what the plan would change against what the console holds,
// item by item (candidates by document number, staff by staff number, rooms and sessions by code,
// and the candidates' photos: a photo zip brought after the plan is a change too).
// Fields are named by key and compared as codes (kinds, roles, grades); the renderer words them.
import type { ReadSqlite } from '../../../db';
import { maskDocNumber } from '../../domain/gb11643';
import type { PlanCandidate, PlanPackage, PlanStaff } from './format';
import { candidatePhoto, photoMime, type PhotoFile } from './photo';

export interface ChangedField {
  /** the field's key (plan.field.<key> in the catalogue) */
  field: string;
  before: string;
  after: string;
}
export interface DiffItem {
  key: string;
  name: string;
  label: string;
}
export interface DiffChange extends DiffItem {
  fields: ChangedField[];
}
export interface DiffPart {
  added: DiffItem[];
  removed: DiffItem[];
  changed: DiffChange[];
}
export interface PlanDiff {
  candidates: DiffPart;
  staff: DiffPart;
  rooms: DiffPart;
  sessions: DiffPart;
  /**
   * candidates held who would get a photo where none is held (added) or a different one (changed);
   * a plan without a candidate's photo keeps the one held (P7), so none is removed
   */
  photos: DiffPart;
}

type Fields = Record<string, string>;

/** list values in a field: sorted, so order never counts as a change */
const list = (xs: Iterable<string>) => [...xs].sort().join(', ');
const text = (v: string | number | null | undefined) => (v === null || v === undefined ? '' : String(v));

export const CANDIDATE_FIELDS = ['name', 'gender', 'birthDate', 'docType', 'ticketNo', 'phone', 'ethnicity', 'education', 'major', 'category', 'workUnit', 'occupation', 'level', 'subjects', 'seats', 'retakes'] as const;
export const STAFF_FIELDS = ['name', 'workUnit', 'roles', 'examinerGrade', 'sessions'] as const;
export const ROOM_FIELDS = ['kind', 'place', 'seats'] as const;
export const SESSION_FIELDS = ['name', 'startsAt', 'endsAt', 'rooms'] as const;

const occupationOf = (name: string, workType: string | null | undefined) => (workType ? `${name}(${workType})` : name);
const seatOf = (s: { session: string; room: string | null; seat?: string | null | undefined }) => `${s.session}@${s.room ?? ''}#${s.seat ?? ''}`;

interface SeatLike {
  session: string | null;
  room: string | null;
  seat?: string | null | undefined;
  retake: boolean;
}

function seatFields(seats: SeatLike[]): Fields {
  const placed = seats.filter((s): s is SeatLike & { session: string } => !!s.session);
  return { seats: list(placed.map(seatOf)), retakes: list(placed.filter((s) => s.retake).map((s) => s.session)) };
}

function candidateFields(c: PlanCandidate): Fields {
  return {
    name: c.name,
    gender: c.gender,
    birthDate: c.birthDate,
    docType: c.docType,
    ticketNo: c.ticketNo,
    phone: text(c.phone),
    ethnicity: text(c.ethnicity),
    education: text(c.education),
    major: text(c.major),
    category: text(c.category),
    workUnit: text(c.workUnit),
    occupation: occupationOf(c.occupationName, c.workTypeName),
    level: String(c.level),
    subjects: list(c.subjects),
    ...seatFields(c.seats.map((s) => ({ ...s, retake: !!s.retake }))),
  };
}

export interface HeldCandidate {
  id: number;
  fields: Fields;
  /** the sessions the candidate sits, for the sign-in guard */
  sessions: Set<string>;
}

interface HeldCandidateRow {
  id: number;
  name: string;
  gender: string;
  birthDate: string;
  docType: string;
  docNumber: string;
  ticketNo: string;
  phone: string | null;
  ethnicity: string | null;
  education: string | null;
  major: string | null;
  category: string | null;
  workUnit: string | null;
  occName: string;
  wtName: string | null;
  level: number;
}

interface HeldSeatRow {
  cid: number;
  kind: string;
  session: string | null;
  room: string | null;
  seat: string | null;
  retake: number;
}

/** The candidates the console holds for a batch, by document number, in the diff's terms. */
export function heldCandidates(sqlite: ReadSqlite, batchId: number): Map<string, HeldCandidate> {
  const rows = sqlite
    .prepare<[number], HeldCandidateRow>(
      `SELECT c.id, c.name, c.gender, c.birth_date AS birthDate, c.doc_type AS docType, c.doc_number AS docNumber, c.ticket_no AS ticketNo,
              c.phone, c.ethnicity, c.education, c.major, c.category, c.work_unit AS workUnit,
              o.name AS occName, o.work_type_name AS wtName, o.level AS level
       FROM candidates c JOIN occupations o ON o.id = c.occupation_id WHERE c.batch_id = ?`,
    )
    .all(batchId);
  const seats = sqlite
    .prepare<[number], HeldSeatRow>(
      `SELECT cs.candidate_id AS cid, sb.kind AS kind, es.code AS session, r.code AS room, cs.seat AS seat, cs.retake AS retake
       FROM candidate_subjects cs JOIN subjects sb ON sb.id = cs.subject_id
       LEFT JOIN exam_sessions es ON es.id = cs.session_id LEFT JOIN rooms r ON r.id = cs.room_id
       WHERE sb.batch_id = ?`,
    )
    .all(batchId);
  const byCandidate = new Map<number, HeldSeatRow[]>();
  for (const s of seats) byCandidate.set(s.cid, [...(byCandidate.get(s.cid) ?? []), s]);
  const out = new Map<string, HeldCandidate>();
  for (const r of rows) {
    const mine = byCandidate.get(r.id) ?? [];
    out.set(r.docNumber, {
      id: r.id,
      sessions: new Set(mine.map((m) => m.session).filter((x): x is string => !!x)),
      fields: {
        name: r.name,
        gender: r.gender,
        birthDate: r.birthDate,
        docType: r.docType,
        ticketNo: r.ticketNo,
        phone: text(r.phone),
        ethnicity: text(r.ethnicity),
        education: text(r.education),
        major: text(r.major),
        category: text(r.category),
        workUnit: text(r.workUnit),
        occupation: occupationOf(r.occName, r.wtName),
        level: String(r.level),
        subjects: list(mine.map((m) => m.kind)),
        ...seatFields(mine.map((m) => ({ ...m, retake: !!m.retake }))),
      },
    });
  }
  return out;
}

function staffFields(s: PlanStaff): Fields {
  return { name: s.name, workUnit: text(s.workUnit), roles: list(s.roles), examinerGrade: text(s.examinerGrade), sessions: list(s.sessions ?? []) };
}

interface HeldStaffRow {
  id: number;
  staffNo: string;
  name: string;
  workUnit: string | null;
  grade: string | null;
  roles: string;
}

function heldStaff(sqlite: ReadSqlite, batchId: number): Map<string, Fields> {
  const rows = sqlite
    .prepare<[number], HeldStaffRow>(
      `SELECT st.id AS id, st.staff_no AS staffNo, st.name AS name, st.work_unit AS workUnit, st.examiner_grade AS grade,
              group_concat(bsr.role) AS roles
       FROM batch_staff_roles bsr JOIN staff st ON st.id = bsr.staff_id WHERE bsr.batch_id = ? GROUP BY st.id`,
    )
    .all(batchId);
  const pool = sqlite
    .prepare<[number], { sid: number; code: string }>('SELECT p.staff_id AS sid, s.code AS code FROM session_examiner_pool p JOIN exam_sessions s ON s.id = p.session_id WHERE s.batch_id = ?')
    .all(batchId);
  return new Map(
    rows.map((r) => [
      r.staffNo,
      { name: r.name, workUnit: text(r.workUnit), roles: list(r.roles.split(',')), examinerGrade: text(r.grade), sessions: list(pool.filter((p) => p.sid === r.id).map((p) => p.code)) },
    ]),
  );
}

function heldRooms(sqlite: ReadSqlite, batchId: number): Map<string, Fields> {
  const rows = sqlite
    .prepare<[number], { code: string; kind: string; building: string; floor: string; roomNo: string; seats: number }>(
      'SELECT code, kind, building, floor, room_no AS roomNo, seats FROM rooms WHERE batch_id = ?',
    )
    .all(batchId);
  return new Map(rows.map((r) => [r.code, roomFields(r)]));
}

const roomFields = (r: { code: string; kind: string; building: string; floor: string; roomNo: string; seats: number }): Fields => ({
  name: r.code,
  kind: r.kind,
  place: `${r.building}/${r.floor}/${r.roomNo}`,
  seats: String(r.seats),
});

function heldSessions(sqlite: ReadSqlite, batchId: number): Map<string, Fields> {
  const rows = sqlite
    .prepare<[number], { id: number; code: string; name: string; startsAt: string; endsAt: string }>('SELECT id, code, name, starts_at AS startsAt, ends_at AS endsAt FROM exam_sessions WHERE batch_id = ?')
    .all(batchId);
  const rooms = sqlite
    .prepare<[number], { sid: number; code: string }>('SELECT sr.session_id AS sid, r.code AS code FROM session_rooms sr JOIN rooms r ON r.id = sr.room_id WHERE r.batch_id = ?')
    .all(batchId);
  return new Map(rows.map((s) => [s.code, { name: s.name, startsAt: s.startsAt, endsAt: s.endsAt, rooms: list(rooms.filter((r) => r.sid === s.id).map((r) => r.code)) }]));
}

function diffMaps(held: Map<string, Fields>, next: Map<string, Fields>, fields: readonly string[], label: (key: string, f: Fields) => string): DiffPart {
  const part: DiffPart = { added: [], removed: [], changed: [] };
  for (const [k, f] of next) {
    const h = held.get(k);
    if (!h) {
      part.added.push({ key: k, name: f.name ?? k, label: label(k, f) });
      continue;
    }
    const changed = fields.filter((key) => (h[key] ?? '') !== (f[key] ?? '')).map((key) => ({ field: key, before: h[key] ?? '', after: f[key] ?? '' }));
    if (changed.length) part.changed.push({ key: k, name: f.name ?? k, label: label(k, f), fields: changed });
  }
  for (const [k, h] of held) if (!next.has(k)) part.removed.push({ key: k, name: h.name ?? k, label: label(k, h) });
  return part;
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
// a candidate is named by ticket and masked document number: the full number is not needed to see who
const candidateLabel = (doc: string, ticketNo: string | undefined) => `${ticketNo ?? ''} ${maskDocNumber(doc)}`;

/** The photos the import would store for candidates held (P7), against theirs: sizes and types first, the bytes (in SQLite) only when those agree. */
function photoDiff(sqlite: ReadSqlite, batchId: number, pkg: PlanPackage, photos: ReadonlyMap<string, PhotoFile>): DiffPart {
  const part: DiffPart = { added: [], removed: [], changed: [] };
  if (photos.size === 0) return part;
  const held = new Map(
    sqlite
      .prepare<[number], { id: number; doc: string; bytes: number | null; type: string | null }>('SELECT id, doc_number AS doc, length(photo) AS bytes, photo_type AS type FROM candidates WHERE batch_id = ?')
      .all(batchId)
      .map((r) => [r.doc, r]),
  );
  // compared by SQLite itself: the held photo is not copied out
  const sameAs = sqlite.prepare<[Buffer, number], { same: number }>('SELECT photo = ? AS same FROM candidates WHERE id = ?');
  for (const c of pkg.candidates) {
    const h = held.get(c.docNumber);
    const p = h ? candidatePhoto(photos, c) : null; // a candidate not held is listed under candidates, photo and all
    if (!h || !p) continue;
    const item = { key: c.docNumber, name: c.name, label: candidateLabel(c.docNumber, c.ticketNo) };
    if (h.bytes === null) part.added.push(item);
    else if (!(h.bytes === p.data.length && h.type === photoMime(p.image) && sameAs.get(p.data, h.id)?.same === 1))
      part.changed.push({ ...item, fields: [{ field: 'photo', before: kb(h.bytes), after: kb(p.data.length) }] });
  }
  return part;
}

/** What importing `pkg` (with `photos`) over the batch held would change; `held` is the candidates as read for it. */
export function diffPlan(sqlite: ReadSqlite, batchId: number, pkg: PlanPackage, held: Map<string, HeldCandidate>, photos: ReadonlyMap<string, PhotoFile>): PlanDiff {
  const heldCand = new Map([...held].map(([k, h]) => [k, h.fields]));
  const nextCand = new Map(pkg.candidates.map((c) => [c.docNumber, candidateFields(c)]));
  const candLabel = (k: string, f: Fields) => candidateLabel(k, f.ticketNo);
  const byCode = (k: string) => k;
  return {
    candidates: diffMaps(heldCand, nextCand, CANDIDATE_FIELDS, candLabel),
    staff: diffMaps(heldStaff(sqlite, batchId), new Map(pkg.staff.map((s) => [s.staffNo, staffFields(s)])), STAFF_FIELDS, byCode),
    rooms: diffMaps(heldRooms(sqlite, batchId), new Map(pkg.rooms.map((r) => [r.code, roomFields(r)])), ROOM_FIELDS, byCode),
    sessions: diffMaps(
      heldSessions(sqlite, batchId),
      new Map(pkg.sessions.map((s) => [s.code, { name: s.name, startsAt: s.startsAt, endsAt: s.endsAt, rooms: list(s.rooms) }])),
      SESSION_FIELDS,
      byCode,
    ),
    photos: photoDiff(sqlite, batchId, pkg, photos),
  };
}

/** no part changes (read from diffCounts, whose type names every part: a new part cannot be left out) */
export const diffEmpty = (d: PlanDiff) => Object.values(diffCounts(d)).every((n) => n.added + n.removed + n.changed === 0);

export function diffCounts(d: PlanDiff): Record<keyof PlanDiff, { added: number; removed: number; changed: number }> {
  const c = (p: DiffPart) => ({ added: p.added.length, removed: p.removed.length, changed: p.changed.length });
  return { candidates: c(d.candidates), staff: c(d.staff), rooms: c(d.rooms), sessions: c(d.sessions), photos: c(d.photos) };
}
