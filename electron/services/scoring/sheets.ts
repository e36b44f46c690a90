// The examiner's score sheets (S5, S9, G3): drafts kept on the server (a reload loses nothing),
// submission signed with the examiner's PIN and locked, and independence: nobody sees another
// examiner's sheet for a candidate until the whole panel has submitted theirs.
import { z } from 'zod';
import type { Db, Sqlite } from '../../../db';
import { verifyStaffPin } from '../auth';
import { canonicalJson, sha256Hex } from '../canonical';
import { AppError } from '../errors';
import type { Clock } from '../runtime';
import { round1 } from './panel';
import { standardFor, type StandardItem } from './standards';

export const sheetEntry = z.object({
  itemId: z.number().int().positive(),
  /** null while undecided (a draft only) */
  points: z.number().min(0).max(100).nullable(),
  /** 缺项: the candidate did not attempt the item (counts 0, chosen on purpose) */
  missing: z.boolean().default(false),
});
export type SheetEntry = z.infer<typeof sheetEntry>;

interface Seat {
  sessionId: number;
  roomId: number;
  subjectId: number;
  kind: string;
}

/** Where a candidate sits a subject (session and room), or a refusal. */
function seatOf(sqlite: Sqlite, candidateId: number, subjectId: number): Seat {
  const row = sqlite
    .prepare(
      `SELECT cs.session_id AS sessionId, cs.room_id AS roomId, cs.subject_id AS subjectId, su.kind AS kind
       FROM candidate_subjects cs JOIN subjects su ON su.id = cs.subject_id WHERE cs.candidate_id = ? AND cs.subject_id = ?`,
    )
    .get(candidateId, subjectId) as (Omit<Seat, 'sessionId' | 'roomId'> & { sessionId: number | null; roomId: number | null }) | undefined;
  if (!row) throw new AppError('NOT_FOUND', '该考生不考此科目。', 'The candidate does not sit this subject.');
  if (row.sessionId === null || row.roomId === null) throw new AppError('CONFLICT', '该考生尚未编排考场。', 'The candidate has no room.');
  return { ...row, sessionId: row.sessionId, roomId: row.roomId };
}

/**
 * Issue 7 §6: the round the panel scores now. 1 unless an upheld objection opened a new round
 * (rescores.round); earlier rounds' sheets stay on record, locked, and no longer count.
 */
export function currentRound(sqlite: Sqlite, candidateId: number, subjectId: number): number {
  const r = sqlite.prepare('SELECT MAX(round) AS r FROM rescores WHERE candidate_id = ? AND subject_id = ?').get(candidateId, subjectId) as { r: number | null };
  return r.r ?? 1;
}

/** SQL for the current round of `cand`/`subj` columns (used where many candidates are read at once). */
export const CURRENT_ROUND_SQL = (cand: string, subj: string) =>
  `COALESCE((SELECT MAX(rr.round) FROM rescores rr WHERE rr.candidate_id = ${cand} AND rr.subject_id = ${subj}), 1)`;

/** The current panel (S4/S5) of a session and room: the draw's active examiners and chief. */
export function panelMembers(sqlite: Sqlite, sessionId: number, roomId: number): { staffId: number; name: string; role: string }[] {
  return sqlite
    .prepare(
      `SELECT a.staff_id AS staffId, st.name AS name, a.role AS role FROM draw_assignments a JOIN staff st ON st.id = a.staff_id
       WHERE a.session_id = ? AND a.room_id = ? AND a.active = 1 AND a.role IN ('examiner','chief_examiner') ORDER BY a.role = 'examiner', a.position`,
    )
    .all(sessionId, roomId) as { staffId: number; name: string; role: string }[];
}

function requirePanelMember(sqlite: Sqlite, staffId: number, seat: Seat): void {
  if (!panelMembers(sqlite, seat.sessionId, seat.roomId).some((m) => m.staffId === staffId)) {
    throw new AppError('FORBIDDEN', '您不在该考生所在考场的考评组中，不能为其评分。', 'You are not on this candidate’s panel.');
  }
}

