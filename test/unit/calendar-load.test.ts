// G5: a year's holiday schedule is validated before it counts (real dates, none twice, a plausible
// count), and replacing a year already loaded shows the difference and needs confirmation; the
// audit keeps the content's hash and the difference.
import { describe, expect, test } from 'vitest';
import { HOLIDAYS_2027, SCHEDULE_2027 } from '../support/calendar-2027';
import { testConsole } from './helpers';

const HEAD = { siteName: '测试考点', headName: '张主任', staffNo: 'H001', pin: '246810' };
async function siteHead(c: ReturnType<typeof testConsole>): Promise<string> {
  await c.ok('setup.init', HEAD);
  return (await c.ok<{ token: string }>('auth.signIn', { staffNo: HEAD.staffNo, pin: HEAD.pin })).token;
}
const loaded = (c: ReturnType<typeof testConsole>) => c.app.env.opened.sqlite.prepare('SELECT COUNT(*) AS n FROM calendar_years WHERE year = 2027').get();

describe('calendar loads', () => {
  test('G5 attack: an impossible date (2027-02-30), a date given twice, an implausible count are refused whole', async () => {
    const c = testConsole();
    const token = await siteHead(c);
    const impossible = await c.call('results.calendar.load', { schedule: { ...SCHEDULE_2027, holidays: [...HOLIDAYS_2027, '2027-02-30'] } }, token);
    expect(impossible.ok ? null : impossible.error).toMatchObject({ code: 'BAD_INPUT', reason: 'results.calendarDatesOutside', params: { year: 2027, dates: '2027-02-30' } });
    const april31 = await c.call('results.calendar.load', { schedule: { holidays: { ...Object.fromEntries(HOLIDAYS_2027.map((d) => [d, 'x'])), '2027-04-31': 'x' } } }, token);
    expect(april31.ok ? null : april31.error).toMatchObject({ reason: 'results.calendarDatesOutside', params: { dates: '2027-04-31' } });
    const twice = await c.call('results.calendar.load', { schedule: { ...SCHEDULE_2027, holidays: [...HOLIDAYS_2027, '2027-10-01'] } }, token);
    expect(twice.ok ? null : twice.error).toMatchObject({ code: 'BAD_INPUT', reason: 'results.calendarDuplicate', params: { dates: '2027-10-01' } });
    const few = await c.call('results.calendar.load', { schedule: { year: 2027, holidays: ['2027-01-01'], workdays: [] } }, token);
    expect(few.ok ? null : few.error).toMatchObject({ code: 'BAD_INPUT', reason: 'results.calendarImplausible', params: { holidays: 1, min: 7 } });
    expect(loaded(c)).toEqual({ n: 0 });
  });

  test('G5: replacing a loaded year is refused with the difference until confirmed with its hash; the audit keeps hash, previous hash and difference', async () => {
    const c = testConsole();
    const token = await siteHead(c);
    const first = await c.ok<{ hash: string; replaced: boolean }>('results.calendar.load', { schedule: SCHEDULE_2027 }, token);
    expect(first).toMatchObject({ replaced: false, hash: expect.stringMatching(/^[0-9a-f]{64}$/) });
    // the same content again changes nothing and needs no confirmation
    expect(await c.ok('results.calendar.load', { schedule: SCHEDULE_2027 }, token)).toMatchObject({ hash: first.hash });
    const changed = { ...SCHEDULE_2027, holidays: [...HOLIDAYS_2027.filter((d) => d !== '2027-10-07'), '2027-10-08'] };
    const silent = await c.call('results.calendar.load', { schedule: changed }, token);
    expect(silent.ok).toBe(false);
    if (silent.ok) return;
    expect(silent.error).toMatchObject({ code: 'CONFLICT', reason: 'results.calendarReplaceConfirm', params: { year: 2027, hash: expect.stringMatching(/^[0-9a-f]{64}$/) } });
    expect(silent.error.details).toEqual({ holidaysAdded: ['2027-10-08'], holidaysRemoved: ['2027-10-07'], workdaysAdded: [], workdaysRemoved: [] });
    const stored = () => JSON.parse((c.app.env.opened.sqlite.prepare('SELECT holidays FROM calendar_years WHERE year = 2027').get() as { holidays: string }).holidays) as string[];
    expect(stored()).toContain('2027-10-07');
    // a confirmation for other content (a stale hash) is refused too
    expect((await c.call('results.calendar.load', { schedule: changed, confirmReplace: first.hash }, token)).ok).toBe(false);
    const hash = String(silent.error.params!.hash);
    const done = await c.ok<{ hash: string; replaced: boolean }>('results.calendar.load', { schedule: changed, confirmReplace: hash }, token);
    expect(done).toEqual({ year: 2027, holidays: HOLIDAYS_2027.length, workdays: 2, hash, replaced: true });
    expect(stored()).toContain('2027-10-08');
    const ev = c.app.env.opened.sqlite.prepare("SELECT detail FROM audit_events WHERE command = 'results.calendar.load' AND outcome = 'ok' ORDER BY seq DESC LIMIT 1").get() as { detail: string };
    expect(JSON.parse(ev.detail)).toMatchObject({ year: 2027, hash, previousHash: first.hash, diff: { holidaysAdded: ['2027-10-08'], holidaysRemoved: ['2027-10-07'] } });
  });
});
