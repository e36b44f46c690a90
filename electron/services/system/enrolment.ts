// Personal credentials (S1): nobody sets another person's PIN. The site head (or an administrator,
// for people whose roles are not above their own) issues a one-time enrolment code, printed on the
// staff list or a badge slip as text and QR; the person enrols with it and chooses their own PIN.
// The code is valid on the site day it was issued, used once, stored as its SHA-256. Issuing a
// code to someone who has a PIN is a reset: the old PIN and their sessions end (audited).
import { and, eq, isNull } from 'drizzle-orm';
import { timingSafeEqual } from 'node:crypto';
import { schema, type Db } from '../../../db';
import { siteDate } from '../../domain/vocabulary';
import { refuseWeakPin, rolesOf, storePinHash } from '../auth';
import { sha256Hex } from '../canonical';
import { actorOf, nowIso, type ServiceContext } from '../context';
import { AppError } from '../errors';
import { accountKey, pinGuard } from '../pin-guard';
import { hashPinAsync } from '../pins';
import type { Role } from '../roles';

/** No 0/O, 1/I/L: a code read off paper is typed right. 10 characters of 32 = 50 bits. */
const ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
export const CODE_LENGTH = 10;
export const MAX_CODES_PER_CALL = 500;

/** S1: the site head is above the administrator, who is above every other role. */
const RANK: Record<Role, number> = { site_head: 3, admin: 2, supervisor: 1, chief_examiner: 1, examiner: 1, proctor: 1, score_clerk: 1 };

export function rankOf(roles: readonly Role[]): number {
  return Math.max(0, ...roles.map((r) => RANK[r]));
}

/** Upper-case, without spaces or dashes: what the person types is compared as printed. */
export function normaliseCode(code: string): string {
  return code.toUpperCase().replace(/[\s-]/g, '');
}

function newCode(ctx: Pick<ServiceContext, 'random'>): string {
  const bytes = ctx.random.bytes(CODE_LENGTH);
  return [...bytes].map((b) => ALPHABET[b % ALPHABET.length]).join('');
}

export interface EnrolmentSlip {
  staffId: number;
  staffNo: string;
  name: string;
  roles: Role[];
  /** shown once, printed on the slip (XXXXX-XXXXX); only its hash is kept */
  code: string;
  validOn: string;
  /** the person had a PIN: it no longer works */
  reset: boolean;
}

/** Refuses touching someone whose roles rank above the actor's own (an admin and the site head). */
function refuseAbove(db: Db, actorRole: Role, staffId: number): Role[] {
  const roles = rolesOf(db, staffId);
  if (rankOf(roles) > RANK[actorRole]) throw new AppError('FORBIDDEN', 'staff.roleAbove', { staffId });
  return roles;
}

export function issueEnrolmentCodes(ctx: ServiceContext, input: { staffIds: number[] }): { slips: EnrolmentSlip[] } {
  const actor = actorOf(ctx);
  const now = nowIso(ctx);
  const validOn = siteDate(now);
  const slips: EnrolmentSlip[] = [];
  for (const staffId of new Set(input.staffIds)) {
    const person = ctx.db.select().from(schema.staff).where(eq(schema.staff.id, staffId)).get();
    if (!person) throw new AppError('NOT_FOUND', 'staff.notFound', { staffId });
    if (!person.active) throw new AppError('CONFLICT', 'staff.inactive', { staffNo: person.staffNo });
    const roles = refuseAbove(ctx.db, actor.role, staffId);
    ctx.db.update(schema.staffEnrolments).set({ revokedAt: now }).where(and(eq(schema.staffEnrolments.staffId, staffId), isNull(schema.staffEnrolments.usedAt), isNull(schema.staffEnrolments.revokedAt))).run();
    const reset = !!ctx.db.delete(schema.staffPins).where(eq(schema.staffPins.staffId, staffId)).returning({ id: schema.staffPins.staffId }).get();
    if (reset) ctx.db.update(schema.authSessions).set({ revokedAt: now }).where(and(eq(schema.authSessions.staffId, staffId), isNull(schema.authSessions.revokedAt))).run();
    const code = newCode(ctx);
    ctx.db.insert(schema.staffEnrolments).values({ staffId, codeHash: sha256Hex(code), validOn, issuedAt: now, issuedBy: actor.staffId }).run();
    slips.push({ staffId, staffNo: person.staffNo, name: person.name, roles, code: `${code.slice(0, 5)}-${code.slice(5)}`, validOn, reset });
  }
  ctx.note({ issued: slips.map((s) => ({ staffId: s.staffId, staffNo: s.staffNo, reset: s.reset })), validOn });
  return { slips };
}

/** Before the transaction: the new PIN's rule and its hash (scrypt in the thread pool, for known and unknown numbers alike). */
export async function prepareEnrolment(ctx: ServiceContext, input: { staffNo: string; code: string; pin: string }): Promise<{ hash: string }> {
  refuseWeakPin(input.pin, input.staffNo);
  return { hash: await hashPinAsync(input.pin, ctx.random) };
}

/**
 * A staff member enrols: staff number, the code of the day, their own PIN. A wrong code (or an
 * unknown staff number: the same answer) is counted by the PIN guard like a wrong PIN.
 */
export function enrol(ctx: ServiceContext, input: { staffNo: string; code: string; pin: string }, prepared: { hash: string }): { enrolled: true; staffNo: string } {
  const account = accountKey(input.staffNo);
  const client = ctx.client ?? 'local';
  const guard = pinGuard(ctx.sqlite);
  const nowMs = ctx.clock.now().getTime();
  ctx.note({ staffNo: input.staffNo });
  guard.check(account, client, nowMs);
  const person = ctx.db.select().from(schema.staff).where(eq(schema.staff.staffNo, input.staffNo.trim())).get();
  const today = siteDate(nowIso(ctx));
  const open = person?.active
    ? ctx.db
        .select()
        .from(schema.staffEnrolments)
        .where(and(eq(schema.staffEnrolments.staffId, person.id), isNull(schema.staffEnrolments.usedAt), isNull(schema.staffEnrolments.revokedAt), eq(schema.staffEnrolments.validOn, today)))
        .all()
    : [];
  const given = Buffer.from(sha256Hex(normaliseCode(input.code)));
  const hit = open.find((e) => timingSafeEqual(Buffer.from(e.codeHash), given));
  if (!person || !hit) throw guard.fail(account, client, nowMs, 'auth.enrolCodeWrong');
  guard.succeed(account, client);
  ctx.db.update(schema.staffEnrolments).set({ usedAt: nowIso(ctx) }).where(eq(schema.staffEnrolments.id, hit.id)).run();
  storePinHash(ctx.db, person.id, prepared.hash, ctx.clock);
  ctx.note({ staffId: person.id, enrolmentId: hit.id });
  return { enrolled: true, staffNo: person.staffNo };
}
