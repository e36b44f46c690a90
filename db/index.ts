import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { chmodSync, closeSync, existsSync, openSync, readFileSync, readSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as schema from './schema/index';

export { schema };
export type Db = BetterSQLite3Database<typeof schema>;
export type Sqlite = Database.Database;

/** A drizzle handle that can only read: what query handlers and read services take. */
export type ReadDb = Omit<Db, 'insert' | 'update' | 'delete' | 'run' | 'transaction'>;
/** A raw connection that can only prepare statements (and the connection refuses writes: query_only). */
export type ReadSqlite = Pick<Sqlite, 'prepare' | 'pragma' | 'name'>;

export interface OpenedDatabase {
  /** drizzle handle: services take this as their first parameter */
  db: Db;
  /** the raw better-sqlite3 connection, for pragmas, transactions and what drizzle cannot say */
  sqlite: Sqlite;
  /**
   * A second connection to the same file with `query_only` on: query commands run on it, so a
   * query can never write (SQLite refuses), and in WAL mode it reads the last committed state.
   */
  reader: { db: ReadDb; sqlite: ReadSqlite };
  file: string;
  close(): void;
}

export class DatabaseFromFutureError extends Error {
  readonly code = 'DB_FROM_FUTURE';
  constructor(file: string, dbMillis: number, appMillis: number) {
    super(
      `openDatabase: ${file} 由更新版本的考点通写入（数据库迁移 ${dbMillis}，本版本最新 ${appMillis}），` +
        `本版本不能打开它，请升级考点通。/ The database was written by a newer version of the console; upgrade to open it.`,
    );
    this.name = 'DatabaseFromFutureError';
  }
}

/**
 * The key is wrong (or missing) for an encrypted database file. Chinese first: the screen shows it.
 */
export class DatabaseKeyError extends Error {
  readonly code = 'DB_KEY_WRONG';
  constructor(file: string, keyed: boolean) {
    super(
      keyed
        ? `openDatabase: 密钥不正确，无法解密数据库 ${file}（恢复码或密钥有误，或该文件不是本考点的数据库）。/ Wrong key: the database cannot be decrypted.`
        : `openDatabase: 数据库 ${file} 已加密，需要密钥才能打开。/ The database is encrypted; a key is needed.`,
    );
    this.name = 'DatabaseKeyError';
  }
}

/** The database is plain SQLite where a key was given: it must be migrated (vault/migrate.ts), not opened. */
export class DatabaseNotEncryptedError extends Error {
  readonly code = 'DB_PLAIN';
  constructor(file: string) {
    super(`openDatabase: 数据库 ${file} 尚未加密，需先迁移为加密数据库。/ The database is not encrypted yet; migrate it first.`);
    this.name = 'DatabaseNotEncryptedError';
  }
}

/**
 * The cipher: SQLCipher 4 compatible (AES-256-CBC pages with HMAC-SHA512, SQLite3 Multiple Ciphers'
 * `sqlcipher` scheme, legacy 4). The key is a random 256-bit raw key (`x'…'`), so no passphrase KDF
 * runs on open: the recovery code and the OS keystore only wrap it (electron/services/vault).
 */
export const DB_CIPHER = { cipher: 'sqlcipher', legacy: 4 } as const;

/** Page cache per connection (KiB, as SQLite's negative cache_size): the door's working set at 10,000 candidates fits, so encrypted pages are decrypted once, not on every scan. */
export const CACHE_KIB = 65_536;

/** Sets the cipher and the raw key on a fresh connection, before anything reads the file. */
export function applyKey(sqlite: Sqlite, key: Buffer): void {
  if (key.length !== 32) throw new Error('applyKey: the database key is 32 bytes');
  sqlite.pragma(`cipher = '${DB_CIPHER.cipher}'`);
  sqlite.pragma(`legacy = ${DB_CIPHER.legacy}`);
  sqlite.pragma(`key = "x'${key.toString('hex')}'"`);
}

const SQLITE_MAGIC = Buffer.from('SQLite format 3\0', 'latin1');

/** A plain SQLite file starts with its magic; an encrypted one with random salt. Missing or empty files are neither. */
export function isPlainSqliteFile(file: string): boolean {
  if (!existsSync(file)) return false;
  const fd = openSync(file, 'r');
  try {
    const head = Buffer.alloc(16);
    const n = readSync(fd, head, 0, 16, 0);
    return n === 16 && head.equals(SQLITE_MAGIC);
  } finally {
    closeSync(fd);
  }
}

/** Owner-only files (0600): a new file is made so before SQLite opens it, and its WAL and shm inherit the mode. */
export function ownerOnlyFile(file: string): void {
  if (file === ':memory:' || process.platform === 'win32') return;
  if (!existsSync(file)) closeSync(openSync(file, 'a', 0o600));
  for (const f of [file, `${file}-wal`, `${file}-shm`]) {
    try {
      chmodSync(f, 0o600);
    } catch {
      // the WAL and shm exist only while open
    }
  }
}

export function defaultMigrationsDir(): string {
  return fileURLToPath(new URL('./migrations', import.meta.url));
}

interface JournalEntry {
  when: number;
  tag: string;
}

function latestMigrationMillis(migrationsDir: string): number {
  const journal = JSON.parse(readFileSync(`${migrationsDir}/meta/_journal.json`, 'utf8')) as { entries: JournalEntry[] };
  return Math.max(0, ...journal.entries.map((e) => e.when));
}

/**
 * Pragmas for every connection. WAL persists in the file, but synchronous and foreign_keys
 * are per connection: a second connection to a WAL file otherwise comes up NORMAL / OFF.
 */
export function applyPragmas(sqlite: Sqlite): void {
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  // sorts and temporary tables stay in memory: the cipher covers the database, its WAL and
  // journal, never SQLite's temporary files, so none may be written
  sqlite.pragma('temp_store = MEMORY');
  sqlite.pragma(`cache_size = -${CACHE_KIB}`);
}

/** The read-only twin of a connection (the same connection for an in-memory database, which has no file to share). */
function openReader(file: string, writer: Sqlite, key: Buffer | null): Sqlite {
  if (file === ':memory:' || file === '') return writer;
  const reader = new Database(file);
  // the same key, the same page cache, and no temporary files on disk (encryption at rest)
  if (key) applyKey(reader, key);
  reader.pragma('temp_store = MEMORY');
  reader.pragma(`cache_size = -${CACHE_KIB}`);
  reader.pragma('busy_timeout = 5000');
  reader.pragma('foreign_keys = ON');
  reader.pragma('query_only = ON');
  return reader;
}

/**
 * Opens (or creates) the console's database: keys it (when a key is given: an encrypted database;
 * a wrong key is refused with DatabaseKeyError, a plain file with DatabaseNotEncryptedError), sets
 * the pragmas, refuses a database written by a newer version (its last applied migration is later than any this build knows), then runs the
 * pending migrations.
 */
export function openDatabase(file: string, opts: { migrationsDir?: string; readonly?: boolean; key?: Buffer | null } = {}): OpenedDatabase {
  const migrationsDir = opts.migrationsDir ?? defaultMigrationsDir();
  const key = opts.key ?? null;
  if (key && isPlainSqliteFile(file)) throw new DatabaseNotEncryptedError(file);
  if (!opts.readonly) ownerOnlyFile(file);
  const sqlite = new Database(file, { readonly: opts.readonly ?? false });
  try {
    if (key) applyKey(sqlite, key);
    // the first read: a wrong key (or none for an encrypted file) fails here, before any pragma writes
    try {
      sqlite.prepare('SELECT COUNT(*) FROM sqlite_master').get();
    } catch (e) {
      if ((e as { code?: string }).code === 'SQLITE_NOTADB') throw new DatabaseKeyError(file, key !== null);
      throw e;
    }
    if (!opts.readonly) applyPragmas(sqlite);
    else sqlite.pragma('temp_store = MEMORY');
    const appMillis = latestMigrationMillis(migrationsDir);
    const hasTable = sqlite
      .prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '__drizzle_migrations'")
      .get();
    if (hasTable) {
      const row = sqlite.prepare('SELECT MAX(created_at) AS m FROM __drizzle_migrations').get() as { m: number | null };
      const dbMillis = Number(row.m ?? 0);
      if (dbMillis > appMillis) throw new DatabaseFromFutureError(file, dbMillis, appMillis);
    }
    const db = drizzle(sqlite, { schema });
    if (!opts.readonly) migrate(db, { migrationsFolder: migrationsDir });
    const reader = openReader(file, sqlite, key);
    return {
      db,
      sqlite,
      reader: { db: drizzle(reader, { schema }), sqlite: reader },
      file,
      close: () => {
        if (reader !== sqlite) reader.close();
        sqlite.close();
      },
    };
  } catch (e) {
    sqlite.close();
    throw e;
  }
}
