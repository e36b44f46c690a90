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
