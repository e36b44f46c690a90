// The plan as the console holds it, back in the package's form: the export (a workbook and a zip
// of photos) and the round trip of P11 (what was imported reads back unchanged).
import type { ReadSqlite } from '../../../db';
import { AppError } from '../errors';
import { PLAN_FORMAT, PLAN_VERSION, type Mode, type PlanCandidate, type PlanPackage, type SubjectKind } from './format';
import { resolveBatch, staffRows } from './queries';
import { writePlanWorkbook } from './writer';
import { writeZip } from './zip';

interface HeldBatchRow {
  planCode: string;
  name: string;
  examDate: string;
  orgCode: string;
  orgName: string;
  orgType: PlanPackage['organisation']['type'];
  levelCap: number | null;
}

interface HeldSubjectRow {
  id: number;
  kind: SubjectKind;
  mode: Mode;
  occupationCode: string;
  occupationName: string;
  workTypeCode: string | null;
  workTypeName: string | null;
  level: number;
}

/** Subjects, each with the code the sessions name it by (the package's own key: work type or occupation / level / kind). */
function heldSubjects(sqlite: ReadSqlite, batchId: number): { subjects: PlanPackage['subjects']; codeOf: Map<number, string> } {
  const rows = sqlite
    .prepare<[number], HeldSubjectRow>(
      `SELECT sb.id, sb.kind, sb.mode, o.code AS occupationCode, o.name AS occupationName, o.work_type_code AS workTypeCode, o.work_type_name AS workTypeName, o.level
       FROM subjects sb JOIN occupations o ON o.id = sb.occupation_id WHERE sb.batch_id = ? ORDER BY sb.id`,
    )
    .all(batchId);
  const codeOf = new Map(rows.map((s) => [s.id, `${s.workTypeCode ?? s.occupationCode}/${s.level}/${s.kind}`]));
  return { subjects: rows.map(({ id, ...x }) => ({ code: codeOf.get(id)!, ...x })), codeOf };
}

interface HeldSessionRow {
  id: number;
  code: string;
  name: string;
  subjectId: number;
  startsAt: string;
  endsAt: string;
  proctorsPerRoom: number;
  examinersPerRoom: number | null;
}

function heldSessions(sqlite: ReadSqlite, batchId: number, subjectCode: Map<number, string>): PlanPackage['sessions'] {
  const rows = sqlite
    .prepare<[number], HeldSessionRow>(
      `SELECT s.id, s.code, s.name, s.subject_id AS subjectId, s.starts_at AS startsAt, s.ends_at AS endsAt, s.proctors_per_room AS proctorsPerRoom, sp.examiners_per_room AS examinersPerRoom
       FROM exam_sessions s LEFT JOIN session_plan sp ON sp.session_id = s.id WHERE s.batch_id = ? ORDER BY s.id`,
    )
    .all(batchId);
  const rooms = sqlite
    .prepare<[number], { sid: number; code: string }>('SELECT sr.session_id AS sid, r.code FROM session_rooms sr JOIN rooms r ON r.id = sr.room_id JOIN exam_sessions s ON s.id = sr.session_id WHERE s.batch_id = ? ORDER BY r.id')
    .all(batchId);
  return rows.map(({ id, subjectId, ...x }) => ({ ...x, subject: subjectCode.get(subjectId)!, rooms: rooms.filter((r) => r.sid === id).map((r) => r.code) }));
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
  occupationName: string;
  workTypeName: string | null;
  level: number;
}

interface HeldSeatRow {
  cid: number;
  kind: SubjectKind;
  session: string | null;
  room: string | null;
  seat: string | null;
  retake: number;
}

function heldCandidates(sqlite: ReadSqlite, batchId: number): PlanCandidate[] {
  const rows = sqlite
    .prepare<[number], HeldCandidateRow>(
      `SELECT c.id, c.name, c.gender, c.birth_date AS birthDate, c.doc_type AS docType, c.doc_number AS docNumber, c.ticket_no AS ticketNo, c.phone, c.ethnicity,
              c.education, c.major, c.category, c.work_unit AS workUnit, o.name AS occupationName, o.work_type_name AS workTypeName, o.level AS level
       FROM candidates c JOIN occupations o ON o.id = c.occupation_id WHERE c.batch_id = ? ORDER BY c.id`,
    )
    .all(batchId);
  const seats = sqlite
    .prepare<[number], HeldSeatRow>(
      `SELECT cs.candidate_id AS cid, sb.kind, s.code AS session, r.code AS room, cs.seat, cs.retake
       FROM candidate_subjects cs JOIN subjects sb ON sb.id = cs.subject_id LEFT JOIN exam_sessions s ON s.id = cs.session_id LEFT JOIN rooms r ON r.id = cs.room_id
       WHERE sb.batch_id = ? ORDER BY s.starts_at`,
    )
    .all(batchId);
  const byCandidate = new Map<number, HeldSeatRow[]>();
  for (const r of seats) byCandidate.set(r.cid, [...(byCandidate.get(r.cid) ?? []), r]);
  return rows.map(({ id, gender, ...c }) => {
    const mine = byCandidate.get(id) ?? [];
    return {
      ...c,
      gender: gender === '女' ? '女' : '男',
      subjects: mine.map((m) => m.kind),
      seats: mine.filter((m) => m.session && m.room).map((m) => ({ session: m.session!, room: m.room!, seat: m.seat, retake: !!m.retake })),
    };
  });
}

