// One backup's database copy and its check, on the thread that calls it (the backup worker, a
// restore): a consistent snapshot of the live encrypted database written encrypted under the same
// key, then opened again with the key and checked (integrity_check, the whole audit chain).
//
// Why VACUUM INTO and not better-sqlite3's backup(): that API opens the destination itself,
// without a key, and SQLite3 Multiple Ciphers refuses a backup between an encrypted source and an
// unkeyed destination ("backup is not supported with incompatible source and target databases";
// a plain destination would be a plaintext copy anyway). VACUUM INTO is SQLite's other online
// copy: one read transaction on the source (in WAL mode writers go on meanwhile), a compact,
// consistent file, encrypted with the source's key because SQLite3 Multiple Ciphers attaches the
// target with the main database's key.
import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { closeSync, fsyncSync, openSync, readSync, rmSync } from 'node:fs';
import { applyKey, ownerOnlyFile } from '../../../db';
import { verifyChain } from '../audit';

export interface CopyCheck {
  integrity: string[];
  chainOk: boolean;
  chainBad: string | null;
  auditSeq: number;
  auditHash: string;
  siteName: string | null;
  /** the last migration the copy has applied (what it needs of a console to open) */
  migration: number;
}

export interface CopyResult extends CopyCheck {
  bytes: number;
  sha256: string;
  ms: { copy: number; check: number };
}

/** SHA-256 of a file, read in 1 MiB slices; also fsyncs it. */
export function hashFile(file: string): { sha256: string; bytes: number } {
  const fd = openSync(file, 'r+');
  try {
    fsyncSync(fd);
    const h = createHash('sha256');
    const buf = Buffer.alloc(1024 * 1024);
    let bytes = 0;
    for (;;) {
      const n = readSync(fd, buf, 0, buf.length, null);
      if (n === 0) break;
      h.update(buf.subarray(0, n));
      bytes += n;
    }
    return { sha256: h.digest('hex'), bytes };
  } finally {
    closeSync(fd);
  }
}

/** Opens an encrypted copy read-only with the key and checks it whole. */
export function checkCopy(file: string, key: Buffer): CopyCheck {
  const db = new Database(file, { readonly: true });
  try {
    applyKey(db, key);
    db.pragma('temp_store = MEMORY');
    const integrity = (db.pragma('integrity_check') as { integrity_check: string }[]).map((r) => r.integrity_check).filter((m) => m !== 'ok');
    const chain = verifyChain(db);
    const site = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'site'").get() ? (db.prepare('SELECT name FROM site LIMIT 1').get() as { name: string } | undefined) : undefined;
    const migration = db.prepare('SELECT MAX(created_at) AS m FROM __drizzle_migrations').get() as { m: number | null };
    return {
      integrity,
      chainOk: chain.ok,
      chainBad: chain.firstBad ? `#${chain.firstBad.seq}: ${chain.firstBad.reason}` : null,
      auditSeq: chain.headSeq,
      auditHash: chain.headHash,
      siteName: site?.name ?? null,
      migration: Number(migration.m ?? 0),
    };
  } finally {
    db.close();
  }
}

/** Copies the live database at `dbFile` into `target` (a new file), then checks the copy. */
export function copyAndCheck(dbFile: string, key: Buffer, target: string): CopyResult {
  const t0 = performance.now();
  const live = new Database(dbFile, { readonly: true });
  try {
    applyKey(live, key);
    live.pragma('temp_store = MEMORY');
    live.pragma('busy_timeout = 5000');
    rmSync(target, { force: true });
    ownerOnlyFile(target);
    live.prepare('VACUUM INTO ?').run(target);
  } finally {
    live.close();
  }
  const t1 = performance.now();
  const check = checkCopy(target, key);
  const { sha256, bytes } = hashFile(target);
  return { ...check, sha256, bytes, ms: { copy: t1 - t0, check: performance.now() - t1 } };
}
