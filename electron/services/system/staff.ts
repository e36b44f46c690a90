// The site's staff (S1): the list with roles and whether a PIN is set, new staff, PINs set by the
// site head or an administrator.
import { eq } from 'drizzle-orm';
import { schema, type ReadDb } from '../../../db';
import { rolesOf, setPin } from '../auth';
import { actorOf, nowIso, type ServiceContext } from '../context';
import { AppError } from '../errors';
import type { Role } from '../roles';

export function listStaff(db: ReadDb) {
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
  }));
}

export interface NewStaff {
  staffNo: string;
  name: string;
  roles: Role[];
  workUnit?: string | undefined;
  examinerGrade?: 'examiner' | 'senior' | undefined;
  pin?: string | undefined;
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
  if (input.pin) setPin(ctx.db, person.id, input.pin, ctx.clock, ctx.random);
  ctx.note({ after: { id: person.id, staffNo: input.staffNo, name: input.name, roles: input.roles, pinSet: !!input.pin } });
  return { id: person.id };
}

export function setStaffPin(ctx: ServiceContext, input: { staffId: number; pin: string }): { set: true } {
  const person = ctx.db.select().from(schema.staff).where(eq(schema.staff.id, input.staffId)).get();
  if (!person) throw new AppError('NOT_FOUND', 'staff.notFound', { staffId: input.staffId });
  setPin(ctx.db, person.id, input.pin, ctx.clock, ctx.random);
  ctx.note({ staffId: person.id, staffNo: person.staffNo });
  return { set: true };
}
