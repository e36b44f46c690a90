import { describe, expect, it } from 'vitest';
import { runnerFor } from '../../electron/services/sync/runner';
import { sealPackage } from '../../electron/services/seal/seal';
import { seedBatch, seedContext, seedSealedPackage } from '../support/sync-seed';
import { admin, testPlatform } from '../support/sync-platform';
import { siteHead, testConsole } from './helpers';

type Status = {
  configured: boolean;
  network: { state: string };
  pinnedFingerprint: string | null;
  counts: Record<string, number>;
  packages: { hash: string; state: string; percent: number; recordId: string | null; rejections: { ref: string | null; message: string }[] }[];
  statements: { kind: string; recordNo: string | null }[];
};

describe('sync commands', () => {
  it('sync.run refuses until a platform is configured; bad addresses get a Chinese error and change nothing', async () => {
    const c = testConsole();
    const token = await siteHead(c);
    const r = await c.call('sync.run', {}, token);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatchObject({ code: 'SYNC_NOT_CONFIGURED', reason: 'sync.notConfigured' });
    const bad = await c.call('sync.configure', { platformUrl: 'ftp://x' }, token);
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error.message).toMatch(/http/);
    const fp = await c.call('sync.configure', { platformUrl: 'http://127.0.0.1:9', expectedFingerprint: 'abc' }, token);
    expect(fp.ok).toBe(false);
    if (!fp.ok) expect(fp.error.message).toMatch(/64 位/);
    expect((await c.ok<Status>('sync.status', {}, token)).configured).toBe(false);
  });

  it('one click syncs all: status shows acknowledged with the receipt, then a rejection with its reason', async () => {
    const p = await testPlatform();
    const c = testConsole();
    const token = await siteHead(c);
    const a = seedSealedPackage(c.app.env);
    const b = seedSealedPackage(c.app.env);
    await c.ok('sync.configure', { platformUrl: `${p.url}/`, expectedFingerprint: p.fingerprint.replace(/(.{4})/g, '$1 ') }, token);
    expect((await c.ok<Status>('sync.status', {}, token)).counts.waiting).toBe(2);
    await c.ok('sync.run', {}, token);
    await new Promise((r) => setImmediate(r));
    const runner = runnerFor(c.app.env);
    await runner.idle();
    let s = await c.ok<Status>('sync.status', {}, token);
    expect(s.network.state).toBe('online');
    expect(s.counts.acknowledged).toBe(2);
    expect(s.packages.every((x) => x.percent === 100 && x.recordId)).toBe(true);
    expect(s.statements.filter((x) => x.kind === 'receipt')).toHaveLength(2);
    expect(s.pinnedFingerprint!.replaceAll(' ', '')).toBe(p.fingerprint);
    await admin(p, 'POST', '/admin/reject', { hash: a.hash, reasons: ['考生 T1-00002 成绩缺少考评员签名'] });
    await c.ok('sync.run', {}, token);
    await new Promise((r) => setImmediate(r));
    await runner.idle();
    s = await c.ok<Status>('sync.status', {}, token);
    const ra = s.packages.find((x) => x.hash === a.hash)!;
    expect(ra.state).toBe('rejected');
    expect(ra.rejections).toEqual([{ ref: null, message: '考生 T1-00002 成绩缺少考评员签名' }]);
    expect(s.packages.find((x) => x.hash === b.hash)!.state).toBe('acknowledged');
    const events = c.app.env.opened.sqlite.prepare("SELECT command FROM audit_events WHERE command LIKE 'sync.%' ORDER BY seq").all() as { command: string }[];
    expect(events.map((e) => e.command)).toEqual(['sync.configure', 'sync.run', 'sync.pinPlatformKey', 'sync.acknowledged', 'sync.acknowledged', 'sync.run', 'sync.rejected']);
  });

  it('sync.probe lights the network state: offline, online, and a platform whose key differs from the pinned one', async () => {
    const c = testConsole();
    const token = await siteHead(c);
    const p = await testPlatform();
    const url = p.url;
    await c.ok('sync.configure', { platformUrl: url }, token);
    expect((await c.ok<{ state: string }>('sync.probe', {}, token)).state).toBe('online');
    await p.close();
    expect((await c.ok<{ state: string }>('sync.probe', {}, token)).state).toBe('offline');
    // pin one platform, then point at another
    const p1 = await testPlatform();
    const p2 = await testPlatform();
    await c.ok('sync.configure', { platformUrl: p1.url }, token);
    seedSealedPackage(c.app.env);
    await c.ok('sync.run', {}, token);
    await new Promise((r) => setImmediate(r));
    await runnerFor(c.app.env).idle();
    await c.ok('sync.configure', { platformUrl: p2.url }, token);
    const mismatch = await c.ok<{ state: string; error: string }>('sync.probe', {}, token);
    expect(mismatch.state).toBe('key_mismatch');
    expect((await c.ok<Status>('sync.status', {}, token)).network.state).toBe('key_mismatch');
  });

  it('sync.certificates lists the numbers per candidate (G7); sealPackage refuses to run outside a transaction', async () => {
    const p = await testPlatform();
    const c = testConsole();
    const token = await siteHead(c);
    const pkg = seedSealedPackage(c.app.env, { records: 3 });
    await c.ok('sync.configure', { platformUrl: p.url }, token);
    await c.ok('sync.run', {}, token);
    await new Promise((r) => setImmediate(r));
    const runner = runnerFor(c.app.env);
    await runner.idle();
    await admin(p, 'POST', '/admin/certify', { hash: pkg.hash });
    await c.ok('sync.run', {}, token);
    await new Promise((r) => setImmediate(r));
    await runner.idle();
    const certs = await c.ok<{ candidateRef: string; certificateNo: string }[]>('sync.certificates', { batchId: pkg.batch_id }, token);
    expect(certs.map((x) => x.candidateRef)).toEqual(['T1-00001', 'T1-00002', 'T1-00003']);
    expect(new Set(certs.map((x) => x.certificateNo)).size).toBe(3);
    const env = c.app.env;
    const batchId = seedBatch(env.opened.db, 9);
    const { ctx, key } = seedContext(env);
    expect(() => sealPackage(ctx, { batchId, kind: 'seal', content: {}, key })).toThrow(
      /inside the command transaction/,
    );
  });
});
