// Reading the plan back: the pages' queries and the package as held (for the export). Every
// function reads through the read-only handle; each names the batch it reads, or the latest.
import type { ReadSqlite } from '../../../db';
import type { BatchStatus } from '../../../db/schema/core';
import { maskDocNumber } from '../../domain/gb11643';
import { AppError } from '../errors';
import type { Mode, PlanRole, SubjectKind } from './format';

export interface BatchRow {
  id: number;
  planCode: string;
  name: string;
  examDate: string;
  status: BatchStatus;
  version: number;
  importedAt: string;
  candidates: number;
}

export function listBatches(sqlite: ReadSqlite): BatchRow[] {
  return sqlite
    .prepare<[], BatchRow>(
      `SELECT b.id, b.plan_code AS planCode, b.name, b.exam_date AS examDate, b.status, b.plan_version AS version, b.imported_at AS importedAt,
              (SELECT COUNT(*) FROM candidates c WHERE c.batch_id = b.id) AS candidates
       FROM batches b ORDER BY b.exam_date DESC, b.id DESC`,
    )
    .all();
}

/** The batch asked for, or the latest when none is named; null when no plan is held. */
export function resolveBatch(sqlite: ReadSqlite, batchId?: number): number | null {
  if (batchId !== undefined) {
    const b = sqlite.prepare<[number], { id: number }>('SELECT id FROM batches WHERE id = ?').get(batchId);
    if (!b) throw new AppError('NOT_FOUND', 'batch.notFound', { batchId });
    return b.id;
  }
  return listBatches(sqlite)[0]?.id ?? null;
}

const count = (sqlite: ReadSqlite, sql: string, batchId: number) => sqlite.prepare<[number], { n: number }>(sql).get(batchId)?.n ?? 0;

interface OverviewBatch {
  id: number;
  planCode: string;
  name: string;
  examDate: string;
  status: BatchStatus;
  version: number;
  importedAt: string;
  orgName: string;
  orgCode: string;
  orgType: string;
  levelCap: number | null;
}

interface OccupationRow {
  id: number;
  code: string;
  name: string;
  workTypeCode: string | null;
  workTypeName: string | null;
  level: number;
  candidates: number;
}

function occupationsWithSubjects(sqlite: ReadSqlite, batchId: number) {
  const occupations = sqlite
    .prepare<[number], OccupationRow>(
      `SELECT o.id, o.code, o.name, o.work_type_code AS workTypeCode, o.work_type_name AS workTypeName, o.level,
              (SELECT COUNT(*) FROM candidates c WHERE c.occupation_id = o.id) AS candidates
       FROM occupations o WHERE o.batch_id = ? ORDER BY o.code, o.level DESC`,
    )
    .all(batchId);
  const subjects = sqlite
    .prepare<[number], { occupationId: number; kind: SubjectKind; mode: Mode }>('SELECT occupation_id AS occupationId, kind, mode FROM subjects WHERE batch_id = ? ORDER BY id')
    .all(batchId);
  return occupations.map((o) => ({ ...o, subjects: subjects.filter((s) => s.occupationId === o.id).map(({ kind, mode }) => ({ kind, mode })) }));
}

interface SessionRow {
  id: number;
  code: string;
  name: string;
  startsAt: string;
  endsAt: string;
  proctorsPerRoom: number;
  examinersPerRoom: number | null;
  kind: SubjectKind;
  mode: Mode;
  occupationName: string;
  workTypeName: string | null;
  level: number;
}

