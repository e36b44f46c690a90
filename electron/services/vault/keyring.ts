// The database key and its wraps. The key is 32 random bytes; it never leaves the process in the
// clear. It is kept wrapped twice: by the recovery code (scrypt → AES-256-GCM) and, where the OS
// has a real keystore, by Electron's safeStorage (see keystore.ts). Both wraps carry the key's id
// as GCM associated data / alongside, so a wrap copied from another site is refused, not tried.
import { createCipheriv, createDecipheriv, createHmac, hkdfSync } from 'node:crypto';
import { z } from 'zod';
import type { RandomSource } from '../runtime';
import { deriveKek, deriveKekSync, normalizeRecoveryCode, SCRYPT } from './recovery';

export const KEY_BYTES = 32;

/** The key's public name: HMAC-SHA256 under the key itself, 32 hex digits. Tells keys apart without revealing them. */
export function keyIdOf(key: Buffer): string {
  return createHmac('sha256', key).update('exam-site-console key id v1').digest('hex').slice(0, 32);
}

/** A sub-key for one purpose (sealed key files, …), so the database key itself encrypts nothing else. */
export function subKey(key: Buffer, purpose: string): Buffer {
  return Buffer.from(hkdfSync('sha256', key, Buffer.alloc(0), `exam-site-console ${purpose} v1`, 32));
}

const b64 = z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/).max(4096);

/** The key wrapped by the recovery code. Bounds on the cost parameters: a manifest from a USB drive is input. */
export const codeWrapSchema = z.object({
  kdf: z.literal('scrypt'),
  N: z.number().int().min(1024).max(1_048_576),
  r: z.number().int().min(1).max(16),
  p: z.number().int().min(1).max(4),
  salt: b64,
  iv: b64,
  tag: b64,
  ct: b64,
});
export type CodeWrap = z.infer<typeof codeWrapSchema>;

/** The code was wrong (or is not a code at all): Chinese first, as the screen shows it. */
export class RecoveryCodeError extends Error {
  readonly code = 'RECOVERY_CODE_WRONG';
  constructor(readonly malformed: boolean) {
    super(
      malformed
        ? '恢复码格式不对：应为 24 位字母和数字（如 7KQ2-M9XD-…，共六组）。/ That is not a recovery code: 24 letters and digits in six groups.'
        : '恢复码不正确，无法解开数据库密钥。请核对打印的恢复码后重试。/ Wrong recovery code: the database key cannot be unwrapped.',
    );
    this.name = 'RecoveryCodeError';
  }
}

function aad(keyId: string): Buffer {
  return Buffer.from(`exam-site-console recovery wrap v1 ${keyId}`, 'utf8');
}

export async function wrapWithCode(key: Buffer, code: string, random: RandomSource): Promise<CodeWrap> {
  const normalized = normalizeRecoveryCode(code);
  if (!normalized) throw new RecoveryCodeError(true);
  const salt = random.bytes(16);
  return sealWrap(key, salt, random.bytes(12), await deriveKek(normalized, salt, SCRYPT));
}

/** The same on the calling thread: at start-up, when a plain database is migrated and needs its code at once. */
export function wrapWithCodeSync(key: Buffer, code: string, random: RandomSource): CodeWrap {
  const normalized = normalizeRecoveryCode(code);
  if (!normalized) throw new RecoveryCodeError(true);
  const salt = random.bytes(16);
  return sealWrap(key, salt, random.bytes(12), deriveKekSync(normalized, salt, SCRYPT));
}

function sealWrap(key: Buffer, salt: Buffer, iv: Buffer, kek: Buffer): CodeWrap {
  const cipher = createCipheriv('aes-256-gcm', kek, iv);
  cipher.setAAD(aad(keyIdOf(key)));
  const ct = Buffer.concat([cipher.update(key), cipher.final()]);
  return { kdf: 'scrypt', ...SCRYPT, salt: salt.toString('base64'), iv: iv.toString('base64'), tag: cipher.getAuthTag().toString('base64'), ct: ct.toString('base64') };
}

/** The key, when the code is right and the wrap belongs to the key named keyId; RecoveryCodeError otherwise. */
export async function unwrapWithCode(wrap: CodeWrap, keyId: string, code: string): Promise<Buffer> {
  const normalized = normalizeRecoveryCode(code);
  if (!normalized) throw new RecoveryCodeError(true);
  return openWrap(wrap, keyId, await deriveKek(normalized, Buffer.from(wrap.salt, 'base64'), wrap));
}

/** The same, on the calling thread: for a start-up that cannot go on without the key anyway (ESC_RECOVERY_CODE). */
export function unwrapWithCodeSync(wrap: CodeWrap, keyId: string, code: string): Buffer {
  const normalized = normalizeRecoveryCode(code);
  if (!normalized) throw new RecoveryCodeError(true);
  return openWrap(wrap, keyId, deriveKekSync(normalized, Buffer.from(wrap.salt, 'base64'), wrap));
}

function openWrap(wrap: CodeWrap, keyId: string, kek: Buffer): Buffer {
  try {
    const decipher = createDecipheriv('aes-256-gcm', kek, Buffer.from(wrap.iv, 'base64'));
    decipher.setAAD(aad(keyId));
    decipher.setAuthTag(Buffer.from(wrap.tag, 'base64'));
    const key = Buffer.concat([decipher.update(Buffer.from(wrap.ct, 'base64')), decipher.final()]);
    if (key.length !== KEY_BYTES || keyIdOf(key) !== keyId) throw new RecoveryCodeError(false);
    return key;
  } catch (e) {
    if (e instanceof RecoveryCodeError) throw e;
    throw new RecoveryCodeError(false);
  }
}

/** A raw key given as 64 hex digits (ESC_DB_KEY for tests and scripted runs). */
export function parseHexKey(hex: string): Buffer | null {
  const s = hex.trim();
  return /^[0-9a-fA-F]{64}$/.test(s) ? Buffer.from(s, 'hex') : null;
}
