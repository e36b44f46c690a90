// Encryption at rest: a real random key (no ESC_DB_KEY here), wrapped by the recovery code and by
// a keystore, end to end on real SQLite files: what is on disk, what opens it and what does not.
import Database from 'better-sqlite3';
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isPlainSqliteFile, openDatabase } from '../../db';
import { DB_FILE, openConsole, startConsole, type ConsoleApp } from '../../electron/app';
import { verifyChain } from '../../electron/services/audit';
import { ManualClock } from '../../electron/services/runtime';
import { siteKey, SITE_KEY_FILE } from '../../electron/services/seal/keys';
import { isSealed } from '../../electron/services/vault/files';
import { keyIdOf } from '../../electron/services/vault/keyring';
import { keystoreRefusal, type Keystore } from '../../electron/services/vault/keystore';
import { newRecoveryCode, normalizeRecoveryCode } from '../../electron/services/vault/recovery';
import { readVault, VAULT_FILE } from '../../electron/services/vault/vault';
import { HEAD, tempDir } from './helpers';
import { describeError } from '../../renderer/src/i18n';

const NAME = '欧阳𪚥明';
const clock = () => new ManualClock('2026-05-21T07:30:00+08:00');
const real = { useEnv: false } as const;

async function ok<T>(app: ConsoleApp, method: string, input: unknown = {}, token: string | null = null, device = 'vitest'): Promise<T> {
  const r = await app.call({ method, input, token, device });
  if (!r.ok) throw new Error(`${method}: ${r.error.code} ${r.error.message}`);
  return r.data as T;
}

/** A fresh console on a real random key: set up, one staff member named NAME. Returns the recovery code. */
async function setUp(dataDir: string, keystore: Keystore | null = null): Promise<string> {
  const app = openConsole({ dataDir, clock: clock(), unlock: { ...real, keystore } });
  expect(app.env.vault?.source).toBe('new');
  const setup = await ok<{ recoveryCode: string | null }>(app, 'setup.init', HEAD);
  const token = (await ok<{ token: string }>(app, 'auth.signIn', { staffNo: HEAD.staffNo, pin: HEAD.pin })).token;
  await ok(app, 'staff.create', { staffNo: 'P001', name: NAME, roles: ['proctor'] }, token);
  siteKey(dataDir, app.env.random);
  app.close();
  return setup.recoveryCode!;
}

/** An in-memory keystore standing in for the OS's (DPAPI, Keychain, libsecret): its own secret, per "machine". */
function keystore(backend = 'gnome_libsecret', secret = randomBytes(32)): Keystore {
  return {
    kind: 'safeStorage',
    backend,
    usable: keystoreRefusal('linux', true, backend) === null,
    encrypt: (b) => {
      const iv = randomBytes(12);
      const c = createCipheriv('aes-256-gcm', secret, iv);
      const ct = Buffer.concat([c.update(b), c.final()]);
      return Buffer.concat([iv, c.getAuthTag(), ct]);
    },
    decrypt: (b) => {
      const d = createDecipheriv('aes-256-gcm', secret, b.subarray(0, 12));
      d.setAuthTag(b.subarray(12, 28));
      return Buffer.concat([d.update(b.subarray(28)), d.final()]);
    },
  };
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name));
}

describe('recovery code', () => {
  it('is 24 Crockford base32 characters in six groups, read forgivingly', () => {
    const code = newRecoveryCode({ bytes: (n) => randomBytes(n) });
    expect(code).toMatch(/^([0-9A-HJKMNP-TV-Z]{4}-){5}[0-9A-HJKMNP-TV-Z]{4}$/);
    const plain = code.replaceAll('-', '');
    expect(normalizeRecoveryCode(code)).toBe(plain);
    expect(normalizeRecoveryCode(` ${code.toLowerCase().replaceAll('-', ' ')} `)).toBe(plain);
    expect(normalizeRecoveryCode('0000-1111-2222-3333-4444-5555'.replace(/0/g, 'O').replace(/1/g, 'l'))).toBe('000011112222333344445555');
    expect(normalizeRecoveryCode('ABCD-EFGH')).toBeNull();
    expect(normalizeRecoveryCode('UUUU-UUUU-UUUU-UUUU-UUUU-UUUU')).toBeNull(); // U is not in the alphabet
  });
});