function sessionsWithRooms(sqlite: ReadSqlite, batchId: number) {
  const sessions = sqlite
    .prepare<[number], SessionRow>(
      `SELECT s.id, s.code, s.name, s.starts_at AS startsAt, s.ends_at AS endsAt, s.proctors_per_room AS proctorsPerRoom, sp.examiners_per_room AS examinersPerRoom,
              sb.kind, sb.mode, o.name AS occupationName, o.work_type_name AS workTypeName, o.level
       FROM exam_sessions s JOIN subjects sb ON sb.id = s.subject_id JOIN occupations o ON o.id = sb.occupation_id
       LEFT JOIN session_plan sp ON sp.session_id = s.id
       WHERE s.batch_id = ? ORDER BY s.starts_at, s.code`,
    )
    .all(batchId);
  const occupancy = sqlite
    .prepare<[number], { sessionId: number; roomId: number; room: string; seats: number; assigned: number }>(
      `SELECT sr.session_id AS sessionId, r.id AS roomId, r.code AS room, r.seats,
              (SELECT COUNT(*) FROM candidate_subjects cs WHERE cs.session_id = sr.session_id AND cs.room_id = r.id) AS assigned
       FROM session_rooms sr JOIN rooms r ON r.id = sr.room_id JOIN exam_sessions s ON s.id = sr.session_id
       WHERE s.batch_id = ? ORDER BY r.code`,
    )
    .all(batchId);
  return sessions.map((s) => ({ ...s, rooms: occupancy.filter((o) => o.sessionId === s.id).map(({ room, seats, assigned, roomId }) => ({ roomId, room, seats, assigned })) }));
}

/** The overview page: the batch, its occupations and subjects, the sessions' timeline and room occupancy. */
export function planOverview(sqlite: ReadSqlite, batchId?: number) {
  const id = resolveBatch(sqlite, batchId);
  if (id === null) return null;
  const batch = sqlite
    .prepare<[number], OverviewBatch>(
      `SELECT b.id, b.plan_code AS planCode, b.name, b.exam_date AS examDate, b.status, b.plan_version AS version, b.imported_at AS importedAt,
              o.name AS orgName, o.code AS orgCode, o.type AS orgType, o.level_cap AS levelCap
       FROM batches b JOIN organisations o ON o.id = b.organisation_id WHERE b.id = ?`,
    )
    .get(id)!;
  const sessions = sessionsWithRooms(sqlite, id);
  const lastImport = sqlite
    .prepare<[number], { version: number; at: string; actorName: string | null }>(
      `SELECT pi.version, pi.at, s.name AS actorName FROM plan_imports pi LEFT JOIN staff s ON s.id = pi.actor_id
       WHERE pi.batch_id = ? ORDER BY pi.id DESC LIMIT 1`,
    )
    .get(id);
  return {
    batch,
    occupations: occupationsWithSubjects(sqlite, id),
    sessions,
    counts: {
      candidates: count(sqlite, 'SELECT COUNT(*) AS n FROM candidates WHERE batch_id = ?', id),
      photos: count(sqlite, 'SELECT COUNT(*) AS n FROM candidates WHERE batch_id = ? AND photo IS NOT NULL', id),
      rooms: count(sqlite, 'SELECT COUNT(*) AS n FROM rooms WHERE batch_id = ?', id),
      sessions: sessions.length,
      staff: count(sqlite, 'SELECT COUNT(DISTINCT staff_id) AS n FROM batch_staff_roles WHERE batch_id = ?', id),
    },
    lastImport: lastImport ?? null,
  };
}

interface CandidateListRow {
  id: number;
  name: string;
  gender: string;
  ticketNo: string;
  docType: string;
  docNumber: string;
  hasPhoto: number;
  occupationName: string;
  workTypeName: string | null;
  level: number;
  seats: string | null;
}

type SearchParams = { batchId: number; limit: number; offset: number; like?: string; prefix?: string; tail?: string };

