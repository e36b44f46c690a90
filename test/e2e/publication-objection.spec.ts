// An objection during the 公示 (G5), from the demo day's publication of its sealed version: recorded,
// investigated and decided (not upheld) on screen, signed by the site head. (After the period:
// publication-confirmation.spec.ts.)
import { fieldItem } from '../support/forms-e2e';
import { expect, signIn, test } from './fixtures';

test.use({ day: 'published' });

test('publication: an objection recorded, investigated and decided (not upheld), signed by the site head', async ({ page, consoleApp, pageErrors }) => {
  const day = consoleApp.day!;
  consoleApp.clock.set('2026-05-22T10:00:00+08:00'); // the first day of the 公示
  await signIn(page, consoleApp.url, day.site.staffNo, day.site.pin);
  await page.getByRole('menuitem', { name: '结果公示' }).click();
  await expect(page.getByText(`公示期：${day.publication!.startDate} 至 ${day.publication!.endDate} · 封存第 1 版`)).toBeVisible();
  const someone = day.sessions[0]!.rooms[0]!.candidates[5]!.name;
  await page.getByTestId('objection-candidate').click();
  await page.keyboard.type(someone);
  await page.locator('.ant-select-item-option', { hasText: someone }).first().click();
  await fieldItem(page, '异议人').locator('input').fill('考生本人');
  await fieldItem(page, '异议内容').locator('textarea').fill('认为操作技能成绩偏低');
  await page.getByRole('button', { name: '登记异议' }).click();
  await fieldItem(page, '调查情况').locator('input').fill('调阅三份评分记录表及现场录像，评分有据。');
  await page.getByRole('button', { name: '记录调查' }).click();
  await fieldItem(page, '处理决定').locator('input').fill('经调查评分无误，维持原成绩，已书面答复。');
  await page.getByText('异议不成立').click();
  await page.getByRole('button', { name: '作出决定' }).click();
  await expect(page.getByText(new RegExp(`经调查评分无误.*${day.site.headName}`))).toBeVisible();
  await page.screenshot({ path: 'test-results/screens/publication-objection.png', fullPage: true });
  expect(pageErrors).toEqual([]);
});
