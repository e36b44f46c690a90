// E2: the supervisor or site head marks who has arrived; only they enter the draw.
import { and, eq } from 'drizzle-orm';
import { schema } from '../../../db';
import { nowIso, type ServiceContext } from '../context';
import { AppError } from '../errors';
import { batchOf, drawRolesByStaff } from './queries';

/** still on a duty that has not ended (times carry their offset: compare instants, not strings) */
function stillPlaced(ctx: ServiceContext, batchId: number, staffId: number): boolean {
  const now = ctx.clock.now().getTime();
  return ctx.db
    .select({ endsAt: schema.examSessions.endsAt })
    .from(schema.drawAssignments)
    .innerJoin(schema.examSessions, eq(schema.examSessions.id, schema.drawAssignments.sessionId))
    .where(and(eq(schema.drawAssignments.staffId, staffId), eq(schema.drawAssignments.active, true), eq(schema.examSessions.batchId, batchId)))
    .all()
    .some((r) => Date.parse(r.endsAt) > now);
}

export function markDuty(ctx: ServiceContext, input: { batchId: number; staffIds: number[]; onDuty: boolean }) {
  batchOf(ctx.db, input.batchId);
  const roles = drawRolesByStaff(ctx.db);
  const now = nowIso(ctx);
  const by = ctx.actor?.staffId ?? null;
  const changed: { staffId: number; name: string; before: boolean; after: boolean }[] = [];
  for (const staffId of input.staffIds) {
    const p = ctx.db.select().from(schema.staff).where(eq(schema.staff.id, staffId)).get();
    if (!p || !p.active || !roles.has(staffId)) throw new AppError('NOT_FOUND', 'draw.staffNotFound', { staffId });
    const prev = ctx.db.select().from(schema.dutyMarks).where(and(eq(schema.dutyMarks.batchId, input.batchId), eq(schema.dutyMarks.staffId, staffId))).get();
    if (!input.onDuty && stillPlaced(ctx, input.batchId, staffId)) throw new AppError('CONFLICT', 'draw.stillAssigned', { name: p.name });
    ctx.db
      .insert(schema.dutyMarks)
      .values({ batchId: input.batchId, staffId, onDuty: input.onDuty, markedAt: now, markedBy: by })
      .onConflictDoUpdate({ target: [schema.dutyMarks.batchId, schema.dutyMarks.staffId], set: { onDuty: input.onDuty, markedAt: now, markedBy: by } })
      .run();
    changed.push({ staffId, name: p.name, before: prev?.onDuty ?? false, after: input.onDuty });
  }
  ctx.note({ batchId: input.batchId, duty: changed });
  return { changed: changed.length };
}
