import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as schema from './schema/index';

export { schema };
export type Db = BetterSQLite3Database<typeof schema>;
export type Sqlite = Database.Database;

/** A drizzle handle that can only read: what query handlers and read services take. */
export type ReadDb = Omit<Db, 'insert' | 'update' | 'delete' | 'run' | 'transaction'>;
/** A raw connection that can only prepare statements (and the connection refuses writes: query_only). */
export type ReadSqlite = Pick<Sqlite, 'prepare' | 'pragma'>;

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
}

/** The read-only twin of a connection (the same connection for an in-memory database, which has no file to share). */
function openReader(file: string, writer: Sqlite): Sqlite {
  if (file === ':memory:' || file === '') return writer;
  const reader = new Database(file);
  reader.pragma('busy_timeout = 5000');
  reader.pragma('foreign_keys = ON');
  reader.pragma('query_only = ON');
  return reader;
}

/**
 * Opens (or creates) the console's database: sets the pragmas, refuses a database written by a
 * newer version (its last applied migration is later than any this build knows), then runs the
 * pending migrations.
 */
export function openDatabase(file: string, opts: { migrationsDir?: string; readonly?: boolean } = {}): OpenedDatabase {
  const migrationsDir = opts.migrationsDir ?? defaultMigrationsDir();
  const sqlite = new Database(file, { readonly: opts.readonly ?? false });
  try {
    if (!opts.readonly) applyPragmas(sqlite);
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
    const reader = openReader(file, sqlite);
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
