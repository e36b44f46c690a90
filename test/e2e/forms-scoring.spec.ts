// Forms of scoring (the demo day after its doors, before any standard): the examiner's signature on a
// sheet (S9), the chief's review note (S5), the withdrawal of a replaced examiner's sheet (S5, S9),
// the standard and the review threshold (G3, S5). Each button waits for its required fields; a
// refusal shows under the field it names, in the words of that field's label, or beside the button
// pressed; a good submit goes through and leaves no error.
import { addStaff } from '../support/enrol';
import { expectFieldError, expectNoFieldErrors, fieldItem } from '../support/forms-e2e';
import { openAs } from '../support/home-e2e';
import { candidatePresent, entriesFor, entriesZeroOn, panelScores, setStandards } from '../support/stories';
import { expect, test } from './fixtures';

test.use({ day: 'doors' });

test('评分表签名 (S9): the sign button waits for the PIN; a wrong PIN is refused under 本人 PIN in the dialog; the right one locks the sheet', async ({ page, consoleApp, pageErrors }) => {
  const day = consoleApp.day!;
  const head = await consoleApp.setupSite();
  const panel = day.panels[0]!;
  const items = (await setStandards(consoleApp, day, head))[String(panel.subjectId)]!;
  const cand = candidatePresent(consoleApp, panel);
  const examiner = panel.members[1]!;
  await page.setViewportSize({ width: 800, height: 1280 });
  await openAs(page, consoleApp.url, await consoleApp.signIn(examiner.staffNo, day.staffPin, examiner.role), `/scoring/sheet/${cand.id}/${panel.subjectId}`);
  await expect(page.getByTestId('sheet-candidate')).toContainText(cand.name);
  for (let i = 1; i <= items.length; i++) await page.getByTestId(`full-${i}`).click();
  await expect(page.getByTestId('sheet-total')).toContainText('100.0');
  await page.getByTestId('sheet-submit').click();
  const dialog = page.getByRole('dialog');
  const sign = page.getByTestId('sheet-sign');
  await expect(sign).toBeDisabled();
  await page.getByTestId('sheet-pin').fill('000000');
  await expect(sign).toBeEnabled();
  await sign.click();
  await expectFieldError(dialog, '本人 PIN', 'PIN 不正确');
  await expect(dialog.getByText(/pin：/)).toHaveCount(0);
  // the PIN is cleared after the attempt: the button waits for it again; the dialog stays open
  await expect(page.getByTestId('sheet-pin')).toHaveValue('');
  await expect(sign).toBeDisabled();
  await page.screenshot({ path: 'test-results/screens/form-error-sheet-800x1280.png' });
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.screenshot({ path: 'test-results/screens/form-error-sheet-1280x800.png' });
  await page.getByTestId('sheet-pin').fill(day.staffPin);
  await expect(dialog.locator('.ant-form-item-explain-error')).toHaveCount(0); // typing again clears it
  await sign.click();
  await expect(page.getByText('已签名锁定')).toBeVisible();
  await expect(dialog).toBeHidden();
  await expectNoFieldErrors(page);
  expect(pageErrors).toEqual([]);
});

test('复核意见 (S5): the record button waits for the note; a note too short is refused under 复核意见; a full one is recorded', async ({ page, consoleApp, pageErrors }) => {
  const day = consoleApp.day!;
  const head = await consoleApp.setupSite();
  const panel = day.panels[0]!;
  const items = (await setStandards(consoleApp, day, head))[String(panel.subjectId)]!;
  const cand = candidatePresent(consoleApp, panel);
  // the chief 70 (nothing on the 30-point quality item), the others 100: a spread of 30
  await panelScores(consoleApp, panel, cand.id, (i) => (i === 0 ? entriesZeroOn(items, 3) : entriesFor(items, 100)));
  const chief = panel.members[0]!;
  await page.setViewportSize({ width: 1280, height: 800 });
  await openAs(page, consoleApp.url, await consoleApp.signIn(chief.staffNo, day.staffPin, chief.role), '/scoring/review');
  const form = page.getByTestId(`review-form-${cand.ticketNo}`);
  const save = page.getByTestId(`review-save-${cand.ticketNo}`);
  await expect(save).toBeDisabled();
  await page.getByTestId(`review-note-${cand.ticketNo}`).fill('核');
  await save.click();
  await expectFieldError(form, '复核意见', '请填写复核意见');
  await expect(form.getByText(/note：/)).toHaveCount(0);
  await page.getByTestId(`review-note-${cand.ticketNo}`).fill('已核对零件质量精度，维持各自评分，成绩按平均分。');
  await save.click();
  await expect(page.getByTestId(`review-${cand.ticketNo}`)).toContainText('已于');
  await expectNoFieldErrors(page);
  expect(pageErrors).toEqual([]);
});

