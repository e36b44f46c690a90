// Forms everywhere: a submit button waits for its required fields; a refusal from the console shows
// under the field it concerns, named by the label the form shows (never a code name such as
// `note：`), or beside the pressed button; a good submit clears it. Each form is reached the way its
// user reaches it; the refusals are the console's own (a staff number taken, a wrong PIN, …).
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { openAs } from '../support/home-e2e';
import { expectFieldError, expectNoFieldErrors, fieldItem } from '../support/forms-e2e';
import { expect, SITE_HEAD, test } from './fixtures';

const NEW_PIN = '470125';

async function staffForm(page: Page) {
  await page.getByTestId('staff-add').click();
  const dialog = page.getByRole('dialog', { name: '新增人员' });
  await expect(dialog).toBeVisible();
  return dialog;
}

test('新增人员: the button waits for 工号, 姓名 and 角色; a staff number in use is refused under 工号', async ({ page, consoleApp, pageErrors }) => {
  const head = await consoleApp.setupSite();
  await page.setViewportSize({ width: 1280, height: 800 });
  await openAs(page, consoleApp.url, head, '/staff');

  // 新增人员: the button waits for 工号, 姓名 and 角色; a staff number in use is refused under 工号
  let dialog = await staffForm(page);
  const save = dialog.getByTestId('staff-add-submit');
  await expect(save).toBeDisabled();
  await fieldItem(dialog, '工号').getByRole('textbox').fill(SITE_HEAD.staffNo);
  await fieldItem(dialog, '姓名').getByRole('textbox').fill('王五');
  await expect(save).toBeDisabled();
  await fieldItem(dialog, '角色').locator('.ant-select').click();
  await page.locator('.ant-select-item-option', { hasText: '监考人员' }).first().click();
  await page.keyboard.press('Escape');
  await expect(save).toBeEnabled();
  await save.click();
  await expectFieldError(dialog, '工号', SITE_HEAD.staffNo);
  await expect(dialog.getByText('staffNo')).toHaveCount(0);
  await fieldItem(dialog, '工号').getByRole('textbox').fill('S900');
  await save.click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('row', { name: /S900/ })).toBeVisible();
  dialog = await staffForm(page);
  await expectNoFieldErrors(dialog);
  expect(pageErrors).toEqual([]);
});

test('修改我的 PIN: a wrong current PIN is refused under 原 PIN; the right one changes it', async ({ page, consoleApp, pageErrors }) => {
  const head = await consoleApp.setupSite();
  await page.setViewportSize({ width: 1280, height: 800 });
  await openAs(page, consoleApp.url, head, '/');
  await page.getByTestId('change-pin').first().click();
  const pinDialog = page.getByRole('dialog', { name: '修改我的 PIN' });
  const pinSave = pinDialog.getByTestId('change-pin-submit');
  await expect(pinSave).toBeDisabled();
  await fieldItem(pinDialog, '原 PIN').locator('input').fill('999999');
  await fieldItem(pinDialog, '新 PIN（6–12 位数字）').locator('input').fill(NEW_PIN);
  await expect(pinSave).toBeDisabled();
  await fieldItem(pinDialog, '再次输入新 PIN').locator('input').fill(NEW_PIN);
  await pinSave.click();
  await expectFieldError(pinDialog, '原 PIN', 'PIN 不正确');
  await fieldItem(pinDialog, '原 PIN').locator('input').fill(SITE_HEAD.pin);
  await expectNoFieldErrors(pinDialog);
  await pinSave.click();
  await expect(pinDialog).toBeHidden();
  await expect(page.getByText('PIN 已修改')).toBeVisible();
  expect(pageErrors).toEqual([]);
});

test('启用账户: a weak PIN is refused under 新 PIN, a good one enables', async ({ page: tab, consoleApp, pageErrors }) => {
  const head = await consoleApp.setupSite();
  const s900 = (await consoleApp.call('staff.create', { staffNo: 'S900', name: '王五', roles: ['proctor'] }, head)) as { id: number };
  const slip = (await consoleApp.call('staff.issueEnrolment', { staffIds: [s900.id] }, head)) as { slips: { code: string }[] };
  await tab.setViewportSize({ width: 800, height: 1280 });
  await tab.goto(`${consoleApp.url}/#/enrol?staffNo=S900&code=${encodeURIComponent(slip.slips[0]!.code)}`);
  const enrol = tab.getByTestId('enrol-page');
  const enable = enrol.getByTestId('enrol-submit');
  await expect(enable).toBeDisabled();
  await fieldItem(enrol, '新 PIN（6–12 位数字）').locator('input').fill('123456');
  await expect(enable).toBeDisabled();
  await fieldItem(enrol, '再次输入新 PIN').locator('input').fill('123456');
  await enable.click();
  await expectFieldError(enrol, '新 PIN（6–12 位数字）', '连续的数字');
  await fieldItem(enrol, '新 PIN（6–12 位数字）').locator('input').fill('583920');
  await fieldItem(enrol, '再次输入新 PIN').locator('input').fill('583920');
  await enable.click();
  await expect(tab.getByText('已启用，请用新 PIN 登录。')).toBeVisible();
  await expectNoFieldErrors(tab);
  expect(pageErrors).toEqual([]);
});

