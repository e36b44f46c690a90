// The batch plan in Chromium: the demo workbook imported through the UI and its overview; a
// broken workbook whose every planted error is listed with its row, and nothing written; a
// re-import's changes, the photos brought after the plan among them; the plan exported again.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import { SITE_HEAD, expect, signIn, test } from './fixtures';
import { demoPackage, editWorkbook, workbookFile } from '../support/plan-fixtures';

const demoDir = fileURLToPath(new URL('../../resources/demo-plan/', import.meta.url));
const count = (sqlite: { prepare(s: string): { get(): unknown } }, table: string) => (sqlite.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;

test('the site head imports the demo workbook and photos through the UI and sees the overview', async ({ page, consoleApp }) => {
  await consoleApp.setupSite();
  await signIn(page, consoleApp.url, SITE_HEAD.staffNo, SITE_HEAD.pin);
  await page.getByTestId('home-plan').click();
  await expect(page.getByTestId('plan-empty')).toBeVisible();
  await page.getByRole('button', { name: '导入认定计划' }).click();

  await page.locator('[data-testid=plan-drop] input[type=file]').setInputFiles([join(demoDir, 'demo-plan.xlsx'), join(demoDir, 'demo-photos.zip')]);
  await expect(page.getByTestId('plan-files')).toContainText('已选 2 个文件');
  await page.getByTestId('plan-check').click();
  await expect(page.getByTestId('plan-verdict')).toHaveText('检查通过：没有错误。');
  await expect(page.getByTestId('plan-report')).toContainText('120 名考生，6 个考场，6 个场次，20 名工作人员，120 张照片');
  await expect(page.getByTestId('plan-progress')).toContainText('完成');
  await page.screenshot({ path: 'test-results/screens/plan-check-ok.png', fullPage: true });
  await page.getByTestId('plan-import').click();

  await expect(page.getByTestId('plan-overview')).toBeVisible();
  await expect(page.getByTestId('plan-org')).toHaveText('枣庄市技师学院');
  await expect(page.getByTestId('plan-count-candidates')).toContainText('120');
  await expect(page.getByTestId('plan-timeline')).toContainText('数控车工4级 理论知识考试');
  await expect(page.getByTestId('plan-occupancy')).toContainText('30 / 30');
  await page.screenshot({ path: 'test-results/screens/plan-overview.png', fullPage: true });

  // candidates: search a rare-character name (P11); the ID number is masked on the list
  await page.getByTestId('plan-nav').getByText('考生').click();
  await page.getByTestId('candidate-search').locator('input').fill('𪚥');
  await page.getByTestId('candidate-search').locator('input').press('Enter');
  const row = page.getByTestId('candidate-table').locator('tbody tr').filter({ hasText: '王𪚥' });
  await expect(row).toHaveCount(1);
  await expect(row).toContainText(/\d{4}\*{10}[\dX]{4}/);
  await row.click();
  await expect(page.getByTestId('candidate-name')).toHaveText('王𪚥');
  await expect(page.getByTestId('candidate-photo').locator('img').or(page.locator('img[alt="王𪚥"]')).first()).toBeVisible();
  await expect(page.getByTestId('candidate-doc')).toHaveText(/\*{10}/);
  await page.screenshot({ path: 'test-results/screens/plan-candidate.png', fullPage: true });

  await page.getByTestId('plan-nav').getByText('工作人员').click();
  await expect(page.getByTestId('plan-staff-table')).toContainText('考评组长');
  await page.screenshot({ path: 'test-results/screens/plan-staff.png', fullPage: true });
  await page.getByTestId('plan-nav').getByText('考场').click();
  await expect(page.getByTestId('room-table')).toContainText('数控实训车间');
  await page.screenshot({ path: 'test-results/screens/plan-rooms.png', fullPage: true });
  await page.getByTestId('plan-nav').getByText('考生').click();
  await expect(page.getByTestId('candidate-table').locator('tbody tr')).toHaveCount(20);
  await page.screenshot({ path: 'test-results/screens/plan-candidates.png', fullPage: true });
  expect(count(consoleApp.app.env.opened.sqlite, 'candidates')).toBe(120);
});

test('a broken workbook: every planted error listed with its row, the import refused, nothing written', async ({ page, consoleApp }) => {
  const pkg = demoPackage();
  const id = pkg.candidates[3]!.docNumber; // spreadsheet row 5
  const broken = await editWorkbook(await workbookFile(pkg), [
    { sheet: '考生', row: 5, column: '证件号码', value: id.slice(0, 17) + (id[17] === '1' ? '2' : '1') }, // P8 check character
    { sheet: '考生', row: 9, column: '准考证号', value: pkg.candidates[0]!.ticketNo }, // P7 duplicate ticket
    { sheet: '考生', row: 12, column: '证件类型', value: '学生证' }, // P8 unknown document
    { sheet: '考场', row: 2, column: '座位数', value: 10 }, // R2 over capacity
    { sheet: '场次', row: 3, column: '每考场考评员人数', value: 2 }, // S5 panel of two
    { sheet: '工作人员', row: 2, column: '角色', value: '监考人员、督导员' }, // S7 two roles
    { sheet: '认定科目', row: 2, column: '考核方式', value: '实际操作' }, // P6 theory by practical
  ]);
  const dir = join(consoleApp.dataDir, 'upload');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, '认定计划-有错.xlsx');
  writeFileSync(file, broken.data);

  await consoleApp.setupSite();
  await signIn(page, consoleApp.url, SITE_HEAD.staffNo, SITE_HEAD.pin);
  await page.goto(`${consoleApp.url}/#/plan/import`);
  await page.locator('[data-testid=plan-drop] input[type=file]').setInputFiles(file);
  await page.getByTestId('plan-check').click();
  await expect(page.getByTestId('plan-verdict')).toContainText('处错误');
  const table = page.getByTestId('plan-errors');
  const planted: [string, string, string, string][] = [
    ['P8', '考生', '5', '证件号码'],
    ['P7', '考生', '9', '准考证号'],
    ['P8', '考生', '12', '证件类型'],
    ['R2', '考场', '2', '座位数'],
    ['S5', '场次', '3', '每考场考评员人数'],
    ['S7', '工作人员', '2', '角色'],
    ['P6', '认定科目', '2', '考核方式'],
  ];
  for (const [rule, sheet, row, column] of planted) {
    const hit = table.locator('tbody tr').filter({ has: page.getByRole('cell', { name: rule, exact: true }) }).filter({ has: page.getByRole('cell', { name: sheet, exact: true }) }).filter({ has: page.getByRole('cell', { name: row, exact: true }) }).filter({ has: page.getByRole('cell', { name: column, exact: true }) });
    await expect(hit, `${rule} ${sheet} 第 ${row} 行 ${column}`).toHaveCount(1);
  }
  await expect(page.getByTestId('plan-import')).toHaveCount(0);
  await page.screenshot({ path: 'test-results/screens/plan-check-errors.png', fullPage: true });

  // and asked directly, the command refuses and writes nothing
  const sqlite = consoleApp.app.env.opened.sqlite;
  const token = await page.evaluate(() => sessionStorage.getItem('esc.token'));
  const res = await page.request.post(`${consoleApp.url}/api/plan.import`, {
    headers: { authorization: `Bearer ${token}` },
    data: { files: [{ name: 'x.xlsx', data: broken.data.toString('base64') }] },
  });
  expect((await res.json()).error.code).toBe('PLAN_INVALID');
  for (const t of ['batches', 'candidates', 'rooms', 'exam_sessions', 'plan_imports']) expect(count(sqlite, t), t).toBe(0);
});

