// Issue 7 §6: "a changed result goes through the same rules again". An upheld objection names the
// subject to examine again: a skill/review subject is scored by the panel in a new round (S5, S9,
// independence, the chief's review: the ordinary sheet rules, score_sheets.round), a theory subject
// takes a corrected score by double entry (G4) or a re-confirmed import (G2). Once done, the changed
// result must be published again for five working days (G5, a supplementary publication) before a
// 确认单 includes it. Earlier sheets and scores stay on record (rescores.score_before, locked sheets).
import type { Sqlite } from '../../../db';
import { AppError } from '../errors';
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
  status: 'open' | 'done';
  openedAt: string;
  doneAt: string | null;
  republishedIn: number | null;
  entries: { pass: number; clerk: string; score: number; note: string | null; at: string }[];
}

function subjectOf(results: readonly CandidateResult[], candidateId: number, subjectId: number) {
  return results.find((r) => r.candidateId === candidateId)?.subjects.find((s) => s.subjectId === subjectId);
}

/**
 * Opens the re-examination an upheld objection decides. Refused without a candidate, for a subject the
 * candidate does not sit, or while the same subject is already being re-examined.
 */
export function openRescore(sqlite: Sqlite, at: string, by: number, input: { objectionId: number; subjectId: number }) {
  const o = sqlite.prepare('SELECT o.candidate_id AS candidateId, p.batch_id AS batchId FROM objections o JOIN publications p ON p.id = o.publication_id WHERE o.id = ?').get(input.objectionId) as
    | { candidateId: number | null; batchId: number }
    | undefined;
  if (!o) throw new AppError('NOT_FOUND', '找不到该异议。', 'No such objection.');
  if (o.candidateId === null) throw new AppError('BAD_INPUT', '该异议未指明考生，不能指定复评科目。', 'The objection names no candidate.');
  const sub = sqlite
    .prepare('SELECT su.kind AS kind FROM candidate_subjects cs JOIN subjects su ON su.id = cs.subject_id WHERE cs.candidate_id = ? AND cs.subject_id = ?')
    .get(o.candidateId, input.subjectId) as { kind: string } | undefined;
  if (!sub) throw new AppError('BAD_INPUT', '该考生不考此科目。', 'The candidate does not sit this subject.');
  const busy = sqlite.prepare("SELECT 1 FROM rescores WHERE candidate_id = ? AND subject_id = ? AND status = 'open'").get(o.candidateId, input.subjectId);
  if (busy) throw new AppError('CONFLICT', '该考生此科目已在重新评分中。', 'Already being re-examined.');
  const before = subjectOf(compileResults(sqlite, o.batchId), o.candidateId, input.subjectId)?.score ?? null;
  let round: number | null = null;
  if (sub.kind !== 'theory') {
    const r = sqlite
      .prepare(
        `SELECT MAX(m) AS m FROM (SELECT MAX(round) AS m FROM score_sheets WHERE candidate_id = ? AND subject_id = ?
                                  UNION ALL SELECT MAX(round) FROM rescores WHERE candidate_id = ? AND subject_id = ?)`,
      )
      .get(o.candidateId, input.subjectId, o.candidateId, input.subjectId) as { m: number | null };
    round = (r.m ?? 1) + 1;
  }
  sqlite.prepare('UPDATE objections SET subject_id = ? WHERE id = ?').run(input.subjectId, input.objectionId);
  const id = sqlite
    .prepare("INSERT INTO rescores (objection_id, candidate_id, subject_id, round, score_before, status, opened_at, opened_by) VALUES (?, ?, ?, ?, ?, 'open', ?, ?)")
    .run(input.objectionId, o.candidateId, input.subjectId, round, before, at, by).lastInsertRowid;
  return { rescoreId: Number(id), candidateId: o.candidateId, subjectId: input.subjectId, kind: sub.kind, round, scoreBefore: before };
}

/**
 * Marks open re-examinations done once the subject has a score again through the ordinary rules:
 * skill/review when the new round's panel is complete (S5) and any spread reviewed; theory when a
 * correction was applied. Called after every step that can complete one. Returns those it closed.
 */
export function settleRescores(sqlite: Sqlite, at: string, candidateId: number, subjectId?: number) {
  const open = sqlite
    .prepare("SELECT r.id, r.subject_id AS subjectId, r.round, c.batch_id AS batchId FROM rescores r JOIN candidates c ON c.id = r.candidate_id WHERE r.candidate_id = ? AND r.status = 'open'")
    .all(candidateId) as { id: number; subjectId: number; round: number | null; batchId: number }[];
  const todo = open.filter((r) => r.round !== null && (subjectId === undefined || r.subjectId === subjectId));
  if (!todo.length) return [];
  const results = compileResults(sqlite, todo[0]!.batchId);
  const closed: { rescoreId: number; scoreAfter: number }[] = [];
  for (const r of todo) {
    const s = subjectOf(results, candidateId, r.subjectId);
    if (s?.status === 'scored' && s.score !== null) {
      sqlite.prepare("UPDATE rescores SET status = 'done', score_after = ?, done_at = ? WHERE id = ?").run(s.score, at, r.id);
      closed.push({ rescoreId: r.id, scoreAfter: s.score });
    }
  }
  return closed;
}

