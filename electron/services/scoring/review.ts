// S4/S5: the chief examiner answers for the panel. A spread over the threshold flags a candidate;
// the chief reviews the (complete, locked) sheets and records a note. Nobody edits a sheet here.
import type { Sqlite } from '../../../db';
import { AppError } from '../errors';
import type { Clock } from '../runtime';
import { spreadThreshold } from '../results/compile';
import { panelScore } from './panel';
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

/** Flagged candidates in the panels where the actor is chief (or every panel, for the site head). */
export function reviewList(sqlite: Sqlite, staffId: number | null): Flag[] {
  const seats = sqlite
    .prepare(
      `SELECT DISTINCT cs.candidate_id AS candidateId, c.name, c.ticket_no AS ticketNo, cs.subject_id AS subjectId, es.name AS sessionName, r.code AS roomCode, c.batch_id AS batchId
       FROM candidate_subjects cs JOIN candidates c ON c.id = cs.candidate_id JOIN exam_sessions es ON es.id = cs.session_id JOIN rooms r ON r.id = cs.room_id
       JOIN subjects su ON su.id = cs.subject_id
       WHERE su.kind <> 'theory' AND EXISTS (SELECT 1 FROM score_sheets s WHERE s.candidate_id = cs.candidate_id AND s.subject_id = cs.subject_id AND s.status = 'submitted')
         AND (? IS NULL OR EXISTS (SELECT 1 FROM draw_assignments a WHERE a.session_id = cs.session_id AND a.room_id = cs.room_id AND a.active = 1 AND a.role = 'chief_examiner' AND a.staff_id = ?))
       ORDER BY c.ticket_no`,
    )
    .all(staffId, staffId) as { candidateId: number; name: string; ticketNo: string; subjectId: number; sessionName: string; roomCode: string; batchId: number }[];
  const out: Flag[] = [];
  const lastReview = sqlite.prepare(
    'SELECT r.note, s.name AS chief, r.at FROM panel_reviews r JOIN staff s ON s.id = r.chief_id WHERE r.candidate_id = ? AND r.subject_id = ? AND r.round = ? ORDER BY r.id DESC LIMIT 1',
  );
  for (const seat of seats) {
    if (!panelComplete(sqlite, seat.candidateId, seat.subjectId)) continue;
    const sheets = submittedSheets(sqlite, seat.candidateId, seat.subjectId);
    const threshold = spreadThreshold(sqlite, seat.batchId);
    const p = panelScore(
      sheets.map((s) => s.total ?? 0),
      threshold,
    );
    if (!p.flagged) continue;
    out.push({
      candidateId: seat.candidateId,
      name: seat.name,
      ticketNo: seat.ticketNo,
      subjectId: seat.subjectId,
      sessionName: seat.sessionName,
      roomCode: seat.roomCode,
      spread: p.spread,
      threshold,
      totals: sheets.map((s) => ({ examiner: s.examinerName, total: s.total ?? 0 })),
      reviewed: (lastReview.get(seat.candidateId, seat.subjectId, currentRound(sqlite, seat.candidateId, seat.subjectId)) as Flag['reviewed'] | undefined) ?? null,
    });
  }
  return out;
}

export function recordReview(sqlite: Sqlite, clock: Clock, chiefId: number, input: { candidateId: number; subjectId: number; note: string }) {
  const seat = sqlite.prepare('SELECT session_id AS sessionId, room_id AS roomId FROM candidate_subjects WHERE candidate_id = ? AND subject_id = ?').get(input.candidateId, input.subjectId) as
    | { sessionId: number | null; roomId: number | null }
    | undefined;
  if (!seat || seat.sessionId === null || seat.roomId === null) throw new AppError('NOT_FOUND', '找不到该考生的考场。', 'No seat.');
  const chief = panelMembers(sqlite, seat.sessionId, seat.roomId).find((m) => m.role === 'chief_examiner');
  if (!chief || chief.staffId !== chiefId) throw new AppError('FORBIDDEN', '只有该考评组的考评组长可以复核。', 'Only the panel’s chief examiner may review.');
  if (!panelComplete(sqlite, input.candidateId, input.subjectId)) throw new AppError('CONFLICT', '考评组尚未全部提交评分表，暂不能复核。', 'The panel has not all submitted.');
  const flags = reviewList(sqlite, chiefId).filter((f) => f.candidateId === input.candidateId && f.subjectId === input.subjectId);
  if (!flags.length) throw new AppError('CONFLICT', '该考生的评分差异未超过阈值，无需复核。', 'No spread to review.');
  const now = clock.now().toISOString();
  sqlite
    .prepare('INSERT INTO panel_reviews (candidate_id, subject_id, chief_id, spread, note, at, round) VALUES (?, ?, ?, ?, ?, ?, ?)')
    .run(input.candidateId, input.subjectId, chiefId, flags[0]!.spread, input.note, now, currentRound(sqlite, input.candidateId, input.subjectId));
  return { at: now, spread: flags[0]!.spread };
}
