import { and, eq, sql } from 'drizzle-orm';
import { schema, type Db, type ReadDb } from '../../db';
import { sha256Hex } from './canonical';
import { AppError } from './errors';
import { checkPin, hashPin, lockDurationMs } from './pins';
import { siteLocalIso } from '../domain/vocabulary';
import { ROLES, isRole, type Role } from './roles';
import { actorOf, nowIso, type ServiceContext } from './context';
import type { Clock, RandomSource } from './runtime';

export interface Actor {
  staffId: number;
  staffNo: string;
  name: string;
  role: Role;
}

/** A working day at a site is long; a session lasts one shift and is then signed in again. */
export const SESSION_TTL_MS = 12 * 60 * 60_000;

export const PIN_RULE = /^\d{6,12}$/;

export function rolesOf(db: ReadDb, staffId: number): Role[] {
  const rows = db.select({ role: schema.staffRoles.role }).from(schema.staffRoles).where(eq(schema.staffRoles.staffId, staffId)).all();
  const held = new Set(rows.map((r) => r.role));
  return ROLES.filter((r) => held.has(r));
}

export function setPin(db: Db, staffId: number, pin: string, clock: Clock, random: RandomSource): void {
  const hash = hashPin(pin, random);
  const now = clock.now().toISOString();
  db.insert(schema.staffPins)
    .values({ staffId, hash, failedCount: 0, lockedUntil: null, updatedAt: now })
    .onConflictDoUpdate({ target: schema.staffPins.staffId, set: { hash, failedCount: 0, lockedUntil: null, updatedAt: now } })
    .run();
}

function wrongPin(): AppError {
  return new AppError('PIN_WRONG', 'auth.pinWrong', undefined, { persist: true });
}

/** the site's wall time of a lock's end (HH:mm:ss), for the message; `until` carries the instant */
const siteTime = (iso: string) => siteLocalIso(iso).slice(11, 19);

/**
 * Checks a PIN for a staff member, counting failures and locking for a growing time.
 * Throws a persisting AppError so the failure count survives the refused command.
 */
export function verifyStaffPin(db: Db, staffId: number, pin: string, clock: Clock): void {
  const row = db.select().from(schema.staffPins).where(eq(schema.staffPins.staffId, staffId)).get();
  if (!row) throw new AppError('PIN_WRONG', 'auth.noPin', undefined, { persist: true });
  const now = clock.now();
  if (row.lockedUntil && new Date(row.lockedUntil) > now) {
    throw new AppError('PIN_LOCKED', 'auth.pinLocked', { until: row.lockedUntil, time: siteTime(row.lockedUntil) }, { persist: true });
  }
  if (checkPin(pin, row.hash)) {
    if (row.failedCount > 0 || row.lockedUntil) {
      db.update(schema.staffPins).set({ failedCount: 0, lockedUntil: null }).where(eq(schema.staffPins.staffId, staffId)).run();
    }
    return;
  }
  const failedCount = row.failedCount + 1;
  const lockMs = lockDurationMs(failedCount);
  const lockedUntil = lockMs > 0 ? new Date(now.getTime() + lockMs).toISOString() : null;
  db.update(schema.staffPins).set({ failedCount, lockedUntil }).where(eq(schema.staffPins.staffId, staffId)).run();
  if (lockedUntil) {
    throw new AppError('PIN_LOCKED', 'auth.pinLockedNow', { until: lockedUntil, time: siteTime(lockedUntil), failures: failedCount }, { persist: true });
  }
  throw wrongPin();
}

export interface SignInResult {
  token: string;
  expiresAt: string;
  actor: Actor;
  roles: Role[];
}

export function signIn(ctx: Pick<ServiceContext, 'db' | 'clock' | 'random' | 'device' | 'note'>, input: { staffNo: string; pin: string; role?: Role | undefined }): SignInResult {
  const { db, clock, random, device } = ctx;
  ctx.note({ staffNo: input.staffNo, role: input.role ?? null });
  const person = db.select().from(schema.staff).where(eq(schema.staff.staffNo, input.staffNo.trim())).get();
  // A wrong staff number answers exactly like a wrong PIN: the door does not tell who exists.
  if (!person || !person.active) throw wrongPin();
  verifyStaffPin(db, person.id, input.pin, clock);
  const roles = rolesOf(db, person.id);
  const role = input.role ?? roles[0];
  if (!role || !roles.includes(role)) {
    if (!input.role) throw new AppError('FORBIDDEN', 'auth.noRole', undefined, { persist: true });
    throw new AppError('FORBIDDEN', 'auth.roleNotHeld', { role: `@role.${input.role}` }, { persist: true });
  }
  const token = random.bytes(32).toString('base64url'); // 256 bits
  const now = clock.now();
  const expiresAt = new Date(now.getTime() + SESSION_TTL_MS).toISOString();
  db.insert(schema.authSessions)
    .values({ tokenHash: sha256Hex(token), staffId: person.id, role, device, createdAt: now.toISOString(), expiresAt })
    .run();
  return { token, expiresAt, actor: { staffId: person.id, staffNo: person.staffNo, name: person.name, role }, roles };
}

function prepareTokenQuery(db: Db) {
  return db
    .select({ s: schema.authSessions, staff: schema.staff })
    .from(schema.authSessions)
    .innerJoin(schema.staff, eq(schema.staff.id, schema.authSessions.staffId))
    .where(eq(schema.authSessions.tokenHash, sql.placeholder('hash')))
    .prepare();
}

/** Every call resolves its token: the query is prepared once per connection, not rebuilt per call (the door's bench). */
const tokenQueries = new WeakMap<Db, ReturnType<typeof prepareTokenQuery>>();

/** Resolves a bearer token to its actor; an unknown, revoked or expired token is refused. */
export function actorForToken(db: Db, token: string, clock: Clock): { actor: Actor; expiresAt: string } {
  let query = tokenQueries.get(db);
  if (!query) {
    query = prepareTokenQuery(db);
    tokenQueries.set(db, query);
  }
  const row = query.get({ hash: sha256Hex(token) });
  if (!row || row.s.revokedAt || !row.staff.active) {
    throw new AppError('UNAUTHENTICATED', 'auth.signInFirst');
  }
  if (new Date(row.s.expiresAt) <= clock.now()) {
    throw new AppError('SESSION_EXPIRED', 'auth.sessionExpired');
  }
  const role = row.s.role;
  if (!isRole(role)) throw new AppError('UNAUTHENTICATED', 'auth.signInFirst');
  return { actor: { staffId: row.staff.id, staffNo: row.staff.staffNo, name: row.staff.name, role }, expiresAt: row.s.expiresAt };
}

export function revokeToken(ctx: Pick<ServiceContext, 'db' | 'clock'>, token: string): void {
  ctx.db
    .update(schema.authSessions)
    .set({ revokedAt: nowIso(ctx) })
    .where(and(eq(schema.authSessions.tokenHash, sha256Hex(token))))
    .run();
}

/** The signed-in person changes their own PIN: the old one first (counted like any wrong PIN). */
export function changeOwnPin(ctx: ServiceContext, input: { oldPin: string; newPin: string }): { changed: true } {
  const actor = actorOf(ctx);
  verifyStaffPin(ctx.db, actor.staffId, input.oldPin, ctx.clock);
  setPin(ctx.db, actor.staffId, input.newPin, ctx.clock, ctx.random);
  ctx.note({ staffId: actor.staffId });
  return { changed: true };
}
