// Records that outlive the laptop, in Chromium, on a real random key (not the tests' ESC_DB_KEY), one
// story each: first setup shows the recovery code once; the site head backs up to a chosen folder
// (the "USB drive"); a second data folder (the new PC) restores from it with the code, a wrong code
// refused first; `npm run verify` passes on a restored folder. The stories after the first set the
// site up and back it up through the commands the pages call.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { FoundBackupView } from '../../electron/commands/api';
import { httpTransport } from '../../scripts/api-client';
import { consoleOn, fillFirstStart } from '../support/first-start-e2e';
import { expectFieldError } from '../support/forms-e2e';
import { openAs } from '../support/home-e2e';
import { expect, SITE_HEAD, signIn, test } from './fixtures';

const run = promisify(execFile);

type Console = Awaited<ReturnType<typeof consoleOn>>;

/** A command over HTTP to a console of this spec (as its pages send it); throws on a refusal. */
async function call<T>(c: Console, method: string, input: unknown, token?: string): Promise<T> {
  const r = await httpTransport(c.server.url, 'e2e-fixture')({ method, input, token: token ?? null, device: 'e2e-fixture' });
  if (!r.ok) throw new Error(`${method}: ${r.error.code} ${r.error.message}`);
  return r.data as T;
}

/** First start through setup.init (what 完成设置 sends): the site head's token and the recovery code it shows once. */
async function setUp(c: Console): Promise<{ head: string; code: string }> {
  const { recoveryCode } = await call<{ recoveryCode: string | null }>(c, 'setup.init', { siteName: SITE_HEAD.siteName, headName: SITE_HEAD.name, staffNo: SITE_HEAD.staffNo, pin: SITE_HEAD.pin });
  const head = (await call<{ token: string }>(c, 'auth.signIn', { staffNo: SITE_HEAD.staffNo, pin: SITE_HEAD.pin })).token;
  return { head, code: recoveryCode! };
}

/** The drive chosen (its first backup follows at once) and a backup now, as the backup page does: two backups on the drive. */
async function backedUp(c: Console, head: string, usb: string): Promise<void> {
  await call(c, 'backup.configure', { folder: usb, everyMinutes: 30, keep: 20 }, head);
  await c.app.backups!.idle();
  await call(c, 'backup.run', {}, head);
  await c.app.backups!.idle();
}

/** The first PC set up and backed up to the drive, then shut down: the recovery code the new PC restores with. */
async function backedUpFirstPc(dirs: { pc1: string; usb: string }): Promise<string> {
  const a = await consoleOn(dirs.pc1);
  try {
    const { head, code } = await setUp(a);
    await backedUp(a, head, dirs.usb);
    return code;
  } finally {
    await closeConsole(a);
  }
}

async function closeConsole(c: Console | null): Promise<void> {
  if (!c) return;
  await c.server.close();
  if (c.app.state === 'open') c.app.close();
}

/** Folders of the story (the PCs' data folders, the drive), removed after it. */
function folders<K extends string>(...names: K[]): Record<K, string> & { remove(): void } {
  const dirs = Object.fromEntries(names.map((n) => [n, mkdtempSync(join(tmpdir(), `esc-e2e-${n}-`))])) as Record<K, string>;
  return { ...dirs, remove: () => names.forEach((n) => rmSync(dirs[n], { recursive: true, force: true })) };
}

test('first start shows the recovery code once; the console goes on only once the site head says it is written down', async ({ page, pageErrors }) => {
  const dirs = folders('pc1');
  const a = await consoleOn(dirs.pc1);
  try {
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto(a.server.url);
    await fillFirstStart(page);
    const shown = page.getByTestId('recovery-code');
    await expect(shown).toHaveText(/^([0-9A-Z]{4}-){5}[0-9A-Z]{4}$/);
    await expect(page.getByTestId('recovery-step')).toContainText('只显示这一次');
    await page.screenshot({ path: 'test-results/screens/recovery-code-1280.png' });
    await page.setViewportSize({ width: 800, height: 1280 });
    await page.screenshot({ path: 'test-results/screens/recovery-code-800.png' });
    await expect(page.getByTestId('recovery-continue')).toBeDisabled();
    await page.getByTestId('recovery-confirm').click();
    await page.getByTestId('recovery-continue').click();
    await expect(page.locator('#staffNo')).toBeVisible();
    expect(pageErrors).toEqual([]);
  } finally {
    await closeConsole(a);
    dirs.remove();
  }
});

