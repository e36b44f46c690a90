// The Electron shell end to end, where an Electron binary exists. On machines that cannot
// download one (this project's CI) it skips and says why.
import { _electron as electron, expect, test } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { electronBinary } from '../../scripts/electron-binary.mjs';

const binary = electronBinary() as { path?: string; reason?: string };

test('Electron: first start, sign in, the bridge is the only API, navigation is refused', async () => {
  if (!binary.path) {
    console.log(`Electron e2e skipped: no Electron binary (${binary.reason}).`);
    test.skip(true, `no Electron binary: ${binary.reason}`);
    return;
  }
  execFileSync('node', ['scripts/build-electron.mjs'], { stdio: 'inherit' });
  const dataDir = mkdtempSync(join(tmpdir(), 'esc-electron-'));
  const app = await electron.launch({ executablePath: binary.path, args: ['dist-electron/main.cjs', '--data', dataDir, '--no-sandbox'] });
  try {
    const page = await app.firstWindow();
    await expect(page.getByText('首次启动：设置考点')).toBeVisible();
    expect(await page.evaluate(() => Object.keys((window as unknown as { examConsole: object }).examConsole))).toEqual(['call']);
    expect(await page.evaluate(() => typeof (window as unknown as { require?: unknown }).require)).toBe('undefined');
    await page.getByLabel('考点名称').fill('电子考点');
    await page.getByLabel('考点负责人姓名').fill('李𠀋明');
    await page.getByLabel('考点负责人工号').fill('H001');
    await page.getByLabel('PIN（6–12 位数字）').fill('246810');
    await page.getByLabel('再次输入 PIN').fill('246810');
    await page.getByRole('button', { name: '完成设置' }).click();
    await expect(page.getByTestId('recovery-code')).toBeVisible();
    await page.getByTestId('recovery-confirm').click();
    await page.getByTestId('recovery-continue').click();
    await page.getByLabel('工号').fill('H001');
    await page.getByLabel('PIN').fill('246810');
    await page.getByRole('button', { name: /登\s*录/ }).click();
    await expect(page.getByTestId('home-greeting')).toHaveText('李𠀋明，您好');
    // the main process is told of the attempt (will-navigate) and refuses it: listen for that, no waiting on a clock
    type Attempt = { url: string; prevented: boolean };
    await app.evaluate(({ webContents }) => {
      (globalThis as { navigationAttempt?: Promise<Attempt> }).navigationAttempt = new Promise<Attempt>((resolve) => {
        for (const wc of webContents.getAllWebContents()) wc.once('will-navigate', (event, url) => setImmediate(() => resolve({ url, prevented: event.defaultPrevented })));
      });
    });
    await page.evaluate(() => {
      window.location.href = 'https://example.com/';
    });
    const attempt = await app.evaluate(() => (globalThis as { navigationAttempt?: Promise<Attempt> }).navigationAttempt!);
    expect(attempt).toEqual({ url: 'https://example.com/', prevented: true });
    expect(page.url()).toMatch(/^app:\/\/console\//);
  } finally {
    await app.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
});
