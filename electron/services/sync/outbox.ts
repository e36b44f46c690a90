// The outbox (DOMAIN G5, A1): a sealed package waits here until the platform's verified receipt
// arrives. Fed by the seal commands in the transaction that creates the package, so no sealed
// package is ever left unsent.
import type { ReadSqlite } from '../../../db';
import { OUTBOX_STATES, type OutboxState } from '../../../db/schema/sync';
import { nowIso, type ServiceContext } from '../context';
import type { SealedPackageRow } from '../seal/package';

export { OUTBOX_STATES, type OutboxState };

/** States the engine still works on; the rest are final (rejected waits for an amendment). */
export const OPEN_STATES: readonly OutboxState[] = ['waiting', 'uploading', 'delivered'];

/** An outbox row as stored (`SELECT *`). */
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

export function outboxRow(sqlite: ReadSqlite, id: number): OutboxRow | undefined {
  return sqlite.prepare<[number], OutboxRow>('SELECT * FROM outbox WHERE id = ?').get(id);
}

/** Queues a package for the platform. Call inside the transaction that built it (seal or amendment command). Idempotent per package. */
export function enqueuePackage(ctx: ServiceContext, pkg: Pick<SealedPackageRow, 'id' | 'hash' | 'byte_size'>): OutboxRow {
  const now = nowIso(ctx);
  ctx.sqlite
    .prepare(
      `INSERT INTO outbox (package_id, hash, state, bytes_total, enqueued_at, updated_at, next_attempt_at)
       VALUES (?, ?, 'waiting', ?, ?, ?, ?) ON CONFLICT (package_id) DO NOTHING`,
    )
    .run(pkg.id, pkg.hash, pkg.byte_size, now, now, now);
  const row = ctx.sqlite.prepare<[number], OutboxRow>('SELECT * FROM outbox WHERE package_id = ?').get(pkg.id);
  if (!row) throw new Error('enqueuePackage: the outbox row was not written');
  return row;
}

export function outboxRows(sqlite: ReadSqlite): OutboxRow[] {
  return sqlite.prepare<[], OutboxRow>('SELECT * FROM outbox ORDER BY id').all();
}

export function outboxByHash(sqlite: ReadSqlite, hash: string): OutboxRow | undefined {
  return sqlite.prepare<[string], OutboxRow>('SELECT * FROM outbox WHERE hash = ?').get(hash);
}

export function openRows(sqlite: ReadSqlite): OutboxRow[] {
  return sqlite.prepare<OutboxState[], OutboxRow>(`SELECT * FROM outbox WHERE state IN (${OPEN_STATES.map(() => '?').join(',')}) ORDER BY id`).all(...OPEN_STATES);
}

/** Counts by state, for the screen and for tests. */
export function stateCounts(sqlite: ReadSqlite): Record<OutboxState, number> {
  const counts: Record<OutboxState, number> = { waiting: 0, uploading: 0, delivered: 0, acknowledged: 0, certified: 0, rejected: 0, blocked: 0 };
  for (const r of sqlite.prepare<[], { state: OutboxState; n: number }>('SELECT state, COUNT(*) AS n FROM outbox GROUP BY state').all()) counts[r.state] = r.n;
  return counts;
}
