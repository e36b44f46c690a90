// The reference platform's own small crypto and canonical JSON. It shares no code with the console
// (a real platform would not): it only has to agree on the published formats (docs/platform-protocol.md).
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';

const SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

export function sha256Hex(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

export function canonical(value: unknown): string {
  const sort = (v: unknown): unknown => {
    if (v === null || typeof v !== 'object') return v;
    if (Array.isArray(v)) return v.map(sort);
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(v).sort()) if ((v as Record<string, unknown>)[k] !== undefined) out[k] = sort((v as Record<string, unknown>)[k]);
    return out;
  };
  return JSON.stringify(sort(value));
}

export interface PlatformKey {
  privateKey: KeyObject;
  publicKey: string; // raw 32 bytes, base64
  fingerprint: string; // SHA-256 of the raw key, hex
}

export function loadOrCreateKey(file: string): PlatformKey {
  if (!existsSync(file)) {
    const { privateKey } = generateKeyPairSync('ed25519');
    writeFileSync(file, privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(), { mode: 0o600, flag: 'wx' });
  }
  const privateKey = createPrivateKey(readFileSync(file, 'utf8'));
  const raw = createPublicKey(privateKey).export({ format: 'der', type: 'spki' }).subarray(SPKI_PREFIX.length);
  return { privateKey, publicKey: raw.toString('base64'), fingerprint: sha256Hex(raw) };
}

export function signText(key: PlatformKey, text: string): string {
  return sign(null, Buffer.from(text, 'utf8'), key.privateKey).toString('base64');
}

export function verifyText(publicKeyB64: string, text: string | Buffer, signatureB64: string): boolean {
  try {
    const raw = Buffer.from(publicKeyB64, 'base64');
    const sig = Buffer.from(signatureB64, 'base64');
    if (raw.length !== 32 || sig.length !== 64) return false;
    const key = createPublicKey({ key: Buffer.concat([SPKI_PREFIX, raw]), format: 'der', type: 'spki' });
    return verify(null, typeof text === 'string' ? Buffer.from(text, 'utf8') : text, key, sig);
  } catch {
    return false;
  }
}

/** mulberry32: a small seeded generator, so a fault run can be replayed from its seed. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
