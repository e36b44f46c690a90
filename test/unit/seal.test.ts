import { execFile } from 'node:child_process';
import { createPrivateKey } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { sha256Hex } from '../../electron/services/canonical';
import { readSecretFile } from '../../electron/services/vault/files';
import { fingerprintOf, groupFingerprint, rawPublicKey, siteKey, SITE_KEY_FILE, verifyBytes } from '../../electron/services/seal/keys';
import { buildPackage, packageById, verifyPackage, verifySeals, type PackageEnvelope } from '../../electron/services/seal/package';
import { sampleContent, seedBatch, seedContext, seedSealedPackage } from '../support/sync-seed';
import { siteHead, testConsole } from './helpers';

const seeded = (byte: number) => ({ bytes: (n: number) => Buffer.alloc(n, byte) });

describe('site key', () => {
  it('is made on first use, kept owner-only in the data folder, and its fingerprint is SHA-256 of the raw public key', () => {
    const c = testConsole();
    const key = siteKey(c.dataDir, c.app.env.random);
    const file = join(c.dataDir, SITE_KEY_FILE);
    expect(key.file).toBe(file);
    if (process.platform !== 'win32') expect(statSync(file).mode & 0o777).toBe(0o600);
    // sealed at rest under the database key: the PEM is not in the file, readSecretFile unseals it
    expect(readFileSync(file, 'latin1')).not.toContain('PRIVATE KEY');
    const reread = createPrivateKey(readSecretFile(c.dataDir, file).toString('utf8'));
    expect(rawPublicKey(reread)).toBe(key.publicKey);
    expect(key.fingerprint).toBe(sha256Hex(Buffer.from(key.publicKey, 'base64')));
    expect(groupFingerprint(key.fingerprint)).toMatch(/^([0-9a-f]{4} ){15}[0-9a-f]{4}$/);
    // the same key on the next start
    expect(siteKey(c.dataDir, seeded(9)).publicKey).toBe(key.publicKey);
  });

  it('comes from the injected randomness, so a test can replay it', () => {
    const a = testConsole();
    const b = testConsole();
    expect(siteKey(a.dataDir, seeded(7)).publicKey).toBe(siteKey(b.dataDir, seeded(7)).publicKey);
    const c = testConsole();
    expect(siteKey(c.dataDir, seeded(8)).publicKey).not.toBe(siteKey(a.dataDir, seeded(7)).publicKey);
  });

  it('is shown by seal.siteKey as a grouped fingerprint', async () => {
    const c = testConsole();
    const token = await siteHead(c);
    const out = await c.ok<{ fingerprint: string; fingerprintGrouped: string; algorithm: string }>('seal.siteKey', {}, token);
    expect(out.algorithm).toBe('Ed25519');
    expect(out.fingerprint).toBe(siteKey(c.dataDir, c.app.env.random).fingerprint);
    expect(out.fingerprintGrouped.replaceAll(' ', '')).toBe(out.fingerprint);
  });
});

