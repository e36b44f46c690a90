import { z } from 'zod';
import type { OpenedDatabase } from '../../db';
import type { ReadContext, ServiceContext } from '../services/context';
import { actorForToken, type Actor } from '../services/auth';
import { appendAudit } from '../services/audit';
import { canonicalJson, sha256Hex } from '../services/canonical';
import { AppError, internalError, type ErrorData } from '../services/errors';
import { isDiskFull } from '../services/system/disk';
import type { Role } from '../services/roles';
import type { Clock, RandomSource } from '../services/runtime';
import type { LanState } from '../services/lan/state';
import type { BackupService } from '../services/backup/service';
import type { OpenVault } from '../services/vault/vault';
import { carriesBase64, RawJsonBody, WORKER_DECODED_METHODS } from '../workers/body';
import { decodeBodyOffThread, decodeInputOffThread } from '../workers/pool';
import { redact } from '../services/redact';
import { auditedTransaction, auditWith, type AuditHead } from '../services/seal/audited';
import { Serialized } from '../workers/serialized';
import { NOT_ON_WORKER, writeGate } from '../workers/write-gate';
import { deviceLabel, resolveDevice, touchDevice, type DeviceClaim, type PairedDevice } from '../services/devices/credential';

z.config(z.locales.zhCN());

/** What every command runs against: the site's database and the injected world. */
export interface AppEnv {
  opened: OpenedDatabase;
  clock: Clock;
  random: RandomSource;
  dataDir: string;
  version: string;
  /** set by the server when it serves the LAN (addresses, ports, the https certificate) */
  lan?: LanState;
  /** the database key and its wraps, while open (null in the plain runs of benchmarks) */
  readonly vault?: OpenVault | null;
  /** backups to the drive the site head chose (null while locked and in plain runs) */
  readonly backups?: BackupService | null;
}

/**
 * A mutation's context: a ServiceContext (services take it as it is) plus what only the
 * transports know. `actor` is writable: auth.signIn sets it so its own audit event names who signed in.
 */
export interface CommandContext extends ServiceContext {
  /** the bearer token of this call, when signed in (sign-out revokes it) */
  token: string | null;
  env: AppEnv;
  /** the paired door device the call came from (its credential checked), or null */
  paired: PairedDevice | null;
}

/** A query's context: the read-only handles (the connection refuses writes), never the writable ones. */
export interface QueryContext extends ReadContext {
  token: string | null;
  device: string;
  env: AppEnv;
  paired: PairedDevice | null;
}

export type CommandKind = 'query' | 'mutation';
/** The context a handler receives: a query gets the read-only handles, a mutation the writable ones. */
export type ContextOf<K extends CommandKind> = K extends 'query' ? QueryContext : CommandContext;

/** who may call: anyone (first start, sign-in), anyone signed in, or the listed roles */
export type Access = 'public' | 'signedIn' | readonly Role[];

export interface CommandDef<S extends z.ZodType = z.ZodType, O = unknown, P = undefined, N extends string = string, K extends CommandKind = CommandKind> {
  name: N;
  input: S;
  access: Access;
  /** a mutation runs in one transaction with its audit event; a query changes nothing (read-only handles) */
  kind: K;
  /** async work before the transaction (reading files, hashing); its result is handed to the handler */
  prepare?: (ctx: ContextOf<K>, input: z.output<S>) => Promise<P>;
  handler: (ctx: ContextOf<K>, input: z.output<S>, prepared: P) => O;
  /**
   * A mutation whose transaction runs on a worker's own connection (a plan import: its writes never
   * hold the thread that serves the doors), called with the write gate held so that no other write
   * runs meanwhile. It runs the command's work and its audit event (`head`, with `detail` as noted so
   * far and what the work notes) in one transaction there (audited.ts) and returns the output; or
   * NOT_ON_WORKER where the database has no file to share, and the handler runs here as for any mutation.
   */
  writeOnWorker?(ctx: CommandContext, input: z.output<S>, prepared: P, head: AuditHead, detail: Record<string, unknown>): Promise<O | typeof NOT_ON_WORKER>;
  /**
   * Effects outside the database (moving or removing files) that must happen only once the
   * transaction has committed. An error here is logged; the committed change stands.
   */
  afterCommit?(ctx: CommandContext, input: z.output<S>, prepared: P, output: O): Promise<void> | void;
}

/** Typed helper: infers the input and output types, and the context from the kind. */
export function defineCommand<const N extends string, S extends z.ZodType, O, P = undefined, const K extends CommandKind = CommandKind>(
  def: CommandDef<S, O, P, N, K>,
): CommandDef<S, O, P, N, K> {
  return def;
}

// Any: a registry holds commands of every input/output type; callers get the precise type back
// through CommandMap below, so the erasure stays inside this file.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyCommand = CommandDef<z.ZodType, any, any, string, any>;

export type CommandMap<T extends readonly AnyCommand[]> = {
  [C in T[number] as C['name']]: C;
};

