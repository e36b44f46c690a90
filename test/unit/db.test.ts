import Database from 'better-sqlite3';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DatabaseFromFutureError, defaultMigrationsDir, openDatabase } from '../../db';
import { tempDir } from './helpers';

describe('openDatabase', () => {
  it('runs every migration on an empty database and creates every table of the schema', () => {
    const file = join(tempDir(), 'a.sqlite');
    const { sqlite, close } = openDatabase(file);
    const tables = (sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string }[]).map((r) => r.name);
    for (const t of ['organisations', 'batches', 'occupations', 'subjects', 'exam_sessions', 'rooms', 'candidates', 'staff', 'staff_roles', 'training_relations', 'staff_pins', 'audit_events']) {
      expect(tables).toContain(t);
    }
    const journal = JSON.parse(readFileSync(join(defaultMigrationsDir(), 'meta/_journal.json'), 'utf8')) as { entries: unknown[] };
    const applied = sqlite.prepare('SELECT COUNT(*) AS n FROM __drizzle_migrations').get() as { n: number };
    expect(applied.n).toBe(journal.entries.length);
    expect(readdirSync(defaultMigrationsDir()).filter((f) => f.endsWith('.sql'))).toHaveLength(journal.entries.length);
    const triggers = sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'trigger'").all() as { name: string }[];
    expect(triggers.map((t) => t.name)).toEqual(expect.arrayContaining(['audit_events_no_update', 'audit_events_no_delete']));
    close();
  });

  it('sets WAL, synchronous=FULL and foreign_keys on every connection, including a second one', () => {
    const file = join(tempDir(), 'b.sqlite');
    const first = openDatabase(file);
    const second = openDatabase(file);
    for (const { sqlite } of [first, second]) {
      expect(sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(sqlite.pragma('synchronous', { simple: true })).toBe(2); // FULL
      expect(sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
    }
    // and a plain connection to the same WAL file would not have them: the point of applyPragmas
    const raw = new Database(file);
    expect(raw.pragma('synchronous', { simple: true })).not.toBe(2);
    raw.close();
    first.close();
    second.close();
  });

  it('is idempotent: reopening applies nothing twice', () => {
    const file = join(tempDir(), 'c.sqlite');
    openDatabase(file).close();
    const again = openDatabase(file);
    const n = again.sqlite.prepare('SELECT COUNT(*) AS n FROM __drizzle_migrations').get() as { n: number };
    const journal = JSON.parse(readFileSync(join(defaultMigrationsDir(), 'meta/_journal.json'), 'utf8')) as { entries: unknown[] };
    expect(n.n).toBe(journal.entries.length);
    again.close();
  });

  it('refuses a database written by a newer version, with a clear message, and leaves it untouched', () => {
    const file = join(tempDir(), 'd.sqlite');
    openDatabase(file).close();
    const raw = new Database(file);
    raw.prepare('INSERT INTO __drizzle_migrations (hash, created_at) VALUES (?, ?)').run('from-the-future', 4102444800000);
    const before = raw.prepare('SELECT COUNT(*) AS n FROM __drizzle_migrations').get();
    raw.close();
    expect(() => openDatabase(file)).toThrow(DatabaseFromFutureError);
    expect(() => openDatabase(file)).toThrow(/更新版本/);
    const check = new Database(file);
    expect(check.prepare('SELECT COUNT(*) AS n FROM __drizzle_migrations').get()).toEqual(before);
    check.close();
  });

  it('enforces foreign keys', () => {
    const { sqlite, close } = openDatabase(join(tempDir(), 'e.sqlite'));
    expect(() => sqlite.prepare("INSERT INTO staff_roles (staff_id, role) VALUES (999, 'proctor')").run()).toThrow(/FOREIGN KEY/);
    close();
  });
});
