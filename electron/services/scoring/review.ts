// S4/S5: the chief examiner answers for the panel. A spread over the threshold flags a candidate;
// the chief reviews the (complete, locked) sheets and records a note. Nobody edits a sheet here.
import type { ReadSqlite } from '../../../db';
import { actorOf, nowIso, type ServiceContext } from '../context';
import { AppError } from '../errors';
import { panelScore } from './panel';
import { spreadThreshold } from './settings';
import { currentRound, panelComplete, panelMembers, submittedSheets } from './sheets';

interface Flag {
  candidateId: number;
  name: string;
  ticketNo: string;
  subjectId: number;
  sessionName: string;
  roomCode: string;
  spread: number;
  threshold: number;
  totals: { examiner: string; total: number }[];
  reviewed: { note: string; chief: string; at: string } | null;
}

interface FlagSeat {
  candidateId: number;
  name: string;
  ticketNo: string;
  subjectId: number;
  sessionName: string;
  roomCode: string;
  batchId: number;
}

/** Non-theory seats with submitted sheets, in the panels the chief leads (every panel for null). */
function seatsToCheck(sqlite: ReadSqlite, chiefId: number | null): FlagSeat[] {
  return sqlite
    .prepare<[number | null, number | null], FlagSeat>(
      `SELECT DISTINCT cs.candidate_id AS candidateId, c.name, c.ticket_no AS ticketNo, cs.subject_id AS subjectId, es.name AS sessionName, r.code AS roomCode, c.batch_id AS batchId
       FROM candidate_subjects cs JOIN candidates c ON c.id = cs.candidate_id JOIN exam_sessions es ON es.id = cs.session_id JOIN rooms r ON r.id = cs.room_id
       JOIN subjects su ON su.id = cs.subject_id
       WHERE su.kind <> 'theory' AND EXISTS (SELECT 1 FROM score_sheets s WHERE s.candidate_id = cs.candidate_id AND s.subject_id = cs.subject_id AND s.status = 'submitted')
         AND (? IS NULL OR EXISTS (SELECT 1 FROM draw_assignments a WHERE a.session_id = cs.session_id AND a.room_id = cs.room_id AND a.active = 1 AND a.role = 'chief_examiner' AND a.staff_id = ?))
       ORDER BY c.ticket_no`,
    )
    .all(chiefId, chiefId);
}

/** Flagged candidates in the panels where the actor is chief (or every panel, for the site head). */
export function reviewList(sqlite: ReadSqlite, chiefId: number | null): Flag[] {
  const out: Flag[] = [];
  const lastReview = sqlite.prepare<[number, number, number], NonNullable<Flag['reviewed']>>(
    'SELECT r.note, s.name AS chief, r.at FROM panel_reviews r JOIN staff s ON s.id = r.chief_id WHERE r.candidate_id = ? AND r.subject_id = ? AND r.round = ? ORDER BY r.id DESC LIMIT 1',
  );
  for (const seat of seatsToCheck(sqlite, chiefId)) {
    if (!panelComplete(sqlite, seat.candidateId, seat.subjectId)) continue;
    const sheets = submittedSheets(sqlite, seat.candidateId, seat.subjectId);
    const threshold = spreadThreshold(sqlite, seat.batchId);
    const p = panelScore(
      sheets.map((s) => s.total ?? 0),
      threshold,
    );
    if (!p.flagged) continue;
    const { batchId: _batch, ...who } = seat;
    out.push({
      ...who,
      spread: p.spread,
      threshold,
      totals: sheets.map((s) => ({ examiner: s.examinerName, total: s.total ?? 0 })),
      reviewed: lastReview.get(seat.candidateId, seat.subjectId, currentRound(sqlite, seat.candidateId, seat.subjectId)) ?? null,
    });
  }
  return out;
}

/** The chief examiner records a review note on a flagged candidate (S4: the chief answers for the panel). */
export function recordReview(ctx: ServiceContext, input: { candidateId: number; subjectId: number; note: string }) {
  const chiefId = actorOf(ctx).staffId;
  const seat = ctx.sqlite
    .prepare<[number, number], { sessionId: number | null; roomId: number | null }>('SELECT session_id AS sessionId, room_id AS roomId FROM candidate_subjects WHERE candidate_id = ? AND subject_id = ?')
    .get(input.candidateId, input.subjectId);
  if (!seat || seat.sessionId === null || seat.roomId === null) throw new AppError('NOT_FOUND', 'scoring.noRoom', { candidateId: input.candidateId });
  const chief = panelMembers(ctx.sqlite, seat.sessionId, seat.roomId).find((m) => m.role === 'chief_examiner');
  if (!chief || chief.staffId !== chiefId) throw new AppError('FORBIDDEN', 'scoring.notChief');
  if (!panelComplete(ctx.sqlite, input.candidateId, input.subjectId)) throw new AppError('CONFLICT', 'scoring.panelIncomplete');
  const flag = reviewList(ctx.sqlite, chiefId).find((f) => f.candidateId === input.candidateId && f.subjectId === input.subjectId);
  if (!flag) throw new AppError('CONFLICT', 'scoring.noSpread');
  const now = nowIso(ctx);
  const round = currentRound(ctx.sqlite, input.candidateId, input.subjectId);
  ctx.sqlite
    .prepare<[number, number, number, number, string, string, number]>('INSERT INTO panel_reviews (candidate_id, subject_id, chief_id, spread, note, at, round) VALUES (?, ?, ?, ?, ?, ?, ?)')
    .run(input.candidateId, input.subjectId, chiefId, flag.spread, input.note, now, round);
  ctx.note({ ...input, spread: flag.spread });
  return { at: now, spread: flag.spread };
}
