// The seal ceremony in Chromium (S9), from the demo day with every score in: the site head's, the
// chief examiners' and the supervisor's PINs on one screen, a wrong PIN refused with nothing sealed,
// then version 1 sealed and queued, held until its publication ends (G5).
import { expect, signIn, test } from './fixtures';

test.use({ day: 'scored' });

test('seal: three kinds of signature on one screen; a wrong PIN seals nothing; version 1 sealed and held for its publication (G5)', async ({ page, consoleApp, pageErrors }) => {
  const day = consoleApp.day!;
  const sqlite = consoleApp.app.env.opened.sqlite;
  const head = await consoleApp.setupSite();
  const signers = (await consoleApp.call<{ signers: { role: string; staffNo: string }[] }>('seal.readiness', { batchId: day.batchId }, head)).signers;
  expect(new Set(signers.map((s) => s.role))).toEqual(new Set(['site_head', 'chief_examiner', 'supervisor']));
  const pinOf = (role: string) => (role === 'site_head' ? day.site.pin : day.staffPin);
  const fill = async (wrongAt = -1) => {
    for (const [i, s] of signers.entries()) {
      await page.getByTestId(`signer-${i}-staffNo`).fill(s.staffNo);
      await page.getByTestId(`signer-${i}-pin`).fill(i === wrongAt ? '000000' : pinOf(s.role));
    }
  };

  await signIn(page, consoleApp.url, day.site.staffNo, day.site.pin);
  // the site head's home task leads to the seal page
  await page.getByTestId('day-tasks').getByText('成绩封存', { exact: true }).locator('xpath=ancestor::li[1]').getByRole('button').click();
  await expect(page.getByTestId('seal-ready')).toContainText('可以签名封存');
  await expect(page.getByTestId('seal-status')).toHaveText('未封存');
  await expect(page.getByTestId('seal-signatures')).toContainText('督导员');
  await expect(page.getByTestId('seal-signatures')).toContainText('考评组长');
  // a wrong PIN (the supervisor's): refused, nothing sealed
  await fill(signers.length - 1);
  await page.getByTestId('seal-submit').click();
  await expect(page.getByTestId(`signer-${signers.length - 1}`).getByTestId('field-error')).toContainText('PIN'); // under the supervisor's PIN
  expect((sqlite.prepare('SELECT COUNT(*) AS n FROM sealed_packages').get() as { n: number }).n).toBe(0);
  await page.screenshot({ path: 'test-results/screens/seal-signatures.png', fullPage: true });
  await fill();
  await page.getByTestId('seal-submit').click();
  await expect(page.getByTestId('seal-status')).toHaveText('已封存（第 1 版）');
  await expect(page.getByTestId('seal-versions')).toContainText('封存');
  await expect(page.getByTestId('seal-versions')).toContainText('待公示期满'); // queued, held until its publication ends
  expect((sqlite.prepare('SELECT version, kind FROM sealed_packages').all() as { version: number; kind: string }[])).toEqual([{ version: 1, kind: 'seal' }]);
  await page.screenshot({ path: 'test-results/screens/seal-sealed.png', fullPage: true });
  expect(pageErrors).toEqual([]);
});