/** The candidates an examiner scores: every active panel seat of theirs, with their own sheet's state. */
export function myCandidates(sqlite: Sqlite, staffId: number) {
  const rows = sqlite
    .prepare(
      `SELECT c.id AS candidateId, c.name AS name, c.ticket_no AS ticketNo, cs.seat AS seat, cs.subject_id AS subjectId,
              es.id AS sessionId, es.name AS sessionName, es.starts_at AS startsAt, r.id AS roomId, r.code AS roomCode, a.role AS myRole,
              ${CURRENT_ROUND_SQL('c.id', 'cs.subject_id')} AS round,
              (SELECT s.status FROM score_sheets s WHERE s.candidate_id = c.id AND s.subject_id = cs.subject_id AND s.examiner_id = a.staff_id AND s.round = ${CURRENT_ROUND_SQL('c.id', 'cs.subject_id')}) AS myStatus,
              (SELECT s.total FROM score_sheets s WHERE s.candidate_id = c.id AND s.subject_id = cs.subject_id AND s.examiner_id = a.staff_id AND s.status = 'submitted' AND s.round = ${CURRENT_ROUND_SQL('c.id', 'cs.subject_id')}) AS myTotal
       FROM draw_assignments a
       JOIN exam_sessions es ON es.id = a.session_id JOIN subjects su ON su.id = es.subject_id
       JOIN rooms r ON r.id = a.room_id
       JOIN candidate_subjects cs ON cs.session_id = a.session_id AND cs.room_id = a.room_id
       JOIN candidates c ON c.id = cs.candidate_id
       WHERE a.staff_id = ? AND a.active = 1 AND a.role IN ('examiner','chief_examiner') AND su.kind <> 'theory'
       ORDER BY es.starts_at, r.code, cs.seat, c.ticket_no`,
    )
    .all(staffId) as {
    candidateId: number;
    name: string;
    ticketNo: string;
    seat: string | null;
    subjectId: number;
    sessionId: number;
    sessionName: string;
    startsAt: string;
    roomId: number;
    roomCode: string;
    myRole: string;
    round: number;
    myStatus: string | null;
    myTotal: number | null;
  }[];
  const submittedCount = sqlite.prepare("SELECT COUNT(*) AS n FROM score_sheets WHERE candidate_id = ? AND subject_id = ? AND status = 'submitted' AND round = ?");
  const panelSize = new Map<string, number>();
  return rows.map((r) => {
    const key = `${r.sessionId}:${r.roomId}`;
    if (!panelSize.has(key)) panelSize.set(key, panelMembers(sqlite, r.sessionId, r.roomId).length);
    return { ...r, panelSize: panelSize.get(key)!, panelSubmitted: (submittedCount.get(r.candidateId, r.subjectId, r.round) as { n: number }).n };
  });
}

export interface SheetView {
  id: number;
  examinerId: number;
  examinerName: string;
  status: string;
  entries: SheetEntry[];
  total: number | null;
  submittedAt: string | null;
  signature: string | null;
  round: number;
}

/** The sheets of one round (default: the current one); `null` reads every round. */
function readSheets(sqlite: Sqlite, candidateId: number, subjectId: number, round: number | null = currentRound(sqlite, candidateId, subjectId)): SheetView[] {
  const rows = sqlite
    .prepare(
      `SELECT s.id, s.examiner_id AS examinerId, st.name AS examinerName, s.status, s.entries, s.total, s.submitted_at AS submittedAt, s.signature, s.round
       FROM score_sheets s JOIN staff st ON st.id = s.examiner_id WHERE s.candidate_id = ? AND s.subject_id = ? AND (? IS NULL OR s.round = ?) ORDER BY s.round, s.id`,
    )
    .all(candidateId, subjectId, round, round) as (Omit<SheetView, 'entries'> & { entries: string })[];
  return rows.map((r) => ({ ...r, entries: JSON.parse(r.entries) as SheetEntry[] }));
}

