// Round 2 of a re-examination (G5, S9), from the demo day's publication with an objection upheld
// about one candidate's skill subject: the examiners of the panel score again on their own sign-in
// (the last of them on screen) and sign with the PIN; the changed result appears on the results page.
import { candidatePassingTheory, entriesZeroOn, upheldObjection } from '../support/stories';
import { expect, signIn, test } from './fixtures';

test.use({ day: 'published' });

test('the panel re-scores as round 2, the last examiner on screen signing with the PIN; the changed result appears', async ({ browser, page, consoleApp, pageErrors }) => {
  const day = consoleApp.day!;
  const panel = day.panels[0]!;
  const cand = candidatePassingTheory(consoleApp, panel);
  const items = day.items[String(panel.subjectId)]!;
  await upheldObjection(consoleApp, day, cand.id, panel.subjectId);

  // two examiners of the panel have scored round 2 on their tablets (the same screen as below)
  const entries = entriesZeroOn(items, 1);
  const [last, ...others] = [...panel.members].reverse();
  for (const m of others) {
    const token = await consoleApp.signIn(m.staffNo, undefined, m.role);
    await consoleApp.call('scoring.sheet.submit', { candidateId: cand.id, subjectId: panel.subjectId, entries, pin: day.staffPin }, token);
  }
  // the last one on screen: round 2 says so, full marks but the item the objection named, signed with the PIN
  const ctx = await browser.newContext({ viewport: { width: 1024, height: 768 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  const p = await ctx.newPage();
  await signIn(p, consoleApp.url, last!.staffNo, day.staffPin);
  await p.getByRole('menuitem', { name: '评分', exact: true }).click();
  await p.getByTestId(`cand-${cand.ticket}`).click();
  await expect(p.getByTestId('sheet-round')).toHaveText('第 2 轮评分（异议复评）');
  for (let i = 1; i <= items.length; i++) await p.getByTestId(i === 1 ? `zero-${i}` : `full-${i}`).click();
  await p.getByTestId('sheet-submit').click();
  await p.getByTestId('sheet-pin').fill(day.staffPin);
  await p.getByRole('button', { name: '签名并锁定' }).click();
  await expect(p.getByText('已签名锁定')).toBeVisible();
  await ctx.close();
  const skill = (100 - items[0]!.maxPoints).toFixed(1);

  await signIn(page, consoleApp.url, day.site.staffNo, day.site.pin);
  await page.getByRole('menuitem', { name: '成绩', exact: true }).click();
  await expect(page.getByTestId(`outcome-${cand.ticket}`)).toHaveText('通过');
  await expect(page.locator('tr', { has: page.getByTestId(`outcome-${cand.ticket}`) })).toContainText(skill);
  expect(pageErrors).toEqual([]);
});
