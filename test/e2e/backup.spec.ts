// Records that outlive the laptop, in Chromium, on a real random key (not the tests' ESC_DB_KEY):
// first setup shows the recovery code; the site head backs up to a chosen folder (the "USB drive");
// a second data folder (the new PC) restores from it with the code; `npm run verify` passes on it.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { consoleOn, fillFirstStart } from '../support/first-start-e2e';
import { expectFieldError } from '../support/forms-e2e';
import { expect, SITE_HEAD, signIn, test } from './fixtures';

const run = promisify(execFile);

test('setup shows the recovery code; a backup to a chosen folder; a second data folder restored from it with the code; verify passes on it', async ({ page, pageErrors }) => {
  test.setTimeout(180_000);
  const dirs = { a: mkdtempSync(join(tmpdir(), 'esc-e2e-pc1-')), usb: mkdtempSync(join(tmpdir(), 'esc-e2e-usb-')), b: mkdtempSync(join(tmpdir(), 'esc-e2e-pc2-')) };
  const a = await consoleOn(dirs.a);
  let b: Awaited<ReturnType<typeof consoleOn>> | null = null;
  try {
    // 1. first start: the site, then the recovery code, once
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto(a.server.url);
    await fillFirstStart(page);
    const shown = page.getByTestId('recovery-code');
    await expect(shown).toHaveText(/^([0-9A-Z]{4}-){5}[0-9A-Z]{4}$/);
    const code = (await shown.textContent())!.trim();
    await expect(page.getByTestId('recovery-step')).toContainText('只显示这一次');
    await page.screenshot({ path: 'test-results/screens/recovery-code-1280.png' });
    await page.setViewportSize({ width: 800, height: 1280 });
    await page.screenshot({ path: 'test-results/screens/recovery-code-800.png' });
    await expect(page.getByTestId('recovery-continue')).toBeDisabled();
    await page.getByTestId('recovery-confirm').click();
    await page.getByTestId('recovery-continue').click();

    // 2. the site head chooses the folder; the first backup follows at once and is checked
    await signIn(page, a.server.url, SITE_HEAD.staffNo, SITE_HEAD.pin);
    await expect(page.getByTestId('backup-warning')).toContainText('尚未设置备份位置');
    await page.getByTestId('backup-open').click();
    await page.getByTestId('backup-folder').fill(dirs.usb);
    await page.getByTestId('backup-save').click();
    await expect(page.getByTestId('backup-message')).toContainText('已保存');
    await expect(page.getByTestId('backup-runs')).toContainText('成功（已校验）');
    await page.getByTestId('backup-now').click();
    await expect(page.getByTestId('backup-message')).toContainText('备份完成');
    await expect(page.getByTestId('backup-last-good')).toContainText('上次成功备份');
    await page.screenshot({ path: 'test-results/screens/backup-800.png', fullPage: true });
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.screenshot({ path: 'test-results/screens/backup-1280.png', fullPage: true });
    await page.getByTestId('sign-out').click();
    await a.app.backups!.idle();
    a.app.close();
    await a.server.close();

    // 3. the new PC: a fresh install restores from the drive with the code
    b = await consoleOn(dirs.b);
    await page.goto(b.server.url);
    await page.getByTestId('setup-restore').click();
    await page.getByTestId('restore-folder').fill(dirs.usb);
    await page.getByTestId('restore-find').click();
    await expect(page.getByTestId('restore-list')).toContainText(SITE_HEAD.siteName);
    await expect(page.getByTestId('restore-list').locator('tbody tr')).toHaveCount(2);
    // a wrong code is refused in Chinese first, and nothing is restored
    await page.getByTestId('restore-code').fill('AAAA-BBBB-CCCC-DDDD-EEEE-FFFF');
    await page.getByTestId('restore-submit').click();
    await expectFieldError(page, '恢复码', '恢复码不正确');
    await page.screenshot({ path: 'test-results/screens/restore-1280.png', fullPage: true });
    await page.getByTestId('restore-code').fill(code.toLowerCase());
    await page.getByTestId('restore-submit').click();
    await expect(page.getByText(/^已恢复 枣庄市技师学院考点/)).toBeVisible();
    await signIn(page, b.server.url, SITE_HEAD.staffNo, SITE_HEAD.pin);
    await expect(page.getByTestId('home-greeting')).toContainText(SITE_HEAD.name);
    const restored = b.app.env.opened.sqlite.prepare("SELECT seq, device FROM audit_events WHERE command = 'backup.restore'").get() as { seq: number; device: string };
    expect(restored.device).toMatch(/^http:(127\.0\.0\.1|::1|::ffff:127\.0\.0\.1)/);
    await b.server.close();
    b.app.close();
    b = null;

    // 4. npm run verify on the restored folder, with the recovery code
    const out = await run('npx', ['tsx', 'scripts/verify.ts', '--data', dirs.b], { env: { ...process.env, ESC_DB_KEY: '', ESC_RECOVERY_CODE: code } });
    expect(out.stdout).toMatch(/审计链完整 \/ audit chain ok: \d+ events/);
    expect(Number(/ok: (\d+) events/.exec(out.stdout)![1])).toBeGreaterThan(restored.seq);
    expect(pageErrors).toEqual([]);
  } finally {
    if (b) {
      await b.server.close();
      b.app.close();
    }
    if (a.app.state === 'open') a.app.close();
    for (const d of Object.values(dirs)) rmSync(d, { recursive: true, force: true });
  }
});