/** true when every current panel member has submitted a sheet for the candidate (independence ends). */
export function panelComplete(sqlite: Sqlite, candidateId: number, subjectId: number): boolean {
  const seat = seatOf(sqlite, candidateId, subjectId);
  const members = panelMembers(sqlite, seat.sessionId, seat.roomId);
  const submitted = new Set(readSheets(sqlite, candidateId, subjectId).filter((s) => s.status === 'submitted').map((s) => s.examinerId));
  return members.length > 0 && members.every((m) => submitted.has(m.staffId));
}

/** What an examiner sees of a candidate: the standard, their own sheet, the others' only once all have submitted. */
export function sheetFor(sqlite: Sqlite, staffId: number, candidateId: number, subjectId: number) {
  const seat = seatOf(sqlite, candidateId, subjectId);
  requirePanelMember(sqlite, staffId, seat);
  const cand = sqlite.prepare('SELECT id, name, ticket_no AS ticketNo FROM candidates WHERE id = ?').get(candidateId) as { id: number; name: string; ticketNo: string };
  const sheets = readSheets(sqlite, candidateId, subjectId);
  const complete = panelComplete(sqlite, candidateId, subjectId);
  const members = panelMembers(sqlite, seat.sessionId, seat.roomId);
  return {
    candidate: cand,
    subjectId,
    round: currentRound(sqlite, candidateId, subjectId),
    standard: standardFor(sqlite, subjectId),
    mine: sheets.find((s) => s.examinerId === staffId) ?? null,
    panel: members.map((m) => ({ ...m, submitted: sheets.some((s) => s.examinerId === m.staffId && s.status === 'submitted') })),
    complete,
    others: complete ? sheets.filter((s) => s.examinerId !== staffId && s.status === 'submitted') : [],
  };
}

/** Submitted sheets of a candidate's current round (chief review, the score). */
export function submittedSheets(sqlite: Sqlite, candidateId: number, subjectId: number): SheetView[] {
  return readSheets(sqlite, candidateId, subjectId).filter((s) => s.status === 'submitted');
}

/** Every round's submitted sheets, for the record (评分记录表): earlier rounds stay on it. */
export function submittedSheetsAllRounds(sqlite: Sqlite, candidateId: number, subjectId: number): SheetView[] {
  return readSheets(sqlite, candidateId, subjectId, null).filter((s) => s.status === 'submitted');
}

function checkEntries(standard: StandardItem[], entries: readonly SheetEntry[], final: boolean): SheetEntry[] {
  if (standard.length === 0) throw new AppError('CONFLICT', '该科目尚未设定评分标准（评分记录表），请联系考点负责人。', 'The subject has no scoring standard yet.');
  const byId = new Map(entries.map((e) => [e.itemId, e]));
  for (const e of entries) if (!standard.some((i) => i.id === e.itemId)) throw new AppError('BAD_INPUT', '评分项目与评分标准不符。', 'Unknown scoring item.');
  const out: SheetEntry[] = [];
  for (const item of standard) {
    const e = byId.get(item.id);
    const missing = e?.missing ?? false;
    const points = missing ? 0 : (e?.points ?? null);
    if (points !== null) {
      if (points < 0 || points > item.maxPoints) {
        throw new AppError('BAD_INPUT', `“${item.name}”的得分须在 0 至 ${item.maxPoints} 分之间。`, `Points for ${item.name} out of range.`);
      }
      if (Math.round(points * 10) !== Math.round(points * 10 * 1e6) / 1e6) throw new AppError('BAD_INPUT', `“${item.name}”的得分最多一位小数。`, 'One decimal at most.');
    }
    if (final && points === null) {
      throw new AppError('BAD_INPUT', `“${item.name}”尚未评分：请填写得分，或明确选择“0 分”或“缺项”。`, `Item ${item.name} is blank.`, { params: { itemId: item.id } });
    }
    out.push({ itemId: item.id, points, missing });
  }
  return out;
}

function totalOf(entries: readonly SheetEntry[]): number {
  return round1(entries.reduce((s, e) => s + (e.points ?? 0), 0));
}

