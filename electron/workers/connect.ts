// A worker's own connections to the site's database: read-only (the export worker's builds, the import
// worker's plan check; the same key, query_only, no temporary files on disk) and writable (a plan import's transaction).
// One per job, closed after it: a restore or a new key between two jobs is never read through a
// connection to the file as it was.
import Database from 'better-sqlite3';
import { applyKey, applyPragmas, CACHE_KIB, type Sqlite } from '../../db';

export function readConnection(file: string, key: Uint8Array | null): Sqlite {
  const sqlite = new Database(file, { readonly: true, fileMustExist: true });
  try {
    if (key) applyKey(sqlite, Buffer.from(key));
    sqlite.pragma('temp_store = MEMORY');
    sqlite.pragma(`cache_size = -${CACHE_KIB}`);
    sqlite.pragma('busy_timeout = 5000');
    sqlite.pragma('query_only = ON');
    return sqlite;
  } catch (e) {
    sqlite.close();
    throw e;
  }
}

/** Runs `read` in one read transaction (one committed state, whatever is written meanwhile), then closes the connection. */
export async function readOnce<T>(file: string, key: Uint8Array | null, read: (sqlite: Sqlite) => T | Promise<T>): Promise<T> {
  const sqlite = readConnection(file, key);
  try {
    sqlite.exec('BEGIN');
    try {
      return await read(sqlite);
    } finally {
      sqlite.exec('COMMIT');
    }
  } finally {
    sqlite.close();
  }
}

/** A writable connection for one job (a plan import's transaction), with the pragmas of every connection to the file (synchronous FULL, foreign keys, busy timeout). */
export function writeConnection(file: string, key: Uint8Array | null): Sqlite {
  const sqlite = new Database(file, { fileMustExist: true });
  try {
    if (key) applyKey(sqlite, Buffer.from(key));
    applyPragmas(sqlite);
    return sqlite;
  } catch (e) {
    sqlite.close();
    throw e;
  }
}
