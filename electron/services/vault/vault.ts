// The vault: <data>/keys/vault.json, owner-only, holding the database key's id and its wraps (never
// the key itself). At start the key comes, in this order, from: a key the caller hands over, the
// ESC_DB_KEY environment variable (64 hex digits: tests and scripted runs), a recovery code (given,
// or ESC_RECOVERY_CODE), the OS keystore (Electron's safeStorage, unless it is basic_text). A new
// data folder gets a new random key. Otherwise the console is locked until someone types the code.
import { randomBytes } from 'node:crypto';
import { chmodSync, closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import type { RandomSource } from '../runtime';
import { isPlainSqliteFile } from '../../../db';
import { codeWrapSchema, KEY_BYTES, keyIdOf, parseHexKey, unwrapWithCode, unwrapWithCodeSync, wrapWithCode, wrapWithCodeSync, type CodeWrap } from './keyring';
import type { Keystore } from './keystore';
import { newRecoveryCode } from './recovery';

/** The console's database in its data folder. */
export const DB_FILE = 'console.sqlite';
export const VAULT_FILE = join('keys', 'vault.json');
export const ENV_DB_KEY = 'ESC_DB_KEY';
export const ENV_RECOVERY_CODE = 'ESC_RECOVERY_CODE';
const FORMAT = 'exam-site-console vault 1';

const vaultSchema = z.object({
  format: z.literal(FORMAT),
  cipher: z.literal('sqlcipher-4'),
  keyId: z.string().regex(/^[0-9a-f]{32}$/),
  createdAt: z.string().max(40),
  /** null until setup: the recovery code is made by setup.init */
  recovery: codeWrapSchema.nullable(),
  keystore: z.object({ kind: z.string().max(40), backend: z.string().max(40), ct: z.string().max(4096) }).nullable(),
});
export type VaultFile = z.infer<typeof vaultSchema>;

/** How the key was found this time. */
export type KeySource = 'given' | 'env' | 'recovery' | 'keystore' | 'new';

/** Why the console cannot open by itself: it waits for the recovery code (or cannot open at all). */
export type LockReason = 'code_needed' | 'vault_missing';

export class VaultLockedError extends Error {
  readonly code = 'VAULT_LOCKED';
  constructor(readonly reason: LockReason) {
    super(
      reason === 'code_needed'
        ? '数据库已加密：请输入恢复码解锁（无头运行可设环境变量 ESC_RECOVERY_CODE）。/ The database is encrypted: enter the recovery code (or set ESC_RECOVERY_CODE).'
        : '数据库已加密，但密钥文件 keys/vault.json 不见了：请在新的数据目录中从备份恢复（需恢复码）。/ The key file keys/vault.json is missing: restore from a backup with the recovery code.',
    );
    this.name = 'VaultLockedError';
  }
}

export class VaultFileError extends Error {
  constructor(file: string, why: string) {
    super(`密钥文件 ${file} 无法读取（${why}）：请从备份恢复。/ The key file cannot be read: restore from a backup.`);
    this.name = 'VaultFileError';
  }
}

export function vaultPath(dataDir: string): string {
  return join(dataDir, VAULT_FILE);
}

export function readVault(dataDir: string): VaultFile | null {
  const file = vaultPath(dataDir);
  if (!existsSync(file)) return null;
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    throw new VaultFileError(file, '不是 JSON / not JSON');
  }
  const parsed = vaultSchema.safeParse(raw);
  if (!parsed.success) throw new VaultFileError(file, '格式不对 / malformed');
  return parsed.data;
}

/** Owner-only folders (0700): the data folder and keys/. A no-op on Windows, where ACLs rule. */
export function ownerOnlyDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  if (process.platform !== 'win32' && (statSync(dir).mode & 0o077) !== 0) chmodSync(dir, 0o700);
}

