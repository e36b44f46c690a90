import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { Registry, defineCommand, dispatch } from '../../electron/commands/registry';
import { AppError } from '../../electron/services/errors';
import { verifyChain } from '../../electron/services/audit';
import { siteHead, testConsole } from './helpers';

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
    expect(r2).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED', message: '请先登录。' } });
    await c.ok('staff.create', { staffNo: 'P001', name: '王五', roles: ['proctor'], pin: '135790' }, head);
    const proctor = (await c.ok<{ token: string }>('auth.signIn', { staffNo: 'P001', pin: '135790' })).token;
    const r3 = await c.call('staff.create', { staffNo: 'P002', name: '赵六', roles: ['proctor'] }, proctor);
    expect(r3).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    if (!r3.ok) expect(r3.error.message).toContain('监考人员');
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
