// S1 by attack: nobody holds another person's PIN, a spray from one machine does not lock the real
// person out, the answers do not tell who exists, and weak PINs are refused with the reason.
import { describe, expect, it } from 'vitest';
import { openConsole } from '../../electron/app';
import { scryptStats } from '../../electron/services/pins';
import { CLIENT_BUDGET } from '../../electron/services/pin-guard';
import { describeError } from '../../renderer/src/i18n';
import { addStaff, enrolStaff, type Slip } from '../support/enrol';
import { HEAD, siteHead, testConsole, type TestConsole } from './helpers';

/** a call from a given client (the network address the HTTP server passes on) */
const from = (c: TestConsole, client: string, method: string, input: unknown, token: string | null = null) =>
  c.app.call({ method, input, token, device: `http:${client}`, client: `ip:${client}` });

const headId = (c: TestConsole) => (c.app.env.opened.sqlite.prepare("SELECT id FROM staff WHERE staff_no = 'H001'").get() as { id: number }).id;

describe('the admin takeover (S1)', () => {
  it('an administrator cannot set or reset the site head’s PIN, nor appoint a site head; there is no set-PIN command for others', async () => {
    const c = testConsole();
    const head = await siteHead(c);
    await addStaff(c, head, { staffNo: 'A001', name: '管理员', roles: ['admin'] }, '583920');
    const admin = (await c.ok<{ token: string }>('auth.signIn', { staffNo: 'A001', pin: '583920' })).token;
    expect(await c.call('staff.setPin', { staffId: headId(c), pin: '583921' }, admin)).toMatchObject({ ok: false, error: { code: 'UNKNOWN_COMMAND' } });
    expect(await c.call('staff.setPin', { staffId: headId(c), pin: '583921' }, head)).toMatchObject({ ok: false, error: { code: 'UNKNOWN_COMMAND' } });
    const reset = await c.call('staff.issueEnrolment', { staffIds: [headId(c)] }, admin);
    expect(reset).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', reason: 'staff.roleAbove' } });
    if (!reset.ok) expect(describeError('zh-CN', reset.error)).toContain('考点负责人');
    expect(await c.call('staff.create', { staffNo: 'H2', name: '冒充', roles: ['site_head'] }, admin)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', reason: 'staff.siteHeadOnly' } });
    // staff.create takes no PIN: one sent along is not stored
    const { id } = await c.ok<{ id: number }>('staff.create', { staffNo: 'P001', name: '王五', roles: ['proctor'], pin: '583920' }, admin);
    expect(c.app.env.opened.sqlite.prepare('SELECT COUNT(*) AS n FROM staff_pins WHERE staff_id = ?').get(id)).toEqual({ n: 0 });
    // the site head's own PIN still works, and no code was issued for them
    expect(await c.call('auth.signIn', { staffNo: HEAD.staffNo, pin: HEAD.pin })).toMatchObject({ ok: true });
    expect(c.app.env.opened.sqlite.prepare('SELECT COUNT(*) AS n FROM staff_enrolments WHERE staff_id = ?').get(headId(c))).toEqual({ n: 0 });
  });
});

describe('enrolment codes (S1)', () => {
  it('a code is stored hashed, used once, valid on its day only; the person chooses their PIN', async () => {
    const c = testConsole();
    const head = await siteHead(c);
    const { id } = await c.ok<{ id: number }>('staff.create', { staffNo: 'P001', name: '王五', roles: ['proctor'] }, head);
    const [slip] = (await c.ok<{ slips: Slip[] }>('staff.issueEnrolment', { staffIds: [id] }, head)).slips;
    expect(slip).toMatchObject({ staffNo: 'P001', validOn: '2026-05-21', reset: false });
    expect(slip!.code).toMatch(/^[2-9A-Z]{5}-[2-9A-Z]{5}$/);
    const stored = c.app.env.opened.sqlite.prepare('SELECT code_hash AS h FROM staff_enrolments').all() as { h: string }[];
    expect(stored.map((s) => s.h).join()).not.toContain(slip!.code.replace('-', ''));
    // nothing in the audit trail carries the code
    const trail = c.app.env.opened.sqlite.prepare('SELECT detail FROM audit_events').all() as { detail: string }[];
    expect(trail.map((t) => t.detail).join()).not.toContain(slip!.code.slice(0, 5));
    // typed in lower case without the dash: accepted
    await c.ok('auth.enrol', { staffNo: 'P001', code: slip!.code.toLowerCase().replace('-', ' '), pin: '583920' });
    expect(await c.call('auth.signIn', { staffNo: 'P001', pin: '583920' })).toMatchObject({ ok: true });
    // used once
    expect(await c.call('auth.enrol', { staffNo: 'P001', code: slip!.code, pin: '583921' })).toMatchObject({ ok: false, error: { code: 'PIN_WRONG', reason: 'auth.enrolCodeWrong' } });
    // a code of yesterday is refused today
    const [next] = (await c.ok<{ slips: Slip[] }>('staff.issueEnrolment', { staffIds: [id] }, head)).slips;
    c.clock.advance(24 * 3600_000);
    expect(await c.call('auth.enrol', { staffNo: 'P001', code: next!.code, pin: '583921' })).toMatchObject({ ok: false, error: { reason: 'auth.enrolCodeWrong' } });
  });

  it('a reset issues a new code, never a PIN: the old PIN and sessions end; it is audited', async () => {
    const c = testConsole();
    const head = await siteHead(c);
    const id = await addStaff(c, head, { staffNo: 'P001', name: '王五', roles: ['proctor'] }, '583920');
    const session = (await c.ok<{ token: string }>('auth.signIn', { staffNo: 'P001', pin: '583920' })).token;
    const [slip] = (await c.ok<{ slips: Slip[] }>('staff.issueEnrolment', { staffIds: [id] }, head)).slips;
    expect(slip).toMatchObject({ reset: true });
    expect(slip).not.toHaveProperty('pin');
    expect(await c.call('auth.signIn', { staffNo: 'P001', pin: '583920' })).toMatchObject({ ok: false, error: { code: 'PIN_WRONG' } });
    expect(await c.call('auth.me', {}, session)).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    const ev = c.app.env.opened.sqlite.prepare("SELECT detail FROM audit_events WHERE command = 'staff.issueEnrolment' AND outcome = 'ok' ORDER BY seq DESC").get() as { detail: string };
    expect(JSON.parse(ev.detail)).toMatchObject({ issued: [{ staffId: id, staffNo: 'P001', reset: true }] });
  });

  it('修改我的 PIN: the old PIN first, the new one by the same rule', async () => {
    const c = testConsole();
    const head = await siteHead(c);
    expect(await c.call('auth.changePin', { oldPin: '000001', newPin: '583920' }, head)).toMatchObject({ ok: false, error: { code: 'PIN_WRONG' } });
    expect(await c.call('auth.changePin', { oldPin: HEAD.pin, newPin: '111111' }, head)).toMatchObject({ ok: false, error: { reason: 'auth.pinWeak.repeat' } });
    await c.ok('auth.changePin', { oldPin: HEAD.pin, newPin: '583920' }, head);
    expect(await c.call('auth.signIn', { staffNo: HEAD.staffNo, pin: '583920' })).toMatchObject({ ok: true });
  });
});

describe('weak PINs (S1)', () => {
  it('are refused with the reason, at first start, enrolment and change', async () => {
    const c = testConsole();
    for (const [pin, reason] of [
      ['000000', 'repeat'],
      ['123456', 'sequence'],
      ['654321', 'sequence'],
      ['1234567890', 'sequence'],
      ['123123', 'common'],
    ] as const) {
      const r = await c.call('setup.init', { ...HEAD, pin });
      expect(r).toMatchObject({ ok: false, error: { code: 'BAD_INPUT', reason: `auth.pinWeak.${reason}` } });
      if (!r.ok) expect(describeError('zh-CN', r.error)).toMatch(/PIN/);
    }
    expect(await c.call('setup.init', { ...HEAD, staffNo: '20260518', pin: '20260518' })).toMatchObject({ ok: false, error: { reason: 'auth.pinWeak.staffNo' } });
    const head = await siteHead(c);
    const { id } = await c.ok<{ id: number }>('staff.create', { staffNo: 'E4711', name: '孙考评', roles: ['examiner'] }, head);
    const [slip] = (await c.ok<{ slips: Slip[] }>('staff.issueEnrolment', { staffIds: [id] }, head)).slips;
    expect(await c.call('auth.enrol', { staffNo: 'E4711', code: slip!.code, pin: '947110' })).toMatchObject({ ok: false, error: { reason: 'auth.pinWeak.staffNo' } });
    // the refusal wrote nothing: the code still works
    await c.ok('auth.enrol', { staffNo: 'E4711', code: slip!.code, pin: '583920' });
  });
});

describe('the PIN spray', () => {
  it('one client spraying a common PIN at every account is throttled; the real people still sign in from their own devices', async () => {
    const c = testConsole();
    const head = await siteHead(c);
    const people = [];
    for (let i = 1; i <= 6; i++) people.push((await c.ok<{ id: number }>('staff.create', { staffNo: `S00${i}`, name: `人员${i}`, roles: ['supervisor'] }, head)).id);
    await enrolStaff(c, head, people, '583920');
    const targets = [HEAD.staffNo, ...people.map((_, i) => `S00${i + 1}`)];
    const codes: string[] = [];
    for (let round = 0; round < 5; round++) {
      for (const staffNo of targets) {
        const r = await from(c, '10.0.0.66', 'auth.signIn', { staffNo, pin: '246802' });
        codes.push(r.ok ? 'ok' : r.error.code);
      }
    }
    expect(codes).not.toContain('ok');
    // the client's budget across accounts ran out: the rest were refused without a check
    expect(codes.filter((x) => x === 'PIN_WRONG' || x === 'PIN_LOCKED')).toHaveLength(CLIENT_BUDGET);
    expect(codes.slice(CLIENT_BUDGET)).toEqual(Array(codes.length - CLIENT_BUDGET).fill('RATE_LIMITED'));
    const limited = await from(c, '10.0.0.66', 'auth.signIn', { staffNo: HEAD.staffNo, pin: HEAD.pin });
    expect(limited).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED', reason: 'auth.rateLimited' } });
    if (!limited.ok) expect(describeError('zh-CN', limited.error)).toContain('输错次数过多');
    // the site head and the supervisors at their own devices are not locked out
    expect(await from(c, '10.0.0.5', 'auth.signIn', { staffNo: HEAD.staffNo, pin: HEAD.pin })).toMatchObject({ ok: true });
    expect(await from(c, '10.0.0.7', 'auth.signIn', { staffNo: 'S001', pin: '583920' })).toMatchObject({ ok: true });
  });

  it('per (account, client): five misses lock that account on that client only; the site head unlocks; a restart keeps no lock', async () => {
    const c = testConsole();
    const head = await siteHead(c);
    const id = await addStaff(c, head, { staffNo: 'S001', name: '钱督导', roles: ['supervisor'] }, '583920');
    for (let i = 0; i < 5; i++) await from(c, '10.0.0.66', 'auth.signIn', { staffNo: 'S001', pin: '000001' });
    expect(await from(c, '10.0.0.66', 'auth.signIn', { staffNo: 'S001', pin: '583920' })).toMatchObject({ ok: false, error: { code: 'PIN_LOCKED' } });
    expect(await from(c, '10.0.0.7', 'auth.signIn', { staffNo: 'S001', pin: '583920' })).toMatchObject({ ok: true });
    const list = await c.ok<{ staffNo: string; locked: boolean }[]>('staff.list', {}, head);
    expect(list.find((p) => p.staffNo === 'S001')).toMatchObject({ locked: true });
    // only the site head unlocks (audited)
    const admin = await addStaff(c, head, { staffNo: 'A001', name: '管理员', roles: ['admin'] }, '583920');
    const adminT = (await c.ok<{ token: string }>('auth.signIn', { staffNo: 'A001', pin: '583920' })).token;
    expect(admin).toBeGreaterThan(0);
    expect(await c.call('auth.unlock', { staffId: id }, adminT)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await c.ok('auth.unlock', { staffId: id }, head)).toEqual({ unlocked: 1 });
    expect(await from(c, '10.0.0.66', 'auth.signIn', { staffNo: 'S001', pin: '583920' })).toMatchObject({ ok: true });
    // lock again, then restart: no lock is stored on the account
    for (let i = 0; i < 5; i++) await from(c, '10.0.0.66', 'auth.signIn', { staffNo: 'S001', pin: '000001' });
    expect(c.app.env.opened.sqlite.prepare('SELECT COUNT(*) AS n FROM staff_pins WHERE locked_until IS NOT NULL OR failed_count > 0').get()).toEqual({ n: 0 });
    c.app.close();
    const again = openConsole({ dataDir: c.dataDir, clock: c.clock });
    try {
      expect(await again.call({ method: 'auth.signIn', input: { staffNo: 'S001', pin: '583920' }, device: 'x', client: 'ip:10.0.0.66' })).toMatchObject({ ok: true });
    } finally {
      again.close();
    }
  });
});

describe('enumeration', () => {
  it('an existing and an unknown staff number get the same answer by the same path (one scrypt each) and lock alike', async () => {
    const c = testConsole();
    await siteHead(c);
    const before = scryptStats.runs;
    const known = await c.call('auth.signIn', { staffNo: HEAD.staffNo, pin: '583920' });
    const afterKnown = scryptStats.runs;
    const unknown = await c.call('auth.signIn', { staffNo: 'H999', pin: '583920' });
    expect(afterKnown - before).toBe(1);
    expect(scryptStats.runs - afterKnown).toBe(1);
    expect(unknown).toEqual(known);
    const lockKnown = [];
    const lockUnknown = [];
    for (let i = 0; i < 5; i++) {
      const a = await c.call('auth.signIn', { staffNo: HEAD.staffNo, pin: '583920' });
      const b = await c.call('auth.signIn', { staffNo: 'H999', pin: '583920' });
      lockKnown.push(a.ok ? 'ok' : `${a.error.code}/${a.error.reason}`);
      lockUnknown.push(b.ok ? 'ok' : `${b.error.code}/${b.error.reason}`);
    }
    expect(lockUnknown).toEqual(lockKnown);
    expect(lockKnown.at(-1)).toBe('PIN_LOCKED/auth.pinLocked');
  });

  it('scrypt runs in the thread pool: the event loop keeps turning during a sign-in', async () => {
    const c = testConsole();
    await siteHead(c);
    let turns = 0;
    let done = false;
    const spin = () => {
      turns++;
      if (!done) setImmediate(spin);
    };
    setImmediate(spin);
    const r = c.call('auth.signIn', { staffNo: HEAD.staffNo, pin: HEAD.pin });
    const startTurns = turns;
    await r;
    done = true;
    expect(turns - startTurns).toBeGreaterThan(0);
  });
});
