// The recovery code: 120 random bits, written as 24 Crockford base32 characters in six groups of
// four (7KQ2-M9XD-…). It is shown and printed once at setup and never stored: only the database
// key wrapped under a key derived from it (scrypt, node:crypto) is kept, in the vault and in each
// backup. Typing is forgiving: case, spaces and hyphens are ignored, O reads as 0, I and L as 1.
import { scrypt, scryptSync, type ScryptOptions } from 'node:crypto';
import type { RandomSource } from '../runtime';

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const RECOVERY_CODE_CHARS = 24;
const GROUP = 4;
/** the longest input worth reading (a pasted code with spaces and hyphens) */
export const RECOVERY_INPUT_MAX = 64;

/** A new code from 15 random bytes (120 bits), grouped for reading aloud and typing. */
export function newRecoveryCode(random: RandomSource): string {
  const bytes = random.bytes(15);
  let bits = 0;
  let value = 0;
  let out = '';
  for (const b of bytes) {
    value = (value << 8) | b;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
    value &= (1 << bits) - 1;
  }
  return formatRecoveryCode(out);
}

export function formatRecoveryCode(chars: string): string {
  return (chars.match(new RegExp(`.{1,${GROUP}}`, 'g')) ?? []).join('-');
}

/** The canonical 24 characters, or null when the input cannot be a recovery code. */
export function normalizeRecoveryCode(input: string): string | null {
  if (input.length > RECOVERY_INPUT_MAX) return null;
  const s = input
    .toUpperCase()
    .replace(/[\s\-_.]/g, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1');
  if (s.length !== RECOVERY_CODE_CHARS) return null;
  for (const ch of s) if (!ALPHABET.includes(ch)) return null;
  return s;
}

/**
 * scrypt's cost. The code already carries 120 random bits, so the KDF is a second line, not the
 * first: N = 2^15 (32 MiB, about 80 ms) keeps a restore quick on an old laptop.
 */
export const SCRYPT = { N: 32_768, r: 8, p: 1 } as const;

export interface ScryptParams {
  N: number;
  r: number;
  p: number;
}

/** The key-encryption key from a normalized code and the wrap's salt (async: off the event loop). */
export function deriveKek(normalizedCode: string, salt: Buffer, params: ScryptParams): Promise<Buffer> {
  return new Promise((resolve, reject) => scrypt(normalizedCode, salt, 32, scryptOptions(params), (err, key) => (err ? reject(err) : resolve(key))));
}

export function deriveKekSync(normalizedCode: string, salt: Buffer, params: ScryptParams): Buffer {
  return scryptSync(normalizedCode, salt, 32, scryptOptions(params));
}

function scryptOptions(params: ScryptParams): ScryptOptions {
  // scrypt needs 128·N·r bytes; twice that leaves room
  return { N: params.N, r: params.r, p: params.p, maxmem: 256 * params.N * params.r + 1024 * 1024 };
}
