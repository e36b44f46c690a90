// Hostile files through every import (the plan's workbook, CSVs and photo zip, the theory-score file,
// the calendar): each ends in a correct import or a clear coded error worded in Chinese first,
// writes nothing when refused, and stays within a memory bound (the process's peak RSS, which
// counts the import worker too). Time is not asserted (benchmarks do that); each case has a
// generous timeout only so a reader that walks every cell of a sheet fails here rather than hangs.
import iconv from 'iconv-lite';
import { afterAll, beforeEach, describe, expect, test } from 'vitest';
import type { CallResult } from '../../electron/commands/registry';
import { PHOTO_LIMITS } from '../../electron/domain/limits';
import { writePlanWorkbook } from '../../electron/services/plan/writer';
import { describeError } from '../../renderer/src/i18n';
import { HOLIDAYS_2027, SCHEDULE_2027 } from '../support/calendar-2027';
import { editSheet, gbkNamedZip, lieAboutSizes, peakRss, randomFile, rawWorkbook, SHEET_HEAD, SHEET_TAIL, truncated, workbookOf, zipOf } from '../support/hostile';
import { csvFiles, demoPackage, editWorkbook, photosZip } from '../support/plan-fixtures';
import { facePhotos } from '../../scripts/plan/generate';
import { siteHead, testConsole, type TestConsole } from './helpers';

const MiB = 1024 * 1024;
/** what one import may add to the process's peak memory (the target) */
const MEMORY_BOUND = 512 * MiB;
const CASE_TIMEOUT = 120_000;

const figures: { case: string; ms: number; peakMb: number; sampledMb: number; outcome: string }[] = [];
afterAll(() => {
  // the measured figures, for the closing note and the benchmarks' comparison
  console.log(
    [
      'hostile files: case | time ms | peak RSS above the earlier peak MB | RSS growth sampled while it ran MB | outcome',
      ...figures.map((f) => `${f.case} | ${f.ms} | ${f.peakMb} | ${f.sampledMb} | ${f.outcome}`),
    ].join('\n'),
  );
});

type File = { name: string; data: Buffer };
const b64 = (f: File) => ({ name: f.name, data: f.data.toString('base64') });

/** Runs one import, measuring its time and how far it pushed the peak RSS; asserts the bound. */
async function measured(name: string, run: () => Promise<CallResult>): Promise<CallResult> {
  const before = peakRss();
  const rss0 = process.memoryUsage.rss();
  // sampled as it runs (the main thread is free while the import worker reads); the peak below catches a blocked one
  let sampled = rss0;
  const probe = setInterval(() => (sampled = Math.max(sampled, process.memoryUsage.rss())), 10);
  const t0 = performance.now();
  let r: CallResult;
  try {
    r = await run();
  } finally {
    clearInterval(probe);
  }
  sampled = Math.max(sampled, process.memoryUsage.rss());
  const growth = peakRss() - before;
  figures.push({ case: name, ms: Math.round(performance.now() - t0), peakMb: Math.round(growth / MiB), sampledMb: Math.round((sampled - rss0) / MiB), outcome: r.ok ? 'ok' : `${r.error.code} ${r.error.reason ?? ''}` });
  expect(growth, `${name}: peak memory grew by ${Math.round(growth / MiB)} MB`).toBeLessThan(MEMORY_BOUND);
  expect(sampled - rss0, `${name}: memory grew by ${Math.round((sampled - rss0) / MiB)} MB while it ran`).toBeLessThan(MEMORY_BOUND);
  return r;
}

/** A refusal is coded (a reason the catalogue words, Chinese first), never an internal error. */
function expectClearRefusal(r: CallResult, code: string, reason?: RegExp): void {
  expect(r.ok, JSON.stringify(r).slice(0, 300)).toBe(false);
  if (r.ok) return;
  expect(r.error.code).toBe(code);
  if (reason) expect(r.error.reason).toMatch(reason);
  const zh = describeError('zh-CN', r.error);
  expect(zh).toMatch(/[\u4e00-\u9fff]/);
  expect(zh).not.toMatch(/error\.|undefined|\{[a-z]+\}/);
  expect(describeError('en', r.error)).not.toMatch(/[\u4e00-\u9fff]{4}/);
}

