import { and, eq, sql } from 'drizzle-orm';
import { schema, type Db, type ReadDb } from '../../db';
import { sha256Hex } from './canonical';
import { AppError } from './errors';
import { checkPinAsync, dummyHash, hashPinAsync, weakPinReason } from './pins';
import { accountKey, pinGuard } from './pin-guard';
import { ROLES, isRole, type Role } from './roles';
import { actorOf, nowIso, type ServiceContext } from './context';
import type { Clock } from './runtime';

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

/** Stores a hash computed beforehand (commands hash in their async prepare step, off the event loop). */
export function storePinHash(db: Db, staffId: number, hash: string, clock: Clock): void {
  const now = clock.now().toISOString();
  db.insert(schema.staffPins)
    .values({ staffId, hash, failedCount: 0, lockedUntil: null, updatedAt: now })
    .onConflictDoUpdate({ target: schema.staffPins.staffId, set: { hash, failedCount: 0, lockedUntil: null, updatedAt: now } })
    .run();
}

/** Refuses a PIN anyone would guess first (S1): the reason is worded on screen. */
export function refuseWeakPin(pin: string, staffNo: string): void {
  const weak = weakPinReason(pin, staffNo);
  if (weak) throw new AppError('BAD_INPUT', `auth.pinWeak.${weak}`);
}

/** The caller's network address (or the shell's name): wrong PINs are counted per (account, client). */
type PinCtx = Pick<ServiceContext, 'db' | 'sqlite' | 'clock'> & { client?: string | undefined };
const clientOf = (ctx: PinCtx) => ctx.client ?? 'local';

/** A PIN checked before the transaction (scrypt in the thread pool); the handler accepts or counts it. */
export interface PinProof {
  account: string;
  staffId: number | null;
  /** the hash the PIN was checked against (the handler refuses if it changed meanwhile) */
  hash: string | null;
  matched: boolean;
  /** locked or over the client's budget: no scrypt ran, the handler raises this */
  blocked: AppError | null;
}

function activePerson(db: Db, staffNo: string) {
  const p = db.select().from(schema.staff).where(eq(schema.staff.staffNo, staffNo.trim())).get();
  return p && p.active ? p : null;
}

const pinHashOf = (db: Db, staffId: number) => db.select({ hash: schema.staffPins.hash }).from(schema.staffPins).where(eq(schema.staffPins.staffId, staffId)).get()?.hash ?? null;

/**
 * The async half of a PIN check. Existing and unknown staff numbers take the same path: an
 * unknown one (or one without a PIN) is checked against a dummy hash, with the same scrypt.
 */
export async function provePin(ctx: PinCtx, staffNo: string, pin: string): Promise<PinProof> {
  const account = accountKey(staffNo);
  try {
    pinGuard(ctx.sqlite).check(account, clientOf(ctx), ctx.clock.now().getTime());
  } catch (e) {
    if (e instanceof AppError) return { account, staffId: null, hash: null, matched: false, blocked: e };
    throw e;
  }
  const person = activePerson(ctx.db, staffNo);
  const hash = person ? pinHashOf(ctx.db, person.id) : null;
  const matched = await checkPinAsync(pin, hash ?? dummyHash());
  return { account, staffId: person?.id ?? null, hash, matched: matched && !!hash, blocked: null };
}

/** The transaction's half: refuses (counted, audited) or returns the staff id the PIN belongs to. */
export function acceptPin(ctx: PinCtx, proof: PinProof): number {
  if (proof.blocked) throw proof.blocked;
  const guard = pinGuard(ctx.sqlite);
  const now = ctx.clock.now().getTime();
  guard.check(proof.account, clientOf(ctx), now);
  const still = proof.staffId !== null && proof.hash !== null && pinHashOf(ctx.db, proof.staffId) === proof.hash;
  if (!proof.matched || !still || proof.staffId === null) throw guard.fail(proof.account, clientOf(ctx), now);
  guard.succeed(proof.account, clientOf(ctx));
  return proof.staffId;
}

/** A signature's PIN as typed: by the signer's staff number (a second person) or id (the one signed in). */
export type PinClaim = { staffNo: string; pin: string } | { staffId: number; pin: string };

/**
 * Signatures' PINs proven before the transaction (S9): the command's async prepare step runs
 * `provePins`, the transaction finds each proof again by the signer's staff id and the PIN typed
 * (`acceptStaffPin`). A proof is for one person and one PIN: nothing else can be accepted with it.
 */
export class ProvenPins {
  private readonly proofs = new Map<number, { pin: string; proof: PinProof }[]>();

  add(staffId: number, pin: string, proof: PinProof): void {
    const list = this.proofs.get(staffId) ?? [];
    list.push({ pin, proof });
    this.proofs.set(staffId, list);
  }

  has(staffId: number, pin: string): boolean {
    return !!this.find(staffId, pin);
  }

  find(staffId: number, pin: string): PinProof | null {
    return this.proofs.get(staffId)?.find((p) => p.pin === pin)?.proof ?? null;
  }

  /** no PIN proven: for a path that carries no signature (an offline door's replayed sign-in) */
  static none(): ProvenPins {
    return new ProvenPins();
  }
}

const staffNoOf = (db: Db, staffId: number) => db.select({ staffNo: schema.staff.staffNo }).from(schema.staff).where(eq(schema.staff.id, staffId)).get()?.staffNo ?? null;
const accountOfId = (db: Db, staffId: number) => accountKey(staffNoOf(db, staffId) ?? `#${staffId}`);

