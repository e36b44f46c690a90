// The supervisor's desk in English (E6, S8), from the demo day drawn with an incident ruled (and the
// ruling changed to a warning) and a bag with a broken seal: the kinds and decisions the services
// send as codes are worded without Chinese.
import { incidentRoom, recordCribNotes, signInAs } from '../support/incidents-e2e';
import { expect, test } from './fixtures';

test.use({ day: 'drawn' });

test('in English, the cases desk words kinds and decisions from their codes', async ({ page, consoleApp }) => {
  const day = consoleApp.day!;
  const r = incidentRoom(consoleApp);
  const incidentId = await recordCribNotes(consoleApp, r);
  const proctor = await consoleApp.signIn(r.proctorA.staffNo, undefined, 'proctor');
  await consoleApp.call('events.record', { kind: 'bag_received', sessionId: r.sessionId, roomId: r.roomId, occupationCode: '6-18-01-01', level: 4, count: 30, sealIntact: false, note: '' }, proctor);
  const sup = await consoleApp.signIn(r.supervisor.staffNo, undefined, 'supervisor');
  const first = await consoleApp.call<{ rulingId: number }>('incidents.rule', { incidentId, decision: 'subject_void', reason: '夹带属实，该科目成绩无效', pin: day.staffPin }, sup);
  await consoleApp.call('incidents.supersede', { incidentId, rulingId: first.rulingId, decision: 'warning', reason: '复核录像：纸条未被使用，改为警告', pin: day.staffPin }, sup);

  await signInAs(page, consoleApp.url, r.supervisor.staffNo, day.staffPin, '督导员');
  await page.evaluate(() => localStorage.setItem('esc.lang', 'en'));
  await page.goto(`${consoleApp.url}/#/incidents/cases`);
  await page.reload();
  await page.getByText('All', { exact: true }).click();
  await expect(page.getByTestId('case-incidents')).toContainText('Crib notes');
  await expect(page.getByTestId('case-incidents')).toContainText('Paper bag problem');
  await expect(page.getByTestId('case-incidents')).toContainText('Warning');
  const tags = await page.getByTestId('case-incidents').locator('.ant-tag').allInnerTexts();
  expect(tags.length).toBeGreaterThan(3);
  expect(tags.filter((t) => /[\u3400-\u9fff]/.test(t))).toEqual([]);
  await page.getByTestId(`rule-${incidentId}`).click();
  await expect(page.getByTestId('ruling-history')).toContainText('Subject result void');
  await page.screenshot({ path: 'test-results/screens/incident-cases-en.png' });
});
