// G4: paper theory scores are entered twice by two different clerks; agreement makes the score, a
// mismatch blocks until someone checks the paper and settles it with a note. No entry is overwritten.
import type { ReadSqlite } from '../../../db';
import { actorOf, nowIso, type ServiceContext } from '../context';
import { AppError } from '../errors';
import { theorySubject } from './theory';

export const PAPER_ENTRY_STATES = ['waiting', 'agreed', 'mismatch'] as const;
export type PaperEntryState = (typeof PAPER_ENTRY_STATES)[number];

function upsertPaperScore(ctx: ServiceContext, input: { candidateId: number; subjectId: number; score: number }, at: string, by: number): void {
  ctx.sqlite
    .prepare<[number, number, number, string, number]>(
      `INSERT INTO theory_scores (candidate_id, subject_id, score, source, import_id, confirmed_at, confirmed_by) VALUES (?, ?, ?, 'paper', NULL, ?, ?)
       ON CONFLICT (candidate_id, subject_id) DO UPDATE SET score = excluded.score, source = 'paper', confirmed_at = excluded.confirmed_at, confirmed_by = excluded.confirmed_by`,
    )
    .run(input.candidateId, input.subjectId, input.score, at, by);
}

function entriesOf(sqlite: ReadSqlite, candidateId: number, subjectId: number) {
  return sqlite
    .prepare<[number, number], { pass: number; clerkId: number; score: number }>('SELECT pass, clerk_id AS clerkId, score FROM paper_entries WHERE candidate_id = ? AND subject_id = ? ORDER BY pass')
    .all(candidateId, subjectId);
}

/** A clerk's entry. Pass 1 and pass 2 must come from two different clerks; an entry is never overwritten. */
export function enterPaperScore(ctx: ServiceContext, input: { candidateId: number; subjectId: number; score: number }): { pass: number; state: PaperEntryState } {
  const clerkId = actorOf(ctx).staffId;
  theorySubject(ctx.sqlite, input.subjectId);
  const sits = ctx.sqlite.prepare<[number, number], { one: number }>('SELECT 1 AS one FROM candidate_subjects WHERE candidate_id = ? AND subject_id = ?').get(input.candidateId, input.subjectId);
  if (!sits) throw new AppError('NOT_FOUND', 'scoring.notSitting', { candidateId: input.candidateId, subjectId: input.subjectId });
  if (Math.round(input.score * 10) !== input.score * 10) throw new AppError('BAD_INPUT', 'scoring.oneDecimal');
  const entries = entriesOf(ctx.sqlite, input.candidateId, input.subjectId);
  if (entries.some((e) => e.clerkId === clerkId)) throw new AppError('CONFLICT', 'scoring.secondClerk');
  if (entries.length >= 2) throw new AppError('CONFLICT', 'scoring.bothEntered');
  const pass = entries.length + 1;
  const now = nowIso(ctx);
  ctx.sqlite
    .prepare<[number, number, number, number, number, string]>('INSERT INTO paper_entries (candidate_id, subject_id, pass, clerk_id, score, at) VALUES (?, ?, ?, ?, ?, ?)')
    .run(input.candidateId, input.subjectId, pass, clerkId, input.score, now);
  let state: PaperEntryState = 'waiting';
  if (pass === 2) state = entries[0]!.score === input.score ? 'agreed' : 'mismatch';
  if (state === 'agreed') upsertPaperScore(ctx, input, now, clerkId);
  ctx.note({ ...input, pass, state });
  return { pass, state };
}

export interface PaperEntryRow {
  candidateId: number;
  name: string;
  ticketNo: string;
  first: number | null;
  firstClerk: string | null;
  second: number | null;
  secondClerk: string | null;
  settled: number | null;
  settleNote: string | null;
  settledBy: string | null;
  final: number | null;
}

/** G4: the mismatches side by side, each with both entries and who made them. */
export function paperEntryState(sqlite: ReadSqlite, subjectId: number): PaperEntryRow[] {
  return sqlite
    .prepare<[number], PaperEntryRow>(
      `SELECT c.id AS candidateId, c.name, c.ticket_no AS ticketNo,
              e1.score AS first, s1.name AS firstClerk, e2.score AS second, s2.name AS secondClerk,
              ps.score AS settled, ps.note AS settleNote, s3.name AS settledBy, ts.score AS final
       FROM candidate_subjects cs JOIN candidates c ON c.id = cs.candidate_id
       LEFT JOIN paper_entries e1 ON e1.candidate_id = c.id AND e1.subject_id = cs.subject_id AND e1.pass = 1 LEFT JOIN staff s1 ON s1.id = e1.clerk_id
       LEFT JOIN paper_entries e2 ON e2.candidate_id = c.id AND e2.subject_id = cs.subject_id AND e2.pass = 2 LEFT JOIN staff s2 ON s2.id = e2.clerk_id
       LEFT JOIN paper_settlements ps ON ps.candidate_id = c.id AND ps.subject_id = cs.subject_id LEFT JOIN staff s3 ON s3.id = ps.settled_by
       LEFT JOIN theory_scores ts ON ts.candidate_id = c.id AND ts.subject_id = cs.subject_id
       WHERE cs.subject_id = ? ORDER BY c.ticket_no`,
    )
    .all(subjectId);
}

/** G4: settles a mismatch by the paper: the score on the paper and a note of who checked it. */
export function settlePaperMismatch(ctx: ServiceContext, input: { candidateId: number; subjectId: number; score: number; note: string }) {
  const by = actorOf(ctx).staffId;
  const e = entriesOf(ctx.sqlite, input.candidateId, input.subjectId);
  if (e.length < 2) throw new AppError('CONFLICT', 'scoring.entriesIncomplete');
  if (e[0]!.score === e[1]!.score) throw new AppError('CONFLICT', 'scoring.entriesAgree');
  const done = ctx.sqlite.prepare<[number, number], { one: number }>('SELECT 1 AS one FROM paper_settlements WHERE candidate_id = ? AND subject_id = ?').get(input.candidateId, input.subjectId);
  if (done) throw new AppError('CONFLICT', 'scoring.alreadySettled');
  const now = nowIso(ctx);
  ctx.sqlite
    .prepare<[number, number, number, string, number, string]>('INSERT INTO paper_settlements (candidate_id, subject_id, score, note, settled_by, at) VALUES (?, ?, ?, ?, ?, ?)')
    .run(input.candidateId, input.subjectId, input.score, input.note, by, now);
  upsertPaperScore(ctx, input, now, by);
  const entries = e.map((x) => x.score);
  ctx.note({ ...input, entries });
  return { score: input.score, entries };
}
