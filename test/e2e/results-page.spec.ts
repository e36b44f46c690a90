// The results page (G1), from the demo day after its doors with one candidate's skill sheets (100, 100,
// 70, the spread reviewed) and theory score (86) in: skill 90.0 as the mean of the three totals, theory 86.0, passed,
// and the distribution chart.
import { candidatePresent, entriesFor, entriesZeroOn, panelScores, setStandards } from '../support/stories';
import { expect, signIn, test } from './fixtures';

test.use({ day: 'doors' });

test('the site head sees a candidate\'s results: skill the mean of three sheets, theory as imported, passed', async ({ page, consoleApp, pageErrors }) => {
  const day = consoleApp.day!;
  const head = await consoleApp.setupSite();
  const panel = day.panels[0]!;
  const items = (await setStandards(consoleApp, day, head))[String(panel.subjectId)]!;
  const cand = candidatePresent(consoleApp, panel);
  await panelScores(consoleApp, panel, cand.id, (i) => (i === 0 ? entriesZeroOn(items, 3) : entriesFor(items, 100)));
  // the spread of 30 reviewed by the chief (scoring-review.spec.ts clicks it)
  const chief = await consoleApp.signIn(panel.members[0]!.staffNo, undefined, 'chief_examiner');
  await consoleApp.call('scoring.review.record', { candidateId: cand.id, subjectId: panel.subjectId, note: '已核对，维持各自评分，成绩按平均分。' }, chief);
  // the clerk's import of the theory file (theory-import.spec.ts clicks it)
  const theoryId = day.sessions.find((s) => s.kind === 'theory' && s.rooms.some((r) => r.candidates.some((c) => c.id === cand.id)))!.subjectId;
  const clerk = await consoleApp.signIn(day.clerks[0]!.staffNo, undefined, 'score_clerk');
  const csv = ['准考证号,身份证号,姓名,成绩', `${cand.ticketNo},${cand.docNumber},${cand.name},86`].join('\r\n');
  const imp = await consoleApp.call<{ importId: number }>('theory.import', { subjectId: theoryId, file: { name: '理论成绩.csv', data: Buffer.from(csv, 'utf8').toString('base64') } }, clerk);
  await consoleApp.call('theory.import.confirm', { importId: imp.importId }, clerk);

  await signIn(page, consoleApp.url, day.site.staffNo, day.site.pin);
  await page.getByRole('menuitem', { name: '成绩', exact: true }).click();
  await expect(page.getByTestId(`outcome-${cand.ticketNo}`)).toHaveText('通过');
  const row = page.locator('tr', { has: page.getByTestId(`outcome-${cand.ticketNo}`) });
  await expect(row).toContainText('90.0');
  await expect(row).toContainText('86.0');
  await expect(page.getByTestId('histogram').locator('canvas')).toHaveCount(1);
  await page.screenshot({ path: 'test-results/screens/results.png', fullPage: true });
  expect(pageErrors).toEqual([]);
});