function theoryRescore(sqlite: Sqlite, rescoreId: number) {
  const r = sqlite
    .prepare('SELECT r.id, r.candidate_id AS candidateId, r.subject_id AS subjectId, r.round, r.status FROM rescores r WHERE r.id = ?')
    .get(rescoreId) as { id: number; candidateId: number; subjectId: number; round: number | null; status: string } | undefined;
  if (!r) throw new AppError('NOT_FOUND', '找不到该复评。', 'No such re-examination.');
  if (r.round !== null) throw new AppError('BAD_INPUT', '该科目由考评组重新评分，不在此录入。', 'This subject is re-scored by the panel.');
  if (r.status !== 'open') throw new AppError('CONFLICT', '该复评已完成。', 'The re-examination is done.');
  return r;
}

function applyTheory(sqlite: Sqlite, r: { id: number; candidateId: number; subjectId: number }, score: number, at: string, by: number) {
  sqlite
    .prepare(
      `INSERT INTO theory_scores (candidate_id, subject_id, score, source, import_id, confirmed_at, confirmed_by) VALUES (?, ?, ?, 'correction', NULL, ?, ?)
       ON CONFLICT (candidate_id, subject_id) DO UPDATE SET score = excluded.score, source = 'correction', import_id = NULL, confirmed_at = excluded.confirmed_at, confirmed_by = excluded.confirmed_by`,
    )
    .run(r.candidateId, r.subjectId, score, at, by);
  sqlite.prepare("UPDATE rescores SET status = 'done', score_after = ?, done_at = ? WHERE id = ?").run(score, at, r.id);
}

/** G4 for a theory correction: two different clerks enter the corrected score; agreement applies it. */
export function enterCorrection(sqlite: Sqlite, at: string, clerkId: number, input: { rescoreId: number; score: number }) {
  const r = theoryRescore(sqlite, input.rescoreId);
  if (input.score < 0 || input.score > 100 || Math.round(input.score * 10) !== input.score * 10) throw new AppError('BAD_INPUT', '成绩须在 0 至 100 分之间，最多一位小数。', 'Score 0–100, one decimal.');
  const entries = sqlite.prepare('SELECT pass, clerk_id AS clerkId, score FROM rescore_entries WHERE rescore_id = ? ORDER BY pass').all(r.id) as { pass: number; clerkId: number; score: number }[];
  if (entries.some((e) => e.clerkId === clerkId)) throw new AppError('CONFLICT', '您已录入过该更正成绩；复核须由另一名登分人员录入（G4）。', 'The second entry must be by another clerk.');
  if (entries.length >= 2) throw new AppError('CONFLICT', '更正成绩已两次录入，不一致时请核对试卷后裁定。', 'Both entries exist.');
  const pass = entries.length + 1;
  sqlite.prepare('INSERT INTO rescore_entries (rescore_id, pass, clerk_id, score, at) VALUES (?, ?, ?, ?, ?)').run(r.id, pass, clerkId, input.score, at);
  if (pass === 1) return { pass, state: 'waiting' as const };
  if (entries[0]!.score !== input.score) return { pass, state: 'mismatch' as const };
  applyTheory(sqlite, r, input.score, at, clerkId);
  return { pass, state: 'agreed' as const };
}

/** G4: a mismatch of the two correction entries is settled by checking the paper, with a note. */
export function settleCorrection(sqlite: Sqlite, at: string, by: number, input: { rescoreId: number; score: number; note: string }) {
  const r = theoryRescore(sqlite, input.rescoreId);
  const entries = sqlite.prepare('SELECT score FROM rescore_entries WHERE rescore_id = ? ORDER BY pass').all(r.id) as { score: number }[];
  if (entries.length < 2 || entries[0]!.score === entries[1]!.score) throw new AppError('CONFLICT', '两次录入一致或尚未录完，无需裁定。', 'No mismatch to settle.');
  if (input.score !== entries[0]!.score && input.score !== entries[1]!.score && !input.note.trim()) throw new AppError('BAD_INPUT', '请说明核对试卷的情况。', 'Say what the paper shows.');
  sqlite.prepare('INSERT INTO rescore_entries (rescore_id, pass, clerk_id, score, note, at) VALUES (?, 3, ?, ?, ?, ?)').run(r.id, by, input.score, input.note, at);
  applyTheory(sqlite, r, input.score, at, by);
  return { state: 'settled' as const, score: input.score };
}

