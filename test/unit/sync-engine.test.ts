// The sync engine against the reference platform (real HTTP on 127.0.0.1, real SQLite).
import { describe, expect, it } from 'vitest';
import { ReferencePlatform } from '../../electron/platform/reference';
import { readSyncConfig, writeSyncConfig } from '../../electron/services/sync/config';
import { backoffMs, stateCounts, syncOnce, type SyncRound } from '../../electron/services/sync/engine';
import { serviceContext, type ServiceContext } from '../../electron/services/context';
import { siteKey } from '../../electron/services/seal/keys';
import type { Sqlite } from '../../db';
import { outboxByHash, outboxRows } from '../../electron/services/sync/outbox';
import { groupFingerprint } from '../../electron/services/seal/keys';
import { seedSealedPackage } from '../support/sync-seed';
import { admin, recordCount, testPlatform } from '../support/sync-platform';
import { tempDir, testConsole, type TestConsole } from './helpers';

interface Deps {
  ctx: ServiceContext;
  sqlite: Sqlite;
  adapter: ReferencePlatform;
  round: SyncRound;
}

function depsFor(c: TestConsole, url: string, timeoutMs = 3000, chunkSize?: number): Deps {
  const env = c.app.env;
  const ctx = serviceContext(env.opened, { clock: c.clock, random: env.random, device: 'sync' });
  writeSyncConfig(ctx, { platformUrl: url, timeoutMs });
  const adapter = new ReferencePlatform({ baseUrl: url, timeoutMs, ...(chunkSize ? { chunkSize } : {}) });
  return { ctx, sqlite: env.opened.sqlite, adapter, round: { adapter, sitePublicKey: siteKey(env.dataDir, env.random).publicKey } };
}

/** One round of the engine with the test's platform (and options such as force). */
const sync = (d: Deps, opts: Partial<SyncRound> = {}) => syncOnce(d.ctx, { ...d.round, ...opts });

