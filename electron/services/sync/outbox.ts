// The outbox (issue 8): a sealed package waits here until the platform's verified receipt arrives.
// Fed in the same transaction that creates the package, so no sealed package is ever left unsent.
import type { Sqlite } from '../../../db';
import type { Clock } from '../runtime';
import type { SealedPackageRow } from '../seal/package';

export type OutboxState = 'waiting' | 'uploading' | 'delivered' | 'acknowledged' | 'certified' | 'rejected' | 'blocked';

/** States the engine still works on; the rest are final (rejected waits for an amendment). */
export const OPEN_STATES: readonly OutboxState[] = ['waiting', 'uploading', 'delivered'];

export interface OutboxRow {
  id: number;
  package_id: number;
  hash: string;
  state: OutboxState;
  bytes_total: number;
  bytes_sent: number;
  upload_url: string | null;
  attempts: number;
  next_attempt_at: string | null;
  last_attempt_at: string | null;
  last_error: string | null;
  record_id: string | null;
  reasons: string | null;
  enqueued_at: string;
  acknowledged_at: string | null;
  updated_at: string;
}

/** Call inside the transaction that built the package (seal or amendment command). Idempotent per package. */
export function enqueuePackage(sqlite: Sqlite, clock: Clock, pkg: Pick<SealedPackageRow, 'id' | 'hash' | 'byte_size'>): OutboxRow {
  const now = clock.now().toISOString();
  sqlite
    .prepare(
      `INSERT INTO outbox (package_id, hash, state, bytes_total, enqueued_at, updated_at, next_attempt_at)
       VALUES (?, ?, 'waiting', ?, ?, ?, ?) ON CONFLICT (package_id) DO NOTHING`,
    )
    .run(pkg.id, pkg.hash, pkg.byte_size, now, now, now);
  return sqlite.prepare('SELECT * FROM outbox WHERE package_id = ?').get(pkg.id) as OutboxRow;
}

export function outboxRows(sqlite: Sqlite): OutboxRow[] {
  return sqlite.prepare('SELECT * FROM outbox ORDER BY id').all() as OutboxRow[];
}

export function outboxByHash(sqlite: Sqlite, hash: string): OutboxRow | undefined {
  return sqlite.prepare('SELECT * FROM outbox WHERE hash = ?').get(hash) as OutboxRow | undefined;
}
