// The site's Ed25519 key (DOMAIN A1): made on first use from the injected randomness, private half in
// <dataDir>/keys/site-ed25519.pem readable by the owner only and sealed under the database key
// (vault/files.ts), public half shown as a fingerprint.
import { createPrivateKey, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { sha256Hex } from '../canonical';
import type { RandomSource } from '../runtime';
import { readSecretFile, writeSecretFile } from '../vault/files';

// DER headers of an Ed25519 PKCS#8 private key and SPKI public key (RFC 8410): the raw 32 bytes follow.
const PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');
const SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

export const SITE_KEY_FILE = join('keys', 'site-ed25519.pem');

export interface SiteKey {
  privateKey: KeyObject;
  /** raw 32-byte public key, base64: what packages carry */
  publicKey: string;
  /** SHA-256 of the raw public key, hex */
  fingerprint: string;
  file: string;
}

/** SHA-256 of the raw public key, as 16 groups of 4 hex digits (read aloud, compared on paper). */
export function groupFingerprint(hex: string): string {
  return (hex.match(/.{1,4}/g) ?? []).join(' ');
}

export function fingerprintOf(publicKeyB64: string): string {
  return sha256Hex(Buffer.from(publicKeyB64, 'base64'));
}

export function publicKeyFromRaw(publicKeyB64: string): KeyObject {
  const raw = Buffer.from(publicKeyB64, 'base64');
  if (raw.length !== 32) throw new Error('publicKeyFromRaw: an Ed25519 public key is 32 bytes');
  return createPublicKey({ key: Buffer.concat([SPKI_PREFIX, raw]), format: 'der', type: 'spki' });
}

export function rawPublicKey(key: KeyObject): string {
  const der = createPublicKey(key).export({ format: 'der', type: 'spki' });
  return der.subarray(SPKI_PREFIX.length).toString('base64');
}

export function signBytes(privateKey: KeyObject, data: string | Buffer): string {
  return sign(null, typeof data === 'string' ? Buffer.from(data, 'utf8') : data, privateKey).toString('base64');
}

export function verifyBytes(publicKeyB64: string, data: string | Buffer, signatureB64: string): boolean {
  try {
    const sig = Buffer.from(signatureB64, 'base64');
    if (sig.length !== 64) return false;
    return verify(null, typeof data === 'string' ? Buffer.from(data, 'utf8') : data, publicKeyFromRaw(publicKeyB64), sig);
  } catch {
    return false;
  }
}

const cache = new Map<string, SiteKey>();

function fromPrivate(privateKey: KeyObject, file: string): SiteKey {
  const publicKey = rawPublicKey(privateKey);
  return { privateKey, publicKey, fingerprint: fingerprintOf(publicKey), file };
}

/**
 * Loads the site key, making it on first use. The 32-byte seed comes from the injected randomness
 * (tests replay it); the file is written once (`wx`) with mode 0600 in a 0700 folder, sealed.
 */
export function siteKey(dataDir: string, random: RandomSource): SiteKey {
  const file = join(dataDir, SITE_KEY_FILE);
  const cached = cache.get(file);
  if (cached && existsSync(file)) return cached;
  if (!existsSync(file)) {
    mkdirSync(join(dataDir, 'keys'), { recursive: true, mode: 0o700 });
    const seed = random.bytes(32);
    const key = createPrivateKey({ key: Buffer.concat([PKCS8_PREFIX, seed]), format: 'der', type: 'pkcs8' });
    const pem = key.export({ format: 'pem', type: 'pkcs8' }).toString();
    try {
      writeSecretFile(dataDir, file, pem, { exclusive: true });
    } catch (e) {
      // another process made it first: use theirs
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
  }
  // a copied-in key may arrive world-readable: narrow it (no-op on Windows, where ACLs rule)
  if (process.platform !== 'win32' && (statSync(file).mode & 0o077) !== 0) chmodSync(file, 0o600);
  const key = fromPrivate(createPrivateKey(readSecretFile(dataDir, file).toString('utf8')), file);
  cache.set(file, key);
  return key;
}
