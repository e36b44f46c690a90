// What a results package carries (DOMAIN S9, A1): the plan's identity, the results, and every
// record they rest on, read from the database at the moment of the seal.
import type { ReadSqlite } from '../../../db';
import type { ReadContext } from '../context';
import { batchOf } from './readiness';
import { packagedResults } from './results-read';
import type { Signed } from './signers';

/** Marks the content the ceremony builds (other packages, e.g. the sync tests' samples, are not re-derived). */
export const RESULTS_FORMAT = 'esc-results/1';

interface SheetRow {
  id: number;
  ticketNo: string;
  candidateId: number;
  subjectId: number;
  sessionId: number;
  roomId: number;
  examinerNo: string;
  entries: string;
  total: number;
  submittedAt: string | null;
  signature: string | null;
}

function rowsOf(sqlite: ReadSqlite, sql: string, batchId: number): unknown[] {
  return sqlite.prepare<[number]>(sql).all(batchId);
}

function scoreSheets(sqlite: ReadSqlite, batchId: number) {
  const rows = sqlite
    .prepare<[number], SheetRow>(
      `SELECT s.id, c.ticket_no AS ticketNo, s.candidate_id AS candidateId, s.subject_id AS subjectId, s.session_id AS sessionId, s.room_id AS roomId,
              st.staff_no AS examinerNo, s.entries, s.total, s.submitted_at AS submittedAt, s.signature
       FROM score_sheets s JOIN subjects su ON su.id = s.subject_id JOIN candidates c ON c.id = s.candidate_id JOIN staff st ON st.id = s.examiner_id
       WHERE su.batch_id = ? AND s.status = 'submitted' ORDER BY s.id`,
    )
    .all(batchId);
  return rows.map((s) => {
    const entries: unknown = JSON.parse(s.entries);
    return { ...s, entries };
  });
}

/** The parts of the package that must keep matching the database while the batch is sealed. */
export function derivedContent(ctx: Pick<ReadContext, 'sqlite'>, batchId: number) {
  const { sqlite } = ctx;
  return {
    results: packagedResults(sqlite, batchId),
    scoreSheets: scoreSheets(sqlite, batchId),
    theoryScores: rowsOf(
      sqlite,
      `SELECT t.candidate_id AS candidateId, c.ticket_no AS ticketNo, t.subject_id AS subjectId, t.score, t.source, t.import_id AS importId, t.confirmed_at AS confirmedAt, t.confirmed_by AS confirmedBy
       FROM theory_scores t JOIN subjects su ON su.id = t.subject_id JOIN candidates c ON c.id = t.candidate_id WHERE su.batch_id = ? ORDER BY t.subject_id, c.ticket_no`,
      batchId,
    ),
    rulings: rowsOf(
      sqlite,
      `SELECT r.id, r.incident_id AS incidentId, r.candidate_id AS candidateId, r.staff_id AS staffId, r.subject_id AS subjectId, r.decision, r.reason,
              r.decided_at AS decidedAt, r.decided_by AS decidedBy, r.supersedes, r.superseded_by AS supersededBy, r.signature
       FROM incident_rulings r JOIN incidents i ON i.id = r.incident_id WHERE i.batch_id = ? ORDER BY r.id`,
      batchId,
    ),
  };
}

function planPart(ctx: ReadContext, batchId: number) {
  const b = batchOf(ctx.db, batchId);
  const { sqlite } = ctx;
  return {
    planCode: b.planCode,
    name: b.name,
    examDate: b.examDate,
    planVersion: b.planVersion,
    occupations: rowsOf(sqlite, 'SELECT id, code, name, work_type_name AS workType, level FROM occupations WHERE batch_id = ? ORDER BY id', batchId),
    subjects: rowsOf(sqlite, 'SELECT id, occupation_id AS occupationId, kind, mode FROM subjects WHERE batch_id = ? ORDER BY id', batchId),
    sessions: rowsOf(sqlite, 'SELECT id, subject_id AS subjectId, code, name, starts_at AS startsAt, ends_at AS endsAt FROM exam_sessions WHERE batch_id = ? ORDER BY id', batchId),
  };
}

