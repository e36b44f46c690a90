// The plan import page's forms (P5): the check waits for files and the download for a plan code; a
// plan code the console refuses is shown under 认定计划编号 by its label, a refusal that is not about
// the code (no platform set) beside the download button; a good check leaves no error.
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expectFieldError, expectNoFieldErrors } from '../support/forms-e2e';
import { openAs } from '../support/home-e2e';
import { expect, test } from './fixtures';

const demoDir = fileURLToPath(new URL('../../resources/demo-plan/', import.meta.url));

test('导入认定计划: a malformed plan code is refused under 认定计划编号, no platform beside the download button; a good check clears both', async ({ page, consoleApp, pageErrors }) => {
  const head = await consoleApp.setupSite();
  await page.setViewportSize({ width: 1280, height: 800 });
  await openAs(page, consoleApp.url, head, '/plan/import');
  const download = page.getByTestId('plan-download');
  const check = page.getByTestId('plan-check');
  await expect(download).toBeDisabled();
  await expect(check).toBeDisabled();
  const code = page.getByLabel('认定计划编号');
  await code.fill('第1期 计划');
  await expect(download).toBeEnabled();
  await download.click();
  await expectFieldError(page, '认定计划编号', '只能包含字母、数字');
  await expect(page.getByText(/planCode/)).toHaveCount(0);
  await expect(page.getByTestId('plan-download-error')).toHaveCount(0);
  await page.screenshot({ path: 'test-results/screens/form-error-plan-1280x800.png' });
  await page.setViewportSize({ width: 800, height: 1280 });
  await page.screenshot({ path: 'test-results/screens/form-error-plan-800x1280.png' });
  await page.setViewportSize({ width: 1280, height: 800 });

  // a well-formed code, but no platform is set: beside the button, not under the code
  await code.fill('P2026052101');
  await expectNoFieldErrors(page);
  await download.click();
  await expect(page.getByTestId('plan-download-error')).toContainText('尚未设置省平台地址');
  await expectNoFieldErrors(page);

  // the files' check goes through: no refusal is left on the page
  await page.locator('[data-testid=plan-drop] input[type=file]').setInputFiles([join(demoDir, 'demo-plan.xlsx')]);
  await expect(check).toBeEnabled();
  await check.click();
  await expect(page.getByTestId('plan-verdict')).toBeVisible();
  await expect(page.getByTestId('plan-download-error')).toHaveCount(0);
  await expect(page.getByTestId('plan-error')).toHaveCount(0);
  await expectNoFieldErrors(page);
  expect(pageErrors).toEqual([]);
});
