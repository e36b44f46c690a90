// Each validation rule of the batch plan, by its DOMAIN id, on the generated demo plan bent one
// way at a time; plus the readers (workbook, GBK CSV, JSON) and where they say a problem is.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { planJsonSchema, type PlanPackage } from '../../electron/services/plan/format';
import { checkCharacter, makeResidentId, maskDocNumber, parseResidentId } from '../../electron/domain/gb11643';
import { PLAN_REASONS, jsonLocator, type PlanProblem } from '../../electron/services/plan/problems';
import { enUS, zhCN } from '../../renderer/src/i18n/catalogue';
import { describeIssue } from '../../renderer/src/i18n';
import { parseDateTime, parseLevel } from '../../electron/services/plan/reader';
import { decodeText, parseCsv } from '../../electron/services/plan/text';
import { validatePlan } from '../../electron/services/plan/validate';
import { readZip, writeZip } from '../../electron/services/plan/zip';
import iconv from 'iconv-lite';
import { DATA_SHEETS, csvFiles, demoPackage, editWorkbook, photosZip, readPlanFiles, workbookFile } from '../support/plan-fixtures';

/** a problem flattened for assertions: where (sheet, row, column), the rule, the reason and its params */
interface Flat {
  severity: string;
  rule: string;
  sheet: string;
  row: number | null;
  column: string | null;
  reason: string;
  params: Record<string, string | number>;
}
const flat = (p: PlanProblem): Flat => ({ severity: p.severity, rule: p.rule, ...p.at, reason: p.reason, params: p.params ?? {} });
const errors = (ps: PlanProblem[]) => ps.filter((p) => p.severity === 'error').map(flat);
const warnings = (ps: PlanProblem[]) => ps.filter((p) => p.severity === 'warning').map(flat);
const validate = (pkg: PlanPackage) => validatePlan(pkg, jsonLocator, { today: '2026-05-21' });
const only = (ps: (PlanProblem | Flat)[], rule: string) => ps.map((p) => ('at' in p ? flat(p) : p)).filter((p) => p.rule === rule);
/** how the page words a problem in Chinese */
const zhText = (p: Flat) => describeIssue('zh-CN', p, 'issue.');

describe('GB 11643 resident ID numbers (P8)', () => {
  it('accepts the standard example and computes check characters, X included', () => {
    expect(parseResidentId('11010519491231002X')).toEqual({ ok: true, facts: { birthDate: '1949-12-31', gender: '女' } });
    expect(checkCharacter('11010519491231002')).toBe('X');
    const id = makeResidentId('370402', '20050628', 453);
    expect(parseResidentId(id)).toMatchObject({ ok: true, facts: { birthDate: '2005-06-28', gender: '男' } });
  });
  it('names what is wrong: length, characters, date, check character', () => {
    expect(parseResidentId('1101051949123100')).toEqual({ ok: false, problem: 'length' });
    expect(parseResidentId('11010519491231002Y')).toEqual({ ok: false, problem: 'chars' });
    expect(parseResidentId(makeResidentId('370402', '20050230', 1))).toEqual({ ok: false, problem: 'date' });
    expect(parseResidentId('110105194912310021')).toEqual({ ok: false, problem: 'check' });
  });
  it('masks for lists', () => {
    expect(maskDocNumber('370402200506284532')).toBe('3704**********4532');
  });
});

describe('the generated demo plan', () => {
  it('is valid: no errors, and only the photo warning when no photos come with it', () => {
    const ps = validatePlan(demoPackage(), jsonLocator, { today: '2026-05-21', photos: new Map() });
    expect(errors(ps)).toEqual([]);
    expect(warnings(ps).map((p) => p.rule)).toEqual(['P7']);
  });
  it('is deterministic and holds a CJK Extension B name (P11)', () => {
    const a = demoPackage();
    expect(a).toEqual(demoPackage());
    expect(a.candidates.some((c) => /[\u{20000}-\u{2A6DF}]/u.test(c.name))).toBe(true);
    expect(a.candidates).toHaveLength(120);
    expect(a.staff.length).toBeGreaterThanOrEqual(18);
  });
});

