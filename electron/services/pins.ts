import { scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import type { RandomSource } from './runtime';

/**
 * PINs are hashed with scrypt (a slow, memory-hard KDF from node:crypto); never stored plain. Each
 * stored hash names its own cost (scrypt$N$r$p$salt$key) and is checked at that cost, so the cost
 * new hashes get can change without touching stored ones.
 */
const PRODUCTION = { N: 1 << 15, r: 8, p: 1, keylen: 32 } as const;
const maxmemOf = (N: number, r: number) => 128 * N * r * 2;

/** The cost new PINs are hashed at: production's, unless a test process lowered it (lowerPinCostForTests). */
let params: { N: number; r: number; p: number; keylen: number } = PRODUCTION;

/** How many scrypt derivations ran (sign-in answers existing and unknown staff numbers by the same path; tests read it). */
export const scryptStats = { runs: 0 };

/**
 * Test processes only (the unit setup, the e2e fixtures and the demo day they play): new PINs are
 * hashed at a cost 32 times lower, so the suites' thousands of sign-ins and signatures do not spend
 * minutes in scrypt. The console never calls this (boundaries.test.ts holds that: no file under
 * electron/, renderer/ or scripts/ does), so a real console hashes at production's cost, and a hash
 * made at either cost is checked at the cost it names.
 */
export function lowerPinCostForTests(): void {
  params = { ...PRODUCTION, N: 1 << 10 };
  dummy = null;
}

/** The cost new PINs get now (production's unless lowered for tests). */
export function pinScrypt(): { N: number; r: number; p: number; keylen: number; maxmem: number } {
  return { ...params, maxmem: maxmemOf(params.N, params.r) };
}

function scryptAsync(pin: string, salt: Buffer, keylen: number, opts: ScryptOptions): Promise<Buffer> {
  scryptStats.runs++;
  // node:crypto's scrypt runs in libuv's thread pool: the server's one thread keeps answering
  return new Promise((resolve, reject) => scrypt(pin.normalize('NFC'), salt, keylen, opts, (e, key) => (e ? reject(e) : resolve(key))));
}

function encode(salt: Buffer, key: Buffer): string {
  return ['scrypt', params.N, params.r, params.p, salt.toString('base64'), key.toString('base64')].join('$');
}

interface Parsed {
  salt: Buffer;
  expected: Buffer;
  opts: ScryptOptions;
}

function parse(stored: string): Parsed | null {
  const [alg, n, r, p, saltB64, keyB64] = stored.split('$');
  if (alg !== 'scrypt' || !n || !r || !p || !saltB64 || !keyB64) return null;
  const N = Number(n);
  return { salt: Buffer.from(saltB64, 'base64'), expected: Buffer.from(keyB64, 'base64'), opts: { N, r: Number(r), p: Number(p), maxmem: maxmemOf(N, Number(r)) } };
}

export async function hashPinAsync(pin: string, random: RandomSource): Promise<string> {
  const salt = random.bytes(16);
  const { keylen, ...opts } = pinScrypt();
  return encode(salt, await scryptAsync(pin, salt, keylen, opts));
}

export async function checkPinAsync(pin: string, stored: string): Promise<boolean> {
  const p = parse(stored);
  if (!p) return false;
  const actual = await scryptAsync(pin, p.salt, p.expected.length, p.opts);
  return actual.length === p.expected.length && timingSafeEqual(actual, p.expected);
}

/**
 * A hash no PIN is known for, checked when the staff number is unknown or has no PIN: the answer
 * costs the same scrypt as a real check, so timing does not tell who exists. Its key is all zeros,
 * which no PIN derives (nothing is hashed to make it: no scrypt on the server's thread). It names
 * the cost new PINs get, the cost of the hashes a console holds.
 */
let dummy: string | null = null;
export function dummyHash(): string {
  dummy ??= encode(Buffer.alloc(16, 7), Buffer.alloc(params.keylen));
  return dummy;
}

/** Production's cost (the sign bench measures it; test seeds hash at pinScrypt(), the cost now). */
export const PIN_SCRYPT = { ...PRODUCTION, maxmem: maxmemOf(PRODUCTION.N, PRODUCTION.r) } as const;

/**
 * The stored form of a key derived elsewhere at pinScrypt() (test seeds derive synchronously
 * before any server answers; the console itself only hashes in the thread pool, hashPinAsync).
 */
export function encodePinHash(salt: Buffer, key: Buffer): string {
  return encode(salt, key);
}

/** PINs anyone tries first (beyond repeats and runs, which are refused by rule). */
const COMMON = new Set(['123123', '121212', '112233', '123321', '147258', '258369', '159753', '520520', '520131', '131420', '102030', '010203', '111222', '696969', '789456', '456789123']);

export type WeakPinReason = 'repeat' | 'sequence' | 'staffNo' | 'common';

/** Why a PIN is too easy to guess, or null: all one digit, a run up or down, the staff number, a common one. */
export function weakPinReason(pin: string, staffNo: string): WeakPinReason | null {
  if (/^(\d)\1*$/.test(pin)) return 'repeat';
  const d = [...pin].map(Number);
  const steps = new Set(d.slice(1).map((x, i) => (x - d[i]! + 10) % 10));
  if (steps.size === 1 && (steps.has(1) || steps.has(9))) return 'sequence';
  const own = staffNo.replace(/\D/g, '');
  if (staffNo.trim() === pin || (own.length >= 4 && pin.includes(own))) return 'staffNo';
  if (COMMON.has(pin)) return 'common';
  return null;
}