describe('sealed packages', () => {
  it('signs canonical JSON; the hash and signature verify and the content keeps rare names (P11)', () => {
    const c = testConsole();
    const env = c.app.env;
    const key = siteKey(c.dataDir, env.random);
    const batchId = seedBatch(env.opened.db, 1);
    const row = buildPackage(seedContext(env).ctx, { batchId, kind: 'seal', content: sampleContent(1, 3), key });
    expect(row.version).toBe(1);
    expect(row.hash).toBe(sha256Hex(row.body));
    expect(verifyBytes(key.publicKey, row.body, row.signature)).toBe(true);
    expect(verifyPackage(row)).toEqual({ ok: true, problems: [] });
    const env2 = JSON.parse(row.body) as PackageEnvelope;
    expect(env2.site.fingerprint).toBe(fingerprintOf(key.publicKey));
    expect(row.body).toContain('张𠀋');
    expect(row.body).toContain('王𪚥华');
    expect(row.byte_size).toBe(Buffer.byteLength(row.body));
    // stored exactly as built
    expect(packageById(env.opened.sqlite, row.id)).toEqual(row);
  });

  it('an amendment is a new version naming the previous hash, with a reason; nothing is overwritten', () => {
    const c = testConsole();
    const env = c.app.env;
    const key = siteKey(c.dataDir, env.random);
    const { sqlite } = env.opened;
    const batchId = seedBatch(env.opened.db, 1);
    const v1 = buildPackage(seedContext(env).ctx, { batchId, kind: 'seal', content: { a: 1 }, key });
    expect(() => buildPackage(seedContext(env).ctx, { batchId, kind: 'seal', content: { a: 2 }, key })).toThrow(expect.objectContaining({ code: 'CONFLICT', reason: 'seal.alreadySealed', params: { batch: expect.any(String), version: 1 } }));
    expect(() => buildPackage(seedContext(env).ctx, { batchId, kind: 'amendment', content: { a: 2 }, key })).toThrow(expect.objectContaining({ code: 'BAD_INPUT', reason: 'seal.amendReasonRequired' }));
    const v2 = buildPackage(seedContext(env).ctx, { batchId, kind: 'amendment', reason: '异议成立，更正成绩', content: { a: 2 }, key });
    expect(v2.version).toBe(2);
    expect(v2.previous_hash).toBe(v1.hash);
    expect(packageById(sqlite, v1.id)).toEqual(v1);
    expect(verifySeals(sqlite)).toEqual({ ok: true, count: 2, bad: [] });
  });

  it('the database refuses UPDATE and DELETE of a sealed package', () => {
    const c = testConsole();
    const env = c.app.env;
    const { sqlite } = env.opened;
    const row = buildPackage(seedContext(env).ctx, { batchId: seedBatch(env.opened.db, 1), kind: 'seal', content: {}, key: siteKey(c.dataDir, env.random) });
    expect(() => sqlite.prepare('UPDATE sealed_packages SET reason = ? WHERE id = ?').run('x', row.id)).toThrow(/append-only/);
    expect(() => sqlite.prepare('DELETE FROM sealed_packages WHERE id = ?').run(row.id)).toThrow(/append-only/);
  });

  it('a raw edit with the triggers dropped fails verification, naming the package', () => {
    const c = testConsole();
    const env = c.app.env;
    const { sqlite } = env.opened;
    const key = siteKey(c.dataDir, env.random);
    const good = buildPackage(seedContext(env).ctx, { batchId: seedBatch(env.opened.db, 1), kind: 'seal', content: sampleContent(1), key });
    const row = buildPackage(seedContext(env).ctx, { batchId: seedBatch(env.opened.db, 2), kind: 'seal', content: sampleContent(2), key });
    sqlite.exec('DROP TRIGGER sealed_packages_no_update');
    const edited = row.body.replace('"score":60', '"score":99');
    expect(edited).not.toBe(row.body);
    sqlite.prepare('UPDATE sealed_packages SET body = ? WHERE id = ?').run(edited, row.id);
    const check = verifyPackage(packageById(sqlite, row.id)!);
    expect(check.ok).toBe(false);
    expect(check.problems).toEqual([{ reason: 'hashMismatch' }, { reason: 'badSignature' }]);
    const report = verifySeals(sqlite);
    expect(report.ok).toBe(false);
    expect(report.bad.map((b) => b.id)).toEqual([row.id]);
    expect(verifyPackage(packageById(sqlite, good.id)!).ok).toBe(true);
    // re-hashing the edit does not help without the private key
    sqlite.prepare('UPDATE sealed_packages SET hash = ? WHERE id = ?').run(sha256Hex(edited), row.id);
    expect(verifyPackage(packageById(sqlite, row.id)!).problems).toEqual([{ reason: 'badSignature' }]);
  });
});

describe('npm run verify', () => {
  it('checks every seal: a raw edit of a sealed package (triggers dropped) exits 1 naming the batch and version', async () => {
    const c = testConsole();
    const row = seedSealedPackage(c.app.env);
    const run = promisify(execFile);
    const cli = async () =>
      run('npx', ['tsx', 'scripts/verify.ts', '--data', c.dataDir]).then(
        (r) => ({ code: 0, out: r.stdout + r.stderr }),
        (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, out: e.stdout + e.stderr }),
      );
    const good = await cli();
    expect(good.code).toBe(0);
    expect(good.out).toMatch(/seals ok: 1 package/);
    const { sqlite } = c.app.env.opened;
    sqlite.exec('DROP TRIGGER sealed_packages_no_update');
    sqlite.prepare('UPDATE sealed_packages SET body = ? WHERE id = ?').run(row.body.replace('"score":60', '"score":61'), row.id);
    const bad = await cli();
    expect(bad.code).toBe(1);
    expect(bad.out).toMatch(new RegExp(`seal broken: batch #${row.batch_id} v1 .*内容与哈希不符.* / The body does not match its hash`));
  }, 60_000);
});
