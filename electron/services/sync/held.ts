// DOMAIN G5: a results package (the seal ceremony's) goes out only once its batch's publication has
// run its five working days with no objection open and every changed result published again.
// Other packages are not held. The gate itself is the publication's; this applies it to the outbox.
import type { ReadSqlite } from '../../../db';
import type { ReadContext } from '../context';
import type { Issue } from '../errors';
import { uploadGate } from '../publication/gate';
import { RESULTS_FORMAT } from '../seal/content';
import { OPEN_STATES, type OutboxRow } from './outbox';

export interface Held {
  batchId: number;
  /** why the package waits: `sync.held.<reason>` with its figures */
  holds: Issue[];
}

// a sealed package's batch and content format never change (append-only): read each once per
// connection, not on every status poll (json_extract walks the whole body, megabytes for a large batch)
const formats = new WeakMap<object, Map<number, { batchId: number; format: string | null }>>();

function packageFormat(sqlite: ReadSqlite, packageId: number): { batchId: number; format: string | null } | undefined {
  let cache = formats.get(sqlite);
  if (!cache) formats.set(sqlite, (cache = new Map()));
  const hit = cache.get(packageId);
  if (hit) return hit;
  const p = sqlite
    .prepare<[number], { batchId: number; format: string | null }>("SELECT batch_id AS batchId, json_extract(body, '$.content.format') AS format FROM sealed_packages WHERE id = ?")
    .get(packageId);
  if (p) {
    if (cache.size > 4096) cache.clear();
    cache.set(packageId, p);
  }
  return p;
}

/** The open outbox rows held back by G5, with why; one gate per batch. */
export function heldPackages(ctx: ReadContext, rows: readonly Pick<OutboxRow, 'id' | 'package_id' | 'state'>[]): Map<number, Held> {
  const gates = new Map<number, Issue[] | null>();
  const held = new Map<number, Held>();
  for (const r of rows) {
    if (!OPEN_STATES.includes(r.state)) continue; // sent, rejected or refused: nothing to hold
    const p = packageFormat(ctx.sqlite, r.package_id);
    if (!p || p.format !== RESULTS_FORMAT) continue;
    if (!gates.has(p.batchId)) {
      const gate = uploadGate(ctx, p.batchId);
      gates.set(p.batchId, gate.clear ? null : gate.holds.map((h) => ({ reason: h.code, params: h.params })));
    }
    const holds = gates.get(p.batchId);
    if (holds) held.set(r.id, { batchId: p.batchId, holds });
  }
  return held;
}
