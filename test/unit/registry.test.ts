import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { Registry, defineCommand, dispatch } from '../../electron/commands/registry';
import { AppError } from '../../electron/services/errors';
import { verifyChain } from '../../electron/services/audit';
import { describeError } from '../../renderer/src/i18n';
import { siteHead, testConsole } from './helpers';
import { addStaff } from '../support/enrol';

describe('command registry', () => {
  it('refuses duplicate command names', () => {
    const a = defineCommand({ name: 'x.y', kind: 'query', access: 'public', input: z.object({}), handler: () => 1 });
    expect(() => new Registry([a, a])).toThrow(/duplicate/);
  });

  it('unknown commands, missing sign-in and wrong roles come back as data with stable codes and Chinese messages', async () => {
    const c = testConsole();
    const head = await siteHead(c);
    const r1 = await c.call('no.such', {});
    expect(r1).toMatchObject({ ok: false, error: { code: 'UNKNOWN_COMMAND' } });
    const r2 = await c.call('staff.list', {});
    expect(r2).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED', reason: 'auth.signInFirst' } });
    if (!r2.ok) expect(describeError('zh-CN', r2.error)).toBe('请先登录。');
    await addStaff(c, head, { staffNo: 'P001', name: '王五', roles: ['proctor'] }, '135790');
    const proctor = (await c.ok<{ token: string }>('auth.signIn', { staffNo: 'P001', pin: '135790' })).token;
    const r3 = await c.call('staff.create', { staffNo: 'P002', name: '赵六', roles: ['proctor'] }, proctor);
    expect(r3).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    if (!r3.ok) {
      expect(r3.error).toMatchObject({ reason: 'auth.roleRefused', params: { role: '@role.proctor', command: 'staff.create' } });
      expect(describeError('zh-CN', r3.error)).toBe('当前角色（监考人员）无权执行此操作。');
      expect(describeError('en', r3.error)).toBe('Your role (Proctor) may not do this.');
    }
  });

  it('refused calls (a role that may not, a forged token) leave an audit event, at most 20 per client in 10 minutes plus one saying the rest were suppressed', async () => {
    const c = testConsole();
    const head = await siteHead(c);
    await addStaff(c, head, { staffNo: 'P001', name: '王五', roles: ['proctor'] }, '135790');
    const proctor = (await c.ok<{ token: string }>('auth.signIn', { staffNo: 'P001', pin: '135790' })).token;
    const { sqlite } = c.app.env.opened;
    const refused = () => sqlite.prepare("SELECT command, device, detail FROM audit_events WHERE outcome = 'refused' ORDER BY seq").all() as { command: string; device: string; detail: string }[];
    const call = (method: string, token: string | null, client: string) => c.app.call({ method, input: { staffNo: 'P009', name: '赵六', roles: ['site_head'], pin: '999999' }, token, device: `http:${client} 平板`, client: `ip:${client}` });

    expect((await call('staff.create', proctor, '192.168.1.20')).ok).toBe(false);
    expect((await call('staff.list', 'forged-token-0000', '192.168.1.21')).ok).toBe(false);
    // signed out, no token: the sign-in page's own calls, not an attack: not audited
    expect((await call('staff.list', null, '192.168.1.22')).ok).toBe(false);
    const first = refused();
    expect(first.map((r) => [r.command, r.device, JSON.parse(r.detail).error])).toEqual([
      ['staff.create', 'http:192.168.1.20 平板', 'FORBIDDEN'],
      ['staff.list', 'http:192.168.1.21 平板', 'UNAUTHENTICATED'],
    ]);
    // the PIN given in the refused input is not in the trail
    expect(JSON.stringify(first)).not.toContain('999999');

    // a flood from one client: 20 in the window, one more saying the rest are suppressed, then nothing
    for (let i = 0; i < 40; i++) await call('staff.list', `forged-${i}`, '10.0.0.99');
    const flood = refused().filter((r) => r.device.startsWith('http:10.0.0.99'));
    expect(flood).toHaveLength(21);
    expect(JSON.parse(flood[20]!.detail)).toMatchObject({ suppressed: true });
    // another client is not silenced by the flood; after the window the flooder is audited again
    await call('staff.list', 'forged-x', '10.0.0.98');
    expect(refused().filter((r) => r.device.startsWith('http:10.0.0.98'))).toHaveLength(1);
    c.clock.advance(10 * 60_000 + 1);
    await call('staff.list', 'forged-y', '10.0.0.99');
    expect(refused().filter((r) => r.device.startsWith('http:10.0.0.99'))).toHaveLength(22);
    expect(verifyChain(sqlite).ok).toBe(true);
  });

  it('invalid input is refused with a Chinese message naming the field, and nothing is written', async () => {
    const c = testConsole();
    const head = await siteHead(c);
    const before = verifyChain(c.app.env.opened.sqlite).count;
    const r = await c.call('staff.create', { staffNo: '', name: '王五', roles: [] }, head);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('BAD_INPUT');
      expect(r.error.message).toMatch(/工号|roles/);
    }
    expect(verifyChain(c.app.env.opened.sqlite).count).toBe(before);
  });

  it('a mutation that fails half-way rolls back its writes and appends no audit event', async () => {
    const c = testConsole();
    await siteHead(c);
    const env = c.app.env;
    const failing = defineCommand({
      name: 'test.half',
      kind: 'mutation',
      access: 'public',
      input: z.object({}),
      handler: (ctx) => {
        ctx.sqlite.prepare("INSERT INTO staff (staff_no, name, created_at) VALUES ('X1', '半途', 'now')").run();
        throw new AppError('CONFLICT', '中途失败', 'failed half-way');
      },
    });
    const crashing = defineCommand({
      name: 'test.crash',
      kind: 'mutation',
      access: 'public',
      input: z.object({}),
      handler: (ctx) => {
        ctx.sqlite.prepare("INSERT INTO staff (staff_no, name, created_at) VALUES ('X2', '崩溃', 'now')").run();
        throw new TypeError('boom at /secret/path.ts:12');
      },
    });
    const reg = new Registry([failing, crashing]);
    const before = verifyChain(env.opened.sqlite).count;
    expect(await dispatch(reg, env, { method: 'test.half', input: {}, device: 't' })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    const crash = await dispatch(reg, env, { method: 'test.crash', input: {}, device: 't' });
    expect(crash).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    expect(JSON.stringify(crash)).not.toContain('/secret/path');
    expect(env.opened.sqlite.prepare("SELECT COUNT(*) AS n FROM staff WHERE staff_no IN ('X1','X2')").get()).toEqual({ n: 0 });
    expect(verifyChain(env.opened.sqlite).count).toBe(before);
  });
});
