// What the seal page lists: the batches with their seal state, and a batch's sealed versions.
import { asc, desc, eq, max } from 'drizzle-orm';
import { schema } from '../../../db';
import type { ReadContext } from '../context';

/** The batches with their status and latest sealed version (the seal page's picker). */
export function sealBatchList(ctx: ReadContext) {
  return ctx.db
    .select({
      id: schema.batches.id,
      name: schema.batches.name,
      planCode: schema.batches.planCode,
      examDate: schema.batches.examDate,
      status: schema.batches.status,
      version: max(schema.sealedPackages.version),
    })
    .from(schema.batches)
    .leftJoin(schema.sealedPackages, eq(schema.sealedPackages.batchId, schema.batches.id))
    .groupBy(schema.batches.id)
    .orderBy(desc(schema.batches.examDate), desc(schema.batches.id))
    .all();
}

/** A batch's sealed versions (seal, amendments), oldest first, without their bodies. */
export function sealedVersions(ctx: ReadContext, batchId: number) {
  const p = schema.sealedPackages;
  return ctx.db
    .select({ id: p.id, version: p.version, kind: p.kind, hash: p.hash, previousHash: p.previousHash, reason: p.reason, createdAt: p.createdAt, byteSize: p.byteSize })
    .from(p)
    .where(eq(p.batchId, batchId))
    .orderBy(asc(p.version))
    .all();
}