/** Writes a file whole or not at all: a temp file (0600), fsync, rename. */
export function writeFileAtomic(file: string, data: string | Buffer): void {
  const tmp = `${file}.tmp-${randomBytes(4).toString('hex')}`;
  const fd = openSync(tmp, 'w', 0o600);
  try {
    writeSync(fd, typeof data === 'string' ? Buffer.from(data, 'utf8') : data);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  try {
    renameSync(tmp, file);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
}

export function writeVault(dataDir: string, vault: VaultFile): void {
  ownerOnlyDir(join(dataDir, 'keys'));
  writeFileAtomic(vaultPath(dataDir), JSON.stringify(vault, null, 2) + '\n');
}

function keystoreWrap(keystore: Keystore, key: Buffer): VaultFile['keystore'] {
  return { kind: keystore.kind, backend: keystore.backend, ct: keystore.encrypt(Buffer.from(key.toString('base64'), 'utf8')).toString('base64') };
}

function keystoreUnwrap(keystore: Keystore, wrap: NonNullable<VaultFile['keystore']>, keyId: string): Buffer | null {
  if (wrap.kind !== keystore.kind || wrap.backend !== keystore.backend) return null;
  try {
    const key = Buffer.from(keystore.decrypt(Buffer.from(wrap.ct, 'base64')).toString('utf8'), 'base64');
    return key.length === KEY_BYTES && keyIdOf(key) === keyId ? key : null;
  } catch {
    // another user's or another machine's keystore: fall back to the recovery code
    return null;
  }
}

/** The key, open, with what it can do to the vault. Held by the console for as long as it runs. */
export class OpenVault {
  private file: VaultFile;
  constructor(
    readonly dataDir: string,
    private readonly dbKey: Buffer,
    readonly source: KeySource,
    file: VaultFile,
    private readonly keystore: Keystore | null,
  ) {
    this.file = file;
  }

  /** The same vault, saying the key came another way this time. */
  as(source: KeySource): OpenVault {
    const v = new OpenVault(this.dataDir, this.dbKey, source, this.file, this.keystore);
    v.pendingCode = this.pendingCode;
    return v;
  }

  /** The raw database key: for the database connections and the backup worker only. */
  key(): Buffer {
    return Buffer.from(this.dbKey);
  }

  get keyId(): string {
    return this.file.keyId;
  }

  get hasRecovery(): boolean {
    return this.file.recovery !== null;
  }

  /** The recovery wrap, as each backup carries it (the key wrapped by the code, nothing else). */
  recoveryWrap(): CodeWrap | null {
    return this.file.recovery;
  }

  /** A new recovery code and the key wrapped under it (async: scrypt off the event loop). Not yet in effect. */
  async newRecovery(random: RandomSource): Promise<{ code: string; wrap: CodeWrap }> {
    const code = newRecoveryCode(random);
    return { code, wrap: await wrapWithCode(this.dbKey, code, random) };
  }

  /** The same, at once (start-up only: a migrated database gets its code before anything else). */
  newRecoverySync(random: RandomSource): { code: string; wrap: CodeWrap } {
    const code = newRecoveryCode(random);
    return { code, wrap: wrapWithCodeSync(this.dbKey, code, random) };
  }

  /**
   * A code made without a setup screen to show it (a plain database encrypted at start): held here
   * until the site head has seen it (vault.recovery.pending), never written anywhere.
   */
  pendingCode: string | null = null;

  /** Puts a recovery wrap in effect (the code shown with it is the one that opens the vault from now on). */
  commitRecovery(wrap: CodeWrap): void {
    this.pendingCode = null;
    this.file = { ...this.file, recovery: wrap };
    writeVault(this.dataDir, this.file);
  }

  /** The keystore's state for the About page: which backend, and whether the key is wrapped by it. */
  keystoreStatus(): { backend: string | null; usable: boolean; wrapped: boolean } {
    return { backend: this.keystore?.backend ?? null, usable: this.keystore?.usable ?? false, wrapped: this.file.keystore !== null };
  }
}

export interface UnlockOptions {
  dataDir: string;
  random: RandomSource;
  /** a key the caller has (a restore, a test, a code already checked) */
  key?: Buffer;
  /** a recovery code typed by someone (checked here, on this thread) */
  code?: string;
  /** read ESC_DB_KEY / ESC_RECOVERY_CODE (default true) */
  useEnv?: boolean;
  env?: NodeJS.ProcessEnv;
  keystore?: Keystore | null;
  /** whether the data folder holds a database file already */
  dbExists: boolean;
}

export type UnlockResult = { ok: true; vault: OpenVault } | { ok: false; reason: LockReason };

export class WrongKeyError extends Error {
  readonly code = 'DB_KEY_WRONG';
  constructor() {
    super('密钥不正确：与本数据目录的密钥不符。/ Wrong key: it is not this data folder’s key.');
    this.name = 'WrongKeyError';
  }
}

/**
 * Finds the key. Wrong keys and codes are refused with an error (WrongKeyError, RecoveryCodeError);
 * the absence of any key leaves the console locked (ok: false), waiting for the recovery code.
 */
export function unlockVault(opts: UnlockOptions): UnlockResult {
  const env = opts.useEnv === false ? {} : (opts.env ?? process.env);
  const keystore = opts.keystore && opts.keystore.usable ? opts.keystore : null;
  let vault = readVault(opts.dataDir);

  const open = (key: Buffer, source: KeySource): UnlockResult => {
    if (vault && keyIdOf(key) !== vault.keyId) throw new WrongKeyError();
    let changed = false;
    if (!vault) {
      vault = { format: FORMAT, cipher: 'sqlcipher-4', keyId: keyIdOf(key), createdAt: new Date().toISOString(), recovery: null, keystore: null };
      changed = true;
    }
    // the keystore wraps the key once it is known on this machine (a new folder, a restore, a first unlock by code)
    if (keystore && source !== 'keystore' && (!vault.keystore || !keystoreUnwrap(keystore, vault.keystore, vault.keyId))) {
      vault = { ...vault, keystore: keystoreWrap(keystore, key) };
      changed = true;
    }
    if (changed) writeVault(opts.dataDir, vault);
    return { ok: true, vault: new OpenVault(opts.dataDir, key, source, vault, opts.keystore ?? null) };
  };

  // what the caller hands over first, then the environment
  if (opts.key) return open(opts.key, 'given');
  if (opts.code && vault?.recovery) return open(unwrapWithCodeSync(vault.recovery, vault.keyId, opts.code), 'recovery');
  const hex = env[ENV_DB_KEY];
  if (hex) {
    const key = parseHexKey(hex);
    if (!key) throw new Error(`${ENV_DB_KEY} 须为 64 位十六进制数字 / ${ENV_DB_KEY} must be 64 hex digits`);
    return open(key, 'env');
  }
  const code = env[ENV_RECOVERY_CODE];
  if (vault?.recovery && code) return open(unwrapWithCodeSync(vault.recovery, vault.keyId, code), 'recovery');
  if (vault && keystore && vault.keystore) {
    const key = keystoreUnwrap(keystore, vault.keystore, vault.keyId);
    if (key) return open(key, 'keystore');
  }
  if (!vault) {
    // an encrypted database without its vault cannot be opened here; a plain or missing one gets a new key
    if (opts.dbExists && !isPlainSqliteFile(join(opts.dataDir, DB_FILE))) return { ok: false, reason: 'vault_missing' };
    return open(opts.random.bytes(KEY_BYTES), 'new');
  }
  if (!vault.recovery) {
    // never set up (setup.init writes the recovery wrap before the site exists) and its key is gone:
    // the database can hold nothing but empty tables, so the folder starts afresh with a new key
    discardUnfinished(opts.dataDir);
    vault = null;
    return open(opts.random.bytes(KEY_BYTES), 'new');
  }
  return { ok: false, reason: 'code_needed' };
}

/** Unlocks with a typed recovery code, the scrypt off the event loop: RecoveryCodeError when it is wrong. */
export async function unlockWithCode(opts: Omit<UnlockOptions, 'code' | 'key' | 'useEnv'>, code: string): Promise<UnlockResult> {
  const vault = readVault(opts.dataDir);
  if (!vault) return { ok: false, reason: 'vault_missing' };
  if (!vault.recovery) return unlockVault({ ...opts, useEnv: false });
  const key = await unwrapWithCode(vault.recovery, vault.keyId, code);
  const r = unlockVault({ ...opts, useEnv: false, key });
  return r.ok ? { ok: true, vault: r.vault.as('recovery') } : r;
}

/** Moves an unfinished folder's database aside (kept, never deleted: it is unreadable anyway) and drops its vault. */
function discardUnfinished(dataDir: string): void {
  const stamp = new Date().toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
  for (const f of [DB_FILE, `${DB_FILE}-wal`, `${DB_FILE}-shm`]) {
    const file = join(dataDir, f);
    if (existsSync(file)) renameSync(file, join(dataDir, f.replace(DB_FILE, `console.unfinished-${stamp}.sqlite`)));
  }
  rmSync(vaultPath(dataDir), { force: true });
}

/** Writes a whole new vault for a key whose recovery wrap is known (a restore): one write, nothing half-done. */
export function installVault(dataDir: string, key: Buffer, recovery: CodeWrap | null): void {
  writeVault(dataDir, { format: FORMAT, cipher: 'sqlcipher-4', keyId: keyIdOf(key), createdAt: new Date().toISOString(), recovery, keystore: null });
}

/**
 * The key of an existing encrypted data folder, read-only (no vault is written): ESC_DB_KEY, or a
 * recovery code (given, or ESC_RECOVERY_CODE). Null when neither is at hand; wrong ones throw.
 * For tools that inspect a folder (npm run verify), never for the console itself.
 */
export function keyForFolder(dataDir: string, opts: { code?: string | null; env?: NodeJS.ProcessEnv } = {}): Buffer | null {
  const env = opts.env ?? process.env;
  const vault = readVault(dataDir);
  const hex = env[ENV_DB_KEY];
  if (hex) {
    const key = parseHexKey(hex);
    if (!key) throw new Error(`${ENV_DB_KEY} 须为 64 位十六进制数字 / ${ENV_DB_KEY} must be 64 hex digits`);
    if (vault && keyIdOf(key) !== vault.keyId) throw new WrongKeyError();
    return key;
  }
  if (!vault) throw new VaultLockedError('vault_missing');
  const code = opts.code ?? env[ENV_RECOVERY_CODE] ?? null;
  if (!code || !vault.recovery) return null;
  return unwrapWithCodeSync(vault.recovery, vault.keyId, code);
}
