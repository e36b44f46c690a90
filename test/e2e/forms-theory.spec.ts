// The theory import's form (G2), from the demo day after its doors: a file the console cannot read
// as results is refused under 成绩文件, in words that name it; a good file gives the report and no
// refusal is left.
import { pickOption } from '../support/antd-e2e';
import { expectFieldError, expectNoFieldErrors } from '../support/forms-e2e';
import { expect, signIn, test } from './fixtures';

test.use({ day: 'doors' });

test('理论成绩导入: a file without the header is refused under 成绩文件; a good file clears it', async ({ page, consoleApp, pageErrors }) => {
  const day = consoleApp.day!;
  const theory = day.sessions.find((s) => s.kind === 'theory')!;
  const cand = theory.rooms[0]!.candidates[0]!;
  await page.setViewportSize({ width: 1280, height: 800 });
  await signIn(page, consoleApp.url, day.clerks[0]!.staffNo, day.staffPin);
  await page.evaluate(() => {
    location.hash = '#/theory';
  });
  // the first theory subject with this session's candidates (the list names it by occupation and level)
  const subject = page.getByTestId('theory-subject');
  await expect(subject).toBeVisible();
  const sqlite = consoleApp.app.env.opened.sqlite;
  const label = sqlite.prepare('SELECT o.work_type_name AS w, o.name AS n FROM subjects su JOIN occupations o ON o.id = su.occupation_id WHERE su.id = ?').get(theory.subjectId) as { w: string | null; n: string };
  const name = label.w ?? label.n;
  await pickOption(subject, page.locator('.ant-select-item-option', { hasText: name }).first(), name);
  const file = page.locator('input[type=file]');
  await file.setInputFiles({ name: '成绩.csv', mimeType: 'text/csv', buffer: Buffer.from(`${cand.ticketNo},86\r\n`, 'utf8') });
  await expectFieldError(page, '成绩文件', '缺少表头');
  await expect(page.getByTestId('theory-error')).toHaveCount(0);
  await page.screenshot({ path: 'test-results/screens/form-error-theory-1280x800.png' });
  await page.setViewportSize({ width: 800, height: 1280 });
  await page.screenshot({ path: 'test-results/screens/form-error-theory-800x1280.png' });
  const csv = ['准考证号,身份证号,姓名,成绩', `${cand.ticketNo},${cand.docNumber},${cand.name},86`].join('\r\n');
  await file.setInputFiles({ name: '理论成绩.csv', mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') });
  await expect(page.getByTestId('theory-report')).toContainText('匹配 1 行');
  await expectNoFieldErrors(page);
  expect(pageErrors).toEqual([]);
});

test('纸笔登分 (G4): the button waits for 准考证号 and 成绩; an unknown ticket and a second entry by the same clerk are refused under 准考证号', async ({ page, consoleApp, pageErrors }) => {
  const day = consoleApp.day!;
  const clerk = day.clerks[0]!;
  const sqlite = consoleApp.app.env.opened.sqlite;
  // a read: the paper-mode theory subject and how the list names it
  const paper = sqlite.prepare("SELECT su.id AS id, o.work_type_name AS w, o.name AS n FROM subjects su JOIN occupations o ON o.id = su.occupation_id WHERE su.kind = 'theory' AND su.mode = 'paper'").get() as { id: number; w: string | null; n: string };
  const token = await consoleApp.signIn(clerk.staffNo, day.staffPin);
  const rows = await consoleApp.call<{ ticketNo: string; first: number | null }[]>('theory.paper.state', { subjectId: paper.id }, token);
  const ticket = rows.find((r) => r.first === null)!.ticketNo;
  await page.setViewportSize({ width: 1280, height: 800 });
  await signIn(page, consoleApp.url, clerk.staffNo, day.staffPin);
  await page.evaluate(() => {
    location.hash = '#/theory';
  });
  const name = `${paper.w ?? paper.n}`;
  await pickOption(page.getByTestId('theory-subject'), page.locator('.ant-select-item-option', { hasText: name }).filter({ hasText: '纸笔' }), '纸笔');
  await page.getByRole('tab', { name: '纸笔考试双人登分' }).click();
  const form = page.getByTestId('paper-form');
  const enter = page.getByTestId('paper-enter');
  await expect(enter).toBeDisabled();
  await page.getByTestId('paper-ticket').fill('2605219999');
  await expect(enter).toBeDisabled();
  await page.getByTestId('paper-score').fill('80');
  await expect(enter).toBeEnabled();
  await enter.click();
  await expectFieldError(form, '准考证号', '找不到该准考证号的考生');
  await page.getByTestId('paper-ticket').fill(ticket);
  await expectNoFieldErrors(form);
  await enter.click();
  await expect(page.getByText('已录入，等待另一名登分人员复核录入')).toBeVisible();
  await expect(page.getByTestId('paper-ticket')).toHaveValue('');
  await expectNoFieldErrors(form);
  // the same clerk again: G4 wants a second clerk, said under the ticket
  await page.getByTestId('paper-ticket').fill(ticket);
  await page.getByTestId('paper-score').fill('81');
  await enter.click();
  await expectFieldError(form, '准考证号', '另一名登分人员');
  await expect(form.getByText(/candidateId|ticketNo/)).toHaveCount(0);
  await expect(page.getByTestId('paper-error')).toHaveCount(0);
  expect(pageErrors).toEqual([]);
});