/** Saves the examiner's draft (any item may still be blank). Only the author ever writes a sheet. */
export function saveDraft(sqlite: Sqlite, clock: Clock, staffId: number, input: { candidateId: number; subjectId: number; entries: SheetEntry[] }) {
  const seat = seatOf(sqlite, input.candidateId, input.subjectId);
  requirePanelMember(sqlite, staffId, seat);
  const entries = checkEntries(standardFor(sqlite, input.subjectId), input.entries, false);
  const round = currentRound(sqlite, input.candidateId, input.subjectId);
  const existing = sqlite.prepare('SELECT id, status FROM score_sheets WHERE candidate_id = ? AND subject_id = ? AND examiner_id = ? AND round = ?').get(input.candidateId, input.subjectId, staffId, round) as
    | { id: number; status: string }
    | undefined;
  if (existing?.status === 'submitted') throw new AppError('CONFLICT', '该评分表已签名提交，不能再修改。', 'The sheet is submitted and locked.');
  const now = clock.now().toISOString();
  const json = canonicalJson(entries);
  if (existing) sqlite.prepare('UPDATE score_sheets SET entries = ?, updated_at = ? WHERE id = ?').run(json, now, existing.id);
  else {
    sqlite
      .prepare('INSERT INTO score_sheets (candidate_id, subject_id, session_id, room_id, examiner_id, status, entries, updated_at, round) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)')
      .run(input.candidateId, input.subjectId, seat.sessionId, seat.roomId, staffId, 'draft', json, now, round);
  }
  return { saved: now, entries, runningTotal: totalOf(entries) };
}

/**
 * Submits and signs (S9): the PIN is checked, every item must hold points or a deliberate 0/缺项,
 * the total is computed here (never typed), and the sheet locks (a trigger refuses later edits).
 */
export function submitSheet(db: Db, sqlite: Sqlite, clock: Clock, staffId: number, input: { candidateId: number; subjectId: number; entries: SheetEntry[]; pin: string }) {
  const seat = seatOf(sqlite, input.candidateId, input.subjectId);
  requirePanelMember(sqlite, staffId, seat);
  verifyStaffPin(db, staffId, input.pin, clock);
  const entries = checkEntries(standardFor(sqlite, input.subjectId), input.entries, true);
  const round = currentRound(sqlite, input.candidateId, input.subjectId);
  const existing = sqlite.prepare('SELECT id, status FROM score_sheets WHERE candidate_id = ? AND subject_id = ? AND examiner_id = ? AND round = ?').get(input.candidateId, input.subjectId, staffId, round) as
    | { id: number; status: string }
    | undefined;
  if (existing?.status === 'submitted') throw new AppError('CONFLICT', '该评分表已签名提交，不能再修改。', 'The sheet is submitted and locked.');
  const now = clock.now().toISOString();
  const total = totalOf(entries);
  const json = canonicalJson(entries);
  // a later round signs its round number too (round 1 keeps the original canonical form)
  const signed = { candidateId: input.candidateId, subjectId: input.subjectId, examinerId: staffId, entries, total, submittedAt: now };
  const signature = sha256Hex(canonicalJson(round > 1 ? { ...signed, round } : signed));
  if (existing) {
    sqlite
      .prepare("UPDATE score_sheets SET entries = ?, total = ?, status = 'submitted', submitted_at = ?, updated_at = ?, signature = ? WHERE id = ?")
      .run(json, total, now, now, signature, existing.id);
  } else {
    sqlite
      .prepare(
        "INSERT INTO score_sheets (candidate_id, subject_id, session_id, room_id, examiner_id, status, entries, total, updated_at, submitted_at, signature, round) VALUES (?, ?, ?, ?, ?, 'submitted', ?, ?, ?, ?, ?, ?)",
      )
      .run(input.candidateId, input.subjectId, seat.sessionId, seat.roomId, staffId, json, total, now, now, signature, round);
  }
  return { total, submittedAt: now, signature, round };
}