export class Registry<T extends readonly AnyCommand[] = readonly AnyCommand[]> {
  private readonly byName = new Map<string, AnyCommand>();
  constructor(commands: T) {
    for (const c of commands) {
      if (this.byName.has(c.name)) throw new Error(`Registry: duplicate command ${c.name}`);
      this.byName.set(c.name, c);
    }
  }
  get(name: string): AnyCommand | undefined {
    return this.byName.get(name);
  }
  names(): string[] {
    return [...this.byName.keys()].sort();
  }
}

export interface CallRequest {
  method: string;
  input: unknown;
  token?: string | null | undefined;
  device: string;
  /**
   * Who is calling, for limits: the network address over HTTP (the device label is the caller's
   * own words and could change with every call), the shell's own name over IPC. Default: device.
   */
  client?: string;
  /** a paired door device's credential (and what it says of its queue and clock) */
  deviceClaim?: DeviceClaim | undefined;
  /** the caller sends an answer serialized off the serving thread as it is (HTTP); any other gets the value parsed */
  acceptsSerialized?: boolean;
}

/** Commands a revoked device may still call: the replay keeps its queue for review, and says so. */
const REVOKED_MAY_CALL = new Set(['devices.replay']);

/**
 * The device a call came from: its credential checked, its last contact noted, and its label
 * (device:<uid> <name>) on every record the call writes. A revoked or unknown credential is refused.
 */
function pairedDevice(env: AppEnv, req: CallRequest): { paired: PairedDevice | null; device: string } {
  if (!req.deviceClaim) return { paired: null, device: req.device };
  const paired = resolveDevice(env.opened.sqlite, req.deviceClaim.key);
  if (paired.revoked && !REVOKED_MAY_CALL.has(req.method)) throw new AppError('DEVICE_REFUSED', 'devices.revoked', { held: 0 });
  // its last contact waits while a worker writes (the gate): the call itself does not
  const at = env.clock.now().toISOString();
  const claim = req.deviceClaim;
  writeGate(env.opened).whenOpen(() => touchDevice(env.opened.sqlite, paired.id, at, claim));
  return { paired, device: `${deviceLabel(paired)} ${req.device.replace(/^http:/, '@')}`.slice(0, 120) };
}

/**
 * Refused calls (a role that may not, a forged or expired token) are audited so an attack leaves a
 * trace; at most PER_CLIENT events per client in WINDOW_MS, so a flood cannot fill the disk. The
 * first refusal past the limit is audited once more with `suppressed: true`, then nothing until
 * the window moves on.
 */
export class RefusedAudit {
  static readonly PER_CLIENT = 20;
  static readonly WINDOW_MS = 10 * 60_000;
  private readonly seen = new Map<string, number[]>();

  /** 'audit', 'last' (audit, saying the rest is suppressed) or 'skip' */
  take(client: string, nowMs: number): 'audit' | 'last' | 'skip' {
    const recent = (this.seen.get(client) ?? []).filter((t) => nowMs - t < RefusedAudit.WINDOW_MS);
    recent.push(nowMs);
    this.seen.set(client, recent);
    if (this.seen.size > 10_000) this.seen.delete(this.seen.keys().next().value!);
    if (recent.length <= RefusedAudit.PER_CLIENT) return 'audit';
    return recent.length === RefusedAudit.PER_CLIENT + 1 ? 'last' : 'skip';
  }
}

const refusedAudits = new WeakMap<AppEnv, RefusedAudit>();

function auditRefusal(env: AppEnv, req: CallRequest, e: AppError): void {
  const refusal = e.code === 'FORBIDDEN' || e.code === 'SESSION_EXPIRED' || (e.code === 'UNAUTHENTICATED' && !!req.token);
  if (!refusal) return;
  let limiter = refusedAudits.get(env);
  if (!limiter) refusedAudits.set(env, (limiter = new RefusedAudit()));
  const now = env.clock.now();
  const take = limiter.take(req.client ?? req.device, now.getTime());
  if (take === 'skip') return;
  const { sqlite } = env.opened;
  sqlite.transaction(() =>
    appendAudit(sqlite, {
      at: now.toISOString(),
      actorId: null,
      actorName: null,
      role: null,
      device: req.device,
      command: req.method.slice(0, 80),
      outcome: 'refused',
      // a body refused before it was decoded is noted by its size (hashing MBs here would hold up the door)
      payloadDigest: sha256Hex(canonicalJson(redact(req.input instanceof RawJsonBody ? req.input.describe() : (req.input ?? {})))),
      detail: { error: e.code, reason: e.reason ?? null, client: req.client ?? null, ...(take === 'last' ? { suppressed: true } : {}) },
    }),
  ).immediate();
}

export type CallResult<O = unknown> = { ok: true; data: O } | { ok: false; error: ErrorData };

export { redact };

function checkAccess(def: AnyCommand, actor: Actor | null): void {
  if (def.access === 'public') return;
  if (!actor) throw new AppError('UNAUTHENTICATED', 'auth.signInFirst');
  if (def.access === 'signedIn') return;
  if (!def.access.includes(actor.role)) {
    throw new AppError('FORBIDDEN', 'auth.roleRefused', { role: `@role.${actor.role}`, command: def.name }, { details: { allowed: def.access } });
  }
}

