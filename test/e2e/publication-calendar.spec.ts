// The 公示 period on the work calendar (G5), from the demo day sealed, months later: a start date the
// calendar cannot cover is refused until the site loads the next year's schedule; a period over
// National Day ends on 10-12; the list masks ID numbers.
import { SCHEDULE_2027 } from '../support/calendar-2027';
import { pickDate } from '../support/stories';
import { expectFieldError } from '../support/forms-e2e';
import { expect, signIn, test } from './fixtures';

test.use({ day: 'sealed' });

test('publication: an uncovered year refused then loaded; the period over National Day; opened on the sealed version', async ({ page, consoleApp, pageErrors }) => {
  const day = consoleApp.day!;
  consoleApp.clock.set('2026-09-29T09:00:00+08:00');
  await signIn(page, consoleApp.url, day.site.staffNo, day.site.pin);
  await page.getByRole('menuitem', { name: '结果公示' }).click();
  await expect(page.getByTestId('pub-basis')).toContainText(`公示依据：封存第 1 版（哈希 ${day.seal!.hash.slice(0, 12)}…）`);
  await pickDate(page, 'pub-start', '2026-12-28');
  await expectFieldError(page, '公示开始日期', '工作日历未包含 2027 年的节假日安排');
  await expect(page.getByTestId('pub-open')).toBeDisabled();
  // the site loads the 2027 schedule as a file
  const schedule = SCHEDULE_2027;
  await page.locator('input[type=file]').setInputFiles({ name: '2027年放假安排.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(schedule)) });
  await expect(page.getByText('已载入 2027 年放假安排')).toBeVisible();
  await pickDate(page, 'pub-start', '2026-12-29');
  await pickDate(page, 'pub-start', '2026-12-28');
  await expect(page.getByTestId('pub-end')).toHaveText('公示截止：2027-01-04');

  // the period over National Day
  await pickDate(page, 'pub-start', '2026-09-30');
  await expect(page.getByTestId('pub-end')).toHaveText('公示截止：2026-10-12');
  await page.getByTestId('pub-open').click();
  await expect(page.getByText('公示期：2026-09-30 至 2026-10-12 · 封存第 1 版')).toBeVisible();
  await expect(page.getByTestId('pub-list')).toContainText('3704**********');
  await page.screenshot({ path: 'test-results/screens/publication-open.png', fullPage: true });
  expect(pageErrors).toEqual([]);
});
