// The forms before anyone signs in: restoring a backup on a fresh install (a folder that is not
// there is refused under 备份所在文件夹) and unlocking a console that cannot find its key (a wrong
// recovery code under 恢复码). Each button waits for its field; a good submit leaves no error.
// (A wrong code at the restore itself: backup.spec.ts.)
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { consoleOn, fillFirstStart } from '../support/first-start-e2e';
import { expectFieldError, expectNoFieldErrors } from '../support/forms-e2e';
import { expect, test } from './fixtures';


test('从备份恢复: 查找备份 waits for the folder; a folder that is not there is refused under 备份所在文件夹; an empty one finds none, without error', async ({ page, consoleApp, pageErrors }) => {
  const empty = mkdtempSync(join(tmpdir(), 'esc-e2e-usb-'));
  try {
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto(consoleApp.url);
    await page.getByTestId('setup-restore').click();
    const find = page.getByTestId('restore-find');
    await expect(find).toBeDisabled();
    await page.getByTestId('restore-folder').fill(join(empty, '不存在的文件夹'));
    await find.click();
    await expectFieldError(page, '备份所在文件夹', '找不到文件夹');
    await expect(page.getByText(/folder：/)).toHaveCount(0);
    mkdirSync(join(empty, 'E'));
    await page.getByTestId('restore-folder').fill(join(empty, 'E'));
    await expectNoFieldErrors(page); // editing the folder clears its error
    await find.click();
    await expect(page.getByText('该文件夹中没有找到考点通的备份。')).toBeVisible();
    await expectNoFieldErrors(page);
    expect(pageErrors).toEqual([]);
  } finally {
    rmSync(empty, { recursive: true, force: true });
  }
});

test('解锁: the button waits for the code; a wrong code is refused under 恢复码; the printed code unlocks', async ({ page, pageErrors }) => {
  const dir = mkdtempSync(join(tmpdir(), 'esc-e2e-locked-'));
  const open = () => consoleOn(dir);
  let c = await open();
  try {
    // first start on this folder: the site and its recovery code
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto(c.server.url);
    await fillFirstStart(page);
    const code = (await page.getByTestId('recovery-code').textContent())!.trim();
    expect(code).toMatch(/^([0-9A-Z]{4}-){5}[0-9A-Z]{4}$/);
    await c.server.close();
    c.app.close();
    // started again without its key (the browser shell, no keystore): locked
    c = await open();
    await page.goto(c.server.url);
    const submit = page.getByTestId('unlock-submit');
    await expect(submit).toBeDisabled();
    const wrong = code.replace(/^[0-9A-Z]/, (ch) => (ch === 'A' ? 'B' : 'A'));
    await page.getByTestId('unlock-code').fill(wrong);
    await submit.click();
    await expectFieldError(page, '恢复码（24 位，六组）', '恢复码不正确');
    await expect(page.getByText(/code：/)).toHaveCount(0);
    await expect(submit).toBeDisabled(); // the code is cleared after an attempt
    await page.getByTestId('unlock-code').fill(code);
    await submit.click();
    await expect(page.locator('#staffNo')).toBeVisible();
    expect(pageErrors).toEqual([]);
  } finally {
    await c.server.close();
    if (c.app.state === 'open') c.app.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
