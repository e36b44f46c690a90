// The sync page in Chromium (G5, A1), from the demo day after its 公示 ended with no objection: the
// sealed package waits while the platform is off, and turns green on the platform's verified
// receipt once it is on; the site key's fingerprint is on the About page.
import { platformSwitch, type PlatformSwitch } from '../support/stories';
import { expect, signIn, test } from './fixtures';

test.use({ day: 'ended' });

let platform: PlatformSwitch;
test.beforeEach(async () => {
  platform = await platformSwitch();
});
test.afterEach(async () => {
  await platform.dispose();
});

test('sync: platform off → waiting and offline; on → acknowledged and green with its receipt; the site key on About', async ({ page, consoleApp, pageErrors }) => {
  const day = consoleApp.day!;
  const head = await consoleApp.setupSite();
  // the site's platform: this test's, off for now (its key given out of band)
  await consoleApp.call('sync.configure', { platformUrl: platform.url, expectedFingerprint: platform.fingerprint }, head);

  await signIn(page, consoleApp.url, day.site.staffNo, day.site.pin);
  await page.getByRole('menuitem', { name: '上报省平台' }).click();
  const row = page.locator(`[data-hash="${day.seal!.hash}"]`);
  await expect(row.getByTestId('sync-state')).toHaveText('等待发送');
  await expect(row).toHaveAttribute('data-held', '0');

  // platform off: the package waits, the network shows offline, nothing turns green
  await page.getByTestId('sync-all').click();
  await expect(page.getByTestId('sync-network')).toHaveAttribute('data-state', 'offline');
  await expect(row).toHaveAttribute('data-state', 'waiting');
  await expect(row.getByTestId('sync-state')).toHaveText('等待发送');
  await expect(row.getByTestId('sync-detail')).toContainText('上次失败');
  await page.screenshot({ path: 'test-results/screens/sync-offline.png' });

  // platform on: one click, and green only once the signed receipt is verified
  const on = await platform.start();
  await page.getByTestId('sync-all').click();
  await expect(row).toHaveAttribute('data-state', 'acknowledged');
  await expect(row.getByTestId('sync-state')).toHaveText('平台已确认');
  await expect(row.locator('.ant-tag-success')).toBeVisible();
  await expect(page.getByTestId('sync-network')).toHaveAttribute('data-state', 'online');
  const recordNo = (on.store.prepare('SELECT record_no FROM records WHERE hash = ?').get(day.seal!.hash) as { record_no: string }).record_no;
  await expect(row).toContainText(recordNo);
  await expect(page.getByTestId('sync-receipts')).toContainText('接收回执');
  await expect(page.getByTestId('sync-pinned')).toContainText(on.fingerprint.slice(0, 4));
  await page.screenshot({ path: 'test-results/screens/sync-acknowledged.png', fullPage: true });

  // the site key's fingerprint is on the About page
  await page.getByRole('menuitem', { name: '关于本机' }).click();
  await expect(page.getByTestId('site-key-fingerprint')).toHaveText(/^([0-9a-f]{4} ){15}[0-9a-f]{4}$/);
  expect(pageErrors).toEqual([]);
});
