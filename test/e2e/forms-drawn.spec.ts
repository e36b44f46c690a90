// Forms on the exam day (the demo day drawn): the incident form at a room's door and the
// supervisor's ruling. Each button waits for its required fields; a wrong PIN is refused under the
// PIN's own field, named by its label; a good submit goes through and leaves no error.
import { incidentRoom, recordCribNotes, registerRecording, signInAs } from '../support/incidents-e2e';
import { expectFieldError, fieldItem } from '../support/forms-e2e';
import { expect, test } from './fixtures';

test.use({ day: 'drawn' });

test('违纪记录: the submit waits for 对象, 违纪类型 and 违纪事实经过; a wrong second PIN is refused under 第二名监考人员签字', async ({ page, consoleApp, pageErrors }) => {
  const day = consoleApp.day!;
  const r = incidentRoom(consoleApp);
  await registerRecording(consoleApp, r, await consoleApp.setupSite());
  const who = r.candidates[0]!;
  await signInAs(page, consoleApp.url, r.proctorA.staffNo, day.staffPin, '监考人员');
  await page.goto(`${consoleApp.url}/#/door/room/${r.sessionId}/${r.roomId}`);
  await page.getByTestId('door-incident').click();
  const form = page.getByTestId('incident-form');
  await expect(form).toBeVisible();
  const submit = page.getByTestId('incident-submit');
  await expect(submit).toBeDisabled();
  await page.getByTestId('incident-candidate').click();
  await page.keyboard.type(who.name);
  await page.keyboard.press('Enter');
  await page.getByTestId('incident-kind').getByText('夹带', { exact: true }).click();
  await expect(submit).toBeDisabled();
  await page.getByTestId('incident-description').fill('开考后 45 分钟发现该考生桌面压有写满公式的纸条');
  await expect(submit).toBeEnabled();
  await expect(page.getByTestId('incident-second')).toContainText(r.proctorB.name);
  await page.getByTestId('incident-second-pin').fill('000000');
  await submit.click();
  await expectFieldError(form, '第二名监考人员签字', 'PIN');
  await expect(form.getByText(/second|pin：/)).toHaveCount(0);
  await page.getByTestId('incident-second-pin').fill(day.staffPin);
  await submit.click();
  await expect(page.getByText(/违纪记录已保存/)).toBeVisible();
  await expect(form).toBeHidden();
  expect(pageErrors).toEqual([]);
});

test('处理决定: the submit waits for the decision, 处理理由 and the PIN; a wrong PIN is refused under 督导员 PIN（签字）', async ({ page, consoleApp, pageErrors }) => {
  const day = consoleApp.day!;
  const r = incidentRoom(consoleApp);
  await registerRecording(consoleApp, r, await consoleApp.setupSite());
  const incidentId = await recordCribNotes(consoleApp, r);
  await signInAs(page, consoleApp.url, r.supervisor.staffNo, day.staffPin, '督导员');
  await page.goto(`${consoleApp.url}/#/incidents/cases`);
  await page.getByTestId(`rule-${incidentId}`).click();
  const dialog = page.getByTestId('ruling-dialog');
  const submit = page.getByTestId('ruling-submit');
  await expect(submit).toBeDisabled();
  await page.getByTestId('ruling-decision').getByText('警告', { exact: true }).click();
  await page.getByTestId('ruling-reason').fill('夹带属实，予以警告');
  await expect(submit).toBeDisabled();
  await fieldItem(dialog, '督导员 PIN（签字）').locator('input').fill('000000');
  await submit.click();
  await expectFieldError(dialog, '督导员 PIN（签字）', 'PIN');
  await expect(dialog.getByText(/pin：|decision：/)).toHaveCount(0);
  await page.screenshot({ path: 'test-results/screens/form-error-ruling-1280x800.png' });
  await page.setViewportSize({ width: 800, height: 1280 });
  await page.screenshot({ path: 'test-results/screens/form-error-ruling-800x1280.png' });
  await fieldItem(dialog, '督导员 PIN（签字）').locator('input').fill(day.staffPin);
  await expect(dialog.locator('.ant-form-item-explain-error')).toHaveCount(0);
  await submit.click();
  await expect(page.getByText('处理决定已签署')).toBeVisible();
  expect(pageErrors).toEqual([]);
});
