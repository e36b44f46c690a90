import { scryptSync, timingSafeEqual } from 'node:crypto';
import type { RandomSource } from './runtime';

/** PINs are hashed with scrypt (a slow, memory-hard KDF from node:crypto); never stored plain. */
const PARAMS = { N: 1 << 15, r: 8, p: 1, keylen: 32 };
const MAXMEM = 128 * PARAMS.N * PARAMS.r * 2;

export function hashPin(pin: string, random: RandomSource): string {
  const salt = random.bytes(16);
  const key = scryptSync(pin.normalize('NFC'), salt, PARAMS.keylen, { N: PARAMS.N, r: PARAMS.r, p: PARAMS.p, maxmem: MAXMEM });
  return ['scrypt', PARAMS.N, PARAMS.r, PARAMS.p, salt.toString('base64'), key.toString('base64')].join('$');
}

export function checkPin(pin: string, stored: string): boolean {
  const [alg, n, r, p, saltB64, keyB64] = stored.split('$');
  if (alg !== 'scrypt' || !n || !r || !p || !saltB64 || !keyB64) return false;
  const expected = Buffer.from(keyB64, 'base64');
  const N = Number(n);
  const actual = scryptSync(pin.normalize('NFC'), Buffer.from(saltB64, 'base64'), expected.length, {
    N,
    r: Number(r),
    p: Number(p),
    maxmem: 128 * N * Number(r) * 2,
  });
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

/** After this many wrong PINs in a row the account locks; every further miss doubles the wait. */
export const LOCK_AFTER = 5;
const LOCK_BASE_MS = 30_000;
const LOCK_MAX_MS = 60 * 60_000;

export function lockDurationMs(failedCount: number): number {
  if (failedCount < LOCK_AFTER) return 0;
  return Math.min(LOCK_MAX_MS, LOCK_BASE_MS * 2 ** (failedCount - LOCK_AFTER));
}