describe('validation rules by DOMAIN id', () => {
  it('P8: a wrong check character, an impossible date, birth date and sex disagreeing with the number', () => {
    const pkg = demoPackage();
    const c = pkg.candidates;
    c[0]!.docNumber = c[0]!.docNumber.slice(0, 17) + (c[0]!.docNumber[17] === '0' ? '1' : '0');
    c[1]!.docNumber = makeResidentId('370402', '20051332', 11);
    c[2]!.birthDate = '2001-01-01';
    c[3]!.gender = c[3]!.gender === '男' ? '女' : '男';
    const ps = only(validate(pkg), 'P8');
    expect(ps.map((p) => [p.row, p.column])).toEqual([
      [1, 'docNumber'],
      [2, 'docNumber'],
      [3, 'birthDate'],
      [4, 'gender'],
    ]);
    expect(ps[0]).toMatchObject({ reason: 'plan.idNumber', params: { problem: '@plan.idProblem.check' } });
    expect(ps[1]).toMatchObject({ reason: 'plan.idNumber', params: { problem: '@plan.idProblem.date' } });
    expect(zhText(ps[0]!)).toContain('校验位错误');
    expect(zhText(ps[1]!)).toContain('出生日期无效');
  });
  it('P8: a duplicate ID number and an unknown document type', () => {
    const pkg = demoPackage();
    pkg.candidates[5]!.docNumber = pkg.candidates[4]!.docNumber;
    pkg.candidates[5]!.birthDate = pkg.candidates[4]!.birthDate;
    pkg.candidates[5]!.gender = pkg.candidates[4]!.gender;
    pkg.candidates[6]!.docType = '学生证';
    const ps = errors(validate(pkg));
    expect(ps).toContainEqual(expect.objectContaining({ rule: 'P8', row: 6, column: 'docNumber', reason: 'plan.docDuplicate', params: { firstRow: 5 } }));
    expect(zhText(ps.find((p) => p.reason === 'plan.docDuplicate')!)).toBe('证件号码与第 5 行重复');
    expect(ps).toContainEqual(expect.objectContaining({ rule: 'P8', row: 7, column: 'docType' }));
    expect(ps).toHaveLength(2);
  });
  it('P7: a duplicate ticket number', () => {
    const pkg = demoPackage();
    pkg.candidates[9]!.ticketNo = pkg.candidates[8]!.ticketNo;
    expect(errors(validate(pkg))).toEqual([expect.objectContaining({ rule: 'P7', row: 10, column: 'ticketNo' })]);
  });
  it('R2: a room over its seats, and two candidates on one seat', () => {
    const pkg = demoPackage();
    pkg.rooms[0]!.seats = 29; // 30 candidates sit in 第1考场
    pkg.candidates[1]!.seats[0]!.seat = pkg.candidates[0]!.seats[0]!.seat;
    const ps = only(errors(validate(pkg)), 'R2');
    expect(ps).toContainEqual(expect.objectContaining({ sheet: 'rooms', row: 1, column: 'seats', reason: 'plan.roomOverCapacity', params: expect.objectContaining({ seats: 29 }) }));
    expect(zhText(ps.find((p) => p.reason === 'plan.roomOverCapacity')!)).toContain('超过座位数 29');
    expect(ps).toContainEqual(expect.objectContaining({ sheet: 'candidates[2].seats', row: 1, column: 'seat' }));
  });
  it('R1: a session without rooms', () => {
    const pkg = demoPackage();
    const s = pkg.sessions.find((x) => x.code === 'DG3-JN2')!;
    s.rooms = [];
    pkg.candidates = pkg.candidates.map((c) => ({ ...c, seats: c.seats.filter((x) => x.session !== 'DG3-JN2') }));
    const ps = errors(validate(pkg));
    expect(ps).toEqual([expect.objectContaining({ rule: 'R1', sheet: 'sessions', row: pkg.sessions.indexOf(s) + 1, column: 'rooms', reason: 'plan.sessionNoRooms', params: { session: 'DG3-JN2' } })]);
    expect(zhText(ps[0]!)).toBe('场次 DG3-JN2 没有安排考场');
  });
  it('P4: a level above the organisation cap, and a social organisation with more than 3 occupations', () => {
    const pkg = demoPackage();
    pkg.organisation.levelCap = 4; // 电工 三级 is above a level-4 cap
    const ps = only(validate(pkg), 'P4');
    expect(ps.map((p) => p.row)).toEqual([3, 4]);
    const social = demoPackage();
    social.organisation = { ...social.organisation, type: 'social_org', levelCap: null };
    for (const [i, code] of ['6-01-01-01', '6-02-01-01'].entries()) {
      social.subjects.push({ ...social.subjects[0]!, code: `X${i}`, occupationCode: code, occupationName: `职业${i}` });
    }
    expect(only(validate(social), 'P4')).toEqual([expect.objectContaining({ reason: 'plan.socialOrgOccupations', params: { max: 3, n: 4 } })]); // 车工 and 电工, and the two added
    expect(zhText(only(validate(social), 'P4')[0]!)).toContain('至多认定 3 个职业');
  });
  it('P6: a mode a subject may not use, and a subject the occupation does not offer', () => {
    const pkg = demoPackage();
    pkg.subjects[0]!.mode = 'practical'; // theory by 实际操作
    pkg.candidates[0]!.subjects.push('review');
    const ps = only(errors(validate(pkg)), 'P6');
    expect(ps).toContainEqual(expect.objectContaining({ sheet: 'subjects', row: 1, column: 'mode' }));
    expect(ps).toContainEqual(expect.objectContaining({ sheet: 'candidates', row: 1, column: 'subjects', reason: 'plan.kindNotOffered', params: expect.objectContaining({ kind: '@plan.kind.review' }) }));
    expect(zhText(ps.find((p) => p.reason === 'plan.kindNotOffered')!)).toContain('没有“综合评审”科目');
  });
  it('S7: nobody holds two of proctor, examiner and supervisor in one batch', () => {
    const pkg = demoPackage();
    const sup = pkg.staff.findIndex((s) => s.roles.includes('supervisor'));
    pkg.staff[sup]!.roles.push('proctor');
    expect(errors(validate(pkg))).toEqual([expect.objectContaining({ rule: 'S7', sheet: 'staff', row: sup + 1, column: 'roles' })]);
  });
  it('S6: an examiner (not senior) booked for a level-2 session; a level-2 session without enough seniors', () => {
    const pkg = demoPackage();
    for (const s of pkg.subjects.filter((x) => x.code.startsWith('DG3'))) s.level = 2;
    for (const c of pkg.candidates.filter((x) => x.occupationName === '电工')) c.level = 2;
    pkg.organisation.levelCap = 1;
    for (const s of pkg.staff) if (s.roles.includes('examiner')) s.examinerGrade = 'examiner'; // only the 2 chiefs stay senior
    const pool = only(validate(pkg), 'S6');
    expect(pool.map((p) => [p.sheet, p.column, p.reason, p.params])).toEqual([
      ['sessions', 'rooms', 'plan.seniorsShort', { session: 'DG3-JN1', level: '@plan.level.2', need: 3, have: 2 }],
      ['sessions', 'rooms', 'plan.seniorsShort', { session: 'DG3-JN2', level: '@plan.level.2', need: 3, have: 2 }],
    ]);
    expect(pool.map(zhText)).toEqual(['DG3-JN1 认定 二级/技师，需要 3 名高级考评员，计划中只有 2 名', 'DG3-JN2 认定 二级/技师，需要 3 名高级考评员，计划中只有 2 名']);
    expect(describeIssue('en', pool[0]!, 'issue.')).toBe('DG3-JN1 certifies Level 2 (technician) and needs 3 senior examiners; the plan has 2');
    // with bookings the grade is checked per examiner
    const ex = pkg.staff.findIndex((s) => s.examinerGrade === 'examiner');
    pkg.staff.forEach((s) => {
      if (s.roles.includes('examiner') || s.roles.includes('chief_examiner')) s.sessions = ['CG4-JN1', 'CG4-JN2'];
    });
    pkg.staff[ex]!.sessions = ['DG3-JN1'];
    const booked = only(errors(validate(pkg)), 'S6');
    expect(booked).toContainEqual(expect.objectContaining({ sheet: 'staff', row: ex + 1, column: 'examinerGrade', reason: 'plan.examinerGradeTooLow', params: expect.objectContaining({ session: 'DG3-JN1' }) }));
    expect(zhText(booked.find((p) => p.reason === 'plan.examinerGradeTooLow')!)).toContain('只能考评三级及以下');
  });
  it('S5: a panel of 2 or 4 is refused; fewer examiners than panels need is refused', () => {
    const pkg = demoPackage();
    pkg.sessions.find((s) => s.code === 'CG4-JN1')!.examinersPerRoom = 2;
    pkg.sessions.find((s) => s.code === 'DG3-JN1')!.examinersPerRoom = 4;
    const ps = only(errors(validate(pkg)), 'S5');
    const panels = ps.filter((p) => p.column === 'examinersPerRoom');
    expect(panels.map((p) => [p.reason, p.params.n])).toEqual([
      ['plan.panelSize', 2],
      ['plan.panelSize', 4],
    ]);
    expect(panels.map(zhText)).toEqual([expect.stringContaining('3 名以上单数考评员，此处为 2'), expect.stringContaining('3 名以上单数考评员，此处为 4')]);
    const few = demoPackage();
    few.staff = few.staff.filter((s) => !(s.roles.includes('examiner') && s.examinerGrade === 'examiner'));
    expect(only(errors(validate(few)), 'S5').length).toBeGreaterThan(0);
  });
  it('S2: too few proctors for two per room, and a session asking for one', () => {
    const pkg = demoPackage();
    pkg.staff = pkg.staff.filter((s, i) => !(s.roles.includes('proctor') && i < 3)); // 10 → 7 proctors; 4 theory rooms need 8
    const ps = only(errors(validate(pkg)), 'S2');
    expect(ps).toContainEqual(expect.objectContaining({ reason: 'plan.proctorsShort', params: expect.objectContaining({ need: 8, have: 7 }) }));
    expect(ps.map(zhText)).toContainEqual(expect.stringContaining('需要至少 8 名监考人员，计划中只有 7 名'));
    const one = demoPackage();
    one.sessions[0]!.proctorsPerRoom = 1;
    expect(only(errors(validate(one)), 'S2')).toContainEqual(expect.objectContaining({ row: 1, column: 'proctorsPerRoom' }));
  });
  it('P7 warnings: photo missing, not JPG, over 20 KB; an orphan photo', async () => {
    const pkg = demoPackage();
    const zip = await photosZip(pkg);
    const entries = (await readZip(zip.data)).filter((e) => e.name !== `${pkg.candidates[0]!.ticketNo}.jpg`);
    entries.find((e) => e.name === `${pkg.candidates[1]!.ticketNo}.jpg`)!.data = Buffer.from('\x89PNG\r\n\x1a\nnot a jpg', 'latin1');
    const big = Buffer.concat([(await readZip(zip.data))[2]!.data, Buffer.alloc(21 * 1024)]);
    entries.find((e) => e.name === `${pkg.candidates[2]!.ticketNo}.jpg`)!.data = big;
    entries.push({ name: '9999999999.jpg', data: big });
    const read = await readPlanFiles([await workbookFile(pkg), { name: 'photos.zip', data: await writeZip(entries) }]);
    const ps = validatePlan(read.pkg!, read.locate, { photos: read.photos });
    expect(errors(ps)).toEqual([]);
    expect(warnings(ps).map((p) => [p.rule, p.sheet, p.row, p.reason])).toEqual([
      ['P7', '考生', 2, 'plan.photoMissing'],
      ['P7', '考生', 3, 'plan.photoNotJpeg'],
      ['P7', '考生', 4, 'plan.photoTooBig'],
      ['P7', 'photos', null, 'plan.photoOrphan'],
    ]);
    expect(warnings(ps)[1]!.params).toEqual({ file: `${pkg.candidates[1]!.ticketNo}.jpg` });
    expect(warnings(ps)[3]!.params).toEqual({ file: '9999999999.jpg' });
    expect(zhText(warnings(ps)[0]!)).toMatch(/^缺少照片（应/);
    expect(zhText(warnings(ps)[1]!)).toContain('不是 JPG');
    expect(zhText(warnings(ps)[2]!)).toContain('超过 20 KB');
  });
  it('P5 warning: a plan name not in the 20230521XXX(机构名称)第1期… form, or with another date', () => {
    const pkg = demoPackage();
    pkg.batch.name = '五月车工认定';
    expect(validate(pkg).map(flat)).toEqual([expect.objectContaining({ severity: 'warning', rule: 'P5', column: 'name', reason: 'plan.nameFormat', params: { name: '五月车工认定' } })]);
    pkg.batch.name = '20260522车工(枣庄市技师学院)第1期技工院校';
    expect(validate(pkg).map(flat)).toEqual([expect.objectContaining({ severity: 'warning', rule: 'P5', reason: 'plan.nameDate', params: { nameDate: '20260522', examDate: pkg.batch.examDate } })]);
    expect(zhText(flat(validate(pkg)[0]!))).toContain('不一致');
  });
});