test('the site head chooses a folder for the backups; the first follows at once and is checked; a backup now is done', async ({ page, pageErrors }) => {
  const dirs = folders('pc1', 'usb');
  const a = await consoleOn(dirs.pc1);
  try {
    const { head } = await setUp(a);
    await page.setViewportSize({ width: 800, height: 1280 });
    await openAs(page, a.server.url, head, '/');
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
    const found = await call<FoundBackupView[]>(a, 'vault.restore.find', { folder: dirs.usb });
    expect(found.filter((b) => b.restorable)).toHaveLength(2);
    expect(pageErrors).toEqual([]);
  } finally {
    await a.app.backups?.idle();
    await closeConsole(a);
    dirs.remove();
  }
});

test('a second data folder restores from the drive with the recovery code; a wrong code is refused first and restores nothing', async ({ page, pageErrors }) => {
  const dirs = folders('pc1', 'usb', 'pc2');
  let b: Console | null = null;
  try {
    const code = await backedUpFirstPc(dirs);

    // the new PC: a fresh install restores from the drive with the code
    b = await consoleOn(dirs.pc2);
    await page.setViewportSize({ width: 1280, height: 800 });
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
    expect((await call<{ needsSetup: boolean }>(b, 'setup.status', {})).needsSetup).toBe(true);
    await page.screenshot({ path: 'test-results/screens/restore-1280.png', fullPage: true });
    await page.getByTestId('restore-code').fill(code.toLowerCase());
    await page.getByTestId('restore-submit').click();
    await expect(page.getByText(/^已恢复 枣庄市技师学院考点/)).toBeVisible();
    await signIn(page, b.server.url, SITE_HEAD.staffNo, SITE_HEAD.pin);
    await expect(page.getByTestId('home-greeting')).toContainText(SITE_HEAD.name);
    const restored = b.app.env.opened.sqlite.prepare("SELECT device FROM audit_events WHERE command = 'backup.restore'").get() as { device: string };
    expect(restored.device).toMatch(/^http:(127\.0\.0\.1|::1|::ffff:127\.0\.0\.1)/);
    expect(pageErrors).toEqual([]);
  } finally {
    await closeConsole(b);
    dirs.remove();
  }
});

test('npm run verify passes on a restored data folder with the recovery code: the audit chain holds past the restore', async () => {
  const dirs = folders('pc1', 'usb', 'pc2');
  let b: Console | null = null;
  try {
    const code = await backedUpFirstPc(dirs);
    // the new PC restores the newest backup through the commands 查找备份 and 恢复 send
    b = await consoleOn(dirs.pc2);
    const found = await call<FoundBackupView[]>(b, 'vault.restore.find', { folder: dirs.usb });
    await call(b, 'vault.restore', { dir: found.find((f) => f.restorable)!.dir, code });
    const restored = b.app.env.opened.sqlite.prepare("SELECT seq FROM audit_events WHERE command = 'backup.restore'").get() as { seq: number };
    await call(b, 'auth.signIn', { staffNo: SITE_HEAD.staffNo, pin: SITE_HEAD.pin }); // the console goes on after the restore
    await closeConsole(b);
    b = null;

    // `npm run verify -- --data <dir>` (tsx scripts/verify.ts), without npm's and tsx's own processes in front
    const out = await run(process.execPath, ['--import', 'tsx', 'scripts/verify.ts', '--data', dirs.pc2], { env: { ...process.env, ESC_DB_KEY: '', ESC_RECOVERY_CODE: code } });
    expect(out.stdout).toMatch(/审计链完整 \/ audit chain ok: \d+ events/);
    expect(Number(/ok: (\d+) events/.exec(out.stdout)![1])).toBeGreaterThan(restored.seq);
  } finally {
    await closeConsole(b);
    dirs.remove();
  }
});