const count = (c: TestConsole, sql: string): number => (c.app.env.opened.sqlite.prepare(sql).get() as { n: number }).n;
const state = (c: TestConsole) => ({
  candidates: count(c, 'SELECT COUNT(*) AS n FROM candidates'),
  photos: count(c, 'SELECT COUNT(*) AS n FROM candidates WHERE photo IS NOT NULL'),
  biggestPhoto: count(c, 'SELECT COALESCE(MAX(LENGTH(photo)), 0) AS n FROM candidates'),
  theory: count(c, 'SELECT COUNT(*) AS n FROM theory_imports'),
  calendar: count(c, 'SELECT COUNT(*) AS n FROM calendar_years'),
  audit: count(c, 'SELECT COUNT(*) AS n FROM audit_events'),
});

const pkg = demoPackage();
let demoWorkbook: File | null = null;
async function workbook(): Promise<File> {
  demoWorkbook ??= { name: 'plan.xlsx', data: await writePlanWorkbook(pkg) };
  return demoWorkbook;
}

async function freshConsole(): Promise<{ c: TestConsole; token: string }> {
  const c = testConsole();
  return { c, token: await siteHead(c) };
}

/** Imports files on a fresh console; a refusal must leave it as it was. */
async function planImport(name: string, files: File[]): Promise<{ r: CallResult; c: TestConsole }> {
  const { c, token } = await freshConsole();
  const before = state(c);
  const r = await measured(name, () => c.call('plan.import', { files: files.map(b64) }, token));
  if (!r.ok) expect(state(c), `${name}: nothing written`).toEqual(before);
  return { r, c };
}