describe('reading the workbook form', () => {
  it('reads back what the writer wrote, the rare-character names unchanged (P11)', async () => {
    const pkg = demoPackage();
    const read = await readPlanFiles([await workbookFile(pkg), await photosZip(pkg)]);
    expect(read.problems).toEqual([]);
    expect(read.pkg!.candidates.map((c) => c.name)).toEqual(pkg.candidates.map((c) => c.name));
    expect(read.pkg!.candidates.map((c) => c.docNumber)).toEqual(pkg.candidates.map((c) => c.docNumber));
    expect(read.pkg!.sessions).toEqual(pkg.sessions);
    expect(read.photos.size).toBe(120);
  });
  it('says sheet, spreadsheet row and column header for each planted problem', async () => {
    const pkg = demoPackage();
    const file = await editWorkbook(await workbookFile(pkg), [
      { sheet: '考生', row: 5, column: '证件号码', value: '370402200506284531' },
      { sheet: '考生', row: 9, column: '技能等级', value: '七级' },
      { sheet: '考场', row: 2, column: '座位数', value: 10 },
      { sheet: '场次', row: 3, column: '开始时间', value: '明天上午' },
      { sheet: '工作人员', row: 2, column: '角色', value: '监考人员、督导员' },
    ]);
    const read = await readPlanFiles([file]);
    const ps = [...read.problems, ...validatePlan(read.pkg!, read.locate)].map(flat);
    const at = ps.filter((p) => p.severity === 'error').map((p) => `${p.sheet}!${p.row}:${p.column}:${p.rule}`);
    expect(at).toEqual(
      expect.arrayContaining(['考生!9:技能等级:P3', '场次!3:开始时间:FORMAT', '考场!2:座位数:R2', '工作人员!2:角色:S7']),
    );
    expect(at.some((a) => a.startsWith('考生!5:') && a.endsWith(':P8'))).toBe(true);
  });
  it('refuses an ID number stored as a number (Excel would have rounded it)', async () => {
    const file = await editWorkbook(await workbookFile(demoPackage()), [{ sheet: '考生', row: 2, column: '证件号码', value: 370402200506284500 }]);
    const read = await readPlanFiles([file]);
    expect(read.problems.map(flat)).toContainEqual(expect.objectContaining({ rule: 'P8', sheet: '考生', row: 2, column: '证件号码', reason: 'plan.docNumberNumeric' }));
    expect(zhText(flat(read.problems.find((p) => p.reason === 'plan.docNumberNumeric')!))).toContain('文本格式');
  });
  it('names a missing sheet and a missing required column', async () => {
    const read = await readPlanFiles([{ name: '考生.csv', data: Buffer.from('姓名,性别\n张三,男\n') }]);
    expect(read.problems.map((p) => `${p.at.sheet}:${p.at.column ?? ''}:${p.reason}`)).toEqual(
      expect.arrayContaining(['考生:证件号码:plan.columnMissing', '批次信息::plan.batchSheetMissing', '场次::plan.sheetMissing']),
    );
  });
  it('GBK and GB18030 CSV files read like the workbook, Extension B names included (P11)', async () => {
    const pkg = demoPackage();
    const rare = pkg.candidates.filter((c) => /[\u{20000}-\u{2FFFF}]/u.test(c.name)).map((c) => c.name);
    expect(rare.length).toBeGreaterThan(0);
    for (const enc of ['gb18030', 'utf-8'] as const) {
      const files = await csvFiles(pkg, enc);
      const read = await readPlanFiles(files);
      expect(read.sources.every((s) => s.encoding === enc)).toBe(true);
      expect(read.problems).toEqual([]);
      expect(read.pkg!.candidates.map((c) => c.name)).toEqual(pkg.candidates.map((c) => c.name));
    }
    // plain GBK (no four-byte sequences) for a file without rare characters
    const gbk = iconv.encode('姓名,性别\r\n张三,男\r\n', 'gbk');
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(gbk)).toThrow();
    expect(parseCsv(decodeText(gbk).text)).toEqual([
      ['姓名', '性别'],
      ['张三', '男'],
    ]);
  });
  it('the JSON form is checked by its schema, and problems point into it', async () => {
    const pkg = demoPackage() as unknown as Record<string, unknown>;
    (pkg.candidates as Record<string, unknown>[])[3]!.gender = 'M';
    const read = await readPlanFiles([], { packageObject: pkg });
    expect(read.pkg).toBeNull();
    expect(read.problems.map(flat)).toEqual([expect.objectContaining({ rule: 'FORMAT', sheet: 'candidates', row: 4, column: 'gender', reason: 'plan.schemaInvalid', params: { problem: '@plan.zod.invalid_value' } })]);
  });
  it('levels and times as the forms write them', () => {
    expect(['4', '四级', '四级/中级工', '中级工', '一级/高级技师', '技师'].map(parseLevel)).toEqual([4, 4, 4, 4, 1, 2]);
    expect(parseLevel('七级')).toBeNull();
    expect(parseDateTime('2026/5/21 9:00')).toBe('2026-05-21T09:00:00+08:00');
    expect(parseDateTime('2026-05-21T09:00:00+08:00')).toBe('2026-05-21T09:00:00+08:00');
    expect(parseDateTime('2026-05-21 25:00')).toBeNull();
  });
});