test('上报省平台 settings: the save waits for 平台地址; an address the console refuses is shown under it, a good one saves', async ({ page, consoleApp, pageErrors }) => {
  const head = await consoleApp.setupSite();
  await page.setViewportSize({ width: 1280, height: 800 });
  await openAs(page, consoleApp.url, head, '/sync');
  const url = page.getByTestId('sync-url');
  const save = page.getByTestId('sync-save');
  await url.fill('');
  await expect(save).toBeDisabled();
  await url.fill('ftp://platform.example.cn');
  await expect(save).toBeEnabled();
  await save.click();
  await expectFieldError(page, '平台地址', '开头');
  await expect(page.getByText('platformUrl')).toHaveCount(0);
  await url.fill('http://127.0.0.1:9/');
  await save.click();
  await expect(page.getByTestId('sync-message')).toContainText('已保存');
  await expectNoFieldErrors(page);
  expect(pageErrors).toEqual([]);
});

test('首次设置 and 登录: the buttons wait for the required fields; a weak PIN under the PIN; a wrong PIN beside the button, cleared on signing in', async ({ page, consoleApp, pageErrors }) => {
  await page.setViewportSize({ width: 800, height: 1280 });
  await page.goto(consoleApp.url);
  const finish = page.getByTestId('setup-submit');
  await expect(finish).toBeDisabled();
  await fieldItem(page, '考点名称').locator('input').fill(SITE_HEAD.siteName);
  await fieldItem(page, '考点负责人姓名').locator('input').fill(SITE_HEAD.name);
  await fieldItem(page, '考点负责人工号').locator('input').fill(SITE_HEAD.staffNo);
  await fieldItem(page, 'PIN（6–12 位数字）').locator('input').fill('123456');
  await expect(finish).toBeDisabled();
  await fieldItem(page, '再次输入 PIN').locator('input').fill('123456');
  await finish.click();
  await expectFieldError(page, 'PIN（6–12 位数字）', '连续的数字');
  await fieldItem(page, 'PIN（6–12 位数字）').locator('input').fill(SITE_HEAD.pin);
  await fieldItem(page, '再次输入 PIN').locator('input').fill(SITE_HEAD.pin);
  await finish.click();
  await expect(page.getByText('请记下恢复码')).toBeVisible(); // set up: the recovery code comes next
  await expectNoFieldErrors(page);

  // sign-in in a fresh tab: a wrong PIN does not say which of the two was wrong, so it sits by the button
  const tab = await page.context().newPage();
  await tab.goto(consoleApp.url);
  const signInButton = tab.getByRole('button', { name: /登\s*录/ });
  await expect(signInButton).toBeDisabled();
  await tab.getByLabel('工号').fill(SITE_HEAD.staffNo);
  await tab.getByLabel('PIN').fill('999999');
  await signInButton.click();
  const beside = tab.getByTestId('signin-error');
  await expect(beside).toHaveText('工号或 PIN 不正确。');
  await expect(tab.locator('form').getByTestId('signin-error')).toBeVisible(); // in the form, by its button
  await expect(signInButton).toBeDisabled(); // the PIN is cleared for the next try
  await tab.getByLabel('PIN').fill(SITE_HEAD.pin);
  await signInButton.click();
  await expect(tab.getByTestId('whoami')).toBeVisible();
  await expect(beside).toHaveCount(0);
  expect(pageErrors).toEqual([]);
});

test('备份: the save waits for 备份位置; a folder the console refuses is shown under it; the recovery code’s PIN is refused under 您的 PIN', async ({ page, consoleApp, pageErrors }) => {
  const head = await consoleApp.setupSite();
  await page.setViewportSize({ width: 1280, height: 800 });
  await openAs(page, consoleApp.url, head, '/backup');
  const folder = page.getByTestId('backup-folder');
  const save = page.getByTestId('backup-save');
  await folder.fill('');
  await expect(save).toBeDisabled();
  await folder.fill('backups');
  await save.click();
  await expectFieldError(page, '备份位置', '完整路径');
  await expect(page.getByText('folderNotAbsolute')).toHaveCount(0);
  await folder.fill(join(consoleApp.dataDir, '..', `usb-${Date.now()}`));
  await expectNoFieldErrors(page);

  const rotate = page.getByTestId('rotate-submit');
  await expect(rotate).toBeDisabled();
  await page.getByTestId('rotate-pin').fill('999999');
  await rotate.click();
  await expectFieldError(page, '您的 PIN', 'PIN');
  await page.getByTestId('rotate-pin').fill(SITE_HEAD.pin);
  await rotate.click();
  await expect(page.getByTestId('rotated-code')).toBeVisible();
  await expectNoFieldErrors(page);
  expect(pageErrors).toEqual([]);
});
