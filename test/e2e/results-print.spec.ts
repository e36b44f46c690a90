// The printable results (P3, ID numbers masked), from the demo day's publication with an objection
// upheld and round 2 scored: the 成绩汇总表 shows the changed result with the level by its name; the
// 评分记录表 keeps both rounds with the examiners' names, round 1 marked superseded.
import { candidatePassingTheory, entriesZeroOn, panelScores, upheldObjection } from '../support/stories';
import { expect, signIn, test } from './fixtures';

test.use({ day: 'published' });

test('the printable 成绩汇总表 and 评分记录表: masked ID numbers, levels by name, both rounds with the examiners', async ({ page, consoleApp, pageErrors }) => {
  const day = consoleApp.day!;
  const panel = day.panels[0]!;
  const cand = candidatePassingTheory(consoleApp, panel);
  const items = day.items[String(panel.subjectId)]!;
  await upheldObjection(consoleApp, day, cand.id, panel.subjectId);
  await panelScores(consoleApp, panel, cand.id, () => entriesZeroOn(items, 1));
  const skill = (100 - items[0]!.maxPoints).toFixed(1);

  await signIn(page, consoleApp.url, day.site.staffNo, day.site.pin);
  await page.getByRole('menuitem', { name: '成绩', exact: true }).click();
  await page.getByTestId('print-summary-link').click();
  const summary = page.getByTestId('print-summary');
  await expect(summary).toContainText('技能等级认定考生成绩汇总表');
  await expect(summary.locator('tr', { hasText: cand.ticket })).toContainText(/3704\*{10}\d{3}[\dX]/);
  await expect(summary.locator('tr', { hasText: cand.ticket })).toContainText('四级/中级工');
  await expect(summary.locator('tr', { hasText: cand.ticket })).toContainText(skill);
  await page.emulateMedia({ media: 'print' });
  await page.screenshot({ path: 'test-results/screens/print-summary.png', fullPage: true });
  await page.emulateMedia({ media: 'screen' });
  // the printable 评分记录表: both rounds with the examiners' names, round 1 marked superseded
  await page.evaluate((id) => (window.location.hash = `/results/print/sheets/${id}`), panel.subjectId);
  const sheet = page.getByTestId(`print-sheet-${cand.ticket}`);
  await expect(sheet).toContainText('第 1 轮评分（已由后一轮取代，存档）');
  await expect(sheet).toContainText('第 2 轮评分（异议复评）');
  for (const m of panel.members) await expect(sheet.getByTestId('examiner-name').filter({ hasText: m.name })).toHaveCount(2);
  await expect(sheet).toContainText(`科目成绩（考评员总分平均，保留一位小数）：${skill}`);
  await page.emulateMedia({ media: 'print' });
  await sheet.screenshot({ path: 'test-results/screens/print-sheets.png' });
  expect(pageErrors).toEqual([]);
});
