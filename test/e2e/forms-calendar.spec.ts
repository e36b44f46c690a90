// The holiday schedule's form on the publication page (G5), from the demo day sealed: a file that is
// not JSON, and one whose dates are not of its year, are refused under 放假安排文件（JSON） by its
// label; the official 2027 schedule loads and leaves no refusal.
import { SCHEDULE_2027 } from '../support/calendar-2027';
import { expectFieldError, expectNoFieldErrors } from '../support/forms-e2e';
import { expect, signIn, test } from './fixtures';

test.use({ day: 'sealed' });

test('放假安排: a file that is not JSON and dates outside the year are refused under 放假安排文件; the 2027 schedule loads and clears it', async ({ page, consoleApp, pageErrors }) => {
  const day = consoleApp.day!;
  await page.setViewportSize({ width: 1280, height: 800 });
  await signIn(page, consoleApp.url, day.site.staffNo, day.site.pin);
  await page.evaluate(() => {
    location.hash = '#/publication';
  });
  // the page has what it shows (the sealed version it would publish) before a file is chosen
  await expect(page.getByTestId('pub-basis')).toBeVisible();
  const form = page.getByTestId('calendar-form');
  const file = form.locator('input[type=file]');
  await file.setInputFiles({ name: '放假安排.json', mimeType: 'application/json', buffer: Buffer.from('2027年：元旦 1月1日至3日') });
  await expectFieldError(form, '放假安排文件', '不是有效的 JSON');
  await page.screenshot({ path: 'test-results/screens/form-error-calendar-1280x800.png' });
  await page.setViewportSize({ width: 800, height: 1280 });
  await page.screenshot({ path: 'test-results/screens/form-error-calendar-800x1280.png' });
  await page.setViewportSize({ width: 1280, height: 800 });
  await file.setInputFiles({ name: '2027.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify({ year: 2027, holidays: ['2026-10-01', '2027-01-01'] })) });
  await expectFieldError(form, '放假安排文件', '不属于 2027 年');
  await expect(form.getByText(/holidays|schedule/)).toHaveCount(0);
  await file.setInputFiles({ name: '2027年放假安排.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(SCHEDULE_2027)) });
  await expect(page.getByText('已载入 2027 年放假安排')).toBeVisible();
  await expectNoFieldErrors(form);
  await expect(page.getByTestId('calendar-error')).toHaveCount(0);
  expect(pageErrors).toEqual([]);
});
