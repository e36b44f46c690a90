// E6 in Chromium with the fake camera, from the demo day drawn: at the room's door screen a proctor
// records an incident with a photo, the second proctor signs with the PIN.
import { incidentRoom, registerRecording, signInAs } from '../support/incidents-e2e';
import { expect, test } from './fixtures';

test.use({ day: 'drawn' });

async function pick(page: import('@playwright/test').Page, testId: string, text: string) {
  await page.getByTestId(testId).click();
  await page.keyboard.type(text);
  await page.keyboard.press('Enter');
}

test('a proctor records an incident with a photo from the door screen; the second proctor signs with the PIN', async ({ page, consoleApp }) => {
  const day = consoleApp.day!;
  const r = incidentRoom(consoleApp);
  await registerRecording(consoleApp, r, await consoleApp.setupSite());
  const who = r.candidates[0]!;

  await signInAs(page, consoleApp.url, r.proctorA.staffNo, day.staffPin, '监考人员');
  await page.goto(`${consoleApp.url}/#/door/room/${r.sessionId}/${r.roomId}`);
  await expect(page.getByTestId('door-screen')).toBeVisible();
  await page.getByTestId('door-incident').click();
  await expect(page.getByTestId('incident-form')).toBeVisible();
  await pick(page, 'incident-candidate', who.name);
  await page.getByTestId('incident-kind').getByText('夹带', { exact: true }).click();
  await page.getByTestId('incident-description').fill('开考后 45 分钟发现该考生桌面压有写满公式的纸条');
  await page.getByTestId('incident-witnesses').fill('邻座考生');
  await expect.poll(() => page.getByTestId('incident-video').evaluate((v: HTMLVideoElement) => v.videoWidth)).toBeGreaterThan(0);
  await page.getByTestId('incident-take-photo').click();
  await expect(page.getByTestId('incident-photos').locator('img')).toHaveCount(1);
  await expect(page.getByTestId('incident-second')).toContainText(r.proctorB.name);
  await page.getByTestId('incident-second-pin').fill(day.staffPin);
  await page.screenshot({ path: 'test-results/screens/incident-form.png' });
  await page.getByTestId('incident-submit').click();
  await expect(page.getByText(/违纪记录已保存/)).toBeVisible();
  const inc = consoleApp.app.env.opened.sqlite
    .prepare("SELECT i.id, i.status, i.candidate_id AS candidateId, i.second_signer_id AS second, length(p.bytes) AS size, hex(substr(p.bytes,1,3)) AS magic FROM incidents i JOIN incident_photos p ON p.incident_id = i.id WHERE i.kind = 'crib_notes'")
    .get() as { id: number; status: string; candidateId: number; second: number; size: number; magic: string };
  expect(inc).toMatchObject({ status: 'open', candidateId: who.id, second: r.proctorB.staffId, magic: 'FFD8FF' });
  expect(inc.size).toBeGreaterThan(1000);
});
