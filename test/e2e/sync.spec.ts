// G7 in Chromium: a sealed package waits while the platform is off, turns green on the
// platform's verified receipt once it is on, a rejection shows with its reason, and the amendment
// that corrects it is resent.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startPlatform, type RunningPlatform } from '../../scripts/platform/server';
import { sampleContent, seedAmendment, seedSealedPackage } from '../support/sync-seed';
import { SITE_HEAD, expect, signIn, test } from './fixtures';

test('sync: platform off → waiting; on → acknowledged and green; a rejection shows its reason; the amendment is resent', async ({ page, consoleApp, pageErrors }) => {
  const platformDir = mkdtempSync(join(tmpdir(), 'esc-e2e-platform-'));
  // find a free port for the platform, then leave it off
  const probe = await startPlatform({ dataDir: platformDir });
  const { port, url: platformUrl } = probe;
  await probe.close();
  let platform: RunningPlatform | null = null;
  try {
    await consoleApp.setupSite();
    // test-only seeding: the seal ceremony is the results work's; the package is built by the seal service
    const pkg = seedSealedPackage(consoleApp.app.env, { records: 3 });

    await signIn(page, consoleApp.url, SITE_HEAD.staffNo, SITE_HEAD.pin);
    await page.getByRole('menuitem', { name: '上报省平台' }).click();
    await expect(page.getByTestId('sync-network')).toHaveAttribute('data-state', 'unknown');
    const row = page.locator(`[data-hash="${pkg.hash}"]`);
    await expect(row.getByTestId('sync-state')).toHaveText('等待发送');

    // without a platform address the one click explains itself
    await page.getByTestId('sync-all').click();
    await expect(page.getByTestId('sync-message')).toContainText('尚未设置省平台地址');

    await page.getByTestId('sync-url').fill(platformUrl);
    await page.getByTestId('sync-save').click();
    await expect(page.getByTestId('sync-message')).toContainText('平台设置已保存');

    // platform off: the package waits, the network shows offline, nothing turns green
    await page.getByTestId('sync-all').click();
    await expect(page.getByTestId('sync-network')).toHaveAttribute('data-state', 'offline');
    await expect(row).toHaveAttribute('data-state', 'waiting');
    await expect(row.getByTestId('sync-state')).toHaveText('等待发送');
    await expect(row.getByTestId('sync-detail')).toContainText('上次失败');
    await page.screenshot({ path: 'test-results/screens/sync-offline.png' });

    // platform on: one click, and green only once the signed receipt is verified
    platform = await startPlatform({ dataDir: platformDir, port });
    await page.getByTestId('sync-all').click();
    await expect(row).toHaveAttribute('data-state', 'acknowledged');
    await expect(row.getByTestId('sync-state')).toHaveText('平台已确认');
    await expect(row.locator('.ant-tag-success')).toBeVisible();
    await expect(page.getByTestId('sync-network')).toHaveAttribute('data-state', 'online');
    const recordNo = (platform.store.prepare('SELECT record_no FROM records WHERE hash = ?').get(pkg.hash) as { record_no: string }).record_no;
    await expect(row).toContainText(recordNo);
    await expect(page.getByTestId('sync-receipts')).toContainText('接收回执');
    await expect(page.getByTestId('sync-pinned')).toContainText(platform.fingerprint.slice(0, 4));
    await page.screenshot({ path: 'test-results/screens/sync-acknowledged.png', fullPage: true });

    // the platform sends the record back with a reason
    const res = await fetch(`${platform.url}/admin/reject`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ hash: pkg.hash, reasons: [{ ref: 'T1-00002', message: '证件号码与姓名不符，请核对后重报' }] }),
    });
    expect(res.status).toBe(200);
    await page.getByTestId('sync-all').click();
    await expect(row).toHaveAttribute('data-state', 'rejected');
    await expect(row.getByTestId('sync-state')).toHaveText('平台退回');
    await expect(row.getByTestId('sync-detail')).toContainText('T1-00002：证件号码与姓名不符，请核对后重报');
    await expect(page.getByTestId('sync-receipts')).toContainText('退回通知');
    await page.screenshot({ path: 'test-results/screens/sync-rejected.png', fullPage: true });

    // the correction is a new signed version (the amendment flow is the results work's; seeded here
    // through the seal service), resent with one click; the rejected version stays as it was
    const v2 = seedAmendment(consoleApp.app.env, pkg.batch_id, '平台退回：更正 T1-00002 证件号码', sampleContent(1, 3));
    const row2 = page.locator(`[data-hash="${v2.hash}"]`);
    await expect(row2.getByTestId('sync-state')).toHaveText('等待发送');
    await expect(row2).toContainText('第 2 版（修订）');
    await expect(row2.getByTestId('sync-detail')).toContainText('修订原因：平台退回：更正 T1-00002 证件号码');
    await page.getByTestId('sync-all').click();
    await expect(row2).toHaveAttribute('data-state', 'acknowledged');
    await expect(row).toHaveAttribute('data-state', 'rejected');
    const stored = platform.store.prepare('SELECT version, kind FROM records ORDER BY id').all();
    expect(stored).toEqual([
      { version: 1, kind: 'seal' },
      { version: 2, kind: 'amendment' },
    ]);
    await page.screenshot({ path: 'test-results/screens/sync-amended.png', fullPage: true });

    // the site key's fingerprint is on the About page
    await page.getByRole('menuitem', { name: '关于本机' }).click();
    await expect(page.getByTestId('site-key-fingerprint')).toHaveText(/^([0-9a-f]{4} ){15}[0-9a-f]{4}$/);

    // English UI: what the console says about each package (states, holds, refusals, failures) is
    // worded from codes; the only Chinese left is the data (batch name, the platform's own reasons,
    // the amendment's reason as typed)
    await page.evaluate(() => localStorage.setItem('esc.lang', 'en'));
    await page.goto(`${consoleApp.url}/#/sync`);
    await page.reload();
    await expect(row.getByTestId('sync-state')).toHaveText('Rejected');
    await expect(row2.getByTestId('sync-state')).toHaveText('Acknowledged');
    await expect(row.getByTestId('sync-detail')).toContainText('T1-00002: 证件号码与姓名不符，请核对后重报');
    const batchName = (consoleApp.app.env.opened.sqlite.prepare('SELECT name FROM batches WHERE id = ?').get(pkg.batch_id) as { name: string }).name;
    const data = [batchName, '证件号码与姓名不符，请核对后重报', '平台退回：更正 T1-00002 证件号码'];
    let shown = [await page.getByTestId('sync-network').innerText(), await page.getByTestId('sync-summary').innerText(), await page.getByTestId('sync-packages').innerText()].join('\n');
    for (const d of data) shown = shown.replaceAll(d, '');
    expect(shown).not.toMatch(/[\u3400-\u9fff]/u);
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.screenshot({ path: 'test-results/screens/sync-en-1280.png', fullPage: true });
    await page.setViewportSize({ width: 800, height: 1280 });
    await page.screenshot({ path: 'test-results/screens/sync-en-800.png', fullPage: true });
    expect(pageErrors).toEqual([]);
  } finally {
    await platform?.close();
    rmSync(platformDir, { recursive: true, force: true });
  }
});
