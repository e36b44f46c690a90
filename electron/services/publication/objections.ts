// G5: objections (异议) raised during a publication: recorded, investigated, decided with an
// attributed decision. An upheld objection may name a subject to examine again (results/rescore.ts);
// the command then opens an amendment on the sealed batch (the seal area), as a service never calls
// forward into a later area.
import type { ReadSqlite } from '../../../db';
import type { ObjectionOutcome, ObjectionStatus } from '../../../db/schema/results';
import { actorOf, nowIso, type ServiceContext } from '../context';
import { AppError } from '../errors';
import { openRescore } from '../results/rescore';
import { publicationRecord } from './lifecycle';

export interface ObjectionView {
  id: number;
  candidateId: number | null;
  candidateName: string | null;
  subjectId: number | null;
  raisedBy: string;
  content: string;
  receivedAt: string;
  status: ObjectionStatus;
  investigation: string | null;
  decision: string | null;
  outcome: ObjectionOutcome | null;
  decidedBy: string | null;
  decidedAt: string | null;
  recordedBy: string | null;
}

export function objectionsOf(sqlite: ReadSqlite, publicationId: number): ObjectionView[] {
  return sqlite
    .prepare<[number], ObjectionView>(
      `SELECT o.id, o.candidate_id AS candidateId, c.name AS candidateName, o.subject_id AS subjectId, o.raised_by AS raisedBy, o.content, o.received_at AS receivedAt,
              o.status, o.investigation, o.decision, o.outcome, d.name AS decidedBy, o.decided_at AS decidedAt, r.name AS recordedBy
       FROM objections o LEFT JOIN candidates c ON c.id = o.candidate_id LEFT JOIN staff d ON d.id = o.decided_by LEFT JOIN staff r ON r.id = o.recorded_by
       WHERE o.publication_id = ? ORDER BY o.id`,
    )
    .all(publicationId);
}

export function recordObjection(ctx: ServiceContext, input: { publicationId: number; candidateId?: number | undefined; raisedBy: string; content: string }) {
  const p = publicationRecord(ctx.sqlite, input.publicationId);
  if (p.status !== 'open') throw new AppError('CONFLICT', 'publication.ended', { publicationId: p.id });
  if (input.candidateId) {
    const c = ctx.sqlite.prepare<[number], { b: number }>('SELECT batch_id AS b FROM candidates WHERE id = ?').get(input.candidateId);
    if (!c || c.b !== p.batchId) throw new AppError('NOT_FOUND', 'publication.candidateNotFound', { candidateId: input.candidateId });
  }
  const id = Number(
    ctx.sqlite
      .prepare<[number, number | null, string, string, string, number]>(
        "INSERT INTO objections (publication_id, candidate_id, raised_by, content, received_at, recorded_by, status) VALUES (?, ?, ?, ?, ?, ?, 'open')",
      )
      .run(input.publicationId, input.candidateId ?? null, input.raisedBy, input.content, nowIso(ctx), actorOf(ctx).staffId).lastInsertRowid,
  );
  ctx.note({ ...input, objectionId: id });
  return { id };
}

function openObjection(sqlite: ReadSqlite, objectionId: number): { status: ObjectionStatus; investigation: string | null } {
  const o = sqlite.prepare<[number], { status: ObjectionStatus; investigation: string | null }>('SELECT status, investigation FROM objections WHERE id = ?').get(objectionId);
  if (!o) throw new AppError('NOT_FOUND', 'publication.objectionNotFound', { objectionId });
  if (o.status === 'resolved') throw new AppError('CONFLICT', 'publication.objectionResolved', { objectionId });
  return o;
}

export function investigateObjection(ctx: ServiceContext, input: { objectionId: number; investigation: string }) {
  openObjection(ctx.sqlite, input.objectionId);
  ctx.sqlite.prepare<[string, number]>("UPDATE objections SET status = 'investigating', investigation = ? WHERE id = ?").run(input.investigation, input.objectionId);
  ctx.note(input);
  return { status: 'investigating' as const };
}

/**
 * Resolves with an attributed decision. An upheld objection may name the subject to examine again:
 * the changed result then goes through the same rules (new round / G4 correction) and a
 * supplementary publication before any 确认单 includes it. Returns the batch and its status, so the
 * command can open an amendment on a sealed batch (G7).
 */
export function resolveObjection(ctx: ServiceContext, input: { objectionId: number; decision: string; outcome: ObjectionOutcome; subjectId?: number | undefined }) {
  const o = openObjection(ctx.sqlite, input.objectionId);
  if (!o.investigation) throw new AppError('CONFLICT', 'publication.investigateFirst', { objectionId: input.objectionId });
  if (input.subjectId !== undefined && input.outcome !== 'upheld') throw new AppError('BAD_INPUT', 'publication.rescoreOnlyUpheld');
  ctx.sqlite
    .prepare<[string, ObjectionOutcome, number, string, number]>("UPDATE objections SET status = 'resolved', decision = ?, outcome = ?, decided_by = ?, decided_at = ? WHERE id = ?")
    .run(input.decision, input.outcome, actorOf(ctx).staffId, nowIso(ctx), input.objectionId);
  const b = ctx.sqlite
    .prepare<[number], { batchId: number }>('SELECT p.batch_id AS batchId FROM objections o JOIN publications p ON p.id = o.publication_id WHERE o.id = ?')
    .get(input.objectionId);
  const rescore = input.subjectId !== undefined ? openRescore(ctx, { objectionId: input.objectionId, subjectId: input.subjectId }) : null;
  ctx.note({ ...input, rescore });
  return { status: 'resolved' as const, rescore, batchId: b?.batchId ?? null };
}