describe('the documented format', () => {
  it('resources/plan-package.schema.json is the schema the code checks with (run scripts/plan-schema.ts)', () => {
    const committed = JSON.parse(readFileSync(new URL('../../resources/plan-package.schema.json', import.meta.url), 'utf8'));
    expect(committed).toEqual(JSON.parse(JSON.stringify(planJsonSchema())));
  });
  it('resources/plan-package.md documents every sheet and column the reader knows', () => {
    const doc = readFileSync(new URL('../../resources/plan-package.md', import.meta.url), 'utf8');
    for (const sheet of DATA_SHEETS) {
      expect(doc).toContain(`### ${sheet.name}`);
      for (const c of sheet.columns) expect(doc, `${sheet.name}.${c.header}`).toContain(`| ${c.header}`);
    }
  });
  it('the committed demo workbook and photo zip read back as the generated plan, every photo a JPG ≤ 20 KB', async () => {
    const dir = new URL('../../resources/demo-plan/', import.meta.url);
    const read = await readPlanFiles([
      { name: 'demo-plan.xlsx', data: readFileSync(new URL('demo-plan.xlsx', dir)) },
      { name: 'demo-photos.zip', data: readFileSync(new URL('demo-photos.zip', dir)) },
    ]);
    expect(read.problems).toEqual([]);
    const pkg = demoPackage();
    expect(read.pkg!.candidates.map((c) => [c.name, c.docNumber, c.ticketNo])).toEqual(pkg.candidates.map((c) => [c.name, c.docNumber, c.ticketNo]));
    expect(read.pkg!.staff.map((s) => s.staffNo)).toEqual(pkg.staff.map((s) => s.staffNo));
    expect(validatePlan(read.pkg!, read.locate, { photos: read.photos, today: '2026-05-21' })).toEqual([]);
  });
  it('the committed demo JSON package matches the generator', () => {
    const committed = JSON.parse(readFileSync(new URL('../../resources/demo-plan/demo-plan.json', import.meta.url), 'utf8'));
    expect(committed).toEqual(JSON.parse(JSON.stringify(demoPackage())));
  });
});