function heldStaff(sqlite: ReadSqlite, batchId: number): PlanPackage['staff'] {
  const trained = sqlite
    .prepare<[number], { sid: number; ticket: string }>(
      "SELECT t.staff_id AS sid, c.ticket_no AS ticket FROM training_relations t JOIN candidates c ON c.id = t.candidate_id WHERE c.batch_id = ? AND t.kind = 'trained' ORDER BY c.ticket_no",
    )
    .all(batchId);
  return staffRows(sqlite, batchId).map((p) => ({
    staffNo: p.staffNo,
    name: p.name,
    gender: p.gender === '男' || p.gender === '女' ? p.gender : null,
    workUnit: p.workUnit,
    phone: null,
    roles: p.roles,
    examinerGrade: p.examinerGrade === 'examiner' || p.examinerGrade === 'senior' ? p.examinerGrade : null,
    sessions: p.sessions ? p.sessions.split('、') : [],
    trained: trained.filter((t) => t.sid === p.id).map((t) => t.ticket),
  }));
}

/** The plan package as the console holds it (the export, and the round trip of P11). */
export function loadPlanPackage(sqlite: ReadSqlite, batchId: number): PlanPackage {
  const b = sqlite
    .prepare<[number], HeldBatchRow>(
      `SELECT b.plan_code AS planCode, b.name, b.exam_date AS examDate, o.code AS orgCode, o.name AS orgName, o.type AS orgType, o.level_cap AS levelCap
       FROM batches b JOIN organisations o ON o.id = b.organisation_id WHERE b.id = ?`,
    )
    .get(batchId);
  if (!b) throw new AppError('NOT_FOUND', 'batch.notFound', { batchId });
  const { subjects, codeOf } = heldSubjects(sqlite, batchId);
  return {
    format: PLAN_FORMAT,
    version: PLAN_VERSION,
    organisation: { code: b.orgCode, name: b.orgName, type: b.orgType, levelCap: b.levelCap },
    batch: { planCode: b.planCode, name: b.name, examDate: b.examDate },
    subjects,
    rooms: sqlite
      .prepare<[number], PlanPackage['rooms'][number]>('SELECT code, kind, building, floor, room_no AS roomNo, seats FROM rooms WHERE batch_id = ? ORDER BY id')
      .all(batchId),
    sessions: heldSessions(sqlite, batchId, codeOf),
    candidates: heldCandidates(sqlite, batchId),
    staff: heldStaff(sqlite, batchId),
  };
}

/** Photos as held, named by ticket (the export's photo zip). */
export function candidatePhotos(sqlite: ReadSqlite, batchId: number): { name: string; data: Buffer }[] {
  return sqlite
    .prepare<[number], { ticket: string; photo: Buffer }>('SELECT ticket_no AS ticket, photo FROM candidates WHERE batch_id = ? AND photo IS NOT NULL ORDER BY ticket_no')
    .all(batchId)
    .map((r) => ({ name: `${r.ticket}.jpg`, data: r.photo }));
}

/** The export: the plan as held as a workbook, and its photos as a zip; the file names carry the plan code. */
export async function planExportFiles(sqlite: ReadSqlite, batchId: number | undefined, withPhotos: boolean) {
  const id = resolveBatch(sqlite, batchId);
  if (id === null) throw new AppError('NOT_FOUND', 'plan.noPlan');
  const pkg = loadPlanPackage(sqlite, id);
  const workbook = await writePlanWorkbook(pkg);
  const photos = withPhotos ? await writeZip(candidatePhotos(sqlite, id)) : null;
  return {
    fileName: `认定计划-${pkg.batch.planCode}.xlsx`,
    data: workbook.toString('base64'),
    photos: photos ? { fileName: `照片-${pkg.batch.planCode}.zip`, data: photos.toString('base64') } : null,
  };
}
