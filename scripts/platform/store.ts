// The reference platform's own SQLite store: records (one per accepted package, or more when the
// dedupe switch is off), the statements it signed, certificate numbers and plans to hand out.
import Database from 'better-sqlite3';

export type Sqlite = Database.Database;

export interface RecordRow {
  id: number;
  record_no: string;
  hash: string;
  site_key: string;
  plan_code: string | null;
  version: number | null;
  kind: string | null;
  byte_size: number;
  body: string;
  signature: string;
  status: 'received' | 'rejected' | 'certified';
  received_at: string;
}

export interface StatementRow {
  id: number;
  hash: string;
  kind: 'receipt' | 'rejection' | 'certification';
  statement: string;
  signature: string;
}

export function openStore(file: string): Sqlite {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.exec(`
    CREATE TABLE IF NOT EXISTS records (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      record_no TEXT NOT NULL,
      hash TEXT NOT NULL,
      site_key TEXT NOT NULL,
      plan_code TEXT,
      version INTEGER,
      kind TEXT,
      byte_size INTEGER NOT NULL,
      body TEXT NOT NULL,
      signature TEXT NOT NULL,
      status TEXT NOT NULL DEFAULT 'received',
      received_at TEXT NOT NULL
    );
    -- not UNIQUE: idempotency is the apply's job, so the dedupe switch can be turned off in a test
    CREATE INDEX IF NOT EXISTS records_hash ON records (hash);
    CREATE TABLE IF NOT EXISTS statements (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      hash TEXT NOT NULL,
      kind TEXT NOT NULL,
      statement TEXT NOT NULL,
      signature TEXT NOT NULL
    );
    CREATE INDEX IF NOT EXISTS statements_hash ON statements (hash);
    CREATE TABLE IF NOT EXISTS certificates (
      record_id INTEGER NOT NULL,
      candidate_ref TEXT NOT NULL,
      certificate_no TEXT NOT NULL UNIQUE
    );
    CREATE TABLE IF NOT EXISTS plans (plan_code TEXT PRIMARY KEY, document TEXT NOT NULL);
  `);
  return db;
}
