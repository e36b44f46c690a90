// The examiner's score sheets (S5, S9, G3): drafts kept on the server (a reload loses nothing),
// submission signed with the examiner's PIN and locked, and independence: nobody sees another
// examiner's sheet for a candidate until the whole panel has submitted theirs.
import { z } from 'zod';
import type { ReadSqlite } from '../../../db';
import { SCORE_SHEET_STATUSES, type ScoreSheetStatus } from '../../../db/schema/scoring';
import { acceptStaffPin, type ProvenPins } from '../auth';
import { canonicalJson, sha256Hex } from '../canonical';
import { actorOf, nowIso, type ServiceContext } from '../context';
import { AppError } from '../errors';
import { requireScorable, unscorable } from './eligibility';
import { round1 } from './panel';
import { standardFor, type StandardItem } from './standards';

export { SCORE_SHEET_STATUSES };

export const sheetEntry = z.object({
  itemId: z.number().int().positive(),
  /** null while undecided (a draft only) */
  points: z.number().min(0).max(100).nullable(),
  /** 缺项: the candidate did not attempt the item (counts 0, chosen on purpose) */
  missing: z.boolean().default(false),
});
export type SheetEntry = z.infer<typeof sheetEntry>;
const sheetEntries = z.array(sheetEntry);

interface Seat {
  sessionId: number;
  roomId: number;
  subjectId: number;
  kind: string;
}

/** Where a candidate sits a subject (session and room), or a refusal. */
function seatOf(sqlite: ReadSqlite, candidateId: number, subjectId: number): Seat {
  const row = sqlite
    .prepare<[number, number], { sessionId: number | null; roomId: number | null; subjectId: number; kind: string }>(
      `SELECT cs.session_id AS sessionId, cs.room_id AS roomId, cs.subject_id AS subjectId, su.kind AS kind
       FROM candidate_subjects cs JOIN subjects su ON su.id = cs.subject_id WHERE cs.candidate_id = ? AND cs.subject_id = ?`,
    )
    .get(candidateId, subjectId);
  if (!row) throw new AppError('NOT_FOUND', 'scoring.notSitting', { candidateId, subjectId });
  if (row.sessionId === null || row.roomId === null) throw new AppError('CONFLICT', 'scoring.noRoom', { candidateId });
  return { ...row, sessionId: row.sessionId, roomId: row.roomId };
}

/**
 * The round the panel scores now. 1 unless an upheld objection opened a new round (rescores.round,
 * G5: a changed result goes through the same rules); earlier rounds' sheets stay on record, locked,
 * and no longer count.
 */
export function currentRound(sqlite: ReadSqlite, candidateId: number, subjectId: number): number {
  const r = sqlite.prepare<[number, number], { r: number | null }>('SELECT MAX(round) AS r FROM rescores WHERE candidate_id = ? AND subject_id = ?').get(candidateId, subjectId);
  return r?.r ?? 1;
}

/** SQL for the current round of `cand`/`subj` columns (used where many candidates are read at once). */
export const CURRENT_ROUND_SQL = (cand: string, subj: string) =>
  `COALESCE((SELECT MAX(rr.round) FROM rescores rr WHERE rr.candidate_id = ${cand} AND rr.subject_id = ${subj}), 1)`;

export interface PanelMember {
  staffId: number;
  name: string;
  role: 'examiner' | 'chief_examiner';
}

/** The current panel (S4/S5) of a session and room: the draw's active examiners and chief. */
export function panelMembers(sqlite: ReadSqlite, sessionId: number, roomId: number): PanelMember[] {
  return sqlite
    .prepare<[number, number], PanelMember>(
      `SELECT a.staff_id AS staffId, st.name AS name, a.role AS role FROM draw_assignments a JOIN staff st ON st.id = a.staff_id
       WHERE a.session_id = ? AND a.room_id = ? AND a.active = 1 AND a.role IN ('examiner','chief_examiner') ORDER BY a.role = 'examiner', a.position`,
    )
    .all(sessionId, roomId);
}

function requirePanelMember(sqlite: ReadSqlite, staffId: number, seat: Seat): void {
  if (!panelMembers(sqlite, seat.sessionId, seat.roomId).some((m) => m.staffId === staffId)) throw new AppError('FORBIDDEN', 'scoring.notOnPanel');
}

