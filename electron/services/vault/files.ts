// Secret files beside the database (keys/: the site's signing key, the LAN CA's and server's keys)
// are sealed at rest too: AES-256-GCM under a sub-key of the database key, the file's name bound as
// associated data so two sealed files cannot be swapped. A data folder's sealing key is registered
// while its console is open; code that runs without a console (the LAN certificate on its own in a
// test) reads and writes plain PEM, and a plain file met later is sealed on its next write
// (sealPlainFiles does the ones that exist at migration).
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { subKey } from './keyring';
import { writeFileAtomic } from './vault';

const MAGIC = 'ESC-SEALED-1\n';
const keys = new Map<string, Buffer>();

/** While a console is open on dataDir, its secret files are sealed with a sub-key of the database key. */
export function registerDataKey(dataDir: string, dbKey: Buffer): void {
  keys.set(resolve(dataDir), subKey(dbKey, 'sealed files'));
}

export function unregisterDataKey(dataDir: string): void {
  keys.delete(resolve(dataDir));
}

function keyFor(dataDir: string): Buffer | null {
  return keys.get(resolve(dataDir)) ?? null;
}

export class SealedFileError extends Error {
  constructor(file: string, why: 'no_key' | 'damaged') {
    super(
      why === 'no_key'
        ? `${file} 已加密，须在考点通解锁后读取。/ ${file} is sealed; unlock the console to read it.`
        : `${file} 无法解密（文件损坏，或不属于本数据目录的密钥）。/ ${file} cannot be unsealed (damaged, or another folder's key).`,
    );
    this.name = 'SealedFileError';
  }
}

export function isSealed(data: Buffer): boolean {
  return data.subarray(0, MAGIC.length).toString('latin1') === MAGIC;
}

export function sealBytes(sealKey: Buffer, name: string, plain: Buffer): Buffer {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', sealKey, iv);
  cipher.setAAD(Buffer.from(name, 'utf8'));
  const ct = Buffer.concat([cipher.update(plain), cipher.final()]);
  return Buffer.from(`${MAGIC}${Buffer.concat([iv, cipher.getAuthTag(), ct]).toString('base64')}\n`, 'latin1');
}

export function unsealBytes(sealKey: Buffer, name: string, sealed: Buffer, file = name): Buffer {
  try {
    const raw = Buffer.from(sealed.subarray(MAGIC.length).toString('latin1').trim(), 'base64');
    const decipher = createDecipheriv('aes-256-gcm', sealKey, raw.subarray(0, 12));
    decipher.setAAD(Buffer.from(name, 'utf8'));
    decipher.setAuthTag(raw.subarray(12, 28));
    return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]);
  } catch {
    throw new SealedFileError(file, 'damaged');
  }
}

/**
 * Writes a secret file of dataDir (0600): sealed while its console is open. Atomically (temp file,
 * rename), or with exclusive: only if it does not exist yet (EEXIST otherwise: another process made it).
 */
export function writeSecretFile(dataDir: string, file: string, data: string | Buffer, opts: { exclusive?: boolean } = {}): void {
  const plain = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  const key = keyFor(dataDir);
  const bytes = key ? sealBytes(key, basename(file), plain) : plain;
  if (opts.exclusive) writeFileSync(file, bytes, { mode: 0o600, flag: 'wx' });
  else writeFileAtomic(file, bytes);
}

/** Reads a secret file of dataDir: unsealed when sealed, as it is when plain (written before encryption). */
export function readSecretFile(dataDir: string, file: string): Buffer {
  const data = readFileSync(file);
  if (!isSealed(data)) return data;
  const key = keyFor(dataDir);
  if (!key) throw new SealedFileError(file, 'no_key');
  return unsealBytes(key, basename(file), data, file);
}

/** Seals the secret files that are still plain (a data folder from before encryption). Returns the ones sealed. */
export function sealPlainFiles(dataDir: string, files: string[]): string[] {
  const done: string[] = [];
  if (!keyFor(dataDir)) return done;
  for (const f of files) {
    if (!existsSync(f)) continue;
    const data = readFileSync(f);
    if (isSealed(data)) continue;
    writeSecretFile(dataDir, f, data);
    done.push(f);
  }
  return done;
}
