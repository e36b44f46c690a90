// Backups to a chosen folder and a restore onto a fresh install, on real files: encrypted copies
// checked after writing, milestones, the timer, rotation, a missing drive, and a restore that
// continues the audit chain (DOMAIN A1).
import { execFile } from 'node:child_process';
import { cpSync, existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { isPlainSqliteFile, openDatabase } from '../../db';
import { openConsole } from '../../electron/app';
import type { BackupRunResult, BackupStatus } from '../../electron/services/backup/service';
import { verifyChain } from '../../electron/services/audit';
import { findBackups, MANIFEST, readManifest } from '../../electron/services/backup/manifest';
import { siteKey } from '../../electron/services/seal/keys';
import { siteHead, tempDir, testConsole, type TestConsole } from './helpers';
import { testDbKey } from '../support/test-key';
import { describeError } from '../../renderer/src/i18n';

const run = promisify(execFile);

async function configured(c: TestConsole, token: string, opts: { keep?: number; everyMinutes?: number } = {}): Promise<string> {
  const folder = tempDir('esc-usb-');
  await c.ok('backup.configure', { folder, everyMinutes: opts.everyMinutes ?? 30, keep: opts.keep ?? 20 }, token);
  await c.app.backups!.idle();
  return folder;
}

function backupsIn(folder: string) {
  return findBackups(folder);
}

describe('backups', () => {
  it('a chosen folder gets an encrypted backup at once, checked after writing, recorded with an audit event', async () => {
    const c = testConsole();
    const token = await siteHead(c);
    siteKey(c.dataDir, c.app.env.random);
    const folder = await configured(c, token);
    const found = backupsIn(folder);
    expect(found).toHaveLength(1);
    const b = found[0]!;
    expect(b.dir.startsWith(join(folder, 'esc-backups', c.app.env.vault!.keyId.slice(0, 16)))).toBe(true);
    expect(b.manifest).toMatchObject({ reason: 'manual', siteName: '枣庄市技师学院考点', keyId: c.app.env.vault!.keyId, cipher: 'sqlcipher-4', verified: { integrity: 'ok', chain: true } });
    expect(b.manifest.recovery).not.toBeNull(); // the key wrapped by the recovery code: another PC can restore it
    expect(b.manifest.keys.map((k) => k.file)).toContain('keys/site-ed25519.pem');
    // encrypted under the site's key, and a good copy
    const db = join(b.dir, 'console.sqlite');
    expect(isPlainSqliteFile(db)).toBe(false);
    expect(readFileSync(db).includes(Buffer.from('李𠀋明', 'utf8'))).toBe(false);
    const copy = openDatabase(db, { key: testDbKey(), readonly: true });
    expect(verifyChain(copy.sqlite)).toMatchObject({ ok: true, headSeq: b.manifest.audit.seq, headHash: b.manifest.audit.hash });
    copy.close();

    const { status, runs } = await c.ok<{ status: BackupStatus; runs: { state: string; reason: string; name: string }[] }>('backup.status', {}, token);
    expect(status).toMatchObject({ warning: null, driveMissing: false, lastGood: { reason: 'manual', name: b.name }, behind: 0 });
    expect(runs[0]).toMatchObject({ state: 'ok', reason: 'manual', name: b.name });
    const made = c.app.env.opened.sqlite.prepare("SELECT device, detail FROM audit_events WHERE command = 'backup.made'").all() as { device: string; detail: string }[];
    expect(made).toHaveLength(1);
    expect(made[0]!.device).toBe('system');
    expect(verifyChain(c.app.env.opened.sqlite).ok).toBe(true);
  });

  it('milestones: the plan imported triggers a backup (a closed door and the seal: demo-day.test.ts); the site head can back up now and sees the result', async () => {
    const c = testConsole();
    const token = await siteHead(c);
    const folder = await configured(c, token);
    await c.ok('plan.loadDemo', {}, token);
    await c.app.backups!.idle();
    expect(backupsIn(folder).map((b) => b.manifest.reason)).toEqual(['plan', 'manual']);
    const now = await c.ok<BackupRunResult>('backup.run', {}, token);
    expect(now).toMatchObject({ state: 'ok', reason: 'manual', error: null });
    // the request's own audit event is written after the backup: nothing the backup lacks
    expect(c.app.backups!.status()).toMatchObject({ behind: 0, warning: null });
    expect(backupsIn(folder)).toHaveLength(3);
    // the newest holds the plan: 120 candidates
    const newest = backupsIn(folder)[0]!;
    const copy = openDatabase(join(newest.dir, 'console.sqlite'), { key: testDbKey(), readonly: true });
    expect((copy.sqlite.prepare('SELECT COUNT(*) AS n FROM candidates').get() as { n: number }).n).toBe(120);
    copy.close();
  });

  it('keeps the newest N; a missing drive is a failed run and a warning, the next run after it is plugged back works', async () => {
    const c = testConsole();
    const token = await siteHead(c);
    const folder = await configured(c, token, { keep: 2 });
    for (let i = 0; i < 3; i++) {
      c.clock.advance(60_000);
      await c.ok('backup.run', {}, token);
    }
    expect(backupsIn(folder)).toHaveLength(2);

    const gone = join(tempDir(), 'unplugged');
    cpSync(folder, gone, { recursive: true });
    rmSync(folder, { recursive: true, force: true });
    const failed = await c.ok<BackupRunResult>('backup.run', {}, token);
    expect(failed).toMatchObject({ state: 'failed', errorReason: 'driveMissing', error: folder });
    const s1 = (await c.ok<{ status: BackupStatus }>('backup.status', {}, token)).status;
    expect(s1).toMatchObject({ driveMissing: true, warning: 'drive_missing', lastRun: { state: 'failed' } });
    expect(s1.lastGood).not.toBeNull();

    cpSync(gone, folder, { recursive: true });
    expect((await c.ok<BackupRunResult>('backup.run', {}, token)).state).toBe('ok');
    expect((await c.ok<{ status: BackupStatus }>('backup.status', {}, token)).status.warning).toBeNull();
  });

  it('the timer backs up every N minutes while the data changes, and the dashboard warns when the last good backup is old', async () => {
    const c = testConsole();
    const token = await siteHead(c);
    await configured(c, token, { everyMinutes: 10 });
    const backups = c.app.backups!;
    c.clock.advance(5 * 60_000);
    await c.ok('staff.create', { staffNo: 'P001', name: '王五', roles: ['proctor'] }, token);
    expect(backups.tick()).toBe(false); // not yet 10 minutes
    c.clock.advance(6 * 60_000);
    expect(backups.tick()).toBe(true);
    await backups.idle();
    expect(backups.status()).toMatchObject({ lastGood: { reason: 'timer' }, behind: 0 });
    c.clock.advance(30 * 60_000);
    expect(backups.tick()).toBe(false); // nothing changed: nothing to back up, and nothing to warn about
    expect(backups.status().warning).toBeNull();
    await c.ok('staff.create', { staffNo: 'P002', name: '赵六', roles: ['proctor'] }, token);
    expect(backups.status()).toMatchObject({ warning: 'stale', behind: 1 });
  });

  it('refuses a folder inside the data folder, a relative path and a missing one, in Chinese', async () => {
    const c = testConsole();
    const token = await siteHead(c);
    for (const [folder, text] of [
      [c.dataDir, /不能放在数据目录里/],
      ['usb', /完整路径/],
      [join(tempDir(), 'nope'), /U 盘是否已插好/],
    ] as const) {
      const r = await c.call('backup.configure', { folder, everyMinutes: 30, keep: 10 }, token);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(describeError('zh-CN', r.error)).toMatch(text);
    }
    expect(c.app.backups!.settings()).toBeNull();
  });
});

describe('restore onto another PC', () => {
  async function backedUp() {
    const c = testConsole();
    const setup = await c.ok<{ recoveryCode: string }>('setup.init', { siteName: '枣庄市技师学院考点', headName: '李𠀋明', staffNo: 'H001', pin: '246810' });
    const token = (await c.ok<{ token: string }>('auth.signIn', { staffNo: 'H001', pin: '246810' })).token;
    const signer = siteKey(c.dataDir, c.app.env.random);
    await c.ok('plan.loadDemo', {}, token);
    const folder = await configured(c, token);
    await c.app.backups!.idle();
    const head = c.app.env.opened.sqlite.prepare('SELECT seq, hash FROM audit_events ORDER BY seq DESC LIMIT 1').get() as { seq: number; hash: string };
    return { c, folder, code: setup.recoveryCode, signer, head };
  }

  it('a fresh install finds the backups in the folder, restores the newest with the recovery code, and the chain continues with the restore as its next event', async () => {
    const { c, folder, code, signer } = await backedUp();
    const newest = backupsIn(folder)[0]!;
    c.app.close();

    const other = tempDir('esc-other-pc-');
    const fresh = openConsole({ dataDir: other, unlock: { useEnv: false } });
    const call = (method: string, input: unknown, device = 'http:127.0.0.1') => fresh.call({ method, input, device });
    const status = await call('vault.status', {});
    expect(status.ok && status.data).toMatchObject({ state: 'open', canRestore: true, local: true });
    const list = await call('vault.restore.find', { folder });
    expect(list.ok && (list.data as { dir: string }[])[0]!.dir).toBe(newest.dir);

    // a wrong code is refused and nothing changes; over the LAN it is refused before anything
    const wrong = await call('vault.restore', { dir: newest.dir, code: 'AAAA-BBBB-CCCC-DDDD-EEEE-FFFF' });
    expect(!wrong.ok && wrong.error).toMatchObject({ code: 'RECOVERY_CODE_WRONG', reason: 'vault.codeWrong' });
    expect(!wrong.ok && describeError('zh-CN', wrong.error)).toMatch(/^恢复码不正确/);
    const lan = await call('vault.restore', { dir: newest.dir, code }, 'http:192.168.1.40');
    expect(!lan.ok && lan.error.code).toBe('FORBIDDEN');
    expect((await call('setup.status', {})).ok && ((await call('setup.status', {})) as { data: { needsSetup: boolean } }).data.needsSetup).toBe(true);

    const restored = await call('vault.restore', { dir: newest.dir, code });
    expect(restored.ok).toBe(true);
    const report = (restored as { data: { auditSeq: number; restoreEventSeq: number; siteName: string } }).data;
    expect(report).toMatchObject({ siteName: '枣庄市技师学院考点', auditSeq: newest.manifest.audit.seq, restoreEventSeq: newest.manifest.audit.seq + 1 });

    const { sqlite } = fresh.env.opened;
    const ev = sqlite.prepare('SELECT seq, command, prev_hash AS prevHash, device FROM audit_events WHERE seq = ?').get(report.restoreEventSeq) as { seq: number; command: string; prevHash: string; device: string };
    expect(ev).toMatchObject({ command: 'backup.restore', prevHash: newest.manifest.audit.hash, device: 'http:127.0.0.1' });
    expect(verifyChain(sqlite).ok).toBe(true);
    expect((sqlite.prepare('SELECT COUNT(*) AS n FROM candidates').get() as { n: number }).n).toBe(120);
    // the same signing key, so packages sealed before still verify as the site's; the same PINs
    expect(siteKey(other, fresh.env.random).publicKey).toBe(signer.publicKey);
    const signIn = await call('auth.signIn', { staffNo: 'H001', pin: '246810' });
    expect(signIn.ok).toBe(true);
    // the next command continues the same chain
    await call('auth.signOut', {});
    fresh.close();

    // the restored folder opens with the same recovery code, and npm run verify passes on it
    const env = { ...process.env, ESC_DB_KEY: '', ESC_RECOVERY_CODE: code };
    const out = await run('npx', ['tsx', 'scripts/verify.ts', '--data', other], { env, cwd: process.cwd() });
    expect(out.stdout).toMatch(/审计链完整 \/ audit chain ok/);
    const bad = await run('npx', ['tsx', 'scripts/verify.ts', '--data', other], { env: { ...env, ESC_RECOVERY_CODE: 'AAAA-BBBB-CCCC-DDDD-EEEE-FFFF' }, cwd: process.cwd() }).catch((e: { code: number; stderr: string }) => e);
    expect(bad).toMatchObject({ code: 2, stderr: expect.stringMatching(/恢复码不正确/) });
  }, 60_000);

  it('refuses a damaged backup and a console that already holds a site', async () => {
    const { c, folder, code } = await backedUp();
    const newest = backupsIn(folder)[0]!;
    // a console with a site: never overwritten
    const here = await c.call('vault.restore', { dir: newest.dir, code });
    expect(!here.ok && here.error).toMatchObject({ code: 'RESTORE_REFUSED', reason: 'restore.siteExists' });
    expect(!here.ok && describeError('zh-CN', here.error)).toMatch(/^本机已设置考点，不能用备份覆盖/);
    c.app.close();

    const damaged = `${newest.dir}-damaged`;
    cpSync(newest.dir, damaged, { recursive: true });
    const db = join(damaged, 'console.sqlite');
    const bytes = readFileSync(db);
    bytes[bytes.length - 100] = bytes[bytes.length - 100]! ^ 0xff;
    writeFileSync(db, bytes);
    const fresh = openConsole({ dataDir: tempDir('esc-other-pc-'), unlock: { useEnv: false } });
    const r = await fresh.call({ method: 'vault.restore', input: { dir: damaged, code }, device: 'vitest' });
    expect(!r.ok && r.error).toMatchObject({ code: 'RESTORE_REFUSED', reason: 'restore.damaged' });
    expect(!r.ok && describeError('zh-CN', r.error)).toMatch(/已损坏或被改动/);
    expect(fresh.state).toBe('open');
    expect(readManifest(damaged)).not.toBeNull();
    fresh.close();
    expect(existsSync(join(newest.dir, MANIFEST))).toBe(true);
    expect(readdirSync(folder)).toEqual(['esc-backups']);
  });
});