/**
 * The async half of a signature's PIN check, for a staff member known by id: the guard first (a
 * locked account or a client over its budget runs no scrypt), then scrypt in libuv's pool. A
 * person without a PIN is checked against the dummy hash, at the same cost.
 */
export async function proveStaffPin(ctx: PinCtx, staffId: number, pin: string): Promise<PinProof> {
  const account = accountOfId(ctx.db, staffId);
  try {
    pinGuard(ctx.sqlite).check(account, clientOf(ctx), ctx.clock.now().getTime());
  } catch (e) {
    if (e instanceof AppError) return { account, staffId, hash: null, matched: false, blocked: e };
    throw e;
  }
  const hash = pinHashOf(ctx.db, staffId);
  const matched = await checkPinAsync(pin, hash ?? dummyHash());
  return { account, staffId, hash, matched: matched && !!hash, blocked: null };
}

/**
 * Proves every claimed signature, one after the other (each scrypt holds one of libuv's few pool
 * threads; the rest stay free for the file system). A staff number nobody holds costs the same
 * scrypt and proves nothing: the service refuses it with its own wording.
 */
export async function provePins(ctx: PinCtx, claims: readonly PinClaim[]): Promise<ProvenPins> {
  const pins = new ProvenPins();
  for (const c of claims) {
    const staffId = 'staffId' in c ? c.staffId : (ctx.db.select({ id: schema.staff.id }).from(schema.staff).where(eq(schema.staff.staffNo, c.staffNo.trim())).get()?.id ?? null);
    if (staffId === null) {
      await checkPinAsync(c.pin, dummyHash());
      continue;
    }
    if (!pins.has(staffId, c.pin)) pins.add(staffId, c.pin, await proveStaffPin(ctx, staffId, c.pin));
  }
  return pins;
}

/**
 * The transaction's half of a signature (S9): refuses (counted per (account, client), audited by
 * the command) unless a proof exists for this staff member and this PIN, matched, and is still
 * fresh (the PIN it was checked against is the one stored now), and the account is not locked.
 */
export function acceptStaffPin(ctx: PinCtx, pins: ProvenPins, staffId: number, pin: string): void {
  const account = accountOfId(ctx.db, staffId);
  const proof = pins.find(staffId, pin);
  if (proof?.blocked && proof.account === account) throw proof.blocked;
  const guard = pinGuard(ctx.sqlite);
  const now = ctx.clock.now().getTime();
  guard.check(account, clientOf(ctx), now);
  const fresh = !!proof && proof.account === account && proof.hash !== null && pinHashOf(ctx.db, staffId) === proof.hash;
  if (!proof?.matched || !fresh) throw guard.fail(account, clientOf(ctx), now);
  guard.succeed(account, clientOf(ctx));
}

export interface SignInResult {
  token: string;
  expiresAt: string;
  actor: Actor;
  roles: Role[];
}

export function signIn(
  ctx: Pick<ServiceContext, 'db' | 'sqlite' | 'clock' | 'random' | 'device' | 'note'> & { client?: string | undefined },
  input: { staffNo: string; pin: string; role?: Role | undefined },
  proof: PinProof,
): SignInResult {
  const { db, clock, random, device } = ctx;
  ctx.note({ staffNo: input.staffNo, role: input.role ?? null });
  // A wrong staff number answers exactly like a wrong PIN (same code, same scrypt, same lock).
  const staffId = acceptPin(ctx, proof);
  const person = db.select().from(schema.staff).where(eq(schema.staff.id, staffId)).get();
  if (!person || !person.active) throw new AppError('PIN_WRONG', 'auth.pinWrong', undefined, { persist: true });
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

/** What changing one's own PIN needs before the transaction: the old PIN checked, the new one hashed. */
export async function prepareOwnPin(ctx: ServiceContext, input: { oldPin: string; newPin: string }): Promise<{ proof: PinProof; hash: string }> {
  const actor = actorOf(ctx);
  refuseWeakPin(input.newPin, actor.staffNo);
  const [proof, hash] = await Promise.all([provePin(ctx, actor.staffNo, input.oldPin), hashPinAsync(input.newPin, ctx.random)]);
  return { proof, hash };
}

/** The signed-in person changes their own PIN (修改我的 PIN): the old one first (counted like any wrong PIN). */
export function changeOwnPin(ctx: ServiceContext, prepared: { proof: PinProof; hash: string }): { changed: true } {
  const actor = actorOf(ctx);
  const staffId = acceptPin(ctx, prepared.proof);
  if (staffId !== actor.staffId) throw new AppError('PIN_WRONG', 'auth.pinWrong', undefined, { persist: true });
  storePinHash(ctx.db, actor.staffId, prepared.hash, ctx.clock);
  ctx.note({ staffId: actor.staffId });
  return { changed: true };
}

/** The site head lifts the wrong-PIN locks on one account, from every client (audited). */
export function unlockStaff(ctx: ServiceContext, input: { staffId: number }): { unlocked: number } {
  const person = ctx.db.select().from(schema.staff).where(eq(schema.staff.id, input.staffId)).get();
  if (!person) throw new AppError('NOT_FOUND', 'staff.notFound', { staffId: input.staffId });
  const unlocked = pinGuard(ctx.sqlite).unlock(accountKey(person.staffNo));
  ctx.note({ staffId: person.id, staffNo: person.staffNo, unlocked });
  return { unlocked };
}