function badInput(error: z.ZodError): AppError {
  const issues = error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
  const summary = issues.map((i) => (i.path ? `${i.path}：${i.message}` : i.message)).join('；');
  // the fields by their path (the renderer names them by label); zod's own words (zh-CN locale) as the summary
  return new AppError('BAD_INPUT', 'input.invalid', { summary, fields: issues.map((i) => i.path || '-').join(', ') }, { details: issues });
}

/** An answer serialized off the serving thread goes as bytes to a caller that sends them on as they are, parsed to any other. */
const delivered = (data: unknown, req: CallRequest): unknown => (data instanceof Serialized && !req.acceptsSerialized ? data.parse() : data);

/**
 * The one way in. Both transports (Electron IPC, HTTP) call this: the same lookup, role check,
 * schema validation, transaction and audit event, whichever shell the user is in.
 */
export async function dispatch(registry: Registry, env: AppEnv, req: CallRequest): Promise<CallResult> {
  const { db, sqlite } = env.opened;
  try {
    const def = registry.get(req.method);
    if (!def) throw new AppError('UNKNOWN_COMMAND', 'system.unknownCommand', { method: req.method.slice(0, 80) });
    const { paired, device } = pairedDevice(env, req);
    const actor = req.token ? actorForToken(db, req.token, env.clock).actor : null;
    checkAccess(def, actor);
    // a file-carrying body (raw from HTTP, or parsed from IPC with base64 files): parsed, digested
    // for the audit and its files decoded on the import worker, not on the thread serving the doors
    const decoded =
      req.input instanceof RawJsonBody
        ? await decodeBodyOffThread(req.input)
        : WORKER_DECODED_METHODS.has(def.name) && carriesBase64(req.input)
          ? await decodeInputOffThread(req.input)
          : null;
    const parsed = def.input.safeParse(decoded ? decoded.input : (req.input ?? {}));
    if (!parsed.success) throw badInput(parsed.error);
    const input: unknown = parsed.data;

    if (def.kind === 'query') {
      // queries run on the query_only connection: SQLite refuses any write a query might attempt
      const reader = env.opened.reader;
      const qctx: QueryContext = { db: reader.db, sqlite: reader.sqlite, clock: env.clock, actor, token: req.token ?? null, device, env, paired };
      const prepared: unknown = def.prepare ? await def.prepare(qctx, input) : undefined;
      return { ok: true, data: delivered(def.handler(qctx, input, prepared), req) };
    }

    const detail: Record<string, unknown> = {};
    const ctx: CommandContext = {
      db,
      sqlite,
      actor,
      token: req.token ?? null,
      device,
      client: req.client ?? req.device,
      clock: env.clock,
      random: env.random,
      env,
      paired,
      note: (d) => Object.assign(detail, d),
    };
    const prepared: unknown = def.prepare ? await def.prepare(ctx, input) : undefined;

    const head = (): AuditHead => {
      const who = ctx.actor;
      return {
        at: env.clock.now().toISOString(),
        actorId: who?.staffId ?? null,
        actorName: who?.name ?? null,
        role: who?.role ?? null,
        device,
        command: def.name,
        payloadDigest: decoded?.payloadDigest ?? sha256Hex(canonicalJson(redact(input))),
      };
    };
    const gate = writeGate(env.opened);
    const offThread = def.writeOnWorker;
    // the transaction on a worker's own connection, the gate held: no other write runs meanwhile
    let data: unknown = offThread ? await gate.exclusive(() => offThread(ctx, input, prepared, head(), detail)) : NOT_ON_WORKER;
    if (data === NOT_ON_WORKER) {
      // a write the gate holds (a worker's transaction) ends first; from here to the commit nothing is awaited
      await gate.idle();
      const tx = auditedTransaction(sqlite, () => def.handler(ctx, input, prepared), auditWith(sqlite, head, detail));
      if (tx.refused) throw tx.refused;
      data = tx.data;
    }
    if (def.afterCommit) {
      try {
        await def.afterCommit(ctx, input, prepared, data);
      } catch (e) {
        console.error(`dispatch ${req.method} afterCommit:`, e);
      }
    }
    return { ok: true, data: delivered(data, req) };
  } catch (e) {
    if (e instanceof AppError) {
      await writeGate(env.opened).idle();
      auditRefusal(env, req, e);
      return { ok: false, error: e.toData() };
    }
    // S9/A1: the seal_guards triggers refuse any change to a sealed batch's results; say so in words
    if (e instanceof Error && e.message.includes('the batch is sealed')) {
      return {
        ok: false,
        error: new AppError('CONFLICT', 'seal.frozen').toData(),
      };
    }
    // a full disk: the transaction rolled back, what was committed stays; say what to do
    if (isDiskFull(e)) {
      console.error(`dispatch ${req.method}: disk full:`, e instanceof Error ? e.message : e);
      return { ok: false, error: new AppError('DISK_FULL', 'system.diskFull').toData() };
    }
    console.error(`dispatch ${req.method}:`, e);
    return { ok: false, error: internalError() };
  }
}
