// The seal's signatures as a form (S9), from the demo day with every score in: the button waits for
// every signer's staff number and PIN; a wrong PIN is refused under that signer's PIN; the right
// ones seal and leave no error.
import { expectNoFieldErrors } from '../support/forms-e2e';
import { expect, test } from './fixtures';
import { openAs } from '../support/home-e2e';

test.use({ day: 'scored' });

test('封存签名: a wrong PIN is refused under that signer’s PIN, named PIN; the right ones seal', async ({ page, consoleApp, pageErrors }) => {
  const day = consoleApp.day!;
  const head = await consoleApp.setupSite();
  const signers = (await consoleApp.call<{ signers: { role: string; staffNo: string }[] }>('seal.readiness', { batchId: day.batchId }, head)).signers;
  const pinOf = (role: string) => (role === 'site_head' ? day.site.pin : day.staffPin);
  await page.setViewportSize({ width: 1280, height: 800 });
  await openAs(page, consoleApp.url, head, '/seal');
  const submit = page.getByTestId('seal-submit');
  await expect(submit).toBeDisabled();
  const wrongAt = signers.length - 1;
  for (const [i, s] of signers.entries()) {
    await page.getByTestId(`signer-${i}-staffNo`).fill(s.staffNo);
    await page.getByTestId(`signer-${i}-pin`).fill(i === wrongAt ? '000000' : pinOf(s.role));
  }
  await submit.click();
  const row = page.getByTestId(`signer-${wrongAt}`);
  const help = row.locator('.ant-form-item-explain-error');
  await expect(help).toContainText('PIN'); // the words name the field (its label is PIN)
  await expect(help).toContainText('不正确');
  await expect(page.locator('.ant-form-item-explain-error')).toHaveCount(1);
  await expect(page.getByText(/signatures\.\d/)).toHaveCount(0);
  await row.scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'test-results/screens/form-error-seal-1280x800.png' });
  await page.setViewportSize({ width: 800, height: 1280 });
  await page.screenshot({ path: 'test-results/screens/form-error-seal-800x1280.png' });
  // the PINs are cleared after an attempt: the button waits for them again
  await expect(submit).toBeDisabled();
  for (const [i, s] of signers.entries()) await page.getByTestId(`signer-${i}-pin`).fill(pinOf(s.role));
  await submit.click();
  await expect(page.getByTestId('seal-status')).toHaveText('已封存（第 1 版）');
  await expectNoFieldErrors(page);
  expect(pageErrors).toEqual([]);
});
