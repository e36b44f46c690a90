// The one shape every service takes: a context and its input. A mutating service gets the
// writable handles, the injected clock and randomness, who acts from which device, and `note` to
// add to the command's audit event; a reading service gets the read-only handles. Commands are
// thin doors (schema, roles, one call) that hand their own context on: CommandContext is a
// ServiceContext. Time comes from ctx.clock only (never the wall clock), as an ISO string via nowIso.
import type { Db, OpenedDatabase, ReadDb, ReadSqlite, Sqlite } from '../../db';
import type { Actor } from './auth';
import { cryptoRandom, systemClock, type Clock, type RandomSource } from './runtime';

export interface ReadContext {
  db: ReadDb;
  sqlite: ReadSqlite;
  clock: Clock;
  /** the caller, when signed in: queries that depend on who asks (a proctor's own door) read it */
  actor: Actor | null;
}

export interface ServiceContext {
  db: Db;
  sqlite: Sqlite;
  clock: Clock;
  random: RandomSource;
  actor: Actor | null;
  /** the device the call came from (the audit names it; door events record it) */
  device: string;
  /** who calls, for the PIN guard's limits: the network address over HTTP, the shell's name over IPC */
  client?: string | undefined;
  /** adds to the audit event's detail (subject, before/after) */
  note(detail: Record<string, unknown>): void;
}

/** The acting staff member, or a refusal: for services that must record who did it. */
export function actorOf(ctx: Pick<ServiceContext, 'actor'>): Actor {
  if (!ctx.actor) throw new Error('actorOf: this service needs a signed-in actor (the registry checks access first)');
  return ctx.actor;
}

/** Now, from the injected clock, as the ISO string the tables store. */
export function nowIso(ctx: Pick<ServiceContext, 'clock'>): string {
  return ctx.clock.now().toISOString();
}

/**
 * A context outside a command (scripts, tests, the demo loader): the same shape, with notes
 * collected in `notes` so a caller can look at them.
 */
export function serviceContext(
  opened: Pick<OpenedDatabase, 'db' | 'sqlite'>,
  opts: { clock?: Clock; random?: RandomSource; actor?: Actor | null; device?: string } = {},
): ServiceContext & { notes: Record<string, unknown> } {
  const notes: Record<string, unknown> = {};
  return {
    db: opened.db,
    sqlite: opened.sqlite,
    clock: opts.clock ?? systemClock,
    random: opts.random ?? cryptoRandom,
    actor: opts.actor ?? null,
    device: opts.device ?? 'script',
    note: (d) => Object.assign(notes, d),
    notes,
  };
}

/** A read context on the same handles (a test or script reading what it just wrote). */
export function readContext(opened: Pick<OpenedDatabase, 'db' | 'sqlite'>, opts: { clock?: Clock; actor?: Actor | null } = {}): ReadContext {
  return { db: opened.db, sqlite: opened.sqlite, clock: opts.clock ?? systemClock, actor: opts.actor ?? null };
}
