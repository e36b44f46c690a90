// The backups a destruction must reach (DOMAIN A4: the data leaves the database, its files and its
// backups). Backups are made by the backup service; it registers here how to list and remove its
// files, and how to take a fresh backup once the destruction has committed. Until one registers,
// there are no backups to reach and the ledger says so (`backups: 0`).
import { rmSync } from 'node:fs';

export interface BackupFile {
  /** absolute path of one backup file (on the data drive or the site head's USB drive) */
  path: string;
  /** ISO time the backup was taken: a backup taken before a destruction holds the destroyed data */
  madeAt: string;
}

export interface BackupHook {
  /** every backup file of this console, on every target that is reachable now */
  list(dataDir: string): BackupFile[];
  /** targets that are configured but not reachable now (a USB drive unplugged): reported, not silently skipped */
  unreachable?(dataDir: string): string[];
  /** removes one backup file for good */
  remove(file: BackupFile): void;
  /** takes a fresh backup after the destruction (so a good backup exists again) */
  backupNow?(dataDir: string, reason: string): Promise<void> | void;
}

const noBackups: BackupHook = {
  list: () => [],
  remove: (f) => rmSync(f.path, { force: true }),
};

let hook: BackupHook = noBackups;

/** Called once by the backup service at start-up. */
export function setBackupHook(h: BackupHook | null): void {
  hook = h ?? noBackups;
}

export function backupHook(): BackupHook {
  return hook;
}