interface MyCandidateRow {
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
  myRole: PanelMember['role'];
  round: number;
  myStatus: ScoreSheetStatus | null;
  myTotal: number | null;
}

/** The candidates an examiner scores: every active panel seat of theirs, with their own sheet's state. */
export function myCandidates(sqlite: ReadSqlite, staffId: number) {
  const rows = sqlite
    .prepare<[number], MyCandidateRow>(
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
    .all(staffId);
  const submittedCount = sqlite.prepare<[number, number, number], { n: number }>(
    "SELECT COUNT(*) AS n FROM score_sheets WHERE candidate_id = ? AND subject_id = ? AND status = 'submitted' AND round = ?",
  );
  const panelSize = new Map<string, number>();
  return rows.map((r) => {
    const key = `${r.sessionId}:${r.roomId}`;
    const size = panelSize.get(key) ?? panelMembers(sqlite, r.sessionId, r.roomId).length;
    panelSize.set(key, size);
    // E4/E6: absent or voided candidates stay on the list, marked, and are not offered for scoring
    return { ...r, blocked: unscorable(sqlite, r.candidateId, r.subjectId, r.sessionId)?.why ?? null, panelSize: size, panelSubmitted: submittedCount.get(r.candidateId, r.subjectId, r.round)?.n ?? 0 };
  });
}

export interface SheetView {
  id: number;
  examinerId: number;
  examinerName: string;
  status: ScoreSheetStatus;
  entries: SheetEntry[];
  total: number | null;
  submittedAt: string | null;
  signature: string | null;
  round: number;
}

/** The sheets of one round (default: the current one); `null` reads every round. */
function readSheets(sqlite: ReadSqlite, candidateId: number, subjectId: number, round: number | null = currentRound(sqlite, candidateId, subjectId)): SheetView[] {
  const rows = sqlite
    .prepare<[number, number, number | null, number | null], Omit<SheetView, 'entries'> & { entries: string }>(
      `SELECT s.id, s.examiner_id AS examinerId, st.name AS examinerName, s.status, s.entries, s.total, s.submitted_at AS submittedAt, s.signature, s.round
       FROM score_sheets s JOIN staff st ON st.id = s.examiner_id WHERE s.candidate_id = ? AND s.subject_id = ? AND (? IS NULL OR s.round = ?) ORDER BY s.round, s.id`,
    )
    .all(candidateId, subjectId, round, round);
  return rows.map((r) => ({ ...r, entries: sheetEntries.parse(JSON.parse(r.entries)) }));
}

/** true when every current panel member has submitted a sheet for the candidate (independence ends). */
export function panelComplete(sqlite: ReadSqlite, candidateId: number, subjectId: number): boolean {
  const seat = seatOf(sqlite, candidateId, subjectId);
  const members = panelMembers(sqlite, seat.sessionId, seat.roomId);
  const submitted = new Set(readSheets(sqlite, candidateId, subjectId).filter((s) => s.status === 'submitted').map((s) => s.examinerId));
  return members.length > 0 && members.every((m) => submitted.has(m.staffId));
}

/** What an examiner sees of a candidate: the standard, their own sheet, the others' only once all have submitted. */
export function sheetFor(sqlite: ReadSqlite, staffId: number, input: { candidateId: number; subjectId: number }) {
  const { candidateId, subjectId } = input;
  const seat = seatOf(sqlite, candidateId, subjectId);
  requirePanelMember(sqlite, staffId, seat);
  const cand = sqlite.prepare<[number], { id: number; name: string; ticketNo: string }>('SELECT id, name, ticket_no AS ticketNo FROM candidates WHERE id = ?').get(candidateId);
  if (!cand) throw new AppError('NOT_FOUND', 'scoring.notSitting', { candidateId, subjectId });
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
    /** E4/E6: absent or voided: the sheet is shown, never written */
    blocked: unscorable(sqlite, candidateId, subjectId, seat.sessionId)?.why ?? null,
    others: complete ? sheets.filter((s) => s.examinerId !== staffId && s.status === 'submitted') : [],
  };
}

