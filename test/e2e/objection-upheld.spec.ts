// An objection upheld (G5, S9: a re-examination), from the demo day's publication with an
// objection recorded and investigated: the site head upholds it on screen naming the skill subject
// to score again; the re-examination opens as round 2 and the sealed batch reopens as an amendment.
import { pickOption } from '../support/antd-e2e';
import { candidatePassingTheory } from '../support/stories';
import { fieldItem } from '../support/forms-e2e';
import { expect, signIn, test } from './fixtures';

test.use({ day: 'published' });

test('an objection upheld on screen names the subject: the re-examination opens as round 2 and the batch reopens for amendment', async ({ page, consoleApp, pageErrors }) => {
  const day = consoleApp.day!;
  const panel = day.panels[0]!;
  const cand = candidatePassingTheory(consoleApp, panel);
  consoleApp.clock.set('2026-05-22T09:00:00+08:00');
  const head = await consoleApp.setupSite();
  const obj = await consoleApp.call<{ id: number }>('results.objection.record', { publicationId: day.publication!.id, candidateId: cand.id, raisedBy: '考生本人', content: '认为操作技能漏评一项' }, head);
  await consoleApp.call('results.objection.investigate', { objectionId: obj.id, investigation: '调阅现场录像，确有一项未评。' }, head);

  await signIn(page, consoleApp.url, day.site.staffNo, day.site.pin);
  await page.getByRole('menuitem', { name: '结果公示' }).click();
  await fieldItem(page, '处理决定').locator('input').fill('异议成立，由原考评组重新评分。');
  await page.getByText('异议成立', { exact: true }).click();
  await pickOption(page.getByTestId('rescore-subject'), page.locator('.ant-select-item-option', { hasText: '操作技能' }).first(), '操作技能');
  await page.getByRole('button', { name: '作出决定' }).click();
  await expect(page.getByTestId('rescore-card')).toContainText('评定中');
  await expect(page.getByTestId('rescore-card')).toContainText('第 2 轮评分');
  await expect(page.getByTestId('rescore-card')).toContainText(cand.name);
  const batch = consoleApp.app.env.opened.sqlite.prepare('SELECT status FROM batches WHERE id = ?').get(day.batchId) as { status: string };
  expect(batch.status).toBe('amending');
  expect(pageErrors).toEqual([]);
});