describe('hostile files: the plan workbook and CSVs', () => {
  test('random bytes named .xlsx: unreadable, nothing written', async () => {
    const { r } = await planImport('plan: random bytes .xlsx', [{ name: 'plan.xlsx', data: randomFile(64 * 1024) }]);
    expectClearRefusal(r, 'PLAN_INVALID', /^plan\.invalid$/);
  }, CASE_TIMEOUT);

  test('a truncated workbook: unreadable, nothing written', async () => {
    const { r } = await planImport('plan: truncated .xlsx', [{ name: 'plan.xlsx', data: truncated((await workbook()).data) }]);
    expectClearRefusal(r, 'PLAN_INVALID');
  }, CASE_TIMEOUT);

  test('a 0.2 MB workbook whose sheet inflates to 200 MB: refused at the inflated limit', async () => {
    const data = await rawWorkbook({ fill: { size: 200 * MiB, piece: ' ', head: SHEET_HEAD, tail: SHEET_TAIL } }, '考生');
    expect(data.length).toBeLessThan(1 * MiB);
    const { r } = await planImport('plan: 200 MB sheet bomb', [{ name: 'plan.xlsx', data }]);
    expectClearRefusal(r, 'LIMIT_EXCEEDED', /^limits\.zip(Entry|Inflated)$/);
  }, CASE_TIMEOUT);

  test('the same bomb lying about its size: stopped while inflating', async () => {
    const data = lieAboutSizes(await rawWorkbook({ fill: { size: 200 * MiB, piece: ' ', head: SHEET_HEAD, tail: SHEET_TAIL } }, '考生'), 4096);
    const { r } = await planImport('plan: lying sheet bomb', [{ name: 'plan.xlsx', data }]);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(['PLAN_INVALID', 'LIMIT_EXCEEDED']).toContain(r.error.code);
  }, CASE_TIMEOUT);

  test('a value at XFD1048576 of the candidates sheet: refused naming the cell', async () => {
    const data = await editSheet((await workbook()).data, '考生', (ws) => {
      ws.getCell('XFD1048576').value = 'x';
    });
    const { r } = await planImport('plan: value at XFD1048576', [{ name: 'plan.xlsx', data }]);
    expectClearRefusal(r, 'LIMIT_EXCEEDED', /^limits\.workbook(Columns|Rows)$/);
    if (!r.ok) expect(describeError('zh-CN', r.error)).toContain('XFD1048576');
  }, CASE_TIMEOUT);

  test('styled empty cells far right and far down cost nothing: the plan imports', async () => {
    const data = await editSheet((await workbook()).data, '考生', (ws) => {
      ws.getCell('XFD2').style = { font: { bold: true } };
      ws.getCell('XFD1048576').style = { font: { bold: true } };
    });
    const { r, c } = await planImport('plan: styled cells at XFD', [{ name: 'plan.xlsx', data }]);
    expect(r.ok, JSON.stringify(r).slice(0, 300)).toBe(true);
    expect(state(c).candidates).toBe(120);
  }, CASE_TIMEOUT);

  test('formula, control and right-to-left text in cells: a clear outcome, formulas never run', async () => {
    const edited = await editWorkbook(await workbook(), [
      { sheet: '考生', row: 2, column: '工作单位', value: '=HYPERLINK("http://evil.example","点击")' },
      { sheet: '考生', row: 3, column: '工作单位', value: { formula: 'CONCAT("a","b")', result: 'ab' } },
      { sheet: '考生', row: 4, column: '工作单位', value: '枣庄\u0007\u202Eлегко\u202C机床厂' },
      { sheet: '考生', row: 5, column: '姓名', value: '\u202E明小李' },
    ]);
    const { r, c } = await planImport('plan: formula/control/RTL cells', [edited]);
    if (r.ok) {
      expect(state(c).candidates).toBe(120);
      const units = (c.app.env.opened.sqlite.prepare('SELECT work_unit AS u FROM candidates WHERE work_unit IS NOT NULL').all() as { u: string }[]).map((x) => x.u);
      // the text as typed (the forms' writer neutralises it on the way out), the formula's cached result only
      expect(units).toContain('=HYPERLINK("http://evil.example","点击")');
      expect(units).not.toContain('CONCAT("a","b")');
    } else expectClearRefusal(r, 'PLAN_INVALID');
  }, CASE_TIMEOUT);

  test('a 5 MB cell: refused at the cell limit', async () => {
    const edited = await editWorkbook(await workbook(), [{ sheet: '考生', row: 2, column: '工作单位', value: 'x'.repeat(5 * MiB) }]);
    const { r } = await planImport('plan: 5 MB cell', [edited]);
    expectClearRefusal(r, 'LIMIT_EXCEEDED', /^limits\.workbookCellChars$/);
  }, CASE_TIMEOUT);

  test('wrong headers: every missing column named, nothing written', async () => {
    const edited = await editWorkbook(await workbook(), [{ sheet: '考生', row: 1, column: '准考证号', value: '考号码' }]);
    const { r } = await planImport('plan: wrong headers', [edited]);
    expectClearRefusal(r, 'PLAN_INVALID');
  }, CASE_TIMEOUT);

  for (const enc of ['gbk', 'gb18030', 'utf-8 with BOM'] as const) {
    test(`CSV files in ${enc}: imported as the workbook would be`, async () => {
      const files = await csvFiles(pkg, enc === 'utf-8 with BOM' ? 'utf-8' : enc);
      const withBom = enc === 'utf-8 with BOM' ? files.map((f) => ({ ...f, data: Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), f.data]) })) : files;
      const { r, c } = await planImport(`plan: CSV ${enc}`, withBom);
      expect(r.ok, JSON.stringify(r).slice(0, 300)).toBe(true);
      expect(state(c).candidates).toBe(120);
      // P11: GB18030 and UTF-8 carry Extension B names; GBK cannot (it has no such characters)
      const rare = pkg.candidates.find((x) => /[\u{20000}-\u{2FFFF}]/u.test(x.name));
      if (rare && enc !== 'gbk') expect(count(c, `SELECT COUNT(*) AS n FROM candidates WHERE name = '${rare.name}'`)).toBe(1);
    }, CASE_TIMEOUT);
  }

  test('a CSV whose quote never closes, running 5 MB: refused at the line limit', async () => {
    const files = await csvFiles(pkg, 'utf-8');
    const bad = files.map((f) => (f.name === '考生.csv' ? { ...f, data: Buffer.concat([f.data, Buffer.from('\n"'), Buffer.alloc(5 * MiB, 0x41)]) } : f));
    const { r } = await planImport('plan: 5 MB unclosed quote CSV', bad);
    expectClearRefusal(r, 'LIMIT_EXCEEDED', /^limits\.csvLine$/);
  }, CASE_TIMEOUT);

  test('random bytes named 考生.csv: a clear refusal', async () => {
    const files = await csvFiles(pkg, 'utf-8');
    const bad = files.map((f) => (f.name === '考生.csv' ? { ...f, data: randomFile(256 * 1024) } : f));
    const { r } = await planImport('plan: random bytes CSV', bad);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(['PLAN_INVALID', 'LIMIT_EXCEEDED']).toContain(r.error.code);
    if (!r.ok) expect(r.error.reason).toBeTruthy();
  }, CASE_TIMEOUT);
});