describe('sync engine', () => {
  it('a package raw-edited after sealing (triggers dropped) is refused and never reaches the platform', async () => {
    const p = await testPlatform();
    const c = testConsole();
    const { sqlite } = c.app.env.opened;
    const good = seedSealedPackage(c.app.env);
    const bad = seedSealedPackage(c.app.env);
    sqlite.exec('DROP TRIGGER sealed_packages_no_update');
    sqlite.prepare('UPDATE sealed_packages SET body = ? WHERE id = ?').run(bad.body.replace('"score":60', '"score":95'), bad.id);
    const r = await sync(depsFor(c, p.url));
    expect(r.blocked).toBe(1);
    expect(outboxByHash(sqlite, bad.hash)!.state).toBe('blocked');
    expect(JSON.parse(outboxByHash(sqlite, bad.hash)!.reasons!)).toEqual([{ ref: null, reason: 'hashMismatch' }, { ref: null, reason: 'badSignature' }]);
    expect(outboxByHash(sqlite, good.hash)!.state).toBe('acknowledged');
    expect(recordCount(p, bad.hash)).toBe(0);
    expect(recordCount(p)).toBe(1);
    // a second round does not try again
    await sync(depsFor(c, p.url), { force: true });
    expect(recordCount(p, bad.hash)).toBe(0);
    const refused = sqlite.prepare("SELECT detail FROM audit_events WHERE command = 'sync.refused'").all();
    expect(refused).toHaveLength(1);
  });

  it('with the platform off the package waits with a back-off; once on, it is acknowledged on a verified receipt', async () => {
    const dir = tempDir('esc-platform-');
    const first = await testPlatform({}, dir);
    const url = first.url;
    const port = first.port;
    await first.close();
    const c = testConsole();
    const pkg = seedSealedPackage(c.app.env);
    const deps = depsFor(c, url, 1000);
    const off = await sync(deps);
    expect(off.network.state).toBe('offline');
    const waiting = outboxByHash(deps.sqlite, pkg.hash)!;
    expect(waiting.state).toBe('waiting');
    expect(waiting.attempts).toBe(1);
    expect(waiting.next_attempt_at! > c.clock.now().toISOString()).toBe(true);
    // not due yet: nothing is attempted
    expect((await sync(deps)).attempted).toBe(0);
    const { startPlatform } = await import('../../scripts/platform/server');
    const p = await startPlatform({ dataDir: dir, port });
    try {
      c.clock.set(waiting.next_attempt_at!);
      const on = await sync(deps);
      expect(on.network.state).toBe('online');
      const row = outboxByHash(deps.sqlite, pkg.hash)!;
      expect(row.state).toBe('acknowledged');
      expect(row.record_id).toMatch(/^R/);
      // the key was pinned on first contact
      expect(readSyncConfig(deps.sqlite).platformKey).toBe(p.publicKey);
    } finally {
      await p.close();
    }
  });

  it('pins the platform key: a platform answering with another key is not believed (no green)', async () => {
    const p1 = await testPlatform();
    const c = testConsole();
    const a = seedSealedPackage(c.app.env);
    await sync(depsFor(c, p1.url));
    expect(outboxByHash(c.app.env.opened.sqlite, a.hash)!.state).toBe('acknowledged');
    // another platform (another key) at the configured address
    const p2 = await testPlatform();
    const b = seedSealedPackage(c.app.env);
    await sync(depsFor(c, p2.url));
    const row = outboxByHash(c.app.env.opened.sqlite, b.hash)!;
    expect(row.state).toBe('delivered');
    expect(JSON.parse(row.last_error!)).toEqual({ reason: 'receiptUnverified' });
  });

  it('a configured fingerprint that does not match the platform refuses first contact', async () => {
    const p = await testPlatform();
    const c = testConsole();
    seedSealedPackage(c.app.env);
    const deps = depsFor(c, p.url);
    writeSyncConfig(deps.ctx, { expectedFingerprint: 'ab'.repeat(32) });
    const r = await sync(deps);
    expect(r.network.state).toBe('key_mismatch');
    expect(recordCount(p)).toBe(0);
    writeSyncConfig(deps.ctx, { expectedFingerprint: p.fingerprint });
    await sync(deps, { force: true });
    expect(stateCounts(deps.sqlite).acknowledged).toBe(1);
    expect(groupFingerprint(p.fingerprint)).toContain(' ');
  });

  it('rejections with reasons and certificate numbers arrive by polling, each stored once even when replies repeat (G7)', async () => {
    const p = await testPlatform({ duplicate: 1 });
    const c = testConsole();
    const a = seedSealedPackage(c.app.env, { records: 2 });
    const b = seedSealedPackage(c.app.env, { records: 3 });
    const deps = depsFor(c, p.url);
    await sync(deps);
    await admin(p, 'POST', '/admin/reject', { hash: a.hash, reasons: [{ ref: 'T1-00001', message: '身份证号校验位错误' }] });
    await admin(p, 'POST', '/admin/certify', { hash: b.hash });
    await sync(deps, { force: true });
    await sync(deps, { force: true });
    const ra = outboxByHash(deps.sqlite, a.hash)!;
    expect(ra.state).toBe('rejected');
    expect(JSON.parse(ra.reasons!)).toEqual([{ ref: 'T1-00001', message: '身份证号校验位错误' }]);
    expect(outboxByHash(deps.sqlite, b.hash)!.state).toBe('certified');
    const certs = deps.sqlite.prepare('SELECT candidate_ref, certificate_no FROM sync_certificates WHERE package_hash = ? ORDER BY candidate_ref').all(b.hash) as {
      candidate_ref: string;
    }[];
    expect(certs.map((x) => x.candidate_ref)).toEqual(['T2-00001', 'T2-00002', 'T2-00003']);
    const kinds = deps.sqlite.prepare('SELECT kind, COUNT(*) AS n FROM sync_statements GROUP BY kind ORDER BY kind').all();
    expect(kinds).toEqual([
      { kind: 'certification', n: 1 },
      { kind: 'receipt', n: 2 },
      { kind: 'rejection', n: 1 },
    ]);
    expect(p.stats.faults.duplicate).toBeGreaterThan(0);
  });

  it('an upload interrupted mid-way resumes at the stored tus URL from the confirmed offset', async () => {
    const p = await testPlatform();
    const c = testConsole();
    const pkg = seedSealedPackage(c.app.env, { records: 2000 });
    const deps = depsFor(c, p.url, 3000, 32 * 1024);
    // the third PATCH and everything after it is dropped
    const realHandle = deps.adapter.uploadPackage.bind(deps.adapter);
    deps.adapter.uploadPackage = (pk, hooks) =>
      realHandle(pk, {
        ...hooks,
        onProgress: (n, t) => {
          hooks.onProgress(n, t);
          if (n >= 64 * 1024) p.setFaults({ dropBeforeApply: 1 });
        },
      });
    await sync(deps);
    const mid = outboxByHash(deps.sqlite, pkg.hash)!;
    expect(mid.state).toBe('uploading');
    expect(mid.bytes_sent).toBe(64 * 1024);
    expect(mid.upload_url).toMatch(/\/files\//);
    p.setFaults({ dropBeforeApply: 0 });
    deps.adapter.uploadPackage = realHandle;
    const before = p.stats.patches.length;
    await sync(deps, { force: true });
    expect(p.stats.patches[before]!.offset).toBe(64 * 1024);
    expect(outboxByHash(deps.sqlite, pkg.hash)!.state).toBe('acknowledged');
    expect(outboxRows(deps.sqlite)).toHaveLength(1);
  });

  it('back-off grows with attempts and stays under its cap', () => {
    // jitter = 0x80000000 / 2^32 = one half of the base
    const r = { bytes: (n: number) => Buffer.concat([Buffer.from([0x80]), Buffer.alloc(n - 1)]) };
    const b = { baseMs: 1000, maxMs: 60_000 };
    expect(backoffMs(1, r, b)).toBe(1500);
    expect(backoffMs(2, r, b)).toBe(2500);
    expect(backoffMs(3, r, b)).toBe(4500);
    expect(backoffMs(30, r, b)).toBe(60_000);
  });
});
