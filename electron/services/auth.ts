import { and, eq, sql } from 'drizzle-orm';
import { schema, type Db } from '../../db';
import { sha256Hex } from './canonical';
import { AppError } from './errors';
import { checkPin, hashPin, lockDurationMs } from './pins';
import { ROLES, ROLE_NAMES_ZH, isRole, type Role } from './roles';
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

export function rolesOf(db: Db, staffId: number): Role[] {
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
  return new AppError('PIN_WRONG', '工号或 PIN 不正确。', 'Staff number or PIN is wrong.', { persist: true });
}

/**
 * Checks a PIN for a staff member, counting failures and locking for a growing time.
 * Throws a persisting AppError so the failure count survives the refused command.
 */
export function verifyStaffPin(db: Db, staffId: number, pin: string, clock: Clock): void {
  const row = db.select().from(schema.staffPins).where(eq(schema.staffPins.staffId, staffId)).get();
  if (!row) throw new AppError('PIN_WRONG', '该人员尚未设置 PIN，请联系考点负责人。', 'No PIN set for this staff member.', { persist: true });
  const now = clock.now();
  if (row.lockedUntil && new Date(row.lockedUntil) > now) {
    throw new AppError('PIN_LOCKED', `PIN 连续输错，账户已锁定至 ${formatLocal(row.lockedUntil)}。`, `Locked after repeated wrong PINs until ${row.lockedUntil}.`, {
      params: { until: row.lockedUntil },
      persist: true,
    });
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
    throw new AppError('PIN_LOCKED', `PIN 连续输错 ${failedCount} 次，账户锁定至 ${formatLocal(lockedUntil)}。`, `Wrong PIN ${failedCount} times; locked until ${lockedUntil}.`, {
      params: { until: lockedUntil, failures: failedCount },
      persist: true,
    });
  }
  throw wrongPin();
}

function formatLocal(iso: string): string {
  const d = new Date(iso);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;
}

export interface SignInResult {
  token: string;
  expiresAt: string;
  actor: Actor;
  roles: Role[];
}

export function signIn(
  db: Db,
  input: { staffNo: string; pin: string; role?: Role | undefined },
  device: string,
  clock: Clock,
  random: RandomSource,
): SignInResult {
  const person = db.select().from(schema.staff).where(eq(schema.staff.staffNo, input.staffNo.trim())).get();
  // A wrong staff number answers exactly like a wrong PIN: the door does not tell who exists.
  if (!person || !person.active) throw wrongPin();
  verifyStaffPin(db, person.id, input.pin, clock);
  const roles = rolesOf(db, person.id);
  const role = input.role ?? roles[0];
  if (!role || !roles.includes(role)) {
    const want = input.role ? ROLE_NAMES_ZH[input.role] : '';
    throw new AppError('FORBIDDEN', `您没有“${want}”角色。`, `You do not hold the role ${input.role ?? ''}.`, { persist: true });
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
    throw new AppError('UNAUTHENTICATED', '请先登录。', 'Please sign in.');
  }
  if (new Date(row.s.expiresAt) <= clock.now()) {
    throw new AppError('SESSION_EXPIRED', '登录已过期，请重新登录。', 'Session expired; sign in again.');
  }
  const role = row.s.role;
  if (!isRole(role)) throw new AppError('UNAUTHENTICATED', '请先登录。', 'Please sign in.');
  return { actor: { staffId: row.staff.id, staffNo: row.staff.staffNo, name: row.staff.name, role }, expiresAt: row.s.expiresAt };
}

export function revokeToken(db: Db, token: string, clock: Clock): void {
  db.update(schema.authSessions)
    .set({ revokedAt: clock.now().toISOString() })
    .where(and(eq(schema.authSessions.tokenHash, sha256Hex(token))))
    .run();
}
