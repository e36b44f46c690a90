// DOMAIN A2–A5 in Chromium, on the data folder a whole demo exam day left behind: the 档案 pages
// archive the batch and verify it, show the yearly summary with its chart, and five years on
// destroy the material with two signatures (a wrong PIN refused first) and show it in the ledger.
// Screenshots at 1280×800 and 800×1280.
import { expectFieldError } from '../support/forms-e2e';
import { expect, signIn, test } from './fixtures';

const HEAD = { staffNo: 'H001', pin: '246810' };
const SUPERVISOR = { staffNo: 'T017', pin: '135790' };

// the whole demo day, as the suite keeps it once per run (test/support/days.ts), copied for this test
test.use({ day: 'complete' });

test('records: archive and verify the demo batch, the yearly summary with its chart, a destruction with two signatures in the ledger', async ({ page, consoleApp, pageErrors }) => {
  test.setTimeout(240_000);
  void pageErrors;
  const { app, clock } = consoleApp;
  clock.set('2026-07-01T09:00:00+08:00');
  await page.setViewportSize({ width: 1280, height: 800 });
  await signIn(page, consoleApp.url, HEAD.staffNo, HEAD.pin);
  await expect(page.getByTestId('whoami')).toBeVisible();
  await page.getByRole('menuitem', { name: '档案' }).click();
  const card = page.locator('[data-testid^=records-batch-]').first();
  await expect(card.getByTestId('archive-state')).toHaveText('尚未归档');
  await expect(card.getByTestId('state-certificates')).toContainText('保管中');
  await card.getByTestId('archive-create').click();
  // the PDFs with their embedded fonts take a while on a busy machine
  await expect(card.getByTestId('archive-state')).toContainText('档案包：2026_ZZJS-20260521-01', { timeout: 120_000 });
  await card.getByTestId('archive-verify').click();
  await expect(card.getByTestId('archive-ok')).toBeVisible({ timeout: 60_000 });
  await page.screenshot({ path: 'test-results/screens/records-archive-1280x800.png', fullPage: true });
  await page.setViewportSize({ width: 800, height: 1280 });
  await page.screenshot({ path: 'test-results/screens/records-archive-800x1280.png', fullPage: true });

  await page.getByRole('tab', { name: '年度总结' }).click();
  await expect(page.getByTestId('summary-chart').locator('canvas')).toBeVisible();
  await expect(page.getByTestId('summary')).toContainText('合计');
  const evaluated = (app.env.opened.sqlite.prepare("SELECT COUNT(DISTINCT candidate_id) AS n FROM checkins").get() as { n: number }).n;
  await expect(page.getByTestId('stat-evaluated')).toContainText(String(evaluated));
  await page.screenshot({ path: 'test-results/screens/records-summary-800x1280.png', fullPage: true });
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.screenshot({ path: 'test-results/screens/records-summary-1280x800.png', fullPage: true });

  // five years on (Shandong: electronic material at least 5 years, A3): everything falls due
  clock.set('2031-05-22T09:00:00+08:00');
  await signIn(page, consoleApp.url, HEAD.staffNo, HEAD.pin);
  await page.goto(`${consoleApp.url}/#/records`);
  await expect(card.getByTestId('state-registration')).toContainText('已到期');
  await card.getByTestId('destroy-open').click();
  const modal = page.getByTestId('destroy-modal');
  await expect(modal.getByTestId('destroy-class-certificates')).toBeVisible();
  await modal.getByTestId('destroyer-staffNo').fill(SUPERVISOR.staffNo);
  await modal.getByTestId('destroyer-pin').fill('000000');
  await modal.getByTestId('signer-staffNo').fill(HEAD.staffNo);
  await modal.getByTestId('signer-pin').fill(HEAD.pin);
  await modal.getByTestId('destroy-submit').click();
  await expectFieldError(modal, '销毁人 PIN', 'PIN 不正确'); // under the destroyer's PIN, not the site head's
  await expect(modal.locator('.ant-form-item-explain-error')).toHaveCount(1);
  expect((app.env.opened.sqlite.prepare('SELECT COUNT(*) AS n FROM candidates').get() as { n: number }).n).toBe(120);
  await page.screenshot({ path: 'test-results/screens/records-destroy-1280x800.png' });
  await modal.getByTestId('destroyer-pin').fill(SUPERVISOR.pin);
  await modal.getByTestId('signer-pin').fill(HEAD.pin);
  await modal.getByTestId('destroy-submit').click();
  await expect(modal).toBeHidden({ timeout: 60_000 });
  await expect(card.getByTestId('state-certificates')).toContainText('已销毁（2031-05-22）');
  expect((app.env.opened.sqlite.prepare('SELECT COUNT(*) AS n FROM candidates').get() as { n: number }).n).toBe(0);

  await page.getByRole('tab', { name: '销毁台账' }).click();
  const ledger = page.getByTestId('ledger');
  await expect(ledger).toContainText('蒋婷英（T017）');
  await expect(ledger).toContainText('发证名册、封存包、平台回执与审计记录');
  await expect(ledger.locator('tbody tr.ant-table-row')).toHaveCount(6);
  await page.screenshot({ path: 'test-results/screens/records-ledger-1280x800.png', fullPage: true });
  await page.setViewportSize({ width: 800, height: 1280 });
  await page.screenshot({ path: 'test-results/screens/records-ledger-800x1280.png', fullPage: true });
  // the summary still counts the batch, from its archive
  await page.getByRole('tab', { name: '年度总结' }).click();
  await expect(page.getByTestId('summary')).toContainText('资料已销毁，数字取自档案');
});