test('撤回评分表 (S5, S9): the sign button waits for the reason and PIN; a short reason under 撤回原因, a wrong PIN under 考评组长本人 PIN; then withdrawn', async ({ page, consoleApp, pageErrors }) => {
  const day = consoleApp.day!;
  const panel = day.panels[0]!;
  // a read: the session's end; the examiner falls ill before it (a session ended takes no more changes)
  const { endsAt } = consoleApp.app.env.opened.sqlite.prepare('SELECT ends_at AS endsAt FROM exam_sessions WHERE id = ?').get(panel.sessionId) as { endsAt: string };
  consoleApp.clock.set(new Date(Date.parse(endsAt) - 20 * 60_000));
  const head = await consoleApp.setupSite();
  const items = (await setStandards(consoleApp, day, head))[String(panel.subjectId)]!;
  const cand = candidatePresent(consoleApp, panel);
  await panelScores(consoleApp, panel, cand.id, () => entriesFor(items, 80));
  // the third examiner falls ill after submitting; a senior examiner called in replaces them and scores too: four sheets
  const leaving = panel.members[2]!;
  const caller = { ok: <T,>(method: string, input?: unknown, token?: string | null) => consoleApp.call<T>(method, input, token ?? undefined) };
  const newcomer = await addStaff(caller, head, { staffNo: 'T090', name: '替补考评员', roles: ['examiner'], examinerGrade: 'senior' }, day.staffPin);
  await consoleApp.call('draw.duty.mark', { batchId: day.batchId, staffIds: [newcomer], onDuty: true }, head);
  await consoleApp.call('draw.change', { sessionId: panel.sessionId, kind: 'replace', staffId: leaving.staffId, otherStaffId: newcomer, reason: '考评员突发疾病，由他人替换' }, head);
  const t090 = await consoleApp.signIn('T090', day.staffPin, 'examiner');
  await consoleApp.call('scoring.sheet.submit', { candidateId: cand.id, subjectId: panel.subjectId, entries: entriesFor(items, 90), pin: day.staffPin }, t090);

  const chief = panel.members[0]!;
  await page.setViewportSize({ width: 1280, height: 800 });
  await openAs(page, consoleApp.url, await consoleApp.signIn(chief.staffNo, day.staffPin, chief.role), '/scoring/review');
  await page.getByTestId(`withdraw-open-${cand.ticketNo}`).click();
  const form = page.getByTestId('withdraw-form');
  const sign = page.getByTestId('withdraw-sign');
  await expect(sign).toBeDisabled();
  await page.getByTestId('withdraw-reason').fill('换');
  await expect(sign).toBeDisabled();
  await page.getByTestId('withdraw-pin').fill(day.staffPin);
  await sign.click();
  await expectFieldError(form, '撤回原因', '请写明撤回原因');
  await page.getByTestId('withdraw-reason').fill('考评员提交后因病被替换，其评分表撤回');
  await page.getByTestId('withdraw-pin').fill('000000');
  await sign.click();
  await expectFieldError(form, '考评组长本人 PIN', 'PIN 不正确');
  await expect(fieldItem(form, '撤回原因').locator('.ant-form-item-explain-error')).toHaveCount(0);
  await page.getByTestId('withdraw-pin').fill(day.staffPin);
  await sign.click();
  await expect(page.getByText(/评分表已撤回，该考生现有 3 份评分表/)).toBeVisible();
  await expect(form).toBeHidden();
  expect(pageErrors).toEqual([]);
});

test('评分标准 and 复核阈值 (G3, S5): save waits for items; a sum off 100 is refused beside its button; a threshold of 0 under its field; both then saved', async ({ page, consoleApp, pageErrors }) => {
  const head = await consoleApp.setupSite();
  await page.setViewportSize({ width: 1280, height: 800 });
  await openAs(page, consoleApp.url, head, '/scoring/standards');
  const save = page.getByTestId('standards-save');
  await expect(page.getByTestId('standards-sample')).toBeVisible();
  await expect(save).toBeDisabled(); // no item yet
  await page.getByTestId('standards-sample').click();
  await expect(save).toBeEnabled();
  await page.getByRole('button', { name: '添加项目' }).click();
  await expect(save).toBeDisabled(); // the new item has no name
  await page.locator('.ant-table-tbody tr').last().locator('input').first().fill('额外项目');
  await save.click();
  const refusal = page.getByTestId('standards-error');
  await expect(refusal).toContainText('各项配分合计须为 100 分，当前为 105 分');
  await page.getByTestId('standards-sample').click();
  await save.click();
  await expect(refusal).toHaveCount(0);

  const threshold = page.getByTestId('standards-threshold');
  const keep = page.getByTestId('threshold-save');
  await threshold.fill('');
  await expect(keep).toBeDisabled();
  await threshold.fill('0');
  await keep.click();
  await expectFieldError(page.getByTestId('threshold-form'), '评分差异复核阈值（分）', '阈值至少 1 分');
  await expect(page.getByText(/spreadThreshold/)).toHaveCount(0);
  await threshold.fill('12');
  await keep.click();
  await expectNoFieldErrors(page);
  await expect(page.getByText('已保存').first()).toBeVisible();
  expect(pageErrors).toEqual([]);
});