test('English UI: the check report words every planted problem in English; only the file\'s own words (sheet, column) stay Chinese', async ({ page, consoleApp }) => {
  const pkg = demoPackage();
  const id = pkg.candidates[3]!.docNumber; // spreadsheet row 5
  const broken = await editWorkbook(await workbookFile(pkg), [
    { sheet: '考生', row: 5, column: '证件号码', value: id.slice(0, 17) + (id[17] === '1' ? '2' : '1') }, // P8 check character
    { sheet: '考生', row: 9, column: '准考证号', value: pkg.candidates[0]!.ticketNo }, // P7 duplicate ticket
    { sheet: '场次', row: 3, column: '每考场考评员人数', value: 2 }, // S5 panel of two
    { sheet: '认定科目', row: 2, column: '考核方式', value: '实际操作' }, // P6 theory by practical
  ]);
  const file = join(consoleApp.dataDir, 'plan-errors.xlsx');
  writeFileSync(file, broken.data);
  await consoleApp.setupSite();
  await signIn(page, consoleApp.url, SITE_HEAD.staffNo, SITE_HEAD.pin);
  await expect(page.getByTestId('home-plan')).toBeVisible();
  await page.getByTestId('lang-switch').click(); // the user's own switch (kept in localStorage 'esc.lang')
  await page.goto(`${consoleApp.url}/#/plan/import`);
  await expect(page.getByTestId('plan-check')).toHaveText('Check');
  await page.locator('[data-testid=plan-drop] input[type=file]').setInputFiles(file);
  await page.getByTestId('plan-check').click();
  const han = /[\u3400-\u9fff]/;
  await expect(page.getByTestId('plan-verdict')).toContainText('errors');
  expect(await page.getByTestId('plan-verdict').innerText()).not.toMatch(han);
  const table = page.getByTestId('plan-errors');
  const planted: [string, string, string, string, RegExp][] = [
    ['P8', '考生', '5', '证件号码', /check character of the resident ID number is wrong/],
    ['P7', '考生', '9', '准考证号', /^Ticket \d+ repeats row 2$/],
    ['S5', '场次', '3', '每考场考评员人数', /odd number of examiners, 3 or more; here 2$/],
    ['P6', '认定科目', '2', '考核方式', /^Theory cannot be examined by “Practical”/],
  ];
  for (const [rule, sheet, row, column, text] of planted) {
    const hit = table.locator('tbody tr').filter({ has: page.getByRole('cell', { name: rule, exact: true }) }).filter({ has: page.getByRole('cell', { name: sheet, exact: true }) }).filter({ has: page.getByRole('cell', { name: row, exact: true }) }).filter({ has: page.getByRole('cell', { name: column, exact: true }) });
    await expect(hit, `${rule} ${sheet} row ${row} ${column}`).toHaveCount(1);
    const message = await hit.locator('td').last().innerText();
    expect(message, `${rule}: ${message}`).toMatch(text);
    expect(message, `${rule}: ${message}`).not.toMatch(han);
  }
  // every message the service built for this file reads in English (the planted errors name no Chinese data)
  const messages = await table.locator('tbody tr td:last-child').allInnerTexts();
  expect(messages.filter((m) => han.test(m))).toEqual([]);
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.screenshot({ path: 'test-results/screens/plan-check-errors-en-1280.png', fullPage: true });
  await page.setViewportSize({ width: 800, height: 1280 });
  await page.screenshot({ path: 'test-results/screens/plan-check-errors-en-800.png', fullPage: true });
});