describe('problems are coded, the catalogue words them', () => {
  it('every reason a plan problem may give is worded in zh-CN and en, and en holds no Chinese of its own', () => {
    const zh = zhCN as Record<string, string>;
    const en = enUS as Record<string, string>;
    const missing = PLAN_REASONS.filter((r) => !zh[`issue.plan.${r}`] || !en[`issue.plan.${r}`]);
    expect(missing).toEqual([]);
    const han = /[\u3400-\u9fff\u{20000}-\u{2ffff}]/u;
    expect(PLAN_REASONS.filter((r) => han.test(en[`issue.plan.${r}`]!))).toEqual([]);
  });
  it('a problem reads in English with the workbook words it names kept as the file has them', () => {
    const pkg = demoPackage();
    pkg.subjects[0]!.mode = 'practical';
    pkg.candidates[6]!.docType = '学生证';
    const ps = errors(validate(pkg));
    const mode = ps.find((p) => p.reason === 'plan.modeNotAllowed')!;
    expect(describeIssue('en', mode, 'issue.')).toBe('Theory cannot be examined by “Practical” (allowed: paper, on screen)');
    expect(describeIssue('zh-CN', mode, 'issue.')).toBe('理论知识考试不能采用“实际操作”方式（可用：纸笔作答、上机考试）');
    const doc = ps.find((p) => p.reason === 'plan.docTypeUnknown')!;
    expect(describeIssue('en', doc, 'issue.')).toMatch(/^Document type “学生证” is not accepted \(accepted: 居民身份证、/);
  });
});
