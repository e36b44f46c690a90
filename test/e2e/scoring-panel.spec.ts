// Scoring in Chromium (S5, G3), from the demo day after its doors, with the scoring standards set:
// a panel's examiners score a candidate independently on their own tablets; a reload mid-sheet loses
// nothing; nobody sees the others' totals until the whole panel has signed. Two stories: one
// examiner's sheet, and the panel's last signature.
import type { Browser, Page } from '@playwright/test';
import { entriesFor, setStandards } from '../support/stories';
import { expect, signIn, test, type ConsoleFixture } from './fixtures';

test.use({ day: 'doors' });

async function openAs(browser: Browser, url: string, staffNo: string, pin: string): Promise<Page> {
  const ctx = await browser.newContext({ viewport: { width: 1024, height: 768 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' }); // a tablet
  const page = await ctx.newPage();
  await signIn(page, url, staffNo, pin);
  return page;
}

/** The standards set, the first panel and its first candidate (the day after its doors). */
async function firstPanel(consoleApp: ConsoleFixture) {
  const day = consoleApp.day!;
  const head = await consoleApp.setupSite();
  const items = (await setStandards(consoleApp, day, head))[String(day.panels[0]!.subjectId)]!;
  const panel = day.panels[0]!;
  const cand = day.sessions.find((s) => s.id === panel.sessionId)!.rooms.find((r) => r.id === panel.roomId)!.candidates[0]!;
  const [chief, ex1, ex2] = panel.members;
  return { day, items, panel, cand, chief: chief!, ex1: ex1!, ex2: ex2! };
}

test('an examiner scores a candidate on a tablet: a reload mid-sheet loses nothing; signed, the others’ totals stay hidden', async ({ browser, consoleApp, pageErrors }) => {
  const { day, items, cand, ex1 } = await firstPanel(consoleApp);

  // examiner 1: full marks on two items, then a reload mid-sheet
  const p1 = await openAs(browser, consoleApp.url, ex1.staffNo, day.staffPin);
  await p1.getByRole('menuitem', { name: '评分' }).click();
  await p1.getByTestId(`cand-${cand.ticketNo}`).click();
  await expect(p1.getByTestId('sheet-candidate')).toContainText(cand.name);
  await p1.getByTestId('full-1').click();
  await p1.getByTestId('full-2').click();
  await expect(p1.getByTestId('sheet-total')).toContainText(`${(items[0]!.maxPoints + items[1]!.maxPoints).toFixed(1)}`);
  await expect(p1.getByText('草稿已保存')).toBeVisible();
  await expect(p1.getByTestId('sheet-submit')).toBeDisabled(); // blanks left
  await p1.reload();
  await expect(p1.getByTestId('sheet-total')).toContainText(`${(items[0]!.maxPoints + items[1]!.maxPoints).toFixed(1)}`);
  for (let i = 3; i <= items.length; i++) await p1.getByTestId(`full-${i}`).click();
  await expect(p1.getByTestId('sheet-total')).toContainText('100.0');
  await p1.screenshot({ path: 'test-results/screens/scoring-sheet.png', fullPage: true });
  await p1.getByTestId('sheet-submit').click();
  await p1.getByTestId('sheet-pin').fill(day.staffPin);
  await p1.getByRole('button', { name: '签名并锁定' }).click();
  await expect(p1.getByText('已签名锁定')).toBeVisible();
  await expect(p1.getByText('全组考评员都提交后')).toBeVisible(); // independence: nothing of the others yet
  expect(pageErrors).toEqual([]);
});

test('the last of the panel signs on screen: the totals show, to the chief and to an examiner who signed before', async ({ browser, consoleApp, pageErrors }) => {
  const { day, items, panel, cand, chief, ex1, ex2 } = await firstPanel(consoleApp);
  expect(chief.role).toBe('chief_examiner');
  // examiner 1 gave full marks on their tablet (the story above)
  const t1 = await consoleApp.signIn(ex1.staffNo, undefined, ex1.role);
  await consoleApp.call('scoring.sheet.submit', { candidateId: cand.id, subjectId: panel.subjectId, entries: entriesFor(items, 100), pin: day.staffPin }, t1);

  // examiner 2 agrees (100) on their tablet; the chief disagrees widely on screen: 0 on the 30-point quality item (70)
  const t2 = await consoleApp.signIn(ex2.staffNo, undefined, ex2.role);
  await consoleApp.call('scoring.sheet.submit', { candidateId: cand.id, subjectId: panel.subjectId, entries: entriesFor(items, 100), pin: day.staffPin }, t2);
  const pc = await openAs(browser, consoleApp.url, chief.staffNo, day.staffPin);
  await pc.getByRole('menuitem', { name: '评分' }).click();
  await pc.getByTestId(`cand-${cand.ticketNo}`).click();
  for (let i = 1; i <= items.length; i++) await pc.getByTestId(i === 3 ? `zero-${i}` : `full-${i}`).click();
  await pc.getByTestId('sheet-submit').click();
  await pc.getByTestId('sheet-pin').fill(day.staffPin);
  await pc.getByRole('button', { name: '签名并锁定' }).click();
  await expect(pc.getByText('已签名锁定')).toBeVisible();
  await expect(pc.getByTestId('sheet-total')).toContainText('70.0');
  // the panel is complete: now everyone sees the three totals
  await expect(pc.getByTestId('panel-sheets')).toContainText('100');
  const p1 = await openAs(browser, consoleApp.url, ex1.staffNo, day.staffPin);
  await p1.getByRole('menuitem', { name: '评分' }).click();
  await p1.getByTestId(`cand-${cand.ticketNo}`).click();
  await expect(p1.getByTestId('panel-sheets').locator('tbody tr')).toHaveCount(3);
  expect(pageErrors).toEqual([]);
});
