// Forms of the 档案 pages (A3), on the data folder a whole demo exam day left behind: the retention
// years. A period below the province's rule is refused under that class's years, in words that name
// the class; the button waits for every class's years; a good save leaves no error. (The
// destruction's two signatures: records.spec.ts; restore: forms-restore.spec.ts, backup.spec.ts.)
import { expectNoFieldErrors } from '../support/forms-e2e';
import { openAs } from '../support/home-e2e';
import { expect, test } from './fixtures';

test.use({ day: 'complete' });

test('保管期限 (A3): the save waits for every class’s years; 3 years of registration material refused under that class (Shandong: at least 5); 6 saved', async ({ page, consoleApp, pageErrors }) => {
  const head = await consoleApp.setupSite();
  await page.setViewportSize({ width: 1280, height: 800 });
  await openAs(page, consoleApp.url, head, '/records/policy');
  const years = page.getByTestId('policy-years-registration');
  const save = page.getByTestId('policy-save');
  await expect(years).toHaveValue('5');
  await years.fill('');
  await expect(save).toBeDisabled();
  await years.fill('3');
  await save.click();
  const help = page.locator('[data-testid=field-error][data-field="years.registration"]');
  await expect(help).toContainText('认定报名材料（考生信息与照片）');
  await expect(help).toContainText('保管期限须为 5–100 年');
  await expect(page.locator('.ant-form-item-explain-error')).toHaveCount(1);
  await expect(page.getByText(/years\.registration|registration：/)).toHaveCount(0);
  await page.screenshot({ path: 'test-results/screens/form-error-policy-1280x800.png' });
  await page.setViewportSize({ width: 800, height: 1280 });
  await help.scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'test-results/screens/form-error-policy-800x1280.png' });
  await years.fill('6');
  await expectNoFieldErrors(page); // editing the field clears its error
  await save.click();
  await expect(page.getByText('保管期限已保存。')).toBeVisible();
  await expectNoFieldErrors(page);
  // a read for the check: the setting is kept
  const kept = consoleApp.app.env.opened.sqlite.prepare("SELECT value FROM retention_settings WHERE key = 'years.registration'").get() as { value: string };
  expect(kept.value).toBe('6');
  expect(pageErrors).toEqual([]);
});
