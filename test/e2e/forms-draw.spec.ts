// Forms of the draw (E2, S2, S5, S8), from the draw's small plan drawn over HTTP: each button waits
// for what it needs; a refusal shows under the field it is about, named by the label the form shows
// (or beside the switch that was pressed), and a good submit leaves no error.
import { drawnOverHttp } from '../support/draw-e2e';
import { expectFieldError, expectNoFieldErrors, fieldItem } from '../support/forms-e2e';
import { openAs } from '../support/home-e2e';
import { expect, test } from './fixtures';

const PIN = '135790';

test('督导确认 (S8): the button waits for 督导员工号 and PIN; a proctor is refused under 督导员工号, a wrong PIN under 督导员 PIN', async ({ page, consoleApp, pageErrors }) => {
  const { seed } = await drawnOverHttp(consoleApp);
  const supervisor = seed.staffNo(seed.supervisorIds[0]!);
  const proctor = seed.staffNo(seed.proctorIds[0]!); // enrolled with a PIN, but no supervisor
  await page.setViewportSize({ width: 1280, height: 800 });
  await openAs(page, consoleApp.url, seed.head, '/draw');
  await page.getByTestId('draw-confirm-1').click();
  const dialog = page.getByRole('dialog', { name: '督导员确认抽签结果' });
  const submit = page.getByTestId('confirm-submit');
  await expect(submit).toBeDisabled();
  await fieldItem(dialog, '督导员工号').locator('input').fill(proctor);
  await expect(submit).toBeDisabled();
  await fieldItem(dialog, '督导员 PIN').locator('input').fill(PIN);
  await submit.click();
  await expectFieldError(dialog, '督导员工号', '须由督导员');
  await expect(dialog.locator('.ant-form-item-explain-error')).toHaveCount(1);
  // the PIN is cleared after an attempt: the button waits for it again
  await expect(submit).toBeDisabled();
  await fieldItem(dialog, '督导员工号').locator('input').fill(supervisor);
  await expectNoFieldErrors(dialog);
  await fieldItem(dialog, '督导员 PIN').locator('input').fill('975310');
  await submit.click();
  await expectFieldError(dialog, '督导员 PIN', 'PIN 不正确');
  await expect(dialog.getByText(/pin：|staffNo/)).toHaveCount(0);
  await page.screenshot({ path: 'test-results/screens/form-error-draw-confirm-1280x800.png' });
  await page.setViewportSize({ width: 800, height: 1280 });
  await page.screenshot({ path: 'test-results/screens/form-error-draw-confirm-800x1280.png' });
  await fieldItem(dialog, '督导员 PIN').locator('input').fill(PIN);
  await expectNoFieldErrors(dialog);
  await submit.click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('draw-status-1')).toContainText('督导已确认');
  expect(pageErrors).toEqual([]);
});

test('重新抽签 (S2, S5): the button waits for the reason and the sessions; an even panel is refused under 考评组人数; a good redraw clears it', async ({ page, consoleApp, pageErrors }) => {
  const { seed } = await drawnOverHttp(consoleApp);
  await page.setViewportSize({ width: 1280, height: 800 });
  await openAs(page, consoleApp.url, seed.head, '/draw');
  const run = page.getByTestId('draw-run');
  await expect(page.getByTestId('draw-redraw-intro')).toBeVisible();
  await expect(run).toBeDisabled();
  await page.getByTestId('draw-reason').fill('投影故障，当众重新抽签');
  await expect(run).toBeEnabled();
  // chosen sessions: the button waits for at least one
  await page.getByText('所选场次（仅限未开考）').click();
  await expect(run).toBeDisabled();
  await page.getByText('全天所有场次').click();
  await expect(run).toBeEnabled();
  const panel = fieldItem(page, '考评组人数（含组长，单数）').locator('input');
  await panel.fill('4');
  await run.click();
  await expectFieldError(page, '考评组人数（含组长，单数）', '单数');
  await expect(page.getByText(/panelSize/)).toHaveCount(0);
  await expect(page.getByTestId('draw-error')).toHaveCount(0);
  await panel.fill('3');
  await expectNoFieldErrors(page);
  await run.click();
  await expect(page.getByTestId('draw-status-2')).toHaveText('待督导确认'); // the first was never confirmed: the redraw replaces it
  await expectNoFieldErrors(page);
  await expect(page.getByTestId('draw-error')).toHaveCount(0);
  expect(pageErrors).toEqual([]);
});

test('到岗登记 (E2): taking a drawn proctor off duty is refused beside their own switch; marking another clears it', async ({ page, consoleApp, pageErrors }) => {
  const { seed, theory } = await drawnOverHttp(consoleApp);
  const drawn = seed.staffNo(theory.rooms[0]!.proctors[0]!.staffId);
  const offDuty = seed.staffNo(seed.proctorIds[11]!); // drawnOverHttp leaves the last proctor off duty
  await page.setViewportSize({ width: 1280, height: 800 });
  await openAs(page, consoleApp.url, seed.head, '/draw/duty');
  await expect(page.getByTestId('duty-mark')).toBeDisabled();
  await page.getByTestId(`duty-${drawn}`).click();
  const error = page.getByTestId(`duty-error-${drawn}`);
  await expect(error).toContainText('已被抽中');
  await expect(page.getByTestId(`duty-${drawn}`)).toBeChecked();
  await expect(page.getByTestId('duty-error')).toHaveCount(0);
  await error.scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'test-results/screens/form-error-duty-1280x800.png' });
  await page.getByTestId(`duty-${offDuty}`).click();
  await expect(page.getByTestId(`duty-${offDuty}`)).toBeChecked();
  await expect(page.locator('[data-testid^="duty-error"]')).toHaveCount(0);
  expect(pageErrors).toEqual([]);
});