test('re-import: the changes are shown and applied only when the site head confirms (P9)', async ({ page, consoleApp }) => {
  await consoleApp.setupSite();
  const next = demoPackage();
  const gone = next.candidates.splice(5, 1)[0]!;
  next.candidates[0]!.phone = '13900001111';
  const file = join(consoleApp.dataDir, '认定计划-第2版.xlsx');
  writeFileSync(file, (await workbookFile(next)).data);

  await signIn(page, consoleApp.url, SITE_HEAD.staffNo, SITE_HEAD.pin);
  // an empty console offers the demo plan
  await page.goto(`${consoleApp.url}/#/plan`);
  await page.getByTestId('plan-load-demo').click();
  await expect(page.getByTestId('plan-count-candidates')).toContainText('120');
  await page.getByTestId('plan-nav').getByText('导入计划').click();
  await page.locator('[data-testid=plan-drop] input[type=file]').setInputFiles(file);
  await page.getByTestId('plan-check').click();
  const diff = page.getByTestId('plan-diff');
  await expect(diff).toContainText('删除 1');
  await expect(diff).toContainText('变更 1');
  await diff.getByText('考生').click();
  await expect(diff).toContainText(gone.name);
  await expect(diff).toContainText('联系电话');
  await expect(diff).toContainText('13900001111');
  await page.setViewportSize({ width: 800, height: 1280 });
  await page.screenshot({ path: 'test-results/screens/plan-reimport-diff-800.png', fullPage: true });
  await page.setViewportSize({ width: 1280, height: 800 });
  const sqlite = consoleApp.app.env.opened.sqlite;
  expect(count(sqlite, 'candidates')).toBe(120); // nothing applied before the confirmation
  await page.screenshot({ path: 'test-results/screens/plan-reimport-diff.png', fullPage: true });
  await page.getByTestId('plan-import').click();
  await expect(page.getByTestId('plan-overview')).toBeVisible();
  await expect(page.getByTestId('plan-count-candidates')).toContainText('119');
  const ev = sqlite.prepare("SELECT actor_name AS who, detail FROM audit_events WHERE command = 'plan.import' ORDER BY seq DESC LIMIT 1").get() as { who: string; detail: string };
  expect(ev.who).toBe(SITE_HEAD.name);
  expect(JSON.parse(ev.detail).diff.counts.candidates).toEqual({ added: 0, removed: 1, changed: 1 });
});

