// The room's record (E2, E6, E7, R4), from the demo day drawn with an incident recorded in the room:
// the room view lists it with the room's recording; a bag with a broken seal raises an incident of
// its own; a computer failure is recorded with the minutes lost.
import { incidentRoom, recordCribNotes, registerRecording, signInAs } from '../support/incidents-e2e';
import { expect, test } from './fixtures';

test.use({ day: 'drawn' });

test('the room view: the incident with its recording; a broken bag seal raises an incident; a computer failure with the minutes lost', async ({ page, consoleApp }) => {
  const day = consoleApp.day!;
  const r = incidentRoom(consoleApp);
  await registerRecording(consoleApp, r, await consoleApp.setupSite());
  const incidentId = await recordCribNotes(consoleApp, r);

  await signInAs(page, consoleApp.url, r.proctorA.staffNo, day.staffPin, '监考人员');
  await page.goto(`${consoleApp.url}/#/incidents/room/${r.sessionId}/${r.roomId}`);
  await expect(page.getByTestId('room-incidents')).toContainText('夹带');
  await expect(page.getByTestId(`recording-${incidentId}`)).toContainText('kc01_0900-1030.mp4');
  await page.getByTestId('event-bag').click();
  await page.getByTestId('bag-seal').click();
  await page.getByTestId('bag-form-ok').click();
  await expect(page.getByText(/试卷袋核对不符，已自动生成违纪记录/)).toBeVisible();
  await expect(page.getByTestId('room-incidents')).toContainText('试卷袋异常');
  // E7: a computer freezes, minutes lost and what was done
  await page.getByTestId('event-failure').click();
  await page.getByTestId('failure-equipment').fill('12 号考试机死机');
  await page.getByTestId('failure-minutes').fill('6');
  await page.getByTestId('failure-action').fill('换备用机，补足 6 分钟');
  await page.getByTestId('failure-form-ok').click();
  await expect(page.getByTestId('room-events')).toContainText('12 号考试机死机');
  await page.screenshot({ path: 'test-results/screens/incident-room.png' });
});
