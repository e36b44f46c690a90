// DOMAIN G7: a sealed batch opened for a correction (an objection upheld, a platform rejection).
// The sealed versions stay as they are; the next seal is an amendment naming the previous hash.
import { eq } from 'drizzle-orm';
import { schema } from '../../../db';
import { batchStatus, moveBatch } from '../batch';
import type { ReadContext, ServiceContext } from '../context';
import { AppError } from '../errors';

/** An amendment opened for an objection needs that objection, of this batch, decided as upheld. */
export function requireUpheldObjection(ctx: ReadContext, input: { batchId: number; objectionId: number }): void {
  const o = ctx.db
    .select({ outcome: schema.objections.outcome, batchId: schema.publications.batchId })
    .from(schema.objections)
    .innerJoin(schema.publications, eq(schema.publications.id, schema.objections.publicationId))
    .where(eq(schema.objections.id, input.objectionId))
    .get();
  if (!o || o.batchId !== input.batchId) throw new AppError('NOT_FOUND', 'seal.objectionNotFound', { objectionId: input.objectionId });
  if (o.outcome !== 'upheld') throw new AppError('CONFLICT', 'seal.objectionNotUpheld', { objectionId: input.objectionId });
}

/** Opens a sealed batch for a correction: sealed → amending, through the batch lifecycle. */
export function openAmendment(ctx: ServiceContext, input: { batchId: number }): { batchId: number; status: 'amending' } {
  if (batchStatus(ctx.db, input.batchId) !== 'sealed') throw new AppError('CONFLICT', 'seal.notSealed', { batchId: input.batchId });
  moveBatch(ctx, input.batchId, 'amending');
  return { batchId: input.batchId, status: 'amending' };
}
