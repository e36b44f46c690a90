// The chief examiner's review of a wide spread (S5), from the demo day after its doors with one
// candidate scored 100, 100 and 70 by the panel: the chief sees the spread of 30 and records the review.
import { entriesFor, entriesZeroOn, panelScores, setStandards } from '../support/stories';
import { expect, signIn, test } from './fixtures';

test.use({ day: 'doors' });

test('the chief examiner reviews a spread of 30 and records why', async ({ page, consoleApp, pageErrors }) => {
  const day = consoleApp.day!;
  const head = await consoleApp.setupSite();
  const panel = day.panels[0]!;
  const items = (await setStandards(consoleApp, day, head))[String(panel.subjectId)]!;
  const cand = day.sessions.find((s) => s.id === panel.sessionId)!.rooms.find((r) => r.id === panel.roomId)!.candidates[0]!;
  // chief first: 70 (nothing on the 30-point quality item), then 100 and 100
  await panelScores(consoleApp, panel, cand.id, (i) => (i === 0 ? entriesZeroOn(items, 3) : entriesFor(items, 100)));

  await signIn(page, consoleApp.url, panel.members[0]!.staffNo, day.staffPin);
  await page.getByRole('menuitem', { name: '考评组长复核' }).click();
  await expect(page.getByTestId(`review-${cand.ticketNo}`)).toContainText('相差 30 分');
  await page.getByTestId(`review-note-${cand.ticketNo}`).fill('已核对零件质量精度：本人判定超差有据，其他两位考评员未测量该尺寸；维持各自评分，成绩按平均分。');
  await page.getByTestId(`review-save-${cand.ticketNo}`).click();
  await expect(page.getByTestId(`review-${cand.ticketNo}`)).toContainText('已于');
  await page.screenshot({ path: 'test-results/screens/scoring-review.png' });
  expect(pageErrors).toEqual([]);
});