/** G2: a confirmed re-import completes the open theory corrections of the candidates it scored. */
export function settleTheoryByImport(sqlite: Sqlite, at: string, importId: number) {
  const rows = sqlite
    .prepare(
      `SELECT r.id, t.score FROM rescores r JOIN theory_scores t ON t.candidate_id = r.candidate_id AND t.subject_id = r.subject_id
       WHERE r.status = 'open' AND r.round IS NULL AND t.import_id = ?`,
    )
    .all(importId) as { id: number; score: number }[];
  for (const r of rows) sqlite.prepare("UPDATE rescores SET status = 'done', score_after = ?, done_at = ? WHERE id = ?").run(r.score, at, r.id);
  return rows.map((r) => r.id);
}

export function rescoresOf(sqlite: Sqlite, batchId: number): Rescore[] {
  const rows = sqlite
    .prepare(
      `SELECT r.id, r.objection_id AS objectionId, r.candidate_id AS candidateId, c.name AS candidateName, c.ticket_no AS ticketNo, r.subject_id AS subjectId, su.kind,
              r.round, r.score_before AS scoreBefore, r.score_after AS scoreAfter, r.status, r.opened_at AS openedAt, r.done_at AS doneAt, r.republished_in AS republishedIn
       FROM rescores r JOIN candidates c ON c.id = r.candidate_id JOIN subjects su ON su.id = r.subject_id WHERE c.batch_id = ? ORDER BY r.id`,
    )
    .all(batchId) as Omit<Rescore, 'entries'>[];
  const entries = sqlite.prepare('SELECT e.pass, s.name AS clerk, e.score, e.note, e.at FROM rescore_entries e JOIN staff s ON s.id = e.clerk_id WHERE e.rescore_id = ? ORDER BY e.pass');
  return rows.map((r) => ({ ...r, entries: entries.all(r.id) as Rescore['entries'] }));
}

/** Results changed (re-examination done) after `sinceIso`, for the seal's amendments (issue 8). */
export function changedSince(sqlite: Sqlite, batchId: number, sinceIso: string) {
  return sqlite
    .prepare(
      `SELECT r.candidate_id AS candidateId, r.subject_id AS subjectId, r.score_before AS scoreBefore, r.score_after AS scoreAfter, r.done_at AS doneAt, r.republished_in AS republishedIn
       FROM rescores r JOIN candidates c ON c.id = r.candidate_id WHERE c.batch_id = ? AND r.status = 'done' AND r.done_at > ? ORDER BY r.done_at`,
    )
    .all(batchId, sinceIso) as { candidateId: number; subjectId: number; scoreBefore: number | null; scoreAfter: number | null; doneAt: string; republishedIn: number | null }[];
}

/**
 * Issue 7 §6: once results are published, a theory score changes only through an upheld objection.
 * A re-import that would change a published candidate's confirmed score without an open correction
 * is refused (the candidates named), so no result changes around the rules.
 */
export function guardPublishedTheory(sqlite: Sqlite, subjectId: number, matched: readonly { candidateId: number; score: number }[]) {
  const published = sqlite.prepare('SELECT 1 FROM publications p JOIN subjects su ON su.batch_id = p.batch_id WHERE su.id = ? LIMIT 1').get(subjectId);
  if (!published) return;
  const current = sqlite.prepare('SELECT score FROM theory_scores WHERE candidate_id = ? AND subject_id = ?');
  const open = sqlite.prepare("SELECT 1 FROM rescores WHERE candidate_id = ? AND subject_id = ? AND status = 'open' AND round IS NULL");
  const name = sqlite.prepare('SELECT name FROM candidates WHERE id = ?');
  const blocked = matched.filter((m) => {
    const cur = current.get(m.candidateId, subjectId) as { score: number } | undefined;
    return cur !== undefined && cur.score !== m.score && !open.get(m.candidateId, subjectId);
  });
  if (blocked.length) {
    const names = blocked.slice(0, 3).map((m) => (name.get(m.candidateId) as { name: string }).name);
    throw new AppError(
      'CONFLICT',
      `成绩已公示：${names.join('、')}${blocked.length > 3 ? ` 等 ${blocked.length} 人` : ''}的理论成绩将被改变。公示后更改成绩须先登记异议、经调查成立并指定重新评定该科目。`,
      'Results are published: changing these theory scores needs an upheld objection first.',
      { params: { count: blocked.length } },
    );
  }
}
