// A mutation's transaction with its audit event, wherever it runs: the dispatcher's on the thread
// that serves the doors, or a worker's on its own connection (a plan import, whose writes must not
// hold the doors). The same steps either way: the amendment notes (A1/G7), the command's work, the
// event 'ok'; or, for a refusal that must count (a wrong PIN), the event 'refused' committed with
// nothing else.
import type { Sqlite } from '../../../db';
import { appendAudit, type AuditInput } from '../audit';
import { AppError } from '../errors';
import { amendingBatchIds, contentDigest, type AmendContentNote } from './integrity';

export type AuditOutcome = AuditInput['outcome'];

/**
 * Runs `work` in one immediate transaction (the write lock taken at its start, so a write made
 * meanwhile on another connection can never invalidate what it read) and audits it through
 * `audit(outcome, extra)`. Returns the work's output, or the persisted refusal to throw once committed.
 */
export function auditedTransaction<T>(sqlite: Sqlite, work: () => T, audit: (outcome: AuditOutcome, extra: Record<string, unknown>) => void): { data: T | undefined; refused: AppError | null } {
  let refused: AppError | null = null;
  const data = sqlite.transaction((): T | undefined => {
    try {
      // A1/G7: while a batch is amending, each command notes the content it found and left, so a
      // change made outside any command breaks the chain (seal/integrity.ts)
      const amending = amendingBatchIds(sqlite).map((batchId) => ({ batchId, before: contentDigest(sqlite, batchId) }));
      const out = work();
      const amendContent: AmendContentNote[] = amending.map((a) => ({ ...a, after: contentDigest(sqlite, a.batchId) }));
      // a command that reopens a batch (an upheld objection) may change its content in the same
      // step: the amendment's chain starts from what that audited command left
      for (const batchId of amendingBatchIds(sqlite)) {
        if (!amending.some((a) => a.batchId === batchId)) amendContent.push({ batchId, before: null, after: contentDigest(sqlite, batchId) });
      }
      audit('ok', amendContent.length ? { amendContent } : {});
      return out;
    } catch (e) {
      if (e instanceof AppError && e.persist) {
        refused = e;
        audit('refused', { error: e.code });
        return undefined;
      }
      throw e;
    }
  }).immediate();
  return { data, refused };
}

/** Who and what an audit event names, made by the dispatcher (the worker's events too). */
export type AuditHead = Omit<AuditInput, 'outcome' | 'detail'>;

/**
 * The audit callback of auditedTransaction: the head as it stands when the event is written (a
 * sign-in names who it signed in), with the detail the work noted.
 */
export const auditWith =
  (sqlite: Sqlite, head: () => AuditHead, detail: Record<string, unknown>) =>
  (outcome: AuditOutcome, extra: Record<string, unknown>): void =>
    void appendAudit(sqlite, { ...head(), outcome, detail: { ...detail, ...extra } });
