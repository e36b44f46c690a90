// Every form maps a refusal the same way (renderer/src/components/formErrors.ts): under the field it
// names, by the label the form shows (never `note：`, `decision：`, `pin:`), or beside the button.
import { describe, expect, it } from 'vitest';
import type { ErrorData } from '../../electron/commands/api';
import { filled, formErrors } from '../../renderer/src/components/formErrors';
import { HEAD, siteHead, testConsole } from './helpers';

const STAFF_LABELS = { staffNo: 'staff.col.staffNo', name: 'staff.col.name', roles: 'staff.col.roles', workUnit: 'staff.col.workUnit' } as const;

async function refusal(method: string, input: unknown, token: string | null, c: ReturnType<typeof testConsole>): Promise<ErrorData> {
  const r = await c.call(method, input, token);
  if (r.ok) throw new Error(`${method} was accepted`);
  return r.error;
}

describe('a refusal goes under the field it names, by the form’s label', () => {
  it('a refused input over the registry: each issue under its field, worded with the label', async () => {
    const c = testConsole();
    const head = await siteHead(c);
    const e = await refusal('staff.create', { staffNo: 'S001', name: '张'.repeat(80), roles: [], workUnit: 'x'.repeat(101) }, head, c);
    const zh = formErrors('zh-CN', e, STAFF_LABELS);
    expect(Object.keys(zh.fields).sort()).toEqual(['name', 'roles', 'workUnit']);
    expect(zh.fields.roles).toBe('至少选择一个角色'); // the message names the field already
    expect(zh.fields.name).toMatch(/^姓名：/);
    expect(zh.fields.workUnit).toMatch(/^工作单位：/);
    expect(zh.general).toBeNull();
    const en = formErrors('en', e, STAFF_LABELS);
    expect(en.fields.roles).toBe('Roles: not accepted');
    expect(en.fields.name).toBe('Name: not accepted');
    for (const words of [...Object.values(zh.fields), ...Object.values(en.fields)]) expect(words).not.toMatch(/roles|workUnit|name：/);
  });

  it('a coded refusal the form ties to a field (reason, its prefix, or the code) goes under it; nothing else does', async () => {
    const c = testConsole();
    const head = await siteHead(c);
    await c.ok('staff.create', { staffNo: 'S001', name: '王五', roles: ['proctor'] }, head);
    const dup = await refusal('staff.create', { staffNo: 'S001', name: '赵六', roles: ['proctor'] }, head, c);
    expect(formErrors('zh-CN', dup, STAFF_LABELS, { 'staff.exists': 'staffNo' })).toEqual({ fields: { staffNo: '工号 S001 已存在。' }, general: null });
    // the form did not tie this reason to a field: beside the button, as a sentence
    const loose = formErrors('zh-CN', dup, STAFF_LABELS);
    expect(loose.fields).toEqual({});
    expect(loose.general).toMatch(/S001/);

    const wrong = await refusal('auth.changePin', { oldPin: '999999', newPin: '470125' }, head, c);
    const byCode = formErrors('zh-CN', wrong, { oldPin: 'pin.old', newPin: 'pin.new' }, { PIN_WRONG: 'oldPin' });
    expect(Object.keys(byCode.fields)).toEqual(['oldPin']);
    expect(byCode.fields.oldPin).toMatch(/^原 PIN：/);
    const weak = await refusal('auth.changePin', { oldPin: HEAD.pin, newPin: '123456' }, head, c);
    expect(weak.reason).toMatch(/^auth\.pinWeak\./);
    // a prefix of the reason names the field; the message already says PIN but not the label: the label leads
    expect(formErrors('zh-CN', weak, { oldPin: 'pin.old', newPin: 'pin.new' }, { 'auth.pinWeak': 'newPin' }).fields.newPin).toMatch(/^新 PIN：PIN 不能/);
  });

  it('a path the form does not show stays beside the button, without its code name; nested paths find their field', () => {
    const e: ErrorData = {
      code: 'BAD_INPUT',
      reason: 'input.invalid',
      message: '',
      messageEn: '',
      details: [
        { path: 'second.pin', message: '请输入 PIN' },
        { path: 'entries.3.score', message: '超出满分' },
        { path: 'internalFlag', message: '无效' },
      ],
    };
    const out = formErrors('zh-CN', e, { 'second.pin': 'field.secondPin', score: 'field.minutes' });
    expect(out.fields).toEqual({ 'second.pin': '第二监考人员 PIN：请输入 PIN', score: '分钟数：超出满分' });
    expect(out.general).toBe('请检查：无效');
    expect(out.general).not.toMatch(/internalFlag/);
    // a message that already names the field by its label is not doubled
    const named: ErrorData = { ...e, details: [{ path: 'note', message: '请填写说明' }] };
    expect(formErrors('zh-CN', named, { note: 'field.note' }).fields.note).toBe('请填写说明');
    // a field without a form label falls back to the shared field.<key> label
    expect(formErrors('zh-CN', named, {}).fields).toEqual({});
  });

  it('the button waits for required values: blank text, an empty list, no choice are empty', () => {
    expect(filled({ a: ' ', b: ['x'] }, ['a', 'b'])).toBe(false);
    expect(filled({ a: 'x', b: [] }, ['a', 'b'])).toBe(false);
    expect(filled({ a: 'x', b: ['y'], n: 0 }, ['a', 'b', 'n'])).toBe(true);
    expect(filled({ a: 'x' }, ['a', 'missing'])).toBe(false);
    expect(filled({ ok: false }, ['ok'])).toBe(false);
    expect(filled(undefined, ['a'])).toBe(false);
    expect(filled(undefined, [])).toBe(true);
  });
});

describe('several input keys under one field', () => {
  it('an alias puts an input key under the field that shows it, named by that field’s label', () => {
    const e: ErrorData = { code: 'BAD_INPUT', reason: 'input.invalid', message: '', messageEn: '', details: [{ path: 'second.staffNo', message: '请选择第二名监考人员' }] };
    const out = formErrors('zh-CN', e, { second: 'inc.form.second' }, {}, { 'second.staffNo': 'second', 'second.pin': 'second' });
    expect(out).toEqual({ fields: { second: '第二名监考人员签字：请选择第二名监考人员' }, general: null });
    const pin: ErrorData = { code: 'PIN_WRONG', reason: 'auth.pinWrong', message: '', messageEn: '' };
    expect(formErrors('zh-CN', pin, { second: 'inc.form.second' }, {}, { 'second.pin': 'second' }).general).toBe('工号或 PIN 不正确。');
    expect(formErrors('zh-CN', { ...pin, params: { field: 'second.pin' } }, { second: 'inc.form.second' }, {}, { 'second.pin': 'second' }).fields.second).toBe('第二名监考人员签字：工号或 PIN 不正确。');
  });
});