/** Submitted sheets of a candidate's current round (chief review, the score). */
export function submittedSheets(sqlite: ReadSqlite, candidateId: number, subjectId: number): SheetView[] {
  return readSheets(sqlite, candidateId, subjectId).filter((s) => s.status === 'submitted');
}

/** Every round's submitted sheets, for the record (评分记录表): earlier rounds stay on it. */
export function submittedSheetsAllRounds(sqlite: ReadSqlite, candidateId: number, subjectId: number): SheetView[] {
  return readSheets(sqlite, candidateId, subjectId, null).filter((s) => s.status === 'submitted');
}

function checkPoints(item: StandardItem, points: number): void {
  if (points < 0 || points > item.maxPoints) throw new AppError('BAD_INPUT', 'scoring.pointsRange', { item: item.name, itemId: item.id, max: item.maxPoints });
  if (Math.round(points * 10) !== Math.round(points * 10 * 1e6) / 1e6) throw new AppError('BAD_INPUT', 'scoring.pointsDecimal', { item: item.name, itemId: item.id });
}

function checkEntries(standard: StandardItem[], entries: readonly SheetEntry[], final: boolean): SheetEntry[] {
  if (standard.length === 0) throw new AppError('CONFLICT', 'scoring.noStandard');
  const byId = new Map(entries.map((e) => [e.itemId, e]));
  for (const e of entries) if (!standard.some((i) => i.id === e.itemId)) throw new AppError('BAD_INPUT', 'scoring.unknownItem', { itemId: e.itemId });
  return standard.map((item) => {
    const e = byId.get(item.id);
    const missing = e?.missing ?? false;
    const points = missing ? 0 : (e?.points ?? null);
    if (points !== null) checkPoints(item, points);
    if (final && points === null) throw new AppError('BAD_INPUT', 'scoring.itemBlank', { item: item.name, itemId: item.id });
    return { itemId: item.id, points, missing };
  });
}

function totalOf(entries: readonly SheetEntry[]): number {
  return round1(entries.reduce((s, e) => s + (e.points ?? 0), 0));
}

type SheetInput = { candidateId: number; subjectId: number; entries: SheetEntry[] };

/** The examiner's own sheet of the current round, refused once it is submitted (S9: locked). */
function ownSheet(sqlite: ReadSqlite, staffId: number, input: SheetInput, round: number): { id: number } | undefined {
  const existing = sqlite
    .prepare<[number, number, number, number], { id: number; status: ScoreSheetStatus }>('SELECT id, status FROM score_sheets WHERE candidate_id = ? AND subject_id = ? AND examiner_id = ? AND round = ?')
    .get(input.candidateId, input.subjectId, staffId, round);
  if (existing && existing.status !== 'draft') throw new AppError('CONFLICT', 'scoring.sheetLocked');
  return existing;
}

/** Saves the examiner's draft (any item may still be blank). Only the author ever writes a sheet. */
export function saveDraft(ctx: ServiceContext, input: SheetInput) {
  const staffId = actorOf(ctx).staffId;
  const seat = seatOf(ctx.sqlite, input.candidateId, input.subjectId);
  requirePanelMember(ctx.sqlite, staffId, seat);
  requireScorable(ctx.sqlite, input.candidateId, input.subjectId, seat.sessionId);
  const entries = checkEntries(standardFor(ctx.sqlite, input.subjectId), input.entries, false);
  const round = currentRound(ctx.sqlite, input.candidateId, input.subjectId);
  const existing = ownSheet(ctx.sqlite, staffId, input, round);
  const now = nowIso(ctx);
  const json = canonicalJson(entries);
  if (existing) ctx.sqlite.prepare<[string, string, number]>('UPDATE score_sheets SET entries = ?, updated_at = ? WHERE id = ?').run(json, now, existing.id);
  else {
    ctx.sqlite
      .prepare<[number, number, number, number, number, string, string, number]>(
        "INSERT INTO score_sheets (candidate_id, subject_id, session_id, room_id, examiner_id, status, entries, updated_at, round) VALUES (?, ?, ?, ?, ?, 'draft', ?, ?, ?)",
      )
      .run(input.candidateId, input.subjectId, seat.sessionId, seat.roomId, staffId, json, now, round);
  }
  ctx.note({ candidateId: input.candidateId, subjectId: input.subjectId, draft: true });
  return { saved: now, entries, runningTotal: totalOf(entries) };
}