/** The candidates page: a page of the batch's candidates, found by name, ticket or the ID number's last digits. */
export function searchCandidates(sqlite: ReadSqlite, batchId: number | undefined, opts: { q?: string; page: number; pageSize: number }) {
  const id = resolveBatch(sqlite, batchId);
  if (id === null) return { total: 0, rows: [] };
  const q = (opts.q ?? '').trim();
  let where = 'c.batch_id = @batchId';
  const params: SearchParams = { batchId: id, limit: opts.pageSize, offset: (opts.page - 1) * opts.pageSize };
  if (q) {
    // the last digits of the ID number (the door's fallback), a ticket number, or part of a name
    const tail = /^[0-9Xx]{1,6}$/.test(q);
    where += ` AND (c.name LIKE @like ESCAPE '\\' OR c.ticket_no LIKE @prefix ESCAPE '\\'${tail ? ' OR c.doc_tail LIKE @tail' : ''})`;
    const esc = q.replace(/[\\%_]/g, (m) => `\\${m}`);
    params.like = `%${esc}%`;
    params.prefix = `${esc}%`;
    if (tail) params.tail = `%${q.toUpperCase()}`;
  }
  const { limit: _l, offset: _o, ...countParams } = params;
  const total = sqlite.prepare<[Omit<SearchParams, 'limit' | 'offset'>], { n: number }>(`SELECT COUNT(*) AS n FROM candidates c WHERE ${where}`).get(countParams)?.n ?? 0;
  const rows = sqlite
    .prepare<[SearchParams], CandidateListRow>(
      `SELECT c.id, c.name, c.gender, c.ticket_no AS ticketNo, c.doc_type AS docType, c.doc_number AS docNumber, c.photo IS NOT NULL AS hasPhoto,
              o.name AS occupationName, o.work_type_name AS workTypeName, o.level,
              (SELECT group_concat(s.code || ' ' || r.code || (CASE WHEN cs.seat IS NOT NULL THEN '-' || cs.seat ELSE '' END), '、')
                 FROM candidate_subjects cs JOIN exam_sessions s ON s.id = cs.session_id JOIN rooms r ON r.id = cs.room_id WHERE cs.candidate_id = c.id) AS seats
       FROM candidates c JOIN occupations o ON o.id = c.occupation_id
       WHERE ${where} ORDER BY c.ticket_no LIMIT @limit OFFSET @offset`,
    )
    .all(params);
  return { total, rows: rows.map(({ docNumber, hasPhoto, ...r }) => ({ ...r, docMasked: maskDocNumber(docNumber), hasPhoto: !!hasPhoto })) };
}

interface CandidateDetailRow {
  batchId: number;
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
  photo: Buffer | null;
  photoType: string | null;
  occupationCode: string;
  occupationName: string;
  workTypeName: string | null;
  level: number;
}

interface CandidateSeatRow {
  kind: SubjectKind;
  mode: Mode;
  session: string | null;
  sessionName: string | null;
  startsAt: string | null;
  endsAt: string | null;
  room: string | null;
  building: string | null;
  floor: string | null;
  roomNo: string | null;
  seat: string | null;
  retake: number;
}

function candidateSeats(sqlite: ReadSqlite, id: number) {
  return sqlite
    .prepare<[number], CandidateSeatRow>(
      `SELECT sb.kind, sb.mode, s.code AS session, s.name AS sessionName, s.starts_at AS startsAt, s.ends_at AS endsAt,
              r.code AS room, r.building, r.floor, r.room_no AS roomNo, cs.seat, cs.retake
       FROM candidate_subjects cs JOIN subjects sb ON sb.id = cs.subject_id
       LEFT JOIN exam_sessions s ON s.id = cs.session_id LEFT JOIN rooms r ON r.id = cs.room_id
       WHERE cs.candidate_id = ? ORDER BY s.starts_at`,
    )
    .all(id)
    .map((s) => ({ ...s, retake: !!s.retake }));
}

/** One candidate: the record, seats, trainers (S3), photo and the platform's certificate (G7). */
export function candidateDetail(sqlite: ReadSqlite, id: number) {
  const c = sqlite
    .prepare<[number], CandidateDetailRow>(
      `SELECT c.batch_id AS batchId, c.name, c.gender, c.birth_date AS birthDate, c.doc_type AS docType, c.doc_number AS docNumber, c.ticket_no AS ticketNo,
              c.phone, c.ethnicity, c.education, c.major, c.category, c.work_unit AS workUnit, c.photo, c.photo_type AS photoType,
              o.code AS occupationCode, o.name AS occupationName, o.work_type_name AS workTypeName, o.level
       FROM candidates c JOIN occupations o ON o.id = c.occupation_id WHERE c.id = ?`,
    )
    .get(id);
  if (!c) throw new AppError('NOT_FOUND', 'plan.candidateNotFound', { id });
  const trainers = sqlite
    .prepare<[number], { staffNo: string; name: string }>('SELECT s.staff_no AS staffNo, s.name FROM training_relations t JOIN staff s ON s.id = t.staff_id WHERE t.candidate_id = ?')
    .all(id);
  // G7: the platform's certificate number, once it has certified the latest sealed version naming this ticket
  const certificate = sqlite
    .prepare<[number, string], { certificateNo: string; version: number }>(
      `SELECT sc.certificate_no AS certificateNo, p.version FROM sync_certificates sc JOIN sealed_packages p ON p.hash = sc.package_hash
       WHERE p.batch_id = ? AND sc.candidate_ref = ? ORDER BY p.version DESC LIMIT 1`,
    )
    .get(c.batchId, c.ticketNo);
  const { photo, photoType, occupationCode, occupationName, workTypeName, level, ...person } = c;
  return {
    id,
    ...person,
    docMasked: maskDocNumber(c.docNumber),
    occupation: { code: occupationCode, name: occupationName, workTypeName, level },
    seats: candidateSeats(sqlite, id),
    trainers,
    photo: photo ? `data:${photoType ?? 'image/jpeg'};base64,${photo.toString('base64')}` : null,
    photoBytes: photo?.length ?? 0,
    certificateNo: certificate?.certificateNo ?? null,
  };
}

