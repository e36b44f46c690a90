// Forms of the 公示 (G5), from the demo day's publication of its sealed version: an objection
// recorded, investigated and decided on screen. Each button waits for its required fields; a text
// too short is refused under its field, in the words of that field's label; a good submit goes
// through and leaves no error. (The start date's refusal: publication-calendar.spec.ts.)
import { expectFieldError, expectNoFieldErrors, fieldItem } from '../support/forms-e2e';
import { openAs } from '../support/home-e2e';
import { expect, test } from './fixtures';

test.use({ day: 'published' });

test('异议登记、调查与处理: each button waits for its fields; a short 异议内容, 调查情况 and 处理决定 each refused under its own field; then decided', async ({ page, consoleApp, pageErrors }) => {
  const day = consoleApp.day!;
  consoleApp.clock.set('2026-05-22T10:00:00+08:00'); // the first day of the 公示
  const head = await consoleApp.setupSite();
  await page.setViewportSize({ width: 1280, height: 800 });
  await openAs(page, consoleApp.url, head, '/publication');
  const form = page.getByTestId('objection-form');
  const record = page.getByTestId('objection-record');
  await expect(record).toBeDisabled();
  await fieldItem(form, '异议人').locator('input').fill('考生本人');
  await expect(record).toBeDisabled();
  await fieldItem(form, '异议内容').locator('textarea').fill('低');
  await expect(record).toBeEnabled();
  await record.click();
  await expectFieldError(form, '异议内容', '请填写异议内容');
  await expect(form.getByText(/content：|raisedBy：/)).toHaveCount(0);
  await page.screenshot({ path: 'test-results/screens/form-error-objection-1280x800.png' });
  await page.setViewportSize({ width: 800, height: 1280 });
  await form.scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'test-results/screens/form-error-objection-800x1280.png' });
  await page.setViewportSize({ width: 1280, height: 800 });
  await fieldItem(form, '异议内容').locator('textarea').fill('认为操作技能成绩偏低');
  await record.click();
  await expect(page.getByText('认为操作技能成绩偏低')).toBeVisible();
  await expectNoFieldErrors(form);
  await expect(fieldItem(form, '异议人').locator('input')).toHaveValue(''); // the form is ready for the next one

  const investigate = page.getByTestId('objection-investigate');
  await expect(investigate).toBeDisabled();
  await page.getByTestId('objection-investigation').fill('查');
  await investigate.click();
  await expectFieldError(page, '调查情况', '请填写调查情况');
  await page.getByTestId('objection-investigation').fill('调阅三份评分记录表及现场录像，评分有据。');
  await investigate.click();

  const resolve = page.getByTestId('objection-resolve');
  await expect(resolve).toBeDisabled();
  await page.getByTestId('objection-decision').fill('否');
  await expect(resolve).toBeDisabled(); // the outcome is still to choose
  await page.getByText('异议不成立').click();
  await resolve.click();
  await expectFieldError(page, '处理决定', '请填写处理决定');
  await expect(page.getByText(/decision：/)).toHaveCount(0);
  await page.getByTestId('objection-decision').fill('经调查评分无误，维持原成绩，已书面答复。');
  await resolve.click();
  await expect(page.getByText(new RegExp(`经调查评分无误.*${day.site.headName}`))).toBeVisible();
  await expectNoFieldErrors(page);
  expect(pageErrors).toEqual([]);
});
