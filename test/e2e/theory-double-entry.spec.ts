// G4 on screen, from the demo day after its doors: two score clerks enter a theory paper score, the
// mismatch shows side by side and blocks until the site head settles it by the paper.
import { expect, signIn, test } from './fixtures';

test.use({ day: 'doors' });

test('G4 on screen: two clerks enter a paper score, the mismatch shows side by side and blocks until the site head settles it by the paper', async ({ browser, page, consoleApp, pageErrors }) => {
  const day = consoleApp.day!;
  const cand = day.sessions.find((s) => s.kind === 'theory')!.rooms[0]!.candidates[4]!;
  const [first, second] = day.clerks;
  for (const [clerk, score] of [
    [first!, '76'],
    [second!, '67'],
  ] as const) {
    const ctx = await browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    const p = await ctx.newPage();
    await signIn(p, consoleApp.url, clerk.staffNo, day.staffPin);
    await p.getByRole('menuitem', { name: '理论成绩' }).click();
    await p.getByRole('tab', { name: /双人登分/ }).click();
    await p.getByTestId('paper-ticket').fill(cand.ticketNo);
    await p.getByTestId('paper-score').fill(score);
    await p.getByTestId('paper-enter').click();
    await expect(p.getByText(score === '76' ? '已录入，等待另一名登分人员复核录入' : '两次录入不一致，须核对试卷')).toBeVisible();
    await ctx.close();
  }
  await signIn(page, consoleApp.url, day.site.staffNo, day.site.pin);
  await page.getByRole('menuitem', { name: '理论成绩' }).click();
  await page.getByRole('tab', { name: /双人登分/ }).click();
  await expect(page.getByText('1 名考生两次录入不一致')).toBeVisible();
  const row = page.locator('tr', { has: page.getByTestId(`settle-${cand.ticketNo}`) });
  await expect(row).toContainText(`76（${first!.name}）`);
  await expect(row).toContainText(`67（${second!.name}）`);
  await page.screenshot({ path: 'test-results/screens/theory-double-entry.png' });
  await row.getByPlaceholder('试卷成绩').fill('76');
  await row.getByPlaceholder('核对情况').fill('调阅试卷，卷面合计 76 分');
  await row.getByRole('button', { name: '按试卷确认' }).click();
  await expect(page.getByText(new RegExp(`核对试卷：76 分（${day.site.headName}：调阅试卷，卷面合计 76 分）`))).toBeVisible();
  expect(pageErrors).toEqual([]);
});
