// After the 公示 (G5), from the demo day whose period ended with no objection upheld: the 确认单 names
// everyone who passed, one sentence per occupation and level.
import { expect, signIn, test } from './fixtures';

test.use({ day: 'ended' });

test('publication: after the period the confirmation sheet appears', async ({ page, consoleApp, pageErrors }) => {
  const day = consoleApp.day!;
  await signIn(page, consoleApp.url, day.site.staffNo, day.site.pin);
  await page.getByRole('menuitem', { name: '结果公示' }).click();
  await expect(page.getByTestId('confirmation-sentence').first()).toContainText(/以上共 \d+ 名人员，通过 .+ 职业 .+ 等级职业技能等级认定，经公示无异议。/);
  await expect(page.getByTestId('confirmation-sentence')).toHaveCount(2); // 车工（数控车工）四级 and 电工 三级
  await page.screenshot({ path: 'test-results/screens/publication.png', fullPage: true });
  expect(pageErrors).toEqual([]);
});