describe('encryption at rest, with a real key', () => {
  it('setup shows a recovery code once; the database, its WAL and the key files hold nothing in clear; the code (and only it) opens the folder again', async () => {
    const dataDir = tempDir();
    const code = await setUp(dataDir);
    expect(normalizeRecoveryCode(code)).not.toBeNull();

    // on disk: no name, no PEM, no key; the vault names the key by id only
    const vault = readVault(dataDir)!;
    expect(vault.recovery).not.toBeNull();
    expect(vault.keystore).toBeNull();
    for (const f of filesUnder(dataDir)) {
      const bytes = readFileSync(f);
      expect(bytes.includes(Buffer.from(NAME, 'utf8')), f).toBe(false);
      expect(bytes.includes(Buffer.from('PRIVATE KEY')), f).toBe(false);
      expect(bytes.includes(Buffer.from(code.replaceAll('-', ''))), f).toBe(false);
    }
    expect(isPlainSqliteFile(join(dataDir, DB_FILE))).toBe(false);
    expect(isSealed(readFileSync(join(dataDir, SITE_KEY_FILE)))).toBe(true);
    expect(() => new Database(join(dataDir, DB_FILE)).prepare('SELECT * FROM staff').all()).toThrow(/not a database/);

    // no key at hand: locked; every command but the gate says so
    const locked = startConsole({ dataDir, clock: clock(), unlock: real });
    expect(locked.state).toBe('locked');
    const r = await locked.call({ method: 'setup.status', input: {}, device: 'vitest' });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error).toMatchObject({ code: 'VAULT_LOCKED', reason: 'vault.locked' });
      expect(describeError('zh-CN', r.error)).toMatch(/^考点数据已加密：请在考点电脑本机输入恢复码/);
    }
    const status = await ok<{ state: string; lockReason: string }>(locked, 'vault.status');
    expect(status).toMatchObject({ state: 'locked', lockReason: 'code_needed' });

    // a wrong code and a malformed one are refused, Chinese first
    const wrong = await locked.call({ method: 'vault.unlock', input: { code: newRecoveryCode({ bytes: (n) => randomBytes(n) }) }, device: 'vitest' });
    expect(wrong.ok).toBe(false);
    expect(!wrong.ok && wrong.error).toMatchObject({ code: 'RECOVERY_CODE_WRONG', reason: 'vault.codeWrong' });
    if (!wrong.ok) expect(describeError('zh-CN', wrong.error)).toMatch(/^恢复码不正确/);
    const malformed = await locked.call({ method: 'vault.unlock', input: { code: '1234' }, device: 'vitest' });
    expect(!malformed.ok && describeError('zh-CN', malformed.error)).toMatch(/^恢复码格式不对/);
    // never over the LAN
    const lan = await locked.call({ method: 'vault.unlock', input: { code }, device: 'http:192.168.1.23 门口平板' });
    expect(lan.ok).toBe(false);
    expect(!lan.ok && lan.error).toMatchObject({ code: 'FORBIDDEN', reason: 'vault.localOnly' });
    expect(locked.state).toBe('locked');

    // the right code, typed with spaces in lower case
    await ok(locked, 'vault.unlock', { code: code.toLowerCase().replaceAll('-', ' ') });
    expect(locked.state).toBe('open');
    expect(locked.env.vault?.source).toBe('recovery');
    const token = (await ok<{ token: string }>(locked, 'auth.signIn', { staffNo: HEAD.staffNo, pin: HEAD.pin })).token;
    const staff = await ok<{ name: string }[]>(locked, 'staff.list', {}, token);
    expect(staff.map((s) => s.name)).toContain(NAME);
    locked.close();

    // headless: the code from the environment; a wrong raw key is refused
    const headless = openConsole({ dataDir, clock: clock(), unlock: { code } });
    expect(headless.env.vault?.source).toBe('recovery');
    headless.close();
    expect(() => openConsole({ dataDir, clock: clock(), unlock: { key: randomBytes(32) } })).toThrow(/密钥不正确/);
    expect(() => openDatabase(join(dataDir, DB_FILE), { key: randomBytes(32) })).toThrow(/^openDatabase: 密钥不正确/);
  });

  it('the OS keystore opens it silently on the same machine; basic_text is not relied on; another machine needs the code', async () => {
    expect(keystoreRefusal('linux', true, 'basic_text')).toBe('basic_text');
    expect(keystoreRefusal('linux', true, 'unknown')).toBe('unknown_backend');
    expect(keystoreRefusal('linux', false, 'gnome_libsecret')).toBe('unavailable');
    expect(keystoreRefusal('linux', true, 'kwallet5')).toBeNull();
    expect(keystoreRefusal('win32', true, null)).toBeNull();

    const dataDir = tempDir();
    const machine = keystore();
    const code = await setUp(dataDir, machine);
    expect(readVault(dataDir)!.keystore).toMatchObject({ kind: 'safeStorage', backend: 'gnome_libsecret' });
    const again = openConsole({ dataDir, clock: clock(), unlock: { ...real, keystore: machine } });
    expect(again.env.vault?.source).toBe('keystore');
    again.close();

    // Linux without a keyring: safeStorage falls back to basic_text, so the console asks for the code
    const basic = startConsole({ dataDir, clock: clock(), unlock: { ...real, keystore: keystore('basic_text') } });
    expect(basic.state).toBe('locked');
    basic.close();
    // another machine's keystore cannot unwrap it; the code can, and the new machine's keystore wraps it from then on
    const other = keystore('gnome_libsecret');
    const moved = startConsole({ dataDir, clock: clock(), unlock: { ...real, keystore: other } });
    expect(moved.state).toBe('locked');
    await moved.unlock(code);
    moved.close();
    const later = openConsole({ dataDir, clock: clock(), unlock: { ...real, keystore: other } });
    expect(later.env.vault?.source).toBe('keystore');
    later.close();
  });

  it('data folder 0700, database, WAL and key files 0600', async () => {
    if (process.platform === 'win32') return;
    const dataDir = tempDir();
    const app = openConsole({ dataDir, clock: clock(), unlock: real });
    await ok(app, 'setup.init', HEAD);
    siteKey(dataDir, app.env.random);
    expect(statSync(dataDir).mode & 0o777).toBe(0o700);
    expect(statSync(join(dataDir, 'keys')).mode & 0o777).toBe(0o700);
    for (const f of [DB_FILE, `${DB_FILE}-wal`, `${DB_FILE}-shm`, VAULT_FILE, SITE_KEY_FILE]) expect(statSync(join(dataDir, f)).mode & 0o777, f).toBe(0o600);
    app.close();
  });

  it('a plain database from before encryption is encrypted in place after an encrypted backup, its key files sealed, and the trail says so', async () => {
    const dataDir = tempDir();
    // the console as it was: plain SQLite, a plain PEM
    const old = openConsole({ dataDir, clock: clock(), plaintext: true });
    await ok(old, 'setup.init', HEAD);
    const token = (await ok<{ token: string }>(old, 'auth.signIn', { staffNo: HEAD.staffNo, pin: HEAD.pin })).token;
    await ok(old, 'staff.create', { staffNo: 'P001', name: NAME, roles: ['proctor'] }, token);
    const signer = siteKey(dataDir, old.env.random);
    const events = (old.env.opened.sqlite.prepare('SELECT COUNT(*) AS n FROM audit_events').get() as { n: number }).n;
    old.close();
    expect(isPlainSqliteFile(join(dataDir, DB_FILE))).toBe(true);
    expect(readFileSync(join(dataDir, SITE_KEY_FILE), 'utf8')).toContain('PRIVATE KEY');

    const app = openConsole({ dataDir, clock: clock(), unlock: real });
    expect(isPlainSqliteFile(join(dataDir, DB_FILE))).toBe(false);
    expect(isSealed(readFileSync(join(dataDir, SITE_KEY_FILE)))).toBe(true);
    expect(siteKey(dataDir, app.env.random).publicKey).toBe(signer.publicKey);
    const { sqlite } = app.env.opened;
    expect(verifyChain(sqlite).ok).toBe(true);
    const last = sqlite.prepare('SELECT seq, command, detail FROM audit_events ORDER BY seq DESC LIMIT 1').get() as { seq: number; command: string; detail: string };
    expect(last).toMatchObject({ seq: events + 1, command: 'vault.encrypted' });
    const backup = (JSON.parse(last.detail) as { backupFile: string }).backupFile;
    expect(backup).toMatch(/^pre-encryption-\d{8}T\d{6}Z\.sqlite$/);
    // the backup taken first is encrypted too, under the same key, and holds every event
    expect(isPlainSqliteFile(join(dataDir, backup))).toBe(false);
    const copy = openDatabase(join(dataDir, backup), { key: app.env.vault!.key(), readonly: true });
    expect((copy.sqlite.prepare('SELECT COUNT(*) AS n FROM audit_events').get() as { n: number }).n).toBe(events);
    copy.close();
    for (const f of filesUnder(dataDir)) expect(readFileSync(f).includes(Buffer.from(NAME, 'utf8')), f).toBe(false);
    // the vault names this key and holds its recovery wrap; the code waits for the site head to write it down
    expect(readVault(dataDir)!.keyId).toBe(keyIdOf(app.env.vault!.key()));
    expect(readVault(dataDir)!.recovery).not.toBeNull();
    const head = (await ok<{ token: string }>(app, 'auth.signIn', { staffNo: HEAD.staffNo, pin: HEAD.pin })).token;
    const { code } = await ok<{ code: string }>(app, 'vault.recovery.pending', {}, head);
    expect(normalizeRecoveryCode(code)).not.toBeNull();
    await ok(app, 'vault.recovery.ack', {}, head);
    expect((await ok<{ code: string | null }>(app, 'vault.recovery.pending', {}, head)).code).toBeNull();
    app.close();
    // the code shown opens it (no keystore here)
    const byCode = openConsole({ dataDir, clock: clock(), unlock: { ...real, code } });
    expect(byCode.env.vault?.source).toBe('recovery');
    byCode.close();
  });

  it('a vault never set up (no recovery wrap) whose key is gone starts afresh, keeping the unreadable file aside', () => {
    const dataDir = tempDir();
    openConsole({ dataDir, clock: clock(), unlock: real }).close();
    const again = openConsole({ dataDir, clock: clock(), unlock: real });
    expect(again.env.vault?.source).toBe('new');
    expect(readdirSync(dataDir).some((f) => /^console\.unfinished-.*\.sqlite$/.test(f))).toBe(true);
    expect(existsSync(join(dataDir, DB_FILE))).toBe(true);
    again.close();
  });
});
