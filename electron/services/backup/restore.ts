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

function refused(message: string, messageEn: string, code: string): AppError {
  return new AppError('RESTORE_REFUSED', message, messageEn, { params: { reason: code } });
}

/**
 * Checks a backup with the recovery code, without touching the data folder: the key (or
 * RecoveryCodeError), the file's hash, and the copy opened and checked whole.
 */
export async function prepareRestore(dir: string, code: string): Promise<PreparedRestore> {
  const manifest = readManifest(dir);
  if (!manifest) throw refused('所选文件夹不是考点通备份（没有有效的 manifest.json）。', 'Not a backup of the console (no valid manifest.json).', 'not_backup');
  if (!manifest.recovery) throw refused('该备份没有恢复码封装的密钥，不能在另一台电脑上恢复。', 'This backup carries no recovery-code wrap of its key.', 'no_recovery');
  const key = await unwrapWithCode(manifest.recovery, manifest.keyId, code);
  const file = join(dir, BACKUP_DB);
  if (!existsSync(file)) throw refused('备份中缺少数据库文件。', 'The backup has no database file.', 'damaged');
  const { sha256 } = hashFile(file);
  if (sha256 !== manifest.db.sha256) throw refused('备份文件已损坏或被改动（哈希不符）。', 'The backup file is damaged or altered (hash mismatch).', 'damaged');
  for (const k of manifest.keys) {
    if (!existsSync(join(dir, k.file)) || hashFile(join(dir, k.file)).sha256 !== k.sha256) throw refused(`备份中的密钥文件 ${k.file} 已损坏或缺失。`, `Key file ${k.file} in the backup is damaged or missing.`, 'damaged');
  }
  const check = checkCopy(file, key);
  if (check.integrity.length || !check.chainOk) throw refused(`备份未通过校验：${check.integrity.join('; ') || check.chainBad}`, 'The backup does not pass its check.', 'damaged');
  if (check.auditSeq !== manifest.audit.seq || check.auditHash !== manifest.audit.hash) throw refused('备份的审计链与其清单不符。', 'The backup’s audit chain does not match its manifest.', 'damaged');
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
    throw refused('复制到数据目录后校验失败（磁盘空间不足？）。', 'The copy in the data folder does not check (disk full?).', 'copy_failed');
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
