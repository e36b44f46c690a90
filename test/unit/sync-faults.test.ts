// Sync under faults (G7): 200 packages against the reference platform over real HTTP on 127.0.0.1,
// with 15% 5xx, 10% drops before apply, 10% drops after commit and slow replies beyond the client's
// timeout (seeded, so the fault sequence replays). Back-off runs on a ManualClock: no real sleeping.
import { describe, expect, it } from 'vitest';
import { ReferencePlatform } from '../../electron/platform/reference';
import { writeSyncConfig } from '../../electron/services/sync/config';
import { stateCounts, syncOnce, type SyncRound } from '../../electron/services/sync/engine';
import { serviceContext } from '../../electron/services/context';
import { siteKey } from '../../electron/services/seal/keys';
import { outboxRows } from '../../electron/services/sync/outbox';
import { verifyBytes } from '../../electron/services/seal/keys';
import type { FaultSwitches } from '../../scripts/platform/server';
import { seedSealedPackage } from '../support/sync-seed';
import { testPlatform } from '../support/sync-platform';
import { testConsole } from './helpers';

const N = 200;
const FAULTS: Partial<FaultSwitches> = { error5xx: 0.15, dropBeforeApply: 0.1, dropAfterCommit: 0.1, slow: 0.03, slowMs: 400, seed: 20260521 };
const TIMEOUT_MS = 150;

async function runFaulty(dedupe: boolean) {
  const platform = await testPlatform({ ...FAULTS, dedupe });
  const c = testConsole();
  const env = c.app.env;
  for (let i = 0; i < N; i++) seedSealedPackage(env, { records: 2 });
  const ctx = serviceContext(env.opened, { clock: c.clock, random: env.random, device: 'sync' });
  writeSyncConfig(ctx, { platformUrl: platform.url, timeoutMs: TIMEOUT_MS });
  const round: SyncRound = {
    adapter: new ReferencePlatform({ baseUrl: platform.url, timeoutMs: TIMEOUT_MS }),
    sitePublicKey: siteKey(env.dataDir, env.random).publicKey,
    // one at a time: the platform draws faults in arrival order, so the seed replays the run
    concurrency: 1,
    poll: false,
  };
  let rounds = 0;
  for (; rounds < 400; rounds++) {
    const r = await syncOnce(ctx, round);
    if (r.open === 0) break;
    // time passes on the site's clock only: jump to when the next retry is due
    const next = r.nextDueAt ? new Date(r.nextDueAt).getTime() : c.clock.now().getTime();
    c.clock.set(new Date(Math.max(next, c.clock.now().getTime() + 1000)));
  }
  return { platform, c, env, rounds };
}

describe('sync under faults', () => {
  it('200 packages through 5xx, drops before apply and after commit, slow replies: every one acknowledged exactly once, none lost (A1, G7)', async () => {
    const { platform, env, rounds } = await runFaulty(true);
    const { sqlite } = env.opened;
    expect(rounds).toBeLessThan(400);
    // the faults really happened
    expect(platform.stats.faults.error5xx).toBeGreaterThan(0);
    expect(platform.stats.faults.dropBeforeApply).toBeGreaterThan(0);
    expect(platform.stats.faults.dropAfterCommit).toBeGreaterThan(0);
    expect(platform.stats.faults.slow).toBeGreaterThan(0);
    const rows = outboxRows(sqlite);
    expect(rows).toHaveLength(N);
    expect(stateCounts(sqlite).acknowledged).toBe(N);
    expect(rows.reduce((n, r) => n + r.attempts, 0)).toBeGreaterThan(N); // retries were needed
    // the platform holds each package exactly once, byte for byte
    const records = platform.store.prepare('SELECT hash, COUNT(*) AS n, MIN(body) AS body FROM records GROUP BY hash').all() as { hash: string; n: number; body: string }[];
    expect(records).toHaveLength(N);
    expect(records.every((r) => r.n === 1)).toBe(true);
    const bodies = new Map(
      (sqlite.prepare('SELECT hash, body FROM sealed_packages').all() as { hash: string; body: string }[]).map((r) => [r.hash, r.body]),
    );
    for (const r of records) expect(r.body).toBe(bodies.get(r.hash));
    // one verified receipt per package on the console, naming the platform's record
    const receipts = sqlite.prepare("SELECT package_hash, statement, signature FROM sync_statements WHERE kind = 'receipt'").all() as {
      package_hash: string;
      statement: string;
      signature: string;
    }[];
    expect(receipts).toHaveLength(N);
    expect(new Set(receipts.map((r) => r.package_hash)).size).toBe(N);
    for (const r of receipts) expect(verifyBytes(platform.publicKey, r.statement, r.signature)).toBe(true);
    const recordNos = new Map(
      (platform.store.prepare('SELECT hash, record_no FROM records').all() as { hash: string; record_no: string }[]).map((r) => [r.hash, r.record_no]),
    );
    for (const r of rows) expect(r.record_id).toBe(recordNos.get(r.hash));
  }, 120_000);

  it('the same run with the platform dedupe switched off shows duplicates (so the test above can fail)', async () => {
    const { platform, env } = await runFaulty(false);
    expect(stateCounts(env.opened.sqlite).acknowledged).toBe(N);
    const dup = platform.store.prepare('SELECT COUNT(*) AS n FROM (SELECT hash FROM records GROUP BY hash HAVING COUNT(*) > 1)').get() as { n: number };
    const total = platform.store.prepare('SELECT COUNT(*) AS n FROM records').get() as { n: number };
    expect(dup.n).toBeGreaterThan(0);
    expect(total.n).toBeGreaterThan(N);
  }, 120_000);
});