/** The rooms page: each room with the sessions that use it and how many sit there. */
export function roomList(sqlite: ReadSqlite, batchId?: number) {
  const id = resolveBatch(sqlite, batchId);
  if (id === null) return [];
  const rooms = sqlite
    .prepare<[number], { id: number; code: string; kind: string; building: string; floor: string; roomNo: string; seats: number }>(
      'SELECT id, code, kind, building, floor, room_no AS roomNo, seats FROM rooms WHERE batch_id = ? ORDER BY kind DESC, id',
    )
    .all(id);
  const uses = sqlite
    .prepare<[number], { roomId: number; session: string; sessionName: string; startsAt: string; endsAt: string; proctors: number; assigned: number }>(
      `SELECT sr.room_id AS roomId, s.code AS session, s.name AS sessionName, s.starts_at AS startsAt, s.ends_at AS endsAt, s.proctors_per_room AS proctors,
              (SELECT COUNT(*) FROM candidate_subjects cs WHERE cs.session_id = s.id AND cs.room_id = sr.room_id) AS assigned
       FROM session_rooms sr JOIN exam_sessions s ON s.id = sr.session_id WHERE s.batch_id = ? ORDER BY s.starts_at`,
    )
    .all(id);
  return rooms.map((r) => ({ ...r, sessions: uses.filter((u) => u.roomId === r.id).map(({ roomId: _r, ...u }) => u) }));
}

interface StaffRow {
  id: number;
  staffNo: string;
  name: string;
  gender: string | null;
  workUnit: string | null;
  examinerGrade: string | null;
  roles: string;
  sessions: string | null;
  trained: number;
}

export function staffRows(sqlite: ReadSqlite, batchId: number) {
  const rows = sqlite
    .prepare<[{ batchId: number }], StaffRow>(
      `SELECT s.id, s.staff_no AS staffNo, s.name, s.gender, s.work_unit AS workUnit, s.examiner_grade AS examinerGrade, group_concat(b.role) AS roles,
              (SELECT group_concat(es.code, '、') FROM session_examiner_pool p JOIN exam_sessions es ON es.id = p.session_id WHERE p.staff_id = s.id AND es.batch_id = @batchId) AS sessions,
              (SELECT COUNT(*) FROM training_relations t JOIN candidates c ON c.id = t.candidate_id WHERE t.staff_id = s.id AND c.batch_id = @batchId) AS trained
       FROM batch_staff_roles b JOIN staff s ON s.id = b.staff_id WHERE b.batch_id = @batchId GROUP BY s.id ORDER BY s.staff_no`,
    )
    .all({ batchId });
  return rows.map((r) => ({ ...r, roles: r.roles.split(',').filter(isPlanRole) }));
}

const PLAN_ROLE_SET: ReadonlySet<string> = new Set<PlanRole>(['proctor', 'examiner', 'chief_examiner', 'supervisor', 'score_clerk']);
const isPlanRole = (r: string): r is PlanRole => PLAN_ROLE_SET.has(r);

/** The staff page: the batch's staff with their roles in it, booked sessions and trained candidates. */
export function staffOfBatch(sqlite: ReadSqlite, batchId?: number) {
  const id = resolveBatch(sqlite, batchId);
  return id === null ? [] : staffRows(sqlite, id);
}