describe('hostile files: the photo zip (P7)', () => {
  const faces = facePhotos();
  const photoEntries = () => pkg.candidates.map((c, i) => ({ name: `${c.ticketNo}.jpg`, data: faces[i % faces.length]! }));

  test('a 320 MiB "photo" in a small zip: not inflated past the photo limit, not stored; the rest imported', async () => {
    const victim = pkg.candidates[0]!.ticketNo;
    const entries = photoEntries().filter((e) => e.name !== `${victim}.jpg`);
    const zip = await zipOf([...entries, { name: `${victim}.jpg`, fill: { size: 320 * MiB, piece: Buffer.from([0xff, 0xd8, 0xff, 0xe0]) } }]);
    expect(zip.length).toBeLessThan(4 * MiB);
    const { r, c } = await planImport('photos: 320 MiB photo', [await workbook(), { name: 'photos.zip', data: zip }]);
    expect(r.ok, JSON.stringify(r).slice(0, 300)).toBe(true);
    expect(state(c).photos).toBe(119);
    expect(count(c, `SELECT COUNT(*) AS n FROM candidates WHERE ticket_no = '${victim}' AND photo IS NULL`)).toBe(1);
    expect(state(c).biggestPhoto).toBeLessThanOrEqual(PHOTO_LIMITS.bytes);
  }, CASE_TIMEOUT);

  test('a small zip that inflates to 320 MiB while lying about its sizes: stopped, a clear outcome', async () => {
    const bombs = [0, 1, 2, 3].map((i) => ({ name: `${pkg.candidates[i]!.ticketNo}.jpg`, fill: { size: 80 * MiB, piece: Buffer.from([0]) } }));
    const zip = lieAboutSizes(await zipOf([...photoEntries().slice(4), ...bombs]), 3000);
    const { r, c } = await planImport('photos: lying 320 MiB bomb', [await workbook(), { name: 'photos.zip', data: zip }]);
    if (r.ok) expect(state(c).biggestPhoto).toBeLessThanOrEqual(PHOTO_LIMITS.bytes);
    else expectClearRefusal(r, 'PLAN_INVALID');
  }, CASE_TIMEOUT);

  test('entries named in GBK under 照片/ (Chinese Windows): every photo found', async () => {
    const zip = await gbkNamedZip(photoEntries().map((e) => ({ name: `照片/${e.name}`, data: e.data })));
    expect(zip.includes(iconv.encode('照片', 'gbk'))).toBe(true);
    const { r, c } = await planImport('photos: GBK names', [await workbook(), { name: '考生照片.zip', data: zip }]);
    expect(r.ok, JSON.stringify(r).slice(0, 300)).toBe(true);
    expect(state(c).photos).toBe(120);
  }, CASE_TIMEOUT);

  test('random bytes and text named .jpg: not stored; the real photos are', async () => {
    const entries = photoEntries();
    entries[0]!.data = randomFile(8 * 1024);
    entries[1]!.data = Buffer.from('<script>alert(1)</script>');
    const { r, c } = await planImport('photos: not images', [await workbook(), { name: 'photos.zip', data: await zipOf(entries) }]);
    expect(r.ok, JSON.stringify(r).slice(0, 300)).toBe(true);
    expect(state(c).photos).toBe(118);
  }, CASE_TIMEOUT);

  test('a truncated photo zip: unreadable, nothing written', async () => {
    const { r } = await planImport('photos: truncated zip', [await workbook(), { name: 'photos.zip', data: truncated((await photosZip(pkg)).data, 0.7) }]);
    expectClearRefusal(r, 'PLAN_INVALID');
  }, CASE_TIMEOUT);
});