test('photos brought after the plan: the same workbook with the photo zip lists them under 照片 and stores them on confirmation (P7)', async ({ page, consoleApp }) => {
  // the starting state: the plan imported without its photos (the zip came from the candidates later)
  const head = await consoleApp.setupSite();
  await consoleApp.call('plan.import', { files: [{ name: 'demo-plan.xlsx', data: readFileSync(join(demoDir, 'demo-plan.xlsx')).toString('base64') }] }, head);
  const sqlite = consoleApp.app.env.opened.sqlite;
  const withPhoto = () => (sqlite.prepare('SELECT COUNT(*) AS n FROM candidates WHERE photo IS NOT NULL').get() as { n: number }).n;
  expect(withPhoto()).toBe(0);

  await signIn(page, consoleApp.url, SITE_HEAD.staffNo, SITE_HEAD.pin);
  await page.goto(`${consoleApp.url}/#/plan/import`);
  const drop = page.locator('[data-testid=plan-drop] input[type=file]');
  await drop.setInputFiles([join(demoDir, 'demo-plan.xlsx'), join(demoDir, 'demo-photos.zip')]);
  await page.getByTestId('plan-check').click();
  const part = (name: string) => page.getByTestId('plan-diff').locator('.ant-collapse-header').filter({ hasText: name });
  await expect(part('照片')).toContainText('新增 120');
  await expect(part('考生')).toContainText('无变化');
  await part('照片').click();
  await expect(page.getByTestId('plan-diff')).toContainText(demoPackage().candidates[0]!.name);
  await expect(page.getByTestId('plan-import')).toBeEnabled();
  await page.setViewportSize({ width: 800, height: 1280 });
  await page.screenshot({ path: 'test-results/screens/plan-reimport-photos-800.png', fullPage: true });
  await page.setViewportSize({ width: 1280, height: 800 });
  expect(withPhoto()).toBe(0); // nothing before the confirmation
  await page.getByTestId('plan-import').click();
  await expect(page.getByTestId('plan-overview')).toBeVisible();
  expect(withPhoto()).toBe(120);

  // the same files again change nothing, and say so
  await page.getByTestId('plan-nav').getByText('导入计划').click();
  await page.locator('[data-testid=plan-drop] input[type=file]').setInputFiles([join(demoDir, 'demo-plan.xlsx'), join(demoDir, 'demo-photos.zip')]);
  await page.getByTestId('plan-check').click();
  await expect(page.getByTestId('plan-report')).toContainText('与已导入的计划相同，无需导入。');
  await expect(page.getByTestId('plan-import')).toBeDisabled();
});

test('the plan exported from the import page: the workbook and the photo zip download, every candidate and photo in them (the answer made on the export worker)', async ({ page, consoleApp }) => {
  const token = await consoleApp.setupSite();
  const file = (name: string) => ({ name, data: readFileSync(join(demoDir, name)).toString('base64') });
  await consoleApp.call('plan.import', { files: [file('demo-plan.xlsx'), file('demo-photos.zip')] }, token);
  await signIn(page, consoleApp.url, SITE_HEAD.staffNo, SITE_HEAD.pin);
  await page.goto(`${consoleApp.url}/#/plan/import`);
  const downloads: import('@playwright/test').Download[] = [];
  page.on('download', (d) => downloads.push(d));
  await page.getByTestId('plan-export').click();
  await expect.poll(() => downloads.length).toBe(2);
  const named = (re: RegExp) => downloads.find((d) => re.test(d.suggestedFilename()));
  const [book, zip] = await Promise.all([/^认定计划-.+\.xlsx$/, /^照片-.+\.zip$/].map(async (re) => readFileSync((await named(re)!.path())!)));
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(book! as unknown as ArrayBuffer); // exceljs's typing predates Node's Buffer generics
  expect(wb.getWorksheet('考生')!.actualRowCount).toBeGreaterThanOrEqual(120);
  expect(zip!.subarray(0, 2).toString()).toBe('PK');
  expect(zip!.length).toBeGreaterThan(120 * 1000);
  await page.screenshot({ path: 'test-results/screens/plan-export.png', fullPage: true });
});
