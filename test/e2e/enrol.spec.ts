// Personal PINs in Chromium (S1), one story each: the site head prints enrolment slips (text and QR)
// on the staff page; an examiner enrols with the code on their slip and chooses their own PIN (a
// weak one refused first); an examiner enrolled so signs a score sheet with the PIN only they know.
// The stories after the first take their code, or their enrolment, through the commands the pages
// call. Screenshots of the slips and the enrolment page at 800×1280 and 1280×800.
import { setStandards } from '../support/stories';
import type { Slip } from '../support/enrol';
import { expect, signIn, test, type ConsoleFixture } from './fixtures';

const OWN_PIN = '583920';

// the demo day once the draw is confirmed: the panels drawn, everyone's PIN set (test/support/days.ts)
test.use({ day: 'drawn' });

/** The first skill panel's examiner, whose PIN the site head resets (a new code, never a PIN): they have none now. */
async function examinerWithoutPin(c: ConsoleFixture) {
  const head = await c.setupSite();
  const panel = c.day!.panels[0]!;
  const examiner = panel.members.find((m) => m.role === 'examiner')!;
  const { slips } = await c.call<{ slips: Slip[] }>('staff.issueEnrolment', { staffIds: [examiner.staffId] }, head);
  return { head, panel, examiner, code: slips[0]!.code };
}

test('S1: the site head prints enrolment slips, text and QR, for everyone without a PIN', async ({ page, consoleApp, pageErrors }) => {
  const { examiner } = await examinerWithoutPin(consoleApp);
  const day = consoleApp.day!;
  await page.setViewportSize({ width: 1280, height: 800 });
  await signIn(page, consoleApp.url, day.site.staffNo, day.site.pin);
  await page.getByRole('menuitem', { name: '人员与 PIN' }).click();
  await page.getByTestId('staff-issue-all').click();
  const slip = page.getByTestId('enrol-slip').filter({ hasText: examiner.staffNo });
  await expect(slip.getByRole('img')).toBeVisible(); // the QR
  const code = (await slip.getByTestId('slip-code').innerText()).trim();
  expect(code).toMatch(/^[2-9A-Z]{5}-[2-9A-Z]{5}$/);
  await page.screenshot({ path: 'test-results/screens/enrol-slips-1280x800.png' });
  await page.setViewportSize({ width: 800, height: 1280 });
  await page.screenshot({ path: 'test-results/screens/enrol-slips-800x1280.png' });
  // the printed code is the one that enrols (the one issued before it no longer does)
  expect((await consoleApp.tryCall('auth.enrol', { staffNo: examiner.staffNo, code, pin: OWN_PIN })).ok).toBe(true);
  expect(pageErrors).toEqual([]);
});

test('S1: an examiner enrols with the code on their slip at a tablet; a weak PIN is refused with the reason under the PIN; their own is kept', async ({ page, consoleApp, pageErrors }) => {
  const { examiner, code } = await examinerWithoutPin(consoleApp);
  // the examiner, at a tablet: sign-in page → 首次使用 → the enrolment page
  await page.setViewportSize({ width: 800, height: 1280 });
  await page.goto(consoleApp.url);
  await page.getByTestId('enrol-link').click();
  await expect(page.getByTestId('enrol-page')).toBeVisible();
  await page.getByLabel('工号').fill(examiner.staffNo);
  await page.getByLabel('启用码').fill(code);
  await page.getByLabel('新 PIN（6–12 位数字）').fill('123456');
  await page.getByLabel('再次输入新 PIN').fill('123456');
  await page.getByTestId('enrol-submit').click();
  await expect(page.locator('[data-testid="field-error"][data-field="pin"]')).toContainText('连续的数字'); // a weak PIN, refused with the reason, under the PIN it names
  await page.screenshot({ path: 'test-results/screens/enrol-page-800x1280.png' });
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.screenshot({ path: 'test-results/screens/enrol-page-1280x800.png' });
  await page.getByLabel('新 PIN（6–12 位数字）').fill(OWN_PIN);
  await page.getByLabel('再次输入新 PIN').fill(OWN_PIN);
  await page.getByTestId('enrol-submit').click();
  await expect(page.getByText('已启用，请用新 PIN 登录。')).toBeVisible();
  // the PIN they chose signs them in
  expect(await consoleApp.signIn(examiner.staffNo, OWN_PIN)).toBeTruthy();
  expect(pageErrors).toEqual([]);
});

test('S1: an examiner signs in with the PIN only they know and signs a score sheet with it', async ({ page, consoleApp, pageErrors }) => {
  const { head, panel, examiner, code } = await examinerWithoutPin(consoleApp);
  const standards = await setStandards(consoleApp, consoleApp.day!, head);
  const items = standards[String(panel.subjectId)]!;
  const sqlite = consoleApp.app.env.opened.sqlite;
  const cand = sqlite.prepare('SELECT ticket_no AS ticket FROM candidates WHERE id = ?').get(panel.candidateIds[0]) as { ticket: string };
  // enrolled with their code through the command the enrolment page sends
  await consoleApp.call('auth.enrol', { staffNo: examiner.staffNo, code, pin: OWN_PIN });
  // the tablet on its side: the menu is a column beside the page
  await page.setViewportSize({ width: 1280, height: 800 });
  await signIn(page, consoleApp.url, examiner.staffNo, OWN_PIN);
  await page.getByRole('menuitem', { name: '评分' }).click();
  await page.getByTestId(`cand-${cand.ticket}`).click();
  for (let i = 1; i <= items.length; i++) await page.getByTestId(`full-${i}`).click();
  await page.getByTestId('sheet-submit').click();
  await page.getByTestId('sheet-pin').fill(OWN_PIN);
  await page.getByRole('button', { name: '签名并锁定' }).click();
  await expect(page.getByText('已签名锁定')).toBeVisible();
  const signed = sqlite.prepare("SELECT COUNT(*) AS n FROM audit_events WHERE command = 'scoring.sheet.submit' AND outcome = 'ok' AND actor_id = ?").get(examiner.staffId) as { n: number };
  expect(signed.n).toBe(1);
  expect(pageErrors).toEqual([]);
});
