// Reading the plan back: the pages' queries and the package as held (for the export).
import type { Sqlite } from '../../../db';
import { AppError } from '../errors';
import { PLAN_FORMAT, PLAN_VERSION, type PlanCandidate, type PlanPackage, type PlanRole, type SubjectKind } from './format';
import { maskDocNumber } from '../../domain/gb11643';

export interface BatchRow {
  id: number;
  planCode: string;
  name: string;
  examDate: string;
  status: string;
  version: number;
  importedAt: string;
  candidates: number;
}

export function listBatches(sqlite: Sqlite): BatchRow[] {
  return sqlite
    .prepare(
      `SELECT b.id, b.plan_code AS planCode, b.name, b.exam_date AS examDate, b.status, b.plan_version AS version, b.imported_at AS importedAt,
              (SELECT COUNT(*) FROM candidates c WHERE c.batch_id = b.id) AS candidates
       FROM batches b ORDER BY b.exam_date DESC, b.id DESC`,
    )
    .all() as BatchRow[];
}

/** The batch asked for, or the latest when none is named; null when no plan is held. */
export function resolveBatch(sqlite: Sqlite, batchId?: number): number | null {
  if (batchId !== undefined) {
    const b = sqlite.prepare('SELECT id FROM batches WHERE id = ?').get(batchId) as { id: number } | undefined;
    if (!b) throw new AppError('NOT_FOUND', '找不到该认定批次。', 'No such batch.');
    return b.id;
  }
  return listBatches(sqlite)[0]?.id ?? null;
}

export function planOverview(sqlite: Sqlite, batchId: number) {
  const batch = sqlite
    .prepare(
      `SELECT b.id, b.plan_code AS planCode, b.name, b.exam_date AS examDate, b.status, b.plan_version AS version, b.imported_at AS importedAt,
              o.name AS orgName, o.code AS orgCode, o.type AS orgType, o.level_cap AS levelCap
       FROM batches b JOIN organisations o ON o.id = b.organisation_id WHERE b.id = ?`,
    )
    .get(batchId) as Record<string, string | number | null>;
  const occupations = sqlite
    .prepare(
      `SELECT o.id, o.code, o.name, o.work_type_code AS workTypeCode, o.work_type_name AS workTypeName, o.level,
              (SELECT COUNT(*) FROM candidates c WHERE c.occupation_id = o.id) AS candidates
       FROM occupations o WHERE o.batch_id = ? ORDER BY o.code, o.level DESC`,
    )
    .all(batchId) as { id: number; code: string; name: string; workTypeCode: string | null; workTypeName: string | null; level: number; candidates: number }[];
  const subjects = sqlite.prepare('SELECT id, occupation_id AS occupationId, kind, mode FROM subjects WHERE batch_id = ? ORDER BY id').all(batchId) as {
    id: number;
    occupationId: number;
    kind: SubjectKind;
    mode: string;
  }[];
  const sessions = sqlite
    .prepare(
      `SELECT s.id, s.code, s.name, s.starts_at AS startsAt, s.ends_at AS endsAt, s.proctors_per_room AS proctorsPerRoom, sp.examiners_per_room AS examinersPerRoom,
              sb.kind, sb.mode, o.name AS occupationName, o.work_type_name AS workTypeName, o.level
       FROM exam_sessions s JOIN subjects sb ON sb.id = s.subject_id JOIN occupations o ON o.id = sb.occupation_id
       LEFT JOIN session_plan sp ON sp.session_id = s.id
       WHERE s.batch_id = ? ORDER BY s.starts_at, s.code`,
    )
    .all(batchId) as {
    id: number;
    code: string;
    name: string;
    startsAt: string;
    endsAt: string;
    proctorsPerRoom: number;
    examinersPerRoom: number | null;
    kind: SubjectKind;
    mode: string;
    occupationName: string;
    workTypeName: string | null;
    level: number;
  }[];
  const occupancy = sqlite
    .prepare(
      `SELECT sr.session_id AS sessionId, r.id AS roomId, r.code AS room, r.seats,
              (SELECT COUNT(*) FROM candidate_subjects cs WHERE cs.session_id = sr.session_id AND cs.room_id = r.id) AS assigned
       FROM session_rooms sr JOIN rooms r ON r.id = sr.room_id JOIN exam_sessions s ON s.id = sr.session_id
       WHERE s.batch_id = ? ORDER BY r.code`,
    )
    .all(batchId) as { sessionId: number; roomId: number; room: string; seats: number; assigned: number }[];
  const count = (sql: string) => (sqlite.prepare(sql).get(batchId) as { n: number }).n;
  const lastImport = sqlite
    .prepare(
      `SELECT pi.version, pi.at, s.name AS actorName FROM plan_imports pi LEFT JOIN staff s ON s.id = pi.actor_id
       WHERE pi.batch_id = ? ORDER BY pi.id DESC LIMIT 1`,
    )
    .get(batchId) as { version: number; at: string; actorName: string | null } | undefined;
  return {
    batch,
    occupations: occupations.map((o) => ({ ...o, subjects: subjects.filter((s) => s.occupationId === o.id).map((s) => ({ kind: s.kind, mode: s.mode })) })),
    sessions: sessions.map((s) => ({ ...s, rooms: occupancy.filter((o) => o.sessionId === s.id).map(({ room, seats, assigned, roomId }) => ({ roomId, room, seats, assigned })) })),
    counts: {
      candidates: count('SELECT COUNT(*) AS n FROM candidates WHERE batch_id = ?'),
      photos: count('SELECT COUNT(*) AS n FROM candidates WHERE batch_id = ? AND photo IS NOT NULL'),
      rooms: count('SELECT COUNT(*) AS n FROM rooms WHERE batch_id = ?'),
      sessions: sessions.length,
      staff: count('SELECT COUNT(DISTINCT staff_id) AS n FROM batch_staff_roles WHERE batch_id = ?'),
    },
    lastImport: lastImport ?? null,
  };
}

