// Guessing (S1): wrong PINs are counted per (account, client), so a spray from one machine slows
// and locks that machine only; the real person at their own device still signs in. Each client
// also has a budget of wrong answers across all accounts. Kept in memory: a restart lifts every
// lock (a lock stored on the account locked the real person out and outlived restarts). Unknown
// staff numbers are counted exactly like known ones, so the answers do not tell who exists.
import { siteLocalIso } from '../domain/vocabulary';
import { AppError } from './errors';

/** After this many wrong PINs in a row from one client the account locks there; every further miss doubles the wait. */
export const LOCK_AFTER = 5;
const LOCK_BASE_MS = 30_000;
const LOCK_MAX_MS = 15 * 60_000;
/** Wrong answers one client may give across all accounts in CLIENT_WINDOW_MS before it is refused. */
export const CLIENT_BUDGET = 20;
export const CLIENT_WINDOW_MS = 10 * 60_000;
const MAX_ENTRIES = 50_000;

export function lockDurationMs(failedCount: number): number {
  if (failedCount < LOCK_AFTER) return 0;
  return Math.min(LOCK_MAX_MS, LOCK_BASE_MS * 2 ** (failedCount - LOCK_AFTER));
}

const siteTime = (ms: number) => siteLocalIso(new Date(ms).toISOString()).slice(11, 19);

interface Tally {
  fails: number;
  lockedUntil: number;
}

export class PinGuard {
  private readonly tallies = new Map<string, Tally>();
  private readonly clients = new Map<string, number[]>();

  private static key(account: string, client: string): string {
    return `${account}\u0000${client}`;
  }

  private recent(client: string, nowMs: number): number[] {
    const list = (this.clients.get(client) ?? []).filter((t) => nowMs - t < CLIENT_WINDOW_MS);
    this.clients.set(client, list);
    return list;
  }

  /** Refuses before any PIN is checked: this account is locked for this client, or the client spent its budget. */
  check(account: string, client: string, nowMs: number): void {
    const recent = this.recent(client, nowMs);
    if (recent.length >= CLIENT_BUDGET) {
      const until = recent[0]! + CLIENT_WINDOW_MS;
      throw new AppError('RATE_LIMITED', 'auth.rateLimited', { until: new Date(until).toISOString(), time: siteTime(until) }, { persist: true });
    }
    const t = this.tallies.get(PinGuard.key(account, client));
    if (t && t.lockedUntil > nowMs) {
      throw new AppError('PIN_LOCKED', 'auth.pinLocked', { until: new Date(t.lockedUntil).toISOString(), time: siteTime(t.lockedUntil) }, { persist: true });
    }
  }

  /** Counts a wrong answer and returns the error to raise (wrong, or locked from now). */
  fail(account: string, client: string, nowMs: number, reason = 'auth.pinWrong'): AppError {
    this.recent(client, nowMs).push(nowMs);
    const k = PinGuard.key(account, client);
    const t = this.tallies.get(k) ?? { fails: 0, lockedUntil: 0 };
    t.fails++;
    const lockMs = lockDurationMs(t.fails);
    t.lockedUntil = lockMs > 0 ? nowMs + lockMs : 0;
    this.tallies.delete(k);
    this.tallies.set(k, t);
    if (this.tallies.size > MAX_ENTRIES) this.tallies.delete(this.tallies.keys().next().value!);
    if (this.clients.size > MAX_ENTRIES) this.clients.delete(this.clients.keys().next().value!);
    if (t.lockedUntil) {
      return new AppError('PIN_LOCKED', 'auth.pinLockedNow', { until: new Date(t.lockedUntil).toISOString(), time: siteTime(t.lockedUntil), failures: t.fails }, { persist: true });
    }
    return new AppError('PIN_WRONG', reason, undefined, { persist: true });
  }

  succeed(account: string, client: string): void {
    this.tallies.delete(PinGuard.key(account, client));
  }

  /** The site head lifts every lock on an account (from every client); returns how many there were. */
  unlock(account: string): number {
    let n = 0;
    for (const k of [...this.tallies.keys()]) {
      if (k.startsWith(`${account}\u0000`)) {
        this.tallies.delete(k);
        n++;
      }
    }
    return n;
  }

  /** accounts with a lock in force from some client (the staff page shows them) */
  locked(nowMs: number): Set<string> {
    const out = new Set<string>();
    for (const [k, t] of this.tallies) if (t.lockedUntil > nowMs) out.add(k.split('\u0000')[0]!);
    return out;
  }
}

const guards = new Map<string, PinGuard>();

/**
 * The guard of one database file (one site): every PIN check on it shares the counts, whichever
 * connection (the writer, the read-only one) asks.
 */
export function pinGuard(sqlite: { name: string }): PinGuard {
  let g = guards.get(sqlite.name);
  if (!g) guards.set(sqlite.name, (g = new PinGuard()));
  return g;
}

/** Accounts are keyed by the staff number as typed (trimmed, upper-case), known or not. */
export function accountKey(staffNo: string): string {
  return staffNo.trim().toUpperCase();
}

/** A console opening its file starts with no locks (a restart lifts them, as a new process would). */
export function forgetPinGuard(sqlite: { name: string }): void {
  guards.delete(sqlite.name);
}
