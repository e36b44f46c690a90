// S8 on the supervisor's desk, from the demo day drawn with an incident recorded and signed in a room:
// the supervisor rules with reasons and the PIN, then changes the decision: a new ruling supersedes
// the first, which stays, marked.
import { incidentRoom, recordCribNotes, registerRecording, signInAs } from '../support/incidents-e2e';
import { expect, test } from './fixtures';

test.use({ day: 'drawn' });

test('the supervisor rules on the desk with reasons and PIN; a change of mind supersedes the first ruling, which stays', async ({ page, consoleApp }) => {
  const day = consoleApp.day!;
  const sqlite = consoleApp.app.env.opened.sqlite;
  const r = incidentRoom(consoleApp);
  await registerRecording(consoleApp, r, await consoleApp.setupSite());
  const incidentId = await recordCribNotes(consoleApp, r);
  const who = r.candidates[0]!;

  await signInAs(page, consoleApp.url, r.supervisor.staffNo, day.staffPin, '督导员');
  await page.goto(`${consoleApp.url}/#/incidents/cases`);
  await expect(page.getByTestId('case-incidents')).toContainText(who.name);
  await page.screenshot({ path: 'test-results/screens/incident-cases.png' });
  await page.getByTestId(`rule-${incidentId}`).click();
  await expect(page.getByTestId('ruling-dialog')).toContainText('kc01_0900-1030.mp4');
  await page.getByTestId('ruling-decision').getByText('该科目成绩无效', { exact: true }).click();
  await page.getByTestId('ruling-reason').fill('夹带属实，依《技能人才评价违纪违规行为处理工作指引》该科目成绩无效');
  await page.getByTestId('ruling-pin').fill(day.staffPin);
  await page.screenshot({ path: 'test-results/screens/incident-ruling.png' });
  await page.getByTestId('ruling-submit').click();
  await expect(page.getByText('处理决定已签署')).toBeVisible();
  const ruling = sqlite.prepare('SELECT candidate_id, decision, superseded_by FROM incident_rulings WHERE incident_id = ?').get(incidentId);
  expect(ruling).toEqual({ candidate_id: who.id, decision: 'subject_void', superseded_by: null });
  // a change of mind is a new ruling that supersedes; the first stays, marked
  await page.getByText('全部', { exact: true }).click();
  await page.getByTestId(`rule-${incidentId}`).click();
  await page.getByTestId('ruling-change').click();
  await page.getByTestId('ruling-decision').getByText('警告', { exact: true }).click();
  await page.getByTestId('ruling-reason').fill('复核录像：纸条未被使用，改为警告');
  await page.getByTestId('ruling-pin').fill(day.staffPin);
  await page.getByTestId('ruling-submit').click();
  await expect(page.getByText('处理决定已签署').first()).toBeVisible();
  await page.getByTestId(`rule-${incidentId}`).click();
  await expect(page.getByTestId('ruling-history')).toContainText('已被');
  await expect(page.getByTestId('ruling-history')).toContainText('当前有效');
  await page.screenshot({ path: 'test-results/screens/incident-ruling-history.png' });
  await page.keyboard.press('Escape');
  const rulings = sqlite.prepare('SELECT id, decision, superseded_by AS s FROM incident_rulings WHERE incident_id = ? ORDER BY id').all(incidentId) as { id: number; decision: string; s: number | null }[];
  expect(rulings.map((x) => [x.decision, x.s])).toEqual([
    ['subject_void', rulings[1]!.id],
    ['warning', null],
  ]);
});
