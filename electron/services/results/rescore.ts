// G5: a changed result goes through the same rules again. An upheld objection names the subject to
// examine again: a skill/review subject is scored by the panel in a new round (S5, S9, independence,
// the chief's review: the ordinary sheet rules, score_sheets.round), a theory subject takes a
// corrected score by double entry (G4) or a re-confirmed import (G2). Once done, the changed result
// must be published again for five working days (a supplementary publication) before a 确认单
// includes it. Earlier sheets and scores stay on record (rescores.score_before, locked sheets).
import type { ReadSqlite } from '../../../db';
import type { RescoreStatus } from '../../../db/schema/results';
import { actorOf, nowIso, type ServiceContext } from '../context';
import { AppError } from '../errors';
import type { PaperEntryState } from '../scoring/paper';
import { compileResults, type CandidateResult } from './compile';

export interface Rescore {
  id: number;
  objectionId: number;
  candidateId: number;
  candidateName: string;
  ticketNo: string;
  subjectId: number;
  kind: string;
  round: number | null;
  scoreBefore: number | null;
  scoreAfter: number | null;
  status: RescoreStatus;
  openedAt: string;
  doneAt: string | null;
  republishedIn: number | null;
  entries: { pass: number; clerk: string; score: number; note: string | null; at: string }[];
}

function subjectOf(results: readonly CandidateResult[], candidateId: number, subjectId: number) {
  return results.find((r) => r.candidateId === candidateId)?.subjects.find((s) => s.subjectId === subjectId);
}

/** The next panel round of a candidate's subject: one past every round sheets or rescores have used. */
function nextRound(sqlite: ReadSqlite, candidateId: number, subjectId: number): number {
  const r = sqlite
    .prepare<[number, number, number, number], { m: number | null }>(
      `SELECT MAX(m) AS m FROM (SELECT MAX(round) AS m FROM score_sheets WHERE candidate_id = ? AND subject_id = ?
                                UNION ALL SELECT MAX(round) FROM rescores WHERE candidate_id = ? AND subject_id = ?)`,
    )
    .get(candidateId, subjectId, candidateId, subjectId);
  return (r?.m ?? 1) + 1;
}

/**
 * Opens the re-examination an upheld objection decides. Refused without a candidate, for a subject the
 * candidate does not sit, or while the same subject is already being re-examined.
 */
export function openRescore(ctx: ServiceContext, input: { objectionId: number; subjectId: number }) {
  const o = ctx.sqlite
    .prepare<[number], { candidateId: number | null; batchId: number }>('SELECT o.candidate_id AS candidateId, p.batch_id AS batchId FROM objections o JOIN publications p ON p.id = o.publication_id WHERE o.id = ?')
    .get(input.objectionId);
  if (!o) throw new AppError('NOT_FOUND', 'publication.objectionNotFound', { objectionId: input.objectionId });
  if (o.candidateId === null) throw new AppError('BAD_INPUT', 'results.rescoreNoCandidate');
  const candidateId = o.candidateId;
  const sub = ctx.sqlite
    .prepare<[number, number], { kind: string }>('SELECT su.kind AS kind FROM candidate_subjects cs JOIN subjects su ON su.id = cs.subject_id WHERE cs.candidate_id = ? AND cs.subject_id = ?')
    .get(candidateId, input.subjectId);
  if (!sub) throw new AppError('BAD_INPUT', 'results.rescoreNotSitting', { subjectId: input.subjectId });
  const busy = ctx.sqlite.prepare<[number, number], { one: number }>("SELECT 1 AS one FROM rescores WHERE candidate_id = ? AND subject_id = ? AND status = 'open'").get(candidateId, input.subjectId);
  if (busy) throw new AppError('CONFLICT', 'results.rescoreBusy');
  const before = subjectOf(compileResults(ctx.sqlite, o.batchId), candidateId, input.subjectId)?.score ?? null;
  const round = sub.kind === 'theory' ? null : nextRound(ctx.sqlite, candidateId, input.subjectId);
  ctx.sqlite.prepare<[number, number]>('UPDATE objections SET subject_id = ? WHERE id = ?').run(input.subjectId, input.objectionId);
  const id = ctx.sqlite
    .prepare<[number, number, number, number | null, number | null, string, number]>(
      "INSERT INTO rescores (objection_id, candidate_id, subject_id, round, score_before, status, opened_at, opened_by) VALUES (?, ?, ?, ?, ?, 'open', ?, ?)",
    )
    .run(input.objectionId, candidateId, input.subjectId, round, before, nowIso(ctx), actorOf(ctx).staffId).lastInsertRowid;
  return { rescoreId: Number(id), candidateId, subjectId: input.subjectId, kind: sub.kind, round, scoreBefore: before };
}

const markDone = (ctx: ServiceContext, id: number, score: number, at: string) =>
  ctx.sqlite.prepare<[number, string, number]>("UPDATE rescores SET status = 'done', score_after = ?, done_at = ? WHERE id = ?").run(score, at, id);