export function searchCandidates(sqlite: Sqlite, batchId: number, opts: { q?: string; page: number; pageSize: number }) {
  const q = (opts.q ?? '').trim();
  let where = 'c.batch_id = @batchId';
  const params: Record<string, string | number> = { batchId, limit: opts.pageSize, offset: (opts.page - 1) * opts.pageSize };
  if (q) {
    // the last digits of the ID number (the door's fallback), a ticket number, or part of a name
    const tail = /^[0-9Xx]{1,6}$/.test(q);
    where += ` AND (c.name LIKE @like ESCAPE '\\' OR c.ticket_no LIKE @prefix ESCAPE '\\'${tail ? ' OR c.doc_tail LIKE @tail' : ''})`;
    const esc = q.replace(/[\\%_]/g, (m) => `\\${m}`);
    params.like = `%${esc}%`;
    params.prefix = `${esc}%`;
    if (tail) params.tail = `%${q.toUpperCase()}`;
  }
  const total = (sqlite.prepare(`SELECT COUNT(*) AS n FROM candidates c WHERE ${where}`).get(params) as { n: number }).n;
  const rows = sqlite
    .prepare(
      `SELECT c.id, c.name, c.gender, c.ticket_no AS ticketNo, c.doc_type AS docType, c.doc_number AS docNumber, c.photo IS NOT NULL AS hasPhoto,
              o.name AS occupationName, o.work_type_name AS workTypeName, o.level,
              (SELECT group_concat(s.code || ' ' || r.code || (CASE WHEN cs.seat IS NOT NULL THEN '-' || cs.seat ELSE '' END), '、')
                 FROM candidate_subjects cs JOIN exam_sessions s ON s.id = cs.session_id JOIN rooms r ON r.id = cs.room_id WHERE cs.candidate_id = c.id) AS seats
       FROM candidates c JOIN occupations o ON o.id = c.occupation_id
       WHERE ${where} ORDER BY c.ticket_no LIMIT @limit OFFSET @offset`,
    )
    .all(params) as { id: number; name: string; gender: string; ticketNo: string; docType: string; docNumber: string; hasPhoto: number; occupationName: string; workTypeName: string | null; level: number; seats: string | null }[];
  return { total, rows: rows.map(({ docNumber, hasPhoto, ...r }) => ({ ...r, docMasked: maskDocNumber(docNumber), hasPhoto: !!hasPhoto })) };
}