/**
 * Submits and signs (S9): the PIN is checked, every item must hold points or a deliberate 0/缺项,
 * the total is computed here (never typed), and the sheet locks (a trigger refuses later edits).
 * The PIN was proven before the transaction (the command's prepare, scrypt off the event loop).
 */
export function submitSheet(ctx: ServiceContext, input: SheetInput & { pin: string; submitKey?: string | undefined }, pins: ProvenPins) {
  const staffId = actorOf(ctx).staffId;
  const seat = seatOf(ctx.sqlite, input.candidateId, input.subjectId);
  requirePanelMember(ctx.sqlite, staffId, seat);
  requireScorable(ctx.sqlite, input.candidateId, input.subjectId, seat.sessionId);
  acceptStaffPin(ctx, pins, staffId, input.pin);
  const entries = checkEntries(standardFor(ctx.sqlite, input.subjectId), input.entries, true);
  const round = currentRound(ctx.sqlite, input.candidateId, input.subjectId);
  const json = canonicalJson(entries);
  if (input.submitKey !== undefined) {
    const replayed = replayOf(ctx.sqlite, staffId, input, input.submitKey, json);
    if (replayed) {
      ctx.note({ candidateId: input.candidateId, subjectId: input.subjectId, round: replayed.round, replayed: true, submitKey: input.submitKey, signature: replayed.signature });
      return { ...replayed, replayed: true };
    }
  }
  const existing = ownSheet(ctx.sqlite, staffId, input, round);
  const now = nowIso(ctx);
  const total = totalOf(entries);
  const submitKey = input.submitKey ?? null;
  // a later round signs its round number too (round 1 keeps the original canonical form)
  const signed = { candidateId: input.candidateId, subjectId: input.subjectId, examinerId: staffId, entries, total, submittedAt: now };
  const signature = sha256Hex(canonicalJson(round > 1 ? { ...signed, round } : signed));
  if (existing) {
    ctx.sqlite
      .prepare<[string, number, string, string, string, string | null, number]>(
        "UPDATE score_sheets SET entries = ?, total = ?, status = 'submitted', submitted_at = ?, updated_at = ?, signature = ?, submit_key = ? WHERE id = ?",
      )
      .run(json, total, now, now, signature, submitKey, existing.id);
  } else {
    ctx.sqlite
      .prepare<[number, number, number, number, number, string, number, string, string, string, number, string | null]>(
        "INSERT INTO score_sheets (candidate_id, subject_id, session_id, room_id, examiner_id, status, entries, total, updated_at, submitted_at, signature, round, submit_key) VALUES (?, ?, ?, ?, ?, 'submitted', ?, ?, ?, ?, ?, ?, ?)",
      )
      .run(input.candidateId, input.subjectId, seat.sessionId, seat.roomId, staffId, json, total, now, now, signature, round, submitKey);
  }
  ctx.note({ candidateId: input.candidateId, subjectId: input.subjectId, round, total, signature, submitKey });
  return { total, submittedAt: now, signature, round, replayed: false };
}

/**
 * A submit retried with the key of one already recorded (the tablet lost the answer, S9): the same
 * sheet, with its signature and time, when it is this examiner's sheet of this candidate with the
 * same entries; a key reused for anything else is refused. null: the key is new.
 */
function replayOf(sqlite: ReadSqlite, staffId: number, input: SheetInput, submitKey: string, json: string) {
  const row = sqlite
    .prepare<[string], { candidateId: number; subjectId: number; examinerId: number; entries: string; total: number; submittedAt: string; signature: string; round: number }>(
      `SELECT candidate_id AS candidateId, subject_id AS subjectId, examiner_id AS examinerId, entries, total, submitted_at AS submittedAt, signature, round
       FROM score_sheets WHERE submit_key = ? AND status = 'submitted'`,
    )
    .get(submitKey);
  if (!row) return null;
  if (row.examinerId !== staffId || row.candidateId !== input.candidateId || row.subjectId !== input.subjectId || row.entries !== json) {
    throw new AppError('CONFLICT', 'scoring.submitKeyReused');
  }
  return { total: row.total, submittedAt: row.submittedAt, signature: row.signature, round: row.round };
}
