// G5 in Chromium, from the demo day just sealed: the seal page leads to the 公示 of the sealed
// version; on the sync page the one click first asks for the platform's address, then holds the
// package until the 公示 ends.
import { pickDate, platformSwitch } from '../support/stories';
import { expect, signIn, test } from './fixtures';

test.use({ day: 'sealed' });

test('the sealed version goes on the 公示; the upload asks for the platform, then waits for the end of the 公示 (G5)', async ({ page, consoleApp, pageErrors }) => {
  const day = consoleApp.day!;
  const platform = await platformSwitch(); // its address, left off: a held package never reaches it
  try {
    await signIn(page, consoleApp.url, day.site.staffNo, day.site.pin);
    await page.getByRole('menuitem', { name: '成绩封存' }).click();
    await expect(page.getByTestId('seal-status')).toHaveText('已封存（第 1 版）');
    await page.getByTestId('seal-to-publication').click();
    await expect(page.getByTestId('pub-basis')).toContainText('封存第 1 版');
    await pickDate(page, 'pub-start', '2026-05-22');
    await expect(page.getByTestId('pub-end')).toHaveText('公示截止：2026-05-28');
    await page.getByTestId('pub-open').click();
    await expect(page.getByText('公示期：2026-05-22 至 2026-05-28 · 封存第 1 版')).toBeVisible();

    await page.getByRole('menuitem', { name: '上报省平台' }).click();
    await expect(page.getByTestId('sync-network')).toHaveAttribute('data-state', 'unknown');
    const row = page.locator(`[data-hash="${day.seal!.hash}"]`);
    // without a platform address the one click explains itself
    await page.getByTestId('sync-all').click();
    await expect(page.getByTestId('sync-message')).toContainText('尚未设置省平台地址');
    await page.getByTestId('sync-url').fill(platform.url);
    await page.getByTestId('sync-save').click();
    await expect(page.getByTestId('sync-message')).toContainText('平台设置已保存');
    await page.getByTestId('sync-all').click();
    await expect(row.getByTestId('sync-state')).toHaveText('待公示期满');
    await expect(row.getByTestId('sync-held')).toContainText('公示期至 2026-05-28 结束');
    await page.screenshot({ path: 'test-results/screens/sync-held.png', fullPage: true });
    expect(pageErrors).toEqual([]);
  } finally {
    await platform.dispose();
  }
});