/**
 * Marks open re-examinations done once the subject has a score again through the ordinary rules:
 * skill/review when the new round's panel is complete (S5) and any spread reviewed. Called after
 * every step that can complete one (a sheet submitted, a review recorded). Returns those it closed.
 */
export function settleRescores(ctx: ServiceContext, input: { candidateId: number; subjectId?: number }) {
  const open = ctx.sqlite
    .prepare<[number], { id: number; subjectId: number; round: number | null; batchId: number }>(
      "SELECT r.id, r.subject_id AS subjectId, r.round, c.batch_id AS batchId FROM rescores r JOIN candidates c ON c.id = r.candidate_id WHERE r.candidate_id = ? AND r.status = 'open'",
    )
    .all(input.candidateId);
  const todo = open.filter((r) => r.round !== null && (input.subjectId === undefined || r.subjectId === input.subjectId));
  if (!todo.length) return [];
  const results = compileResults(ctx.sqlite, todo[0]!.batchId);
  const at = nowIso(ctx);
  const closed: { rescoreId: number; scoreAfter: number }[] = [];
  for (const r of todo) {
    const s = subjectOf(results, input.candidateId, r.subjectId);
    if (s?.status === 'scored' && s.score !== null) {
      markDone(ctx, r.id, s.score, at);
      closed.push({ rescoreId: r.id, scoreAfter: s.score });
    }
  }
  return closed;
}

function theoryRescore(sqlite: ReadSqlite, rescoreId: number) {
  const r = sqlite
    .prepare<[number], { id: number; candidateId: number; subjectId: number; round: number | null; status: RescoreStatus }>(
      'SELECT r.id, r.candidate_id AS candidateId, r.subject_id AS subjectId, r.round, r.status FROM rescores r WHERE r.id = ?',
    )
    .get(rescoreId);
  if (!r) throw new AppError('NOT_FOUND', 'results.rescoreNotFound', { rescoreId });
  if (r.round !== null) throw new AppError('BAD_INPUT', 'results.rescoreByPanel');
  if (r.status !== 'open') throw new AppError('CONFLICT', 'results.rescoreDone');
  return r;
}

function applyTheory(ctx: ServiceContext, r: { id: number; candidateId: number; subjectId: number }, score: number, at: string, by: number) {
  ctx.sqlite
    .prepare<[number, number, number, string, number]>(
      `INSERT INTO theory_scores (candidate_id, subject_id, score, source, import_id, confirmed_at, confirmed_by) VALUES (?, ?, ?, 'correction', NULL, ?, ?)
       ON CONFLICT (candidate_id, subject_id) DO UPDATE SET score = excluded.score, source = 'correction', import_id = NULL, confirmed_at = excluded.confirmed_at, confirmed_by = excluded.confirmed_by`,
    )
    .run(r.candidateId, r.subjectId, score, at, by);
  markDone(ctx, r.id, score, at);
}

/** G4 for a theory correction: two different clerks enter the corrected score; agreement applies it. */
export function enterCorrection(ctx: ServiceContext, input: { rescoreId: number; score: number }): { pass: number; state: PaperEntryState } {
  const clerkId = actorOf(ctx).staffId;
  const r = theoryRescore(ctx.sqlite, input.rescoreId);
  if (input.score < 0 || input.score > 100 || Math.round(input.score * 10) !== input.score * 10) throw new AppError('BAD_INPUT', 'results.correctionRange');
  const entries = ctx.sqlite
    .prepare<[number], { pass: number; clerkId: number; score: number }>('SELECT pass, clerk_id AS clerkId, score FROM rescore_entries WHERE rescore_id = ? ORDER BY pass')
    .all(r.id);
  if (entries.some((e) => e.clerkId === clerkId)) throw new AppError('CONFLICT', 'scoring.secondClerk');
  if (entries.length >= 2) throw new AppError('CONFLICT', 'results.correctionBothEntered');
  const pass = entries.length + 1;
  const at = nowIso(ctx);
  ctx.sqlite.prepare<[number, number, number, number, string]>('INSERT INTO rescore_entries (rescore_id, pass, clerk_id, score, at) VALUES (?, ?, ?, ?, ?)').run(r.id, pass, clerkId, input.score, at);
  let state: PaperEntryState = 'waiting';
  if (pass === 2) state = entries[0]!.score === input.score ? 'agreed' : 'mismatch';
  if (state === 'agreed') applyTheory(ctx, r, input.score, at, clerkId);
  ctx.note({ ...input, pass, state });
  return { pass, state };
}

