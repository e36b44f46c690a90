// The reference platform (scripts/platform) through the console's adapter, over real HTTP on 127.0.0.1.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PlatformError, type UploadHooks } from '../../electron/platform/adapter';
import { ReferencePlatform } from '../../electron/platform/reference';
import { sha256Hex } from '../../electron/services/canonical';
import { verifyBytes } from '../../electron/services/seal/keys';
import type { SealedPackageRow } from '../../electron/services/seal/package';
import { seedSealedPackage } from '../support/sync-seed';
import { admin, recordCount, testPlatform } from '../support/sync-platform';
import { testConsole } from './helpers';

const quiet: UploadHooks = { onUploadUrl: () => {}, onProgress: () => {}, onDelivered: () => {} };
const toSend = (row: SealedPackageRow, uploadUrl: string | null = null) => ({ hash: row.hash, body: row.body, signature: row.signature, uploadUrl });

describe('reference platform', () => {
  it('takes a package over tus, verifies the site signature and answers with a receipt it signed', async () => {
    const p = await testPlatform();
    const c = testConsole();
    const row = seedSealedPackage(c.app.env);
    const adapter = new ReferencePlatform({ baseUrl: p.url, timeoutMs: 5000 });
    const info = await adapter.info();
    expect(info.fingerprint).toBe(sha256Hex(Buffer.from(info.publicKey, 'base64')));
    const receipt = await adapter.uploadPackage(toSend(row), quiet);
    expect(verifyBytes(info.publicKey, receipt.statement, receipt.signature)).toBe(true);
    const s = JSON.parse(receipt.statement) as { kind: string; packageHash: string; recordNo: string; byteSize: number };
    expect(s).toMatchObject({ kind: 'receipt', packageHash: row.hash, byteSize: row.byte_size });
    expect(s.recordNo).toMatch(/^R\d{12}$/);
    // what the platform stored is byte for byte what was sealed (rare names included, P11)
    const stored = p.store.prepare('SELECT body FROM records WHERE hash = ?').get(row.hash) as { body: string };
    expect(stored.body).toBe(row.body);
  });

  it('is idempotent by package hash: a second upload of the same package gets the same receipt and no second record', async () => {
    const p = await testPlatform();
    const c = testConsole();
    const row = seedSealedPackage(c.app.env);
    const adapter = new ReferencePlatform({ baseUrl: p.url, timeoutMs: 5000 });
    const first = await adapter.uploadPackage(toSend(row), quiet);
    const again = await adapter.uploadPackage(toSend(row), quiet);
    expect(again).toEqual(first);
    expect(recordCount(p, row.hash)).toBe(1);
  });

  it('with the dedupe switch off, the same package twice makes two records (the switch bites)', async () => {
    const p = await testPlatform({ dedupe: false });
    const c = testConsole();
    const row = seedSealedPackage(c.app.env);
    const adapter = new ReferencePlatform({ baseUrl: p.url, timeoutMs: 5000 });
    await adapter.uploadPackage(toSend(row), quiet);
    await adapter.uploadPackage(toSend(row), quiet);
    expect(recordCount(p, row.hash)).toBe(2);
  });

  it('refuses a package whose signature does not verify, with a signed rejection and its reasons', async () => {
    const p = await testPlatform();
    const c = testConsole();
    const row = seedSealedPackage(c.app.env);
    const adapter = new ReferencePlatform({ baseUrl: p.url, timeoutMs: 5000 });
    const body = row.body.replace('张𠀋', '张三');
    const err = await adapter.uploadPackage({ hash: sha256Hex(body), body, signature: row.signature, uploadUrl: null }, quiet).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PlatformError);
    expect((err as PlatformError).retryable).toBe(false);
    const st = (err as PlatformError).statement!;
    expect(verifyBytes(p.publicKey, st.statement, st.signature)).toBe(true);
    expect(st.statement).toMatch(/signature does not verify/);
    expect(recordCount(p)).toBe(0);
  });

  it('rejects records with reasons and later certifies, each as a signed statement the status poll returns', async () => {
    const p = await testPlatform();
    const c = testConsole();
    const a = seedSealedPackage(c.app.env, { records: 3 });
    const b = seedSealedPackage(c.app.env, { records: 2 });
    const adapter = new ReferencePlatform({ baseUrl: p.url, timeoutMs: 5000 });
    await adapter.uploadPackage(toSend(a), quiet);
    await adapter.uploadPackage(toSend(b), quiet);
    expect((await admin(p, 'POST', '/admin/reject', { hash: a.hash, reasons: [{ ref: 'T1-00002', message: '证件号码与姓名不符' }] })).status).toBe(200);
    const cert = await admin(p, 'POST', '/admin/certify', { hash: b.hash });
    expect(cert.status).toBe(200);
    const status = await adapter.pollStatus([a.hash, b.hash]);
    const kinds = (h: string) => status.find((s) => s.hash === h)!.statements.map((s) => (JSON.parse(s.statement) as { kind: string }).kind);
    expect(kinds(a.hash)).toEqual(['receipt', 'rejection']);
    expect(kinds(b.hash)).toEqual(['receipt', 'certification']);
    const certified = JSON.parse(status.find((s) => s.hash === b.hash)!.statements[1]!.statement) as { certificates: { candidateRef: string; certificateNo: string }[] };
    expect(certified.certificates.map((x) => x.candidateRef)).toEqual(['T2-00001', 'T2-00002']);
    const corrections = await adapter.fetchCorrections();
    expect(corrections).toHaveLength(1);
    expect(corrections[0]!.statement).toContain('证件号码与姓名不符');
  });

  it('hands out a plan document for download', async () => {
    const p = await testPlatform();
    const plan = { planCode: 'PLAN-2026-0001', name: '20260521(枣庄市技师学院)第1期技工院校', candidates: [{ name: '王𪚥华' }] };
    await admin(p, 'PUT', '/admin/plans/PLAN-2026-0001', plan);
    const adapter = new ReferencePlatform({ baseUrl: p.url, timeoutMs: 5000 });
    expect(await adapter.downloadPlan('PLAN-2026-0001')).toEqual(plan);
    await expect(adapter.downloadPlan('NOPE')).rejects.toMatchObject({ retryable: false });
  });

  it('fault switches: 5xx, a dropped connection and a slow reply fail the call as retryable', async () => {
    const p = await testPlatform({ error5xx: 1 });
    const adapter = new ReferencePlatform({ baseUrl: p.url, timeoutMs: 300 });
    await expect(adapter.info()).rejects.toMatchObject({ retryable: true, message: /503/ });
    p.setFaults({ error5xx: 0, dropBeforeApply: 1 });
    await expect(adapter.info()).rejects.toMatchObject({ retryable: true });
    p.setFaults({ dropBeforeApply: 0, slow: 1, slowMs: 800 });
    await expect(adapter.info()).rejects.toMatchObject({ retryable: true, message: /timeout/ });
    p.setFaults({ slow: 0 });
    expect((await adapter.info()).publicKey).toBe(p.publicKey);
    expect(p.stats.faults).toMatchObject({ error5xx: 1, dropBeforeApply: 1, slow: 1 });
  });

  it('a connection dropped after commit leaves the record applied; the retry gets the same receipt', async () => {
    const p = await testPlatform();
    const c = testConsole();
    const row = seedSealedPackage(c.app.env);
    const adapter = new ReferencePlatform({ baseUrl: p.url, timeoutMs: 2000 });
    let url: string | null = null;
    // bytes go through; the commit's reply is cut
    const hooks: UploadHooks = { ...quiet, onUploadUrl: (u) => (url = u), onDelivered: () => p.setFaults({ dropAfterCommit: 1 }) };
    await expect(adapter.uploadPackage(toSend(row), hooks)).rejects.toMatchObject({ retryable: true });
    expect(recordCount(p, row.hash)).toBe(1);
    p.setFaults({ dropAfterCommit: 0 });
    const receipt = await adapter.uploadPackage(toSend(row, url), quiet);
    expect(JSON.parse(receipt.statement)).toMatchObject({ packageHash: row.hash });
    expect(recordCount(p, row.hash)).toBe(1);
  });

  it('an interrupted tus upload resumes from the offset the platform confirmed', async () => {
    const p = await testPlatform();
    const c = testConsole();
    const row = seedSealedPackage(c.app.env, { records: 2000 });
    expect(row.byte_size).toBeGreaterThan(4 * 32 * 1024);
    const adapter = new ReferencePlatform({ baseUrl: p.url, timeoutMs: 5000, chunkSize: 32 * 1024 });
    let url: string | null = null;
    let accepted = 0;
    const hooks: UploadHooks = {
      onUploadUrl: (u) => (url = u),
      onProgress: (n) => {
        accepted = n;
        // after the second chunk the network goes: the next PATCH is dropped
        if (n >= 2 * 32 * 1024) p.setFaults({ dropBeforeApply: 1 });
      },
      onDelivered: () => {},
    };
    await expect(adapter.uploadPackage(toSend(row), hooks)).rejects.toMatchObject({ retryable: true });
    expect(accepted).toBe(2 * 32 * 1024);
    const patchesBefore = p.stats.patches.length;
    p.setFaults({ dropBeforeApply: 0 });
    await adapter.uploadPackage(toSend(row, url), quiet);
    const resumed = p.stats.patches.slice(patchesBefore);
    expect(resumed[0]!.offset).toBe(accepted);
    expect(new Set(p.stats.patches.map((x) => x.uploadId)).size).toBe(1);
    expect(recordCount(p, row.hash)).toBe(1);
  });

  it('imports nothing from the console (it is the other party)', () => {
    const dir = join(process.cwd(), 'scripts', 'platform');
    for (const f of readdirSync(dir).filter((x) => x.endsWith('.ts'))) {
      const src = readFileSync(join(dir, f), 'utf8');
      expect(src, f).not.toMatch(/from ['"][./]*\.\.\/(electron|db|renderer)\b/);
    }
  });
});
