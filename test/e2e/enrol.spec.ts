// Personal PINs in Chromium (S1): the site head prints enrolment slips (text and QR) on the staff
// page; an examiner enrols with the code on their slip, chooses their own PIN, and signs a score
// sheet with it. Screenshots of the slips and the enrolment page at 800×1280 and 1280×800.
import type { Browser, Page } from '@playwright/test';
import { setStandards } from '../support/stories';
import { expect, signIn, test } from './fixtures';

const OWN_PIN = '583920';

async function contextPage(browser: Browser, width: number, height: number): Promise<Page> {
  const ctx = await browser.newContext({ viewport: { width, height }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  return ctx.newPage();
}

// the demo day once the draw is confirmed: the panels drawn, everyone's PIN set (test/support/days.ts)
test.use({ day: 'drawn' });

test('an examiner enrols with the code on their slip, chooses a PIN and signs a score sheet with it', async ({ browser, page, consoleApp, pageErrors }) => {
  test.setTimeout(120_000);
  const day = consoleApp.day!;
  const token = await consoleApp.setupSite();
  const sqlite = consoleApp.app.env.opened.sqlite;
  const standards = await setStandards(consoleApp, day, token);
  const panel = day.panels[0]!;
  const examiner = panel.members.find((m) => m.role === 'examiner')!;
  const items = standards[String(panel.subjectId)]!;
  const cand = sqlite.prepare('SELECT ticket_no AS ticket FROM candidates WHERE id = ?').get(panel.candidateIds[0]) as { ticket: string };
  // the examiner's PIN is reset through the command (a new code, never a PIN): they have none now
  await consoleApp.call('staff.issueEnrolment', { staffIds: [examiner.staffId] }, token);

  // the site head prints slips for everyone without a PIN
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

  // the examiner, at a tablet: sign-in page → 首次使用 → the enrolment page
  const tab = await contextPage(browser, 800, 1280);
  await tab.goto(consoleApp.url);
  await tab.getByTestId('enrol-link').click();
  await expect(tab.getByTestId('enrol-page')).toBeVisible();
  await tab.getByLabel('工号').fill(examiner.staffNo);
  await tab.getByLabel('启用码').fill(code);
  await tab.getByLabel('新 PIN（6–12 位数字）').fill('123456');
  await tab.getByLabel('再次输入新 PIN').fill('123456');
  await tab.getByTestId('enrol-submit').click();
  await expect(tab.locator('[data-testid="field-error"][data-field="pin"]')).toContainText('连续的数字'); // a weak PIN, refused with the reason, under the PIN it names
  await tab.screenshot({ path: 'test-results/screens/enrol-page-800x1280.png' });
  await tab.setViewportSize({ width: 1280, height: 800 });
  await tab.screenshot({ path: 'test-results/screens/enrol-page-1280x800.png' });
  await tab.getByLabel('新 PIN（6–12 位数字）').fill(OWN_PIN);
  await tab.getByLabel('再次输入新 PIN').fill(OWN_PIN);
  await tab.getByTestId('enrol-submit').click();
  await expect(tab.getByText('已启用，请用新 PIN 登录。')).toBeVisible();

  // signs in with the PIN only they know and signs a sheet with it
  await signIn(tab, consoleApp.url, examiner.staffNo, OWN_PIN);
  await tab.getByRole('menuitem', { name: '评分' }).click();
  await tab.getByTestId(`cand-${cand.ticket}`).click();
  for (let i = 1; i <= items.length; i++) await tab.getByTestId(`full-${i}`).click();
  await tab.getByTestId('sheet-submit').click();
  await tab.getByTestId('sheet-pin').fill(OWN_PIN);
  await tab.getByRole('button', { name: '签名并锁定' }).click();
  await expect(tab.getByText('已签名锁定')).toBeVisible();
  const signed = sqlite.prepare("SELECT COUNT(*) AS n FROM audit_events WHERE command = 'scoring.sheet.submit' AND outcome = 'ok' AND actor_id = ?").get(examiner.staffId) as { n: number };
  expect(signed.n).toBe(1);
  expect(pageErrors).toEqual([]);
});