/** G4: a mismatch of the two correction entries is settled by checking the paper, with a note. */
export function settleCorrection(ctx: ServiceContext, input: { rescoreId: number; score: number; note: string }) {
  const by = actorOf(ctx).staffId;
  const r = theoryRescore(ctx.sqlite, input.rescoreId);
  const entries = ctx.sqlite.prepare<[number], { score: number }>('SELECT score FROM rescore_entries WHERE rescore_id = ? ORDER BY pass').all(r.id);
  if (entries.length < 2 || entries[0]!.score === entries[1]!.score) throw new AppError('CONFLICT', 'results.correctionNoMismatch');
  if (input.score !== entries[0]!.score && input.score !== entries[1]!.score && !input.note.trim()) throw new AppError('BAD_INPUT', 'results.correctionNote');
  const at = nowIso(ctx);
  ctx.sqlite.prepare<[number, number, number, string, string]>('INSERT INTO rescore_entries (rescore_id, pass, clerk_id, score, note, at) VALUES (?, 3, ?, ?, ?, ?)').run(r.id, by, input.score, input.note, at);
  applyTheory(ctx, r, input.score, at, by);
  const out = { state: 'settled' as const, score: input.score };
  ctx.note({ ...input, ...out });
  return out;
}

/** G2: a confirmed re-import completes the open theory corrections of the candidates it scored. */
export function settleTheoryByImport(ctx: ServiceContext, input: { importId: number }): number[] {
  const rows = ctx.sqlite
    .prepare<[number], { id: number; score: number }>(
      `SELECT r.id, t.score FROM rescores r JOIN theory_scores t ON t.candidate_id = r.candidate_id AND t.subject_id = r.subject_id
       WHERE r.status = 'open' AND r.round IS NULL AND t.import_id = ?`,
    )
    .all(input.importId);
  const at = nowIso(ctx);
  for (const r of rows) markDone(ctx, r.id, r.score, at);
  return rows.map((r) => r.id);
}

export function rescoresOf(sqlite: ReadSqlite, batchId: number): Rescore[] {
  const rows = sqlite
    .prepare<[number], Omit<Rescore, 'entries'>>(
      `SELECT r.id, r.objection_id AS objectionId, r.candidate_id AS candidateId, c.name AS candidateName, c.ticket_no AS ticketNo, r.subject_id AS subjectId, su.kind,
              r.round, r.score_before AS scoreBefore, r.score_after AS scoreAfter, r.status, r.opened_at AS openedAt, r.done_at AS doneAt, r.republished_in AS republishedIn
       FROM rescores r JOIN candidates c ON c.id = r.candidate_id JOIN subjects su ON su.id = r.subject_id WHERE c.batch_id = ? ORDER BY r.id`,
    )
    .all(batchId);
  const entries = sqlite.prepare<[number], Rescore['entries'][number]>(
    'SELECT e.pass, s.name AS clerk, e.score, e.note, e.at FROM rescore_entries e JOIN staff s ON s.id = e.clerk_id WHERE e.rescore_id = ? ORDER BY e.pass',
  );
  return rows.map((r) => ({ ...r, entries: entries.all(r.id) }));
}

export interface ChangedResult {
  candidateId: number;
  subjectId: number;
  scoreBefore: number | null;
  scoreAfter: number | null;
  doneAt: string;
  republishedIn: number | null;
}

/** Results changed (re-examination done) after `sinceIso`, for the seal's amendments (G7). */
export function changedSince(sqlite: ReadSqlite, batchId: number, sinceIso: string): ChangedResult[] {
  return sqlite
    .prepare<[number, string], ChangedResult>(
      `SELECT r.candidate_id AS candidateId, r.subject_id AS subjectId, r.score_before AS scoreBefore, r.score_after AS scoreAfter, r.done_at AS doneAt, r.republished_in AS republishedIn
       FROM rescores r JOIN candidates c ON c.id = r.candidate_id WHERE c.batch_id = ? AND r.status = 'done' AND r.done_at > ? ORDER BY r.done_at`,
    )
    .all(batchId, sinceIso);
}

/**
 * G5: once results are published, a theory score changes only through an upheld objection. A
 * re-import that would change a published candidate's confirmed score without an open correction
 * is refused (the candidates named), so no result changes around the rules.
 */
export function guardPublishedTheory(sqlite: ReadSqlite, subjectId: number, matched: readonly { candidateId: number; score: number }[]): void {
  const published = sqlite.prepare<[number], { one: number }>('SELECT 1 AS one FROM publications p JOIN subjects su ON su.batch_id = p.batch_id WHERE su.id = ? LIMIT 1').get(subjectId);
  if (!published) return;
  const current = sqlite.prepare<[number, number], { score: number }>('SELECT score FROM theory_scores WHERE candidate_id = ? AND subject_id = ?');
  const open = sqlite.prepare<[number, number], { one: number }>("SELECT 1 AS one FROM rescores WHERE candidate_id = ? AND subject_id = ? AND status = 'open' AND round IS NULL");
  const name = sqlite.prepare<[number], { name: string }>('SELECT name FROM candidates WHERE id = ?');
  const blocked = matched.filter((m) => {
    const cur = current.get(m.candidateId, subjectId);
    return cur !== undefined && cur.score !== m.score && !open.get(m.candidateId, subjectId);
  });
  if (blocked.length) {
    const names = blocked.slice(0, 3).map((m) => name.get(m.candidateId)?.name ?? String(m.candidateId));
    throw new AppError('CONFLICT', 'results.publishedTheory', { names: names.join('、'), count: blocked.length });
  }
}