/** The records of the day: incidents (by kind code), check-ins and absences. */
function dayPart(sqlite: ReadSqlite, batchId: number) {
  return {
    incidents: rowsOf(
      sqlite,
      `SELECT id, session_id AS sessionId, room_id AS roomId, subject_type AS subjectType, candidate_id AS candidateId, staff_id AS staffId, kind,
              occurred_at AS occurredAt, description, recorded_at AS recordedAt, recorded_by AS recordedBy, second_signer_id AS secondSignerId, source, status
       FROM incidents WHERE batch_id = ? ORDER BY id`,
      batchId,
    ),
    checkins: rowsOf(
      sqlite,
      `SELECT ck.id, ck.session_id AS sessionId, ck.room_id AS roomId, c.ticket_no AS ticketNo, ck.status, ck.proctor_id AS proctorId, ck.second_proctor_id AS secondProctorId
       FROM checkins ck JOIN exam_sessions es ON es.id = ck.session_id JOIN candidates c ON c.id = ck.candidate_id WHERE es.batch_id = ? ORDER BY ck.id`,
      batchId,
    ),
    absences: rowsOf(
      sqlite,
      'SELECT a.session_id AS sessionId, a.room_id AS roomId, c.ticket_no AS ticketNo FROM checkin_absences a JOIN exam_sessions es ON es.id = a.session_id JOIN candidates c ON c.id = a.candidate_id WHERE es.batch_id = ? ORDER BY a.session_id, c.ticket_no',
      batchId,
    ),
  };
}

function drawPart(sqlite: ReadSqlite, batchId: number) {
  return {
    draws: rowsOf(sqlite, 'SELECT id, seed, algorithm, status, inputs_digest AS inputsDigest, result_digest AS resultDigest, confirmed_at AS confirmedAt, confirmed_by AS confirmedBy FROM draws WHERE batch_id = ? ORDER BY id', batchId),
    assignments: rowsOf(
      sqlite,
      'SELECT a.draw_id AS drawId, a.session_id AS sessionId, a.room_id AS roomId, a.staff_id AS staffId, a.role, a.position, a.active FROM draw_assignments a JOIN draws d ON d.id = a.draw_id WHERE d.batch_id = ? ORDER BY a.draw_id, a.session_id, a.room_id, a.position',
      batchId,
    ),
    changes: rowsOf(sqlite, 'SELECT c.* FROM draw_changes c JOIN draws d ON d.id = c.draw_id WHERE d.batch_id = ? ORDER BY c.id', batchId),
  };
}

/** Everything the package carries. */
export function sealContent(ctx: ReadContext, batchId: number, signatures: readonly Signed[]) {
  const { sqlite } = ctx;
  const head = sqlite.prepare<[], { seq: number; hash: string; at: string }>('SELECT seq, hash, at FROM audit_events ORDER BY seq DESC LIMIT 1').get();
  return {
    format: RESULTS_FORMAT,
    plan: planPart(ctx, batchId),
    ...derivedContent(ctx, batchId),
    theoryImports: rowsOf(
      sqlite,
      "SELECT id, subject_id AS subjectId, file_name AS fileName, encoding, digest, confirmed_at AS confirmedAt, confirmed_by AS confirmedBy FROM theory_imports WHERE batch_id = ? AND status = 'confirmed' ORDER BY id",
      batchId,
    ),
    panelReviews: rowsOf(
      sqlite,
      'SELECT r.id, r.candidate_id AS candidateId, r.subject_id AS subjectId, r.chief_id AS chiefId, r.spread, r.note, r.at FROM panel_reviews r JOIN subjects su ON su.id = r.subject_id WHERE su.batch_id = ? ORDER BY r.id',
      batchId,
    ),
    ...dayPart(sqlite, batchId),
    draw: drawPart(sqlite, batchId),
    auditHead: head ?? null,
    signatures: signatures.map((s) => ({ role: s.role, staffNo: s.staffNo, name: s.name, at: s.at })),
  };
}
