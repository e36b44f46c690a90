// S5/S9: an examiner replaced after submitting (a manual change of the draw) leaves a signed sheet
// that no longer belongs to the panel: the candidate would carry an even number of sheets and no
// score. The panel's chief examiner withdraws it with a reason and their own PIN; the sheet stays
// on record, signed as it was, marked withdrawn (the only change a trigger lets through, and only
// beside its withdrawal record), and the command's audit event names it.
import type { ReadSqlite } from '../../../db';
import { acceptPin, type PinProof } from '../auth';
import { actorOf, nowIso, type ServiceContext } from '../context';
import { AppError } from '../errors';
import { CURRENT_ROUND_SQL, panelMembers } from './sheets';

export interface WithdrawableSheet {
  sheetId: number;
  candidateId: number;
  name: string;
  ticketNo: string;
  subjectId: number;
  sessionName: string;
  roomCode: string;
  examinerId: number;
  examinerName: string;
  total: number | null;
  submittedAt: string | null;
  /** submitted sheets of the current round, this one included (the panel's rule needs an odd count, S5) */
  sheets: number;
}

interface Row extends WithdrawableSheet {
  sessionId: number;
  roomId: number;
}

/**
 * Submitted sheets of the current round whose author is no longer on the candidate's panel, in
 * the panels the chief leads (every panel for null: the site head and supervisor look on).
 */
export function withdrawableSheets(sqlite: ReadSqlite, chiefId: number | null): WithdrawableSheet[] {
  const rows = sqlite
    .prepare<[number | null, number | null], Row>(
      `SELECT s.id AS sheetId, s.candidate_id AS candidateId, c.name AS name, c.ticket_no AS ticketNo, s.subject_id AS subjectId,
              es.name AS sessionName, r.code AS roomCode, s.examiner_id AS examinerId, st.name AS examinerName, s.total AS total,
              s.submitted_at AS submittedAt, cs.session_id AS sessionId, cs.room_id AS roomId,
              (SELECT COUNT(*) FROM score_sheets o WHERE o.candidate_id = s.candidate_id AND o.subject_id = s.subject_id AND o.status = 'submitted' AND o.round = s.round) AS sheets
       FROM score_sheets s JOIN candidates c ON c.id = s.candidate_id JOIN staff st ON st.id = s.examiner_id
       JOIN candidate_subjects cs ON cs.candidate_id = s.candidate_id AND cs.subject_id = s.subject_id
       JOIN exam_sessions es ON es.id = cs.session_id JOIN rooms r ON r.id = cs.room_id
       WHERE s.status = 'submitted' AND s.round = ${CURRENT_ROUND_SQL('s.candidate_id', 's.subject_id')}
         AND NOT EXISTS (SELECT 1 FROM draw_assignments a WHERE a.session_id = cs.session_id AND a.room_id = cs.room_id AND a.active = 1
                         AND a.role IN ('examiner','chief_examiner') AND a.staff_id = s.examiner_id)
         AND (? IS NULL OR EXISTS (SELECT 1 FROM draw_assignments a WHERE a.session_id = cs.session_id AND a.room_id = cs.room_id AND a.active = 1 AND a.role = 'chief_examiner' AND a.staff_id = ?))
       ORDER BY c.ticket_no, s.id`,
    )
    .all(chiefId, chiefId);
  return rows.map(({ sessionId: _s, roomId: _r, ...w }) => w);
}

export interface WithdrawInput {
  sheetId: number;
  reason: string;
}

/** S5/S9: the chief examiner of the candidate's current panel withdraws a replaced examiner's sheet. */
export function withdrawSheet(ctx: ServiceContext, input: WithdrawInput, proof: PinProof) {
  const chiefId = actorOf(ctx).staffId;
  const sheet = ctx.sqlite
    .prepare<[number], { id: number; candidateId: number; subjectId: number; examinerId: number; status: string; round: number; total: number | null; signature: string | null }>(
      'SELECT id, candidate_id AS candidateId, subject_id AS subjectId, examiner_id AS examinerId, status, round, total, signature FROM score_sheets WHERE id = ?',
    )
    .get(input.sheetId);
  if (!sheet) throw new AppError('NOT_FOUND', 'scoring.sheetNotFound', { sheetId: input.sheetId });
  const seat = ctx.sqlite
    .prepare<[number, number], { sessionId: number | null; roomId: number | null }>('SELECT session_id AS sessionId, room_id AS roomId FROM candidate_subjects WHERE candidate_id = ? AND subject_id = ?')
    .get(sheet.candidateId, sheet.subjectId);
  if (!seat || seat.sessionId === null || seat.roomId === null) throw new AppError('CONFLICT', 'scoring.noRoom', { candidateId: sheet.candidateId });
  const panel = panelMembers(ctx.sqlite, seat.sessionId, seat.roomId);
  if (!panel.some((m) => m.role === 'chief_examiner' && m.staffId === chiefId)) throw new AppError('FORBIDDEN', 'scoring.notChief');
  // the chief signs with their own PIN (checked before the transaction, counted here)
  if (acceptPin(ctx, proof) !== chiefId) throw new AppError('FORBIDDEN', 'scoring.notChief');
  if (sheet.status !== 'submitted') throw new AppError('CONFLICT', 'scoring.withdrawNotSubmitted', { sheetId: sheet.id });
  if (panel.some((m) => m.staffId === sheet.examinerId)) throw new AppError('CONFLICT', 'scoring.withdrawOnPanel', { sheetId: sheet.id });
  const round = ctx.sqlite.prepare<[number, number], { r: number | null }>('SELECT MAX(round) AS r FROM rescores WHERE candidate_id = ? AND subject_id = ?').get(sheet.candidateId, sheet.subjectId)?.r ?? 1;
  if (sheet.round !== round) throw new AppError('CONFLICT', 'scoring.withdrawOldRound', { sheetId: sheet.id, round: sheet.round });
  const at = nowIso(ctx);
  ctx.sqlite
    .prepare<[number, number, number, number, number, string, string]>(
      'INSERT INTO score_sheet_withdrawals (sheet_id, candidate_id, subject_id, examiner_id, chief_id, reason, at) VALUES (?, ?, ?, ?, ?, ?, ?)',
    )
    .run(sheet.id, sheet.candidateId, sheet.subjectId, sheet.examinerId, chiefId, input.reason, at);
  ctx.sqlite.prepare<[number]>("UPDATE score_sheets SET status = 'withdrawn' WHERE id = ?").run(sheet.id);
  const left = ctx.sqlite
    .prepare<[number, number, number], { n: number }>("SELECT COUNT(*) AS n FROM score_sheets WHERE candidate_id = ? AND subject_id = ? AND round = ? AND status = 'submitted'")
    .get(sheet.candidateId, sheet.subjectId, round)?.n ?? 0;
  ctx.note({ sheetId: sheet.id, candidateId: sheet.candidateId, subjectId: sheet.subjectId, examinerId: sheet.examinerId, total: sheet.total, signature: sheet.signature, reason: input.reason, sheetsLeft: left });
  return { withdrawn: sheet.id, at, sheetsLeft: left };
}
