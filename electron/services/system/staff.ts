// The site's staff (S1): the list with roles, whether a PIN is set, an open enrolment code and a
// wrong-PIN lock; new staff. Nobody sets another person's PIN: see enrolment.ts.
import { and, eq, isNull } from 'drizzle-orm';
import { schema, type ReadDb } from '../../../db';
import { rolesOf } from '../auth';
import { accountKey, pinGuard } from '../pin-guard';
import { actorOf, nowIso, type ReadContext, type ServiceContext } from '../context';
import { AppError } from '../errors';
import type { Role } from '../roles';

export function listStaff(ctx: Pick<ReadContext, 'db' | 'sqlite' | 'clock'>) {
  const db: ReadDb = ctx.db;
  const locked = pinGuard(ctx.sqlite).locked(ctx.clock.now().getTime());
  const codes = new Map(
    db
      .select({ staffId: schema.staffEnrolments.staffId, validOn: schema.staffEnrolments.validOn })
      .from(schema.staffEnrolments)
      .where(and(isNull(schema.staffEnrolments.usedAt), isNull(schema.staffEnrolments.revokedAt)))
      .all()
      .map((r) => [r.staffId, r.validOn]),
  );
  const people = db.select().from(schema.staff).orderBy(schema.staff.staffNo).all();
  const pins = new Set(db.select({ id: schema.staffPins.staffId }).from(schema.staffPins).all().map((r) => r.id));
  return people.map((p) => ({
    id: p.id,
    staffNo: p.staffNo,
    name: p.name,
    workUnit: p.workUnit,
    examinerGrade: p.examinerGrade,
    active: p.active,
    roles: rolesOf(db, p.id),
    hasPin: pins.has(p.id),
    /** the day an unused enrolment code is valid on, if one is open */
    codeValidOn: codes.get(p.id) ?? null,
    locked: locked.has(accountKey(p.staffNo)),
  }));
}

export interface NewStaff {
  staffNo: string;
  name: string;
  roles: Role[];
  workUnit?: string | undefined;
  examinerGrade?: 'examiner' | 'senior' | undefined;
}

export function createStaff(ctx: ServiceContext, input: NewStaff): { id: number } {
  if (input.roles.includes('site_head') && actorOf(ctx).role !== 'site_head') throw new AppError('FORBIDDEN', 'staff.siteHeadOnly');
  const exists = ctx.db.select({ id: schema.staff.id }).from(schema.staff).where(eq(schema.staff.staffNo, input.staffNo)).get();
  if (exists) throw new AppError('CONFLICT', 'staff.exists', { staffNo: input.staffNo });
  const person = ctx.db
    .insert(schema.staff)
    .values({ staffNo: input.staffNo, name: input.name, workUnit: input.workUnit ?? null, examinerGrade: input.examinerGrade ?? null, createdAt: nowIso(ctx) })
    .returning({ id: schema.staff.id })
    .get();
  for (const r of new Set(input.roles)) ctx.db.insert(schema.staffRoles).values({ staffId: person.id, role: r }).run();
  ctx.note({ after: { id: person.id, staffNo: input.staffNo, name: input.name, roles: input.roles } });
  return { id: person.id };
}