describe('hostile files: the theory-score file (G2)', () => {
  // one site per test (each test's console is closed after it)
  let site: { c: TestConsole; token: string; subjectId: number; rows: (string | number)[][] } | null = null;
  beforeEach(() => {
    site = null;
  });
  async function theorySite() {
    if (site) return site;
    const { c, token } = await freshConsole();
    const r = await c.call('plan.import', { files: [b64(await workbook())] }, token);
    expect(r.ok).toBe(true);
    const subjectId = count(c, "SELECT MIN(id) AS n FROM subjects WHERE kind = 'theory'");
    const cands = c.app.env.opened.sqlite
      .prepare('SELECT c.ticket_no AS t, c.doc_number AS d, c.name FROM candidates c JOIN candidate_subjects cs ON cs.candidate_id = c.id WHERE cs.subject_id = ? ORDER BY c.id')
      .all(subjectId) as { t: string; d: string; name: string }[];
    const rows: (string | number)[][] = [['准考证号', '身份证号', '姓名', '成绩'], ...cands.map((x, i) => [x.t, x.d, x.name, 60 + (i % 40)])];
    site = { c, token, subjectId, rows };
    return site;
  }
  async function theory(name: string, file: File): Promise<CallResult> {
    const s = await theorySite();
    const before = state(s.c);
    const r = await measured(name, () => s.c.call('theory.import', { subjectId: s.subjectId, file: b64(file) }, s.token));
    if (!r.ok) expect(state(s.c), `${name}: nothing written`).toEqual(before);
    return r;
  }
  const matched = (r: CallResult) => (r.ok ? (r.data as { report: { matched: number } }).report.matched : -1);
  const csv = (rows: (string | number)[][]) => rows.map((r) => r.join(',')).join('\r\n');

  test('a styled cell at XFD on every row costs nothing: every row matched', async () => {
    const s = await theorySite();
    const data = await workbookOf('成绩', s.rows, (ws) => {
      for (let r = 1; r <= s.rows.length; r++) ws.getCell(`XFD${r}`).style = { font: { bold: true } };
    });
    const r = await theory('theory: styled XFD on every row', { name: '成绩.xlsx', data });
    expect(r.ok, JSON.stringify(r).slice(0, 300)).toBe(true);
    expect(matched(r)).toBe(s.rows.length - 1);
  }, CASE_TIMEOUT);

  test('a value at XFD1, random bytes, a truncated workbook, a 200 MB sheet: each refused with its reason', async () => {
    const s = await theorySite();
    const far = await workbookOf('成绩', s.rows, (ws) => {
      ws.getCell('XFD1').value = '备注';
    });
    expectClearRefusal(await theory('theory: value at XFD1', { name: '成绩.xlsx', data: far }), 'LIMIT_EXCEEDED', /^limits\.workbookColumns$/);
    expectClearRefusal(await theory('theory: random bytes .xlsx', { name: '成绩.xlsx', data: randomFile(32 * 1024) }), 'BAD_INPUT', /^scoring\.theoryUnreadable$/);
    const whole = await workbookOf('成绩', s.rows);
    expectClearRefusal(await theory('theory: truncated .xlsx', { name: '成绩.xlsx', data: truncated(whole) }), 'BAD_INPUT', /^scoring\.theoryUnreadable$/);
    const bomb = await rawWorkbook({ fill: { size: 200 * MiB, piece: '<row/>', head: SHEET_HEAD, tail: SHEET_TAIL } }, '成绩');
    expectClearRefusal(await theory('theory: 200 MB sheet bomb', { name: '成绩.xlsx', data: bomb }), 'LIMIT_EXCEEDED', /^limits\.zip(Entry|Inflated)$/);
  }, CASE_TIMEOUT);

  test('CSVs in GBK, GB18030 and UTF-8 with BOM match every row; wrong headers and a 5 MB unclosed quote are refused', async () => {
    const s = await theorySite();
    const text = csv(s.rows);
    for (const enc of ['gbk', 'gb18030', 'utf-8 with BOM'] as const) {
      const data = enc === 'utf-8 with BOM' ? Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]) : iconv.encode(text, enc);
      const r = await theory(`theory: CSV ${enc}`, { name: '成绩.csv', data });
      expect(r.ok, JSON.stringify(r).slice(0, 300)).toBe(true);
      expect(matched(r)).toBe(s.rows.length - 1);
    }
    const wrong = [['考号', '证件', '名字', '分'], ...s.rows.slice(1)];
    expectClearRefusal(await theory('theory: wrong headers', { name: '成绩.csv', data: Buffer.from(csv(wrong)) }), 'BAD_INPUT', /^scoring\.theoryNoHeader$/);
    const unclosed = Buffer.concat([Buffer.from(text + '\r\n"'), Buffer.alloc(5 * MiB, 0x39)]);
    expectClearRefusal(await theory('theory: 5 MB unclosed quote CSV', { name: '成绩.csv', data: unclosed }), 'LIMIT_EXCEEDED', /^limits\.csvLine$/);
  }, CASE_TIMEOUT);

  test('formula, control and right-to-left text in cells: those rows not taken, each with its reason', async () => {
    const s = await theorySite();
    const rows = s.rows.map((r) => [...r]);
    rows[1]![3] = '=1+99';
    rows[2]![0] = `\u202E${String(rows[2]![0])}`;
    const r = await theory('theory: formula/RTL cells', { name: '成绩.xlsx', data: await workbookOf('成绩', rows) });
    expect(r.ok, JSON.stringify(r).slice(0, 300)).toBe(true);
    expect(matched(r)).toBe(s.rows.length - 3);
    // a control character inside a score (a CSV keeps it; the workbook writer drops it): not a score
    const withBell = s.rows.map((x, i) => (i === 3 ? [x[0]!, x[1]!, x[2]!, '8\u00075'] : x));
    const r2 = await theory('theory: control character CSV', { name: '成绩.csv', data: Buffer.from(csv(withBell)) });
    expect(r2.ok, JSON.stringify(r2).slice(0, 300)).toBe(true);
    expect(matched(r2)).toBe(s.rows.length - 2);
  }, CASE_TIMEOUT);
});

