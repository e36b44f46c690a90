// The one owner of the batch lifecycle (DOMAIN S9, A1). Every status change of a batch goes
// through moveBatch, from the command that is its audited step: plan import creates a batch in
// draft; the seal ceremony moves draft → sealed and amending → sealed; opening an amendment
// moves sealed → amending. Nothing else writes batches.status.
import { eq } from 'drizzle-orm';
import { schema, type ReadDb } from '../../db';
import type { BatchStatus } from '../../db/schema/core';
import type { ServiceContext } from './context';
import { AppError } from './errors';

export type { BatchStatus };

/** The allowed transitions: from → the states it may move to. */
export const BATCH_TRANSITIONS: Readonly<Record<BatchStatus, readonly BatchStatus[]>> = {
  draft: ['sealed'],
  sealed: ['amending'],
  amending: ['sealed'],
};

export function batchStatus(db: ReadDb, batchId: number): BatchStatus {
  const b = db.select({ status: schema.batches.status }).from(schema.batches).where(eq(schema.batches.id, batchId)).get();
  if (!b) throw new AppError('NOT_FOUND', 'batch.notFound', { batchId });
  return b.status;
}

/** Refuses unless the batch is in one of the given states (e.g. plan import only in draft). */
export function requireBatchStatus(db: ReadDb, batchId: number, allowed: readonly BatchStatus[]): BatchStatus {
  const status = batchStatus(db, batchId);
  if (!allowed.includes(status)) throw new AppError('CONFLICT', 'batch.wrongStatus', { status: `@batch.status.${status}`, batchId });
  return status;
}

/** Moves a batch along an allowed transition and notes it in the command's audit event. */
export function moveBatch(ctx: ServiceContext, batchId: number, to: BatchStatus): { from: BatchStatus; to: BatchStatus } {
  const from = batchStatus(ctx.db, batchId);
  if (!BATCH_TRANSITIONS[from].includes(to)) {
    throw new AppError('CONFLICT', 'batch.transitionRefused', { from: `@batch.status.${from}`, to: `@batch.status.${to}`, batchId });
  }
  ctx.db.update(schema.batches).set({ status: to }).where(eq(schema.batches.id, batchId)).run();
  ctx.note({ batchStatus: { batchId, before: from, after: to } });
  return { from, to };
}
