// Forms everywhere: a submit button waits for its required fields; a refusal from the console shows
// under the field it concerns, named by the label the form shows (never a code name such as
// `note：`), or beside the pressed button; a good submit clears it. Each form is reached the way its
// user reaches it; the refusals are the console's own (a staff number taken, a wrong PIN, …).
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