describe('hostile files: the calendar (G5)', () => {
  test('hostile schedules are refused with a coded reason; a real one loads', async () => {
    const { c, token } = await freshConsole();
    const before = state(c);
    const deep: unknown = JSON.parse('['.repeat(5000) + ']'.repeat(5000));
    for (const [name, schedule] of [
      ['calendar: deep nesting', { year: 2027, holidays: deep }],
      ['calendar: 5 MB source', { ...SCHEDULE_2027, source: 'x'.repeat(5 * MiB) }],
      ['calendar: 100,000 holidays', { year: 2027, holidays: Array.from({ length: 100_000 }, () => HOLIDAYS_2027[0]) }],
      ['calendar: control and RTL dates', { year: 2027, holidays: ['2027-01-01\u0000', '\u202E2027-01-02'] }],
      ['calendar: wrong shape', { dates: HOLIDAYS_2027 }],
    ] as const) {
      const r = await measured(name, () => c.call('results.calendar.load', { schedule }, token));
      expectClearRefusal(r, 'BAD_INPUT');
    }
    expect(state(c)).toEqual(before);
    const ok = await measured('calendar: the 2027 schedule', () => c.call('results.calendar.load', { schedule: SCHEDULE_2027 }, token));
    expect(ok.ok, JSON.stringify(ok).slice(0, 300)).toBe(true);
    expect(state(c).calendar).toBe(before.calendar + 1);
  }, CASE_TIMEOUT);
});
