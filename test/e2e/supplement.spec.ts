// After a re-examination (a re-examination: G5, S9), from the demo day's publication with an objection upheld
// and round 2 scored: after the main period the changed result waits for the amended version to be
// sealed first, is sealed on screen with the same signatures, and goes to a supplementary 公示 of its own.
import { candidatePassingTheory, entriesZeroOn, panelScores, pickDate, sealSignatures, upheldObjection } from '../support/stories';
import { expect, signIn, test } from './fixtures';

test.use({ day: 'published' });

test('after the main period the changed result is sealed as version 2 first, then goes to a supplementary publication', async ({ page, consoleApp, pageErrors }) => {
  const day = consoleApp.day!;
  const panel = day.panels[0]!;
  const cand = candidatePassingTheory(consoleApp, panel);
  const items = day.items[String(panel.subjectId)]!;
  await upheldObjection(consoleApp, day, cand.id, panel.subjectId);
  await panelScores(consoleApp, panel, cand.id, () => entriesZeroOn(items, 1));
  const skill = (100 - items[0]!.maxPoints).toFixed(1);

  // after the main period
  consoleApp.clock.set('2026-05-29T09:00:00+08:00');
  const head = await consoleApp.setupSite();
  const signers = await sealSignatures(consoleApp, day, head);
  await signIn(page, consoleApp.url, day.site.staffNo, day.site.pin);
  await page.getByRole('menuitem', { name: '结果公示' }).click();
  await expect(page.getByTestId('rescore-card')).toContainText('已评定，待补充公示');
  await expect(page.getByTestId('rescore-card')).toContainText(skill);
  // the upheld objection reopened the sealed batch; the amended version is sealed first
  await expect(page.getByTestId('rescore-seal-first')).toContainText('正在修订');
  await expect(page.getByTestId('supplement-open')).toHaveCount(0);
  await page.getByTestId('rescore-seal-first').getByRole('button').click();
  await expect(page.getByTestId('seal-status')).toContainText('修订中');
  await page.getByTestId('seal-amend-reason').fill(`异议成立：${cand.name} 操作技能第 2 轮重新评分`);
  for (const [i, sg] of signers.entries()) {
    await page.getByTestId(`signer-${i}-staffNo`).fill(sg.staffNo);
    await page.getByTestId(`signer-${i}-pin`).fill(sg.pin);
  }
  await page.getByTestId('seal-submit').click();
  await expect(page.getByTestId('seal-status')).toHaveText('已封存（第 2 版）');
  await page.getByTestId('seal-to-publication').click();
  await pickDate(page, 'supplement-start', '2026-05-29');
  await page.getByTestId('supplement-open').click();
  // five working days from Friday 05-29: 05-29, 06-01 … 06-04
  await expect(page.getByText('补充公示 · 公示期：2026-05-29 至 2026-06-04 · 封存第 2 版')).toBeVisible();
  await expect(page.getByTestId('pub-list')).toContainText(cand.name);
  await expect(page.getByTestId('pub-list')).toContainText(`${skill}（合格）`);
  await expect(page.getByTestId('rescore-card')).toContainText('已补充公示');
  await page.screenshot({ path: 'test-results/screens/supplement.png', fullPage: true });
  expect(pageErrors).toEqual([]);
});
