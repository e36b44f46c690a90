// Restore onto another PC (or this one, fresh): a backup found on the drive, opened with the
// recovery code. The code unwraps the key from the backup's manifest; the database file must
// match the manifest's hash, open with the key, pass integrity_check and carry the whole audit
// chain up to the head the manifest names. Only then does it become the data folder's database,
// with its sealed secret files, and a vault for this machine (the same recovery code, the keystore
// of this machine where there is one). The console then records the restore as an audit event
// that continues the chain (electron/app.ts).
import { chmodSync, copyFileSync, existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { AppError } from '../errors';
import { unwrapWithCode } from '../vault/keyring';
import { DB_FILE, VAULT_FILE } from '../vault/vault';
import { checkCopy, hashFile } from './copy';
import { BACKUP_DB, readManifest, type BackupManifest } from './manifest';

export interface PreparedRestore {
  key: Buffer;
  manifest: BackupManifest;
  dir: string;
}

/**
 * Checks a backup with the recovery code, without touching the data folder: the key (or
 * RecoveryCodeError), the file's hash, and the copy opened and checked whole.
 */
export async function prepareRestore(dir: string, code: string): Promise<PreparedRestore> {
  const manifest = readManifest(dir);
  if (!manifest) throw new AppError('RESTORE_REFUSED', 'restore.notBackup');
  if (!manifest.recovery) throw new AppError('RESTORE_REFUSED', 'restore.noRecovery');
  const key = await unwrapWithCode(manifest.recovery, manifest.keyId, code);
  const file = join(dir, BACKUP_DB);
  if (!existsSync(file) || hashFile(file).sha256 !== manifest.db.sha256) throw new AppError('RESTORE_REFUSED', 'restore.damaged');
  for (const k of manifest.keys) {
    if (!existsSync(join(dir, k.file)) || hashFile(join(dir, k.file)).sha256 !== k.sha256) throw new AppError('RESTORE_REFUSED', 'restore.keyFileDamaged', { file: k.file });
  }
  const check = checkCopy(file, key);
  if (check.integrity.length || !check.chainOk) throw new AppError('RESTORE_REFUSED', 'restore.checkFailed', { detail: (check.integrity.join('; ') || check.chainBad || '').slice(0, 300) });
  if (check.auditSeq !== manifest.audit.seq || check.auditHash !== manifest.audit.hash) throw new AppError('RESTORE_REFUSED', 'restore.chainMismatch');
  return { key, manifest, dir };
}

/**
 * Puts a checked backup into a data folder whose console has been closed and holds no site: the
 * database (copied, then renamed into place) and the sealed secret files. The old vault and the
 * empty database of the fresh install are removed; the caller writes the new vault with the key.
 */
export function installRestore(dataDir: string, prepared: PreparedRestore): void {
  const target = join(dataDir, DB_FILE);
  const incoming = `${target}.restoring`;
  rmSync(incoming, { force: true });
  copyFileSync(join(prepared.dir, BACKUP_DB), incoming);
  const check = checkCopy(incoming, prepared.key);
  if (check.integrity.length || !check.chainOk) {
    rmSync(incoming, { force: true });
    throw new AppError('RESTORE_REFUSED', 'restore.copyFailed');
  }
  for (const f of [target, `${target}-wal`, `${target}-shm`, join(dataDir, VAULT_FILE)]) rmSync(f, { force: true });
  renameSync(incoming, target);
  mkdirSync(join(dataDir, 'keys'), { recursive: true, mode: 0o700 });
  for (const k of prepared.manifest.keys) {
    copyFileSync(join(prepared.dir, k.file), join(dataDir, k.file));
    // a FAT-formatted drive has no modes to carry: owner-only again here
    if (process.platform !== 'win32') chmodSync(join(dataDir, k.file), 0o600);
  }
  if (process.platform !== 'win32') chmodSync(target, 0o600);
}
