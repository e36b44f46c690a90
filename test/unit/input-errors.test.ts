// A refused input names its fields by the labels the forms show, never by their code names
// (`note：`, `decision：`); English names the fields only (the schemas' own messages are Chinese).
import { describe, expect, it } from 'vitest';
import { describeError } from '../../renderer/src/i18n';
import { PROCTOR_A, seedDoor } from '../support/door-seed';
import { siteHead, testConsole } from './helpers';

describe('input errors name the field by its label', () => {
  it('words each issue with its label, or alone when the message already names the field; never the code name', () => {
    const e = {
      code: 'BAD_INPUT' as const,
      reason: 'input.invalid',
      message: '',
      messageEn: '',
      params: { summary: 'decision：无效选项；doubtful.secondPin：请输入 PIN；note：请填写说明', fields: 'decision, doubtful.secondPin, note' },
      details: [
        { path: 'decision', message: '无效选项' },
        { path: 'doubtful.secondPin', message: '请输入 PIN' },
        { path: 'note', message: '请填写说明' },
      ],
    };
    expect(describeError('zh-CN', e)).toBe('请检查：处理决定：无效选项；第二监考人员 PIN：请输入 PIN；请填写说明');
    expect(describeError('en', e)).toBe('Please check: Decision, Second proctor’s PIN, Note');
    expect(describeError('zh-CN', e)).not.toMatch(/decision|note|secondPin/);
  });

  it('a real refusal over the registry reads with the label', async () => {
    const c = testConsole('2026-05-21T08:40:00+08:00');
    await siteHead(c);
    const seed = seedDoor(c.app.env.opened.db, c.clock);
    const token = (await c.ok<{ token: string }>('auth.signIn', { staffNo: PROCTOR_A.staffNo, pin: PROCTOR_A.pin })).token;
    const who = seed.room1Candidates[0]!;
    const r = await c.call(
      'checkin.confirm',
      { sessionId: seed.theorySessionId, roomId: seed.room1.id, candidateId: who.id, method: 'ticket', noPhotoReason: '无', doubtful: { reason: '人像差异', secondStaffNo: 'P002', secondPin: '' } },
      token,
    );
    expect(!r.ok && describeError('zh-CN', r.error)).toBe('请检查：第二监考人员 PIN：请输入 PIN');
  });
});
