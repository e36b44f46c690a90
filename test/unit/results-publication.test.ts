// Publication (G5) on the Chinese calendar, objections, the confirmation, and the forms (G6).
import ExcelJS from 'exceljs';
import { describe, expect, test } from 'vitest';
import { WorkCalendar, publicationEnd } from '../../electron/services/results/calendar';
import { neutralise } from '../../electron/services/results/forms';
import type { Sqlite } from '../../db';
import { uploadGate } from '../../electron/services/publication/gate';
import { ManualClock } from '../../electron/services/runtime';
import { scoreAllRaw, scoringDay, sealDay } from '../support/scoring-seed';
import { siteHead, testConsole } from './helpers';


/** The G5 gate as the sync engine asks for it, on the site's day `today` (noon, Beijing time). */
const gateOn = (sqlite: Sqlite, batchId: number, today: string) => uploadGate({ sqlite, clock: new ManualClock(`${today}T12:00:00+08:00`) }, batchId);

describe('G5 working days', () => {
  test('G5: a period over the National Day holiday ends on the right date (holidays off, the 10-10 make-up Saturday on)', () => {
    const c = testConsole();
    const cal = new WorkCalendar(c.app.env.opened.sqlite);
    // 9-30 (1), 10-1..10-7 off, 10-8 (2), 10-9 (3), Sat 10-10 make-up (4), Sun 10-11 off, 10-12 (5)
    expect(publicationEnd(cal, '2026-09-30')).toBe('2026-10-12');
    // an ordinary week: Mon 2026-05-25 → Fri 05-29
    expect(publicationEnd(cal, '2026-05-25')).toBe('2026-05-29');
    // a start on a weekend counts from Monday
    expect(publicationEnd(cal, '2026-05-23')).toBe('2026-05-29');
  });

  test('G5: a period reaching into a year the calendar lacks is refused; loading that year’s schedule lets it through', async () => {
    const c = testConsole('2026-12-20T09:00:00+08:00');
    const token = await siteHead(c);
    const status = await c.ok<{ years: { year: number }[] }>('results.calendar.status', {}, token);
    expect(status.years.map((y) => y.year)).toContain(2026);
    expect(status.years.map((y) => y.year)).not.toContain(2027);
    const cal = () => new WorkCalendar(c.app.env.opened.sqlite);
    let thrown: unknown = null;
    try {
      publicationEnd(cal(), '2026-12-28');
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toMatchObject({ code: 'CONFLICT', reason: 'results.calendarMissingYear', params: { year: 2027 } });
    // a start date whose five working days stay inside 2026 is fine
    expect(publicationEnd(cal(), '2026-12-21')).toBe('2026-12-25');
    // a bad schedule is refused whole
    const bad = await c.call('results.calendar.load', { schedule: { year: 2027, holidays: ['2027-01-01', '2028-01-03'], workdays: [] } }, token);
    expect(bad.ok ? null : bad.error).toMatchObject({ code: 'BAD_INPUT', reason: 'results.calendarDatesOutside', params: { year: 2027, dates: '2028-01-03' } });
    // the official 2027 schedule (as the site loads it; chinese-days' own shape works too)
    await c.ok('results.calendar.load', { schedule: { holidays: { '2027-01-01': "New Year's Day,元旦,1" }, workdays: {}, source: '国务院办公厅 2027 年放假安排' } }, token);
    // 12-28 (1) … 12-31 (4), 2027-01-01 off, weekend, 01-04 (5)
    expect(publicationEnd(cal(), '2026-12-28')).toBe('2027-01-04');
    expect((await c.ok<{ years: { year: number; source: string }[] }>('results.calendar.status', {}, token)).years).toContainEqual({ year: 2027, source: 'loaded' });
  });
});


describe('publication and forms', () => {
  test('G5/G6: the list is published with masked IDs; an open objection blocks the confirmation until decided; 确认单 names those who passed', async () => {
    const c = testConsole();
    const day = await scoringDay(c);
    scoreAllRaw(c.app.env.opened.sqlite, day);
    // a publication that runs over the National Day holiday
    c.clock.set('2026-09-29T09:00:00+08:00');
    day.token = (await c.ok<{ token: string }>('auth.signIn', { staffNo: 'H001', pin: '246810' })).token;
    const sqlite = c.app.env.opened.sqlite;
    // a name that would be a formula in a spreadsheet, and a rare character (P11)
    const first = day.panels[0]!.candidateIds[0]!;
    sqlite.prepare('UPDATE candidates SET name = ? WHERE id = ?').run('=HYPERLINK("http://x","𪚥")', first);

    // S9: what is published is the sealed version: refused before the seal, saying where to go
    const early = await c.call('results.publication.open', { batchId: day.batchId, startDate: '2026-09-30' }, day.token);
    expect(early.ok ? null : early.error).toMatchObject({ code: 'CONFLICT', reason: 'publication.notSealed', params: { batchId: day.batchId } });
    expect(await c.ok<{ ok: boolean }>('results.publication.basis', { batchId: day.batchId }, day.token)).toMatchObject({ ok: false, refusal: { code: 'CONFLICT', reason: 'publication.notSealed' } });
    expect(sqlite.prepare('SELECT COUNT(*) AS n FROM publications').get()).toEqual({ n: 0 });
    const sealed = await sealDay(c, day);
    expect(await c.ok('results.publication.basis', { batchId: day.batchId }, day.token)).toMatchObject({ ok: true, version: 1, hash: sealed.hash, candidates: 120 });
    // G5: nothing goes to the platform before the publication
    expect(gateOn(sqlite, day.batchId, '2026-09-29')).toEqual({ clear: false, holds: [{ code: 'notPublished', params: {} }] });

    const pub = await c.ok<{ id: number; endDate: string; count: number; version: number; hash: string }>('results.publication.open', { batchId: day.batchId, startDate: '2026-09-30' }, day.token);
    expect(pub).toMatchObject({ endDate: '2026-10-12', count: 120, version: 1, hash: sealed.hash });
    const list = await c.ok<{ version: number; snapshot: { candidateId: number; docMasked: string; passed: string; subjects: { result: string }[] }[] }[]>(
      'results.publication.list',
      { batchId: day.batchId },
      day.token,
    );
    expect(list[0]!.version).toBe(1);
    expect(list[0]!.snapshot[0]!.docMasked).toMatch(/^\d{4}\*{10}\d{3}[\dX]$/);
    // the list is the package's: every candidate's outcome as sealed
    const body = JSON.parse((sqlite.prepare('SELECT body FROM sealed_packages WHERE hash = ?').get(sealed.hash) as { body: string }).body) as {
      content: { results: { candidateId: number; outcome: string }[] };
    };
    const sealedOutcome = new Map(body.content.results.map((r) => [r.candidateId, r.outcome]));
    for (const row of list[0]!.snapshot) expect(row.passed === '是').toBe(sealedOutcome.get(row.candidateId) === 'passed');
    expect(gateOn(sqlite, day.batchId, '2026-10-12')).toEqual({ clear: false, holds: [{ code: 'periodRunning', params: { end: '2026-10-12' } }] });

    const obj = await c.ok<{ id: number }>('results.objection.record', { publicationId: pub.id, candidateId: first, raisedBy: '考生本人', content: '对操作技能成绩有异议' }, day.token);
    c.clock.set('2026-10-13T09:00:00+08:00');
    day.token = (await c.ok<{ token: string }>('auth.signIn', { staffNo: 'H001', pin: '246810' })).token;
    const blocked = await c.call('results.confirmation', { publicationId: pub.id }, day.token);
    expect(blocked.ok ? null : blocked.error).toMatchObject({ code: 'CONFLICT', reason: 'publication.objectionsOpen', params: { n: 1 } });
    expect(gateOn(sqlite, day.batchId, '2026-10-13')).toEqual({ clear: false, holds: [{ code: 'objectionsOpen', params: { n: 1 } }] });
    const early2 = await c.call('results.objection.resolve', { objectionId: obj.id, decision: '维持', outcome: 'rejected' }, day.token); // investigation first
    expect(early2.ok ? null : early2.error).toMatchObject({ code: 'CONFLICT', reason: 'publication.investigateFirst' });
    await c.ok('results.objection.investigate', { objectionId: obj.id, investigation: '调阅评分记录表与监控录像，三名考评员评分一致。' }, day.token);
    await c.ok('results.objection.resolve', { objectionId: obj.id, decision: '经调查，评分无误，维持原成绩。', outcome: 'rejected' }, day.token);
    const conf = await c.ok<{ names: string[]; sentence: string; occupation: string }[]>('results.confirmation', { publicationId: pub.id }, day.token);
    // G5: period over, objection decided: the sealed package may go to the platform
    expect(gateOn(sqlite, day.batchId, '2026-10-13')).toEqual({ clear: true, holds: [] });
    expect(conf.length).toBeGreaterThan(0);
    expect(conf[0]!.sentence).toMatch(/^以上共 \d+ 名人员，通过 .+ 职业 .+ 等级职业技能等级认定，经公示无异议。$/);
    const results = await c.ok<{ outcome: string }[]>('results.list', { batchId: day.batchId }, day.token);
    expect(conf.reduce((s, g) => s + g.names.length, 0)).toBe(results.filter((r) => r.outcome === 'passed').length);

    // forms: the summary neutralises the formula-like name and keeps the rare character
    const x = await c.ok<{ data: string }>('results.forms.xlsx', { batchId: day.batchId, form: 'summary' }, day.token);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(x.data, 'base64') as unknown as ArrayBuffer);
    const names: unknown[] = [];
    wb.worksheets[0]!.eachRow((row) => names.push(row.getCell(2).value));
    expect(names).toContain(`'=HYPERLINK("http://x","𪚥")`);
    expect(wb.worksheets[0]!.getRow(4).values).toEqual(expect.arrayContaining(['序号', '姓名', '证件号码', '准考证号', '职业（工种）', '等级', '理论知识成绩', '操作技能成绩', '是否通过']));
    for (const form of ['publication', 'confirmation'] as const) {
      const f = await c.ok<{ data: string }>('results.forms.xlsx', { batchId: day.batchId, form, publicationId: pub.id }, day.token);
      expect(Buffer.from(f.data, 'base64').subarray(0, 2).toString()).toBe('PK');
      if (form === 'publication') {
        // the published list names the sealed version it shows (S9)
        const pw = new ExcelJS.Workbook();
        await pw.xlsx.load(Buffer.from(f.data, 'base64') as unknown as ArrayBuffer);
        const cells: string[] = [];
        pw.worksheets[0]!.eachRow((row) => row.eachCell((cell) => cells.push(String(cell.value))));
        expect(cells.join('\n')).toContain(`公示依据：封存第 1 版（SHA-256 ${sealed.hash.slice(0, 16)}…）`);
      }
    }
    const sheets = await c.ok<{ data: string }>('results.forms.xlsx', { batchId: day.batchId, form: 'sheets', subjectId: day.panels[0]!.subjectId }, day.token);
    const wb2 = new ExcelJS.Workbook();
    await wb2.xlsx.load(Buffer.from(sheets.data, 'base64') as unknown as ArrayBuffer);
    const text: string[] = [];
    wb2.worksheets[0]!.eachRow((row) => row.eachCell((cell) => text.push(String(cell.value))));
    expect(text).toContain('安全文明生产（劳保穿戴、规范操作、场地整洁）');
    expect(text).toContain('考评员签名');
  });

  test('formula injection: = + - @ tab and CR are neutralised, numbers are not', () => {
    expect(neutralise('=1+1')).toBe("'=1+1");
    expect(neutralise('+86')).toBe("'+86");
    expect(neutralise('-5')).toBe("'-5");
    expect(neutralise('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(neutralise('\tx')).toBe("'\tx");
    expect(neutralise('李𠀋明')).toBe('李𠀋明');
    expect(neutralise(-5)).toBe(-5);
  });
});
