// A data folder from before encryption: its plain database is encrypted in place, after a backup.
// 1. the WAL is folded in and the database copied (VACUUM INTO, a consistent snapshot);
// 2. the copy is encrypted (PRAGMA rekey) and checked: it opens with the key, integrity_check
//    passes and it holds as many audit events as the original; it stays as
//    pre-encryption-<time>.sqlite, encrypted, the backup to go back to;
// 3. the original is encrypted in place (rollback journal for the rekey, then WAL again) and checked
//    the same way; the plain secret files in keys/ are sealed.
// A failure at any step leaves the original as it was (the rekey is one transaction) and says so.
import Database from 'better-sqlite3';
import { existsSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { applyKey, ownerOnlyFile } from '../../../db';
import { verifyChain } from '../audit';
import type { Clock } from '../runtime';
import { DB_FILE } from './vault';

export interface MigrationReport {
  backupFile: string;
  auditEvents: number;
  ms: number;
}

export class MigrationError extends Error {
  readonly code = 'DB_MIGRATION_FAILED';
  constructor(step: string, cause: string) {
    super(`数据库加密迁移失败（${step}）：原数据库未改动。${cause} / Encrypting the database failed (${step}); the original is unchanged.`);
    this.name = 'MigrationError';
  }
}

function stampOf(clock: Clock): string {
  return clock.now().toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
}

function countEvents(db: Database.Database): number {
  const has = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'audit_events'").get();
  return has ? (db.prepare('SELECT COUNT(*) AS n FROM audit_events').get() as { n: number }).n : 0;
}

function check(file: string, key: Buffer, events: number, step: string): void {
  const db = new Database(file, { readonly: true });
  try {
    applyKey(db, key);
    const integrity = (db.pragma('integrity_check') as { integrity_check: string }[]).map((r) => r.integrity_check);
    if (integrity.join() !== 'ok') throw new MigrationError(step, `integrity_check: ${integrity.join('; ')}`);
    const n = countEvents(db);
    if (n !== events) throw new MigrationError(step, `审计事件 ${n} ≠ ${events} / audit events differ`);
    if (n > 0 && !verifyChain(db).ok) throw new MigrationError(step, '审计链不完整 / audit chain broken');
  } finally {
    db.close();
  }
}

export function migratePlainDatabase(dataDir: string, key: Buffer, clock: Clock): MigrationReport {
  const t0 = performance.now();
  const file = join(dataDir, DB_FILE);
  const backupFile = join(dataDir, `pre-encryption-${stampOf(clock)}.sqlite`);
  const tmp = `${backupFile}.partial`;
  const src = new Database(file);
  let events = 0;
  try {
    src.pragma('wal_checkpoint(TRUNCATE)');
    events = countEvents(src);
    // 1–2. the backup first: a snapshot, then encrypted and checked
    rmSync(tmp, { force: true });
    ownerOnlyFile(tmp);
    src.prepare('VACUUM INTO ?').run(tmp);
    const copy = new Database(tmp);
    try {
      copy.pragma("cipher = 'sqlcipher'");
      copy.pragma('legacy = 4');
      copy.pragma(`rekey = "x'${key.toString('hex')}'"`);
    } finally {
      copy.close();
    }
    check(tmp, key, events, '备份 / backup');
    renameSync(tmp, backupFile);
    // 3. in place: the rekey needs a rollback journal
    src.pragma('journal_mode = DELETE');
    src.pragma("cipher = 'sqlcipher'");
    src.pragma('legacy = 4');
    src.pragma(`rekey = "x'${key.toString('hex')}'"`);
  } catch (e) {
    rmSync(tmp, { force: true });
    if (e instanceof MigrationError) throw e;
    throw new MigrationError('加密 / rekey', (e as Error).message);
  } finally {
    src.close();
  }
  check(file, key, events, '校验 / check');
  for (const f of [`${file}-wal`, `${file}-shm`]) if (existsSync(f)) rmSync(f, { force: true });
  return { backupFile, auditEvents: events, ms: performance.now() - t0 };
}
