// An examiner's tablet loses the connection mid-sheet (S9): the draft stays on the device, a submit
// while offline says 离线 and keeps it, a reload once back restores it from the device, and a submit
// whose answer is lost is retried as the same signed sheet: one sheet recorded each time.
import type { Browser } from '@playwright/test';
import { setStandards } from '../support/stories';
import { expect, signIn, test, type ConsoleFixture } from './fixtures';

test.use({ day: 'doors' });

async function sheetStory(browser: Browser, consoleApp: ConsoleFixture, candidateIndex: number) {
  const day = consoleApp.day!;
  const head = await consoleApp.setupSite();
  const panel = day.panels[0]!;
  const items = (await setStandards(consoleApp, day, head))[String(panel.subjectId)]!;
  const cand = day.sessions.find((s) => s.id === panel.sessionId)!.rooms.find((r) => r.id === panel.roomId)!.candidates[candidateIndex]!;
  const ex = panel.members[1]!;
  const sqlite = consoleApp.app.env.opened.sqlite;
  const sheets = () =>
    sqlite.prepare('SELECT status, entries, submit_key AS submitKey FROM score_sheets WHERE candidate_id = ? AND subject_id = ? AND examiner_id = ?').all(cand.id, panel.subjectId, ex.staffId) as {
      status: string;
      entries: string;
      submitKey: string | null;
    }[];
  const filled = (json: string) => (JSON.parse(json) as { points: number | null }[]).filter((e) => e.points !== null).length;
  const tablet = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  const page = await tablet.newPage();
  await signIn(page, consoleApp.url, ex.staffNo, day.staffPin);
  await page.getByRole('menuitem', { name: '评分' }).click();
  await page.getByTestId(`cand-${cand.ticketNo}`).click();
  await expect(page.getByTestId('sheet-candidate')).toContainText(cand.name);
  const sign = async () => {
    await page.getByTestId('sheet-submit').click();
    await page.getByTestId('sheet-pin').fill(day.staffPin);
    await page.getByRole('button', { name: '签名并锁定' }).click();
  };
  const submittedCount = () => sqlite.prepare("SELECT COUNT(*) AS n FROM score_sheets WHERE candidate_id = ? AND subject_id = ? AND status = 'submitted'").get(cand.id, panel.subjectId);
  return { day, items, tablet, page, sheets, filled, sign, submittedCount };
}

test('S9: a sheet filled through a lost connection is kept on the device, says 离线 on submit, is restored by a reload and recorded once', async ({ browser, consoleApp, pageErrors }) => {
  const { day, items, tablet, page, sheets, filled, sign, submittedCount } = await sheetStory(browser, consoleApp, 0);
  // half the sheet online: saved on the server
  await page.getByTestId('full-1').click();
  await page.getByTestId('full-2').click();
  await expect(page.getByTestId('sheet-save-state')).toHaveText('草稿已保存');

  // the Wi-Fi drops: the rest is kept on the device and the screen says so; the submit says 离线
  await tablet.setOffline(true);
  for (let i = 3; i <= items.length; i++) await page.getByTestId(`full-${i}`).click();
  await expect(page.getByTestId('sheet-total')).toContainText('100.0');
  await expect(page.getByTestId('sheet-save-state')).toHaveText('离线 · 草稿已保存在本机');
  await sign();
  await expect(page.getByTestId('sheet-error')).toContainText('离线：无法连接考点通服务，评分表未提交');
  await page.screenshot({ path: 'test-results/screens/scoring-offline-1280x800.png' });
  await page.setViewportSize({ width: 800, height: 1280 });
  await page.screenshot({ path: 'test-results/screens/scoring-offline-800x1280.png' });
  // the server has the first two items only; the device has all of them, and no PIN
  expect(sheets().map((s) => [s.status, filled(s.entries)])).toEqual([['draft', 2]]);
  const kept = await page.evaluate(() => Object.entries(localStorage).filter(([k]) => k.startsWith('esc.sheetDraft.')));
  expect(kept).toHaveLength(1);
  expect(kept[0]![1]).not.toContain(day.staffPin);
  const draft = JSON.parse(kept[0]![1]) as { entries: { points: number | null }[]; submitKey: string };
  expect(draft.entries.filter((e) => e.points !== null)).toHaveLength(items.length);
  expect(draft.submitKey).toMatch(/^[A-Za-z0-9_-]{16,64}$/);

  // back online, the page reloads before any save got through (saves held): the sheet comes back from the device
  await page.route('**/api/scoring.sheet.save', (route) => route.abort('connectionreset'));
  await tablet.setOffline(false);
  await page.reload();
  await expect(page.getByTestId('sheet-restored')).toBeVisible();
  await expect(page.getByTestId('sheet-total')).toContainText('100.0');
  expect(sheets().map((s) => [s.status, filled(s.entries)])).toEqual([['draft', 2]]);
  await page.unroute('**/api/scoring.sheet.save');

  // signed once: one sheet, with the key made on the device at the first attempt
  await sign();
  await expect(page.getByText('已签名锁定')).toBeVisible();
  expect(sheets().map((s) => [s.status, filled(s.entries), s.submitKey])).toEqual([['submitted', items.length, draft.submitKey]]);
  expect(submittedCount()).toEqual({ n: 1 });
  expect(await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('esc.sheetDraft.')))).toEqual([]);
  await tablet.close();
  expect(pageErrors).toEqual([]);
});

test('S9: a submit whose answer is lost is retried as the same signed sheet, never a second one nor "locked"', async ({ browser, consoleApp, pageErrors }) => {
  const { items, tablet, page, sheets, sign, submittedCount } = await sheetStory(browser, consoleApp, 1);
  for (let i = 1; i <= items.length; i++) await page.getByTestId(`full-${i}`).click();
  await expect(page.getByTestId('sheet-save-state')).toHaveText('草稿已保存');
  // the submit reaches the console, its answer is lost on the way back
  let lost = 0;
  await page.route('**/api/scoring.sheet.submit', async (route) => {
    await route.fetch();
    lost++;
    await route.abort('connectionreset');
  });
  await sign();
  await expect(page.getByTestId('sheet-error')).toContainText('离线');
  expect(lost).toBe(1);
  const first = sheets();
  expect(first.map((s) => s.status)).toEqual(['submitted']);

  // signed again: the console answers with the sheet it has (the same key), the screen locks
  await page.unroute('**/api/scoring.sheet.submit');
  await sign();
  await expect(page.getByText('已签名锁定')).toBeVisible();
  await expect(page.getByTestId('sheet-error')).toHaveCount(0);
  expect(sheets()).toEqual(first);
  expect(submittedCount()).toEqual({ n: 1 });
  await tablet.close();
  expect(pageErrors).toEqual([]);
});
