import { describe, expect, it } from 'vitest';
import { lockDurationMs } from '../../electron/services/pin-guard';
import { describeError } from '../../renderer/src/i18n';
import { HEAD, siteHead, testConsole } from './helpers';
import { addStaff } from '../support/enrol';

describe('sign-in by role', () => {
  it('first start asks for the site head once; a second setup is refused', async () => {
    const c = testConsole();
    expect(await c.ok('setup.status')).toMatchObject({ needsSetup: true });
    await siteHead(c);
    expect(await c.ok('setup.status')).toMatchObject({ needsSetup: false, siteName: HEAD.siteName });
    expect(await c.call('setup.init', { ...HEAD, staffNo: 'H002' })).toMatchObject({ ok: false, error: { code: 'SETUP_DONE', reason: 'setup.done' } });
  });

  it('PINs are stored as scrypt hashes, never plain', async () => {
    const c = testConsole();
    await siteHead(c);
    const row = c.app.env.opened.sqlite.prepare('SELECT hash FROM staff_pins').get() as { hash: string };
    // the cost this test process hashes at (pin-cost.test.ts holds production’s: N 2^15, r 8, p 1)
    expect(row.hash).toMatch(/^scrypt\$\d+\$8\$1\$/);
    expect(row.hash).not.toContain(HEAD.pin);
  });

  it('tokens are random (≥128 bits), stored only as hashes, and expire after a shift', async () => {
    const c = testConsole();
    const token = await siteHead(c);
    expect(Buffer.from(token, 'base64url').length).toBeGreaterThanOrEqual(16);
    const stored = c.app.env.opened.sqlite.prepare('SELECT token_hash FROM auth_sessions').all() as { token_hash: string }[];
    expect(stored.some((s) => s.token_hash === token)).toBe(false);
    expect(await c.ok('auth.me', {}, token)).toMatchObject({ actor: { role: 'site_head', name: HEAD.headName } });
    c.clock.advance(12 * 3600_000 + 1);
    expect(await c.call('auth.me', {}, token)).toMatchObject({ ok: false, error: { code: 'SESSION_EXPIRED' } });
  });

  it('sign-out revokes the token', async () => {
    const c = testConsole();
    const token = await siteHead(c);
    await c.ok('auth.signOut', {}, token);
    expect(await c.call('auth.me', {}, token)).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
  });

  it('a wrong staff number answers like a wrong PIN', async () => {
    const c = testConsole();
    await siteHead(c);
    const a = await c.call('auth.signIn', { staffNo: 'NOPE', pin: '123456' });
    const b = await c.call('auth.signIn', { staffNo: HEAD.staffNo, pin: '123456' });
    expect(a).toEqual(b);
  });

  it('repeated wrong PINs lock the account for a growing time; the right PIN is refused while locked', async () => {
    const c = testConsole();
    await siteHead(c);
    const wrong = () => c.call('auth.signIn', { staffNo: HEAD.staffNo, pin: '000000' });
    for (let i = 1; i <= 4; i++) expect(await wrong()).toMatchObject({ ok: false, error: { code: 'PIN_WRONG', reason: 'auth.pinWrong' } });
    const fifth = await wrong(); // 5th: locked 30 s
    expect(fifth).toMatchObject({ ok: false, error: { code: 'PIN_LOCKED', reason: 'auth.pinLockedNow', params: { failures: 5 } } });
    if (!fifth.ok) {
      const until = String(fifth.error.params?.until);
      expect(Date.parse(until) - c.clock.now().getTime()).toBe(30_000);
      // the site's wall time (UTC+8), whatever the PC's own time zone
      expect(describeError('zh-CN', fifth.error)).toBe(`PIN 连续输错 5 次，账户锁定至 ${new Date(Date.parse(until) + 8 * 3600_000).toISOString().slice(11, 19)}。`);
    }
    expect(await c.call('auth.signIn', { staffNo: HEAD.staffNo, pin: HEAD.pin })).toMatchObject({ ok: false, error: { code: 'PIN_LOCKED', reason: 'auth.pinLocked' } });
    c.clock.advance(31_000);
    expect(await wrong()).toMatchObject({ ok: false, error: { code: 'PIN_LOCKED' } }); // 6th: locked 60 s
    c.clock.advance(31_000);
    expect(await c.call('auth.signIn', { staffNo: HEAD.staffNo, pin: HEAD.pin })).toMatchObject({ ok: false, error: { code: 'PIN_LOCKED' } });
    c.clock.advance(30_000);
    expect(await c.call('auth.signIn', { staffNo: HEAD.staffNo, pin: HEAD.pin })).toMatchObject({ ok: true });
    expect(lockDurationMs(4)).toBe(0);
    expect(lockDurationMs(6)).toBeGreaterThan(lockDurationMs(5));
    expect(lockDurationMs(40)).toBe(15 * 60_000);
    // every refusal is in the trail, marked refused
    const refused = c.app.env.opened.sqlite.prepare("SELECT COUNT(*) AS n FROM audit_events WHERE outcome = 'refused'").get() as { n: number };
    expect(refused.n).toBe(8);
  });

  it('a staff member signs in with one of their roles only', async () => {
    const c = testConsole();
    const head = await siteHead(c);
    await addStaff(c, head, { staffNo: 'E001', name: '孙考评', roles: ['examiner', 'chief_examiner'], examinerGrade: 'senior' }, '583920');
    expect(await c.ok('auth.signIn', { staffNo: 'E001', pin: '583920', role: 'chief_examiner' })).toMatchObject({ actor: { role: 'chief_examiner' } });
    const notHeld = await c.call('auth.signIn', { staffNo: 'E001', pin: '583920', role: 'supervisor' });
    expect(notHeld).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', reason: 'auth.roleNotHeld', params: { role: '@role.supervisor' } } });
    if (!notHeld.ok) {
      expect(describeError('zh-CN', notHeld.error)).toBe('您没有“督导员”角色。');
      expect(describeError('en', notHeld.error)).toBe('You do not hold the role "Supervisor".');
    }
  });

  it('only the site head appoints a site head', async () => {
    const c = testConsole();
    const head = await siteHead(c);
    await addStaff(c, head, { staffNo: 'A001', name: '管理员', roles: ['admin'] }, '998877');
    const admin = (await c.ok<{ token: string }>('auth.signIn', { staffNo: 'A001', pin: '998877' })).token;
    expect(await c.call('staff.create', { staffNo: 'H2', name: '冒充', roles: ['site_head'] }, admin)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', reason: 'staff.siteHeadOnly' } });
  });
});