export function candidateDetail(sqlite: Sqlite, id: number) {
  const c = sqlite
    .prepare(
      `SELECT c.*, o.name AS occupation_name, o.work_type_name AS work_type_name, o.level AS level, o.code AS occupation_code
       FROM candidates c JOIN occupations o ON o.id = c.occupation_id WHERE c.id = ?`,
    )
    .get(id) as Record<string, unknown> | undefined;
  if (!c) throw new AppError('NOT_FOUND', '找不到该考生。', 'No such candidate.');
  const seats = sqlite
    .prepare(
      `SELECT sb.kind, sb.mode, s.code AS session, s.name AS sessionName, s.starts_at AS startsAt, s.ends_at AS endsAt,
              r.code AS room, r.building, r.floor, r.room_no AS roomNo, cs.seat, cs.retake
       FROM candidate_subjects cs JOIN subjects sb ON sb.id = cs.subject_id
       LEFT JOIN exam_sessions s ON s.id = cs.session_id LEFT JOIN rooms r ON r.id = cs.room_id
       WHERE cs.candidate_id = ? ORDER BY s.starts_at`,
    )
    .all(id) as {
    kind: SubjectKind;
    mode: string;
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
  }[];
  const trainers = sqlite
    .prepare('SELECT s.staff_no AS staffNo, s.name FROM training_relations t JOIN staff s ON s.id = t.staff_id WHERE t.candidate_id = ?')
    .all(id) as { staffNo: string; name: string }[];
  // G7: the platform's certificate number, once it has certified the latest sealed version naming this ticket
  const certificate = sqlite
    .prepare(
      `SELECT sc.certificate_no AS certificateNo, p.version FROM sync_certificates sc JOIN sealed_packages p ON p.hash = sc.package_hash
       WHERE p.batch_id = ? AND sc.candidate_ref = ? ORDER BY p.version DESC LIMIT 1`,
    )
    .get(c.batch_id, c.ticket_no) as { certificateNo: string; version: number } | undefined;
  const photo = c.photo as Buffer | null;
  const str = (k: string) => (c[k] === null || c[k] === undefined ? null : String(c[k]));
  return {
    id,
    batchId: Number(c.batch_id),
    name: String(c.name),
    gender: String(c.gender),
    birthDate: String(c.birth_date),
    docType: String(c.doc_type),
    docMasked: maskDocNumber(String(c.doc_number)),
    docNumber: String(c.doc_number),
    ticketNo: String(c.ticket_no),
    phone: str('phone'),
    ethnicity: str('ethnicity'),
    education: str('education'),
    major: str('major'),
    category: str('category'),
    workUnit: str('work_unit'),
    occupation: { code: String(c.occupation_code), name: String(c.occupation_name), workTypeName: str('work_type_name'), level: Number(c.level) },
    seats: seats.map((s) => ({ ...s, retake: !!s.retake })),
    trainers,
    photo: photo ? `data:${str('photo_type') ?? 'image/jpeg'};base64,${photo.toString('base64')}` : null,
    photoBytes: photo?.length ?? 0,
    certificateNo: certificate?.certificateNo ?? null,
  };
}

export function roomList(sqlite: Sqlite, batchId: number) {
  const rooms = sqlite
    .prepare('SELECT id, code, kind, building, floor, room_no AS roomNo, seats FROM rooms WHERE batch_id = ? ORDER BY kind DESC, id')
    .all(batchId) as { id: number; code: string; kind: string; building: string; floor: string; roomNo: string; seats: number }[];
  const uses = sqlite
    .prepare(
      `SELECT sr.room_id AS roomId, s.code AS session, s.name AS sessionName, s.starts_at AS startsAt, s.ends_at AS endsAt, s.proctors_per_room AS proctors,
              (SELECT COUNT(*) FROM candidate_subjects cs WHERE cs.session_id = s.id AND cs.room_id = sr.room_id) AS assigned
       FROM session_rooms sr JOIN exam_sessions s ON s.id = sr.session_id WHERE s.batch_id = ? ORDER BY s.starts_at`,
    )
    .all(batchId) as { roomId: number; session: string; sessionName: string; startsAt: string; endsAt: string; proctors: number; assigned: number }[];
  return rooms.map((r) => ({ ...r, sessions: uses.filter((u) => u.roomId === r.id).map(({ roomId: _r, ...u }) => u) }));
}

export function staffOfBatch(sqlite: Sqlite, batchId: number) {
  const rows = sqlite
    .prepare(
      `SELECT s.id, s.staff_no AS staffNo, s.name, s.gender, s.work_unit AS workUnit, s.examiner_grade AS examinerGrade, group_concat(b.role) AS roles,
              (SELECT group_concat(es.code, '、') FROM session_examiner_pool p JOIN exam_sessions es ON es.id = p.session_id WHERE p.staff_id = s.id AND es.batch_id = @batchId) AS sessions,
              (SELECT COUNT(*) FROM training_relations t JOIN candidates c ON c.id = t.candidate_id WHERE t.staff_id = s.id AND c.batch_id = @batchId) AS trained
       FROM batch_staff_roles b JOIN staff s ON s.id = b.staff_id WHERE b.batch_id = @batchId GROUP BY s.id ORDER BY s.staff_no`,
    )
    .all({ batchId }) as { id: number; staffNo: string; name: string; gender: string | null; workUnit: string | null; examinerGrade: string | null; roles: string; sessions: string | null; trained: number }[];
  return rows.map((r) => ({ ...r, roles: r.roles.split(',') as PlanRole[] }));
}

/** The plan package as the console holds it (the export, and the round trip of P11). */
export function loadPlanPackage(sqlite: Sqlite, batchId: number): PlanPackage {
  const b = sqlite
    .prepare(
      `SELECT b.plan_code AS planCode, b.name, b.exam_date AS examDate, o.code AS orgCode, o.name AS orgName, o.type AS orgType, o.level_cap AS levelCap
       FROM batches b JOIN organisations o ON o.id = b.organisation_id WHERE b.id = ?`,
    )
    .get(batchId) as { planCode: string; name: string; examDate: string; orgCode: string; orgName: string; orgType: PlanPackage['organisation']['type']; levelCap: number | null } | undefined;
  if (!b) throw new AppError('NOT_FOUND', '找不到该认定批次。', 'No such batch.');
  const subjects = sqlite
    .prepare(
      `SELECT sb.id, sb.kind, sb.mode, o.code AS occupationCode, o.name AS occupationName, o.work_type_code AS workTypeCode, o.work_type_name AS workTypeName, o.level
       FROM subjects sb JOIN occupations o ON o.id = sb.occupation_id WHERE sb.batch_id = ? ORDER BY sb.id`,
    )
    .all(batchId) as { id: number; kind: SubjectKind; mode: PlanPackage['subjects'][number]['mode']; occupationCode: string; occupationName: string; workTypeCode: string | null; workTypeName: string | null; level: number }[];
  // subject codes are the package's own keys: the sessions' codes name them back
  const subjectCode = new Map<number, string>();
  const sessionsRaw = sqlite
    .prepare(
      `SELECT s.id, s.code, s.name, s.subject_id AS subjectId, s.starts_at AS startsAt, s.ends_at AS endsAt, s.proctors_per_room AS proctorsPerRoom, sp.examiners_per_room AS examinersPerRoom
       FROM exam_sessions s LEFT JOIN session_plan sp ON sp.session_id = s.id WHERE s.batch_id = ? ORDER BY s.id`,
    )
    .all(batchId) as { id: number; code: string; name: string; subjectId: number; startsAt: string; endsAt: string; proctorsPerRoom: number; examinersPerRoom: number | null }[];
  for (const s of subjects) subjectCode.set(s.id, `${s.workTypeCode ?? s.occupationCode}/${s.level}/${s.kind}`);
  const sessionRooms = sqlite
    .prepare('SELECT sr.session_id AS sid, r.code FROM session_rooms sr JOIN rooms r ON r.id = sr.room_id JOIN exam_sessions s ON s.id = sr.session_id WHERE s.batch_id = ? ORDER BY r.id')
    .all(batchId) as { sid: number; code: string }[];
  const cands = sqlite
    .prepare(
      `SELECT c.*, o.name AS occ_name, o.work_type_name AS wt_name, o.level AS level FROM candidates c JOIN occupations o ON o.id = c.occupation_id
       WHERE c.batch_id = ? ORDER BY c.id`,
    )
    .all(batchId) as Record<string, unknown>[];
  const cs = sqlite
    .prepare(
      `SELECT cs.candidate_id AS cid, sb.kind, s.code AS session, r.code AS room, cs.seat, cs.retake
       FROM candidate_subjects cs JOIN subjects sb ON sb.id = cs.subject_id LEFT JOIN exam_sessions s ON s.id = cs.session_id LEFT JOIN rooms r ON r.id = cs.room_id
       WHERE sb.batch_id = ? ORDER BY s.starts_at`,
    )
    .all(batchId) as { cid: number; kind: SubjectKind; session: string | null; room: string | null; seat: string | null; retake: number }[];
  const csBy = new Map<number, typeof cs>();
  for (const r of cs) csBy.set(r.cid, [...(csBy.get(r.cid) ?? []), r]);
  const staff = staffOfBatch(sqlite, batchId);
  const trained = sqlite
    .prepare("SELECT t.staff_id AS sid, c.ticket_no AS ticket FROM training_relations t JOIN candidates c ON c.id = t.candidate_id WHERE c.batch_id = ? AND t.kind = 'trained' ORDER BY c.ticket_no")
    .all(batchId) as { sid: number; ticket: string }[];
  const s = (v: unknown) => (v === null || v === undefined ? null : String(v));
  return {
    format: PLAN_FORMAT,
    version: PLAN_VERSION,
    organisation: { code: b.orgCode, name: b.orgName, type: b.orgType, levelCap: b.levelCap },
    batch: { planCode: b.planCode, name: b.name, examDate: b.examDate },
    subjects: subjects.map((x) => ({ code: subjectCode.get(x.id)!, occupationCode: x.occupationCode, occupationName: x.occupationName, workTypeCode: x.workTypeCode, workTypeName: x.workTypeName, level: x.level, kind: x.kind, mode: x.mode })),
    rooms: (sqlite.prepare('SELECT code, kind, building, floor, room_no AS roomNo, seats FROM rooms WHERE batch_id = ? ORDER BY id').all(batchId) as PlanPackage['rooms']),
    sessions: sessionsRaw.map((x) => ({
      code: x.code,
      name: x.name,
      subject: subjectCode.get(x.subjectId)!,
      startsAt: x.startsAt,
      endsAt: x.endsAt,
      rooms: sessionRooms.filter((r) => r.sid === x.id).map((r) => r.code),
      proctorsPerRoom: x.proctorsPerRoom,
      examinersPerRoom: x.examinersPerRoom,
    })),
    candidates: cands.map((c): PlanCandidate => {
      const mine = csBy.get(Number(c.id)) ?? [];
      return {
        name: String(c.name),
        gender: c.gender === '女' ? '女' : '男',
        birthDate: String(c.birth_date),
        docType: String(c.doc_type),
        docNumber: String(c.doc_number),
        ticketNo: String(c.ticket_no),
        phone: s(c.phone),
        ethnicity: s(c.ethnicity),
        education: s(c.education),
        major: s(c.major),
        category: s(c.category),
        workUnit: s(c.work_unit),
        occupationName: String(c.occ_name),
        workTypeName: s(c.wt_name),
        level: Number(c.level),
        subjects: mine.map((m) => m.kind),
        seats: mine.filter((m) => m.session && m.room).map((m) => ({ session: m.session!, room: m.room!, seat: m.seat, retake: !!m.retake })),
      };
    }),
    staff: staff.map((p) => ({
      staffNo: p.staffNo,
      name: p.name,
      gender: p.gender === '男' || p.gender === '女' ? p.gender : null,
      workUnit: p.workUnit,
      phone: null,
      roles: p.roles,
      examinerGrade: p.examinerGrade === 'examiner' || p.examinerGrade === 'senior' ? p.examinerGrade : null,
      sessions: p.sessions ? p.sessions.split('、') : [],
      trained: trained.filter((t) => t.sid === p.id).map((t) => t.ticket),
    })),
  };
}

/** Photos as held, named by ticket (the export's photo zip). */
export function candidatePhotos(sqlite: Sqlite, batchId: number): { name: string; data: Buffer }[] {
  return (sqlite.prepare('SELECT ticket_no AS ticket, photo FROM candidates WHERE batch_id = ? AND photo IS NOT NULL ORDER BY ticket_no').all(batchId) as { ticket: string; photo: Buffer }[]).map((r) => ({
    name: `${r.ticket}.jpg`,
    data: r.photo,
  }));
}
