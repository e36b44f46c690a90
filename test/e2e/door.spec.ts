// The door in Chromium with the fake camera (--use-fake-device-for-media-stream): scan, photo
// beside photo, confirm, counts; wrong room; duplicate alarm; E4 at +29:59 and +30:01; doubtful
// admission with the second proctor's PIN; the supervisor's list; the printable sheet and tickets.
import { PROCTOR_A, PROCTOR_B, SUPERVISOR } from '../support/door-seed';
import { cameraLive, openDoor, scan, seedDoorPlan, sql } from '../support/door-e2e';
import { expect, signIn, test } from './fixtures';

test('scan → registered photo beside the live camera → confirm → counts change; wrong room; duplicate alarm', async ({ page, consoleApp }) => {
  // page errors only: antd's Table measures the scrollbar with a <style> that carries no nonce
  // (@rc-component/util getScrollBarSize), a CSP report every Table page has, not this one's
  const pageErrors: string[] = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));
  consoleApp.clock.set('2026-05-21T08:41:07+08:00');
  const seed = await openDoor(page, consoleApp);
  await expect(page.getByTestId('count-expected')).toContainText('6');
  await expect(page.getByTestId('count-signedIn')).toContainText('0');
  await expect(page.getByTestId('door-clock')).toHaveText(/^08:41:(0[7-9]|1\d)$/); // the console's time, ticking between refreshes
  // the fake camera is live
  await expect.poll(() => page.getByTestId('live-video').evaluate((v: HTMLVideoElement) => v.videoWidth)).toBeGreaterThan(0);
  await page.screenshot({ path: 'test-results/screens/door-empty.png' });

  const who = seed.room1Candidates[0]!;
  await scan(page, who.ticketNo);
  await expect(page.getByTestId('verdict')).toHaveAttribute('data-verdict', 'ok');
  await expect(page.getByTestId('verdict-banner')).toContainText('核验通过');
  await expect(page.getByTestId('verdict-name')).toHaveText('张𠀋');
  await expect(page.getByTestId('verdict-seat')).toContainText('1');
  await expect(page.getByTestId('registered-photo')).toBeVisible();
  expect(await page.getByTestId('registered-photo').evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(144);
  await page.screenshot({ path: 'test-results/screens/door-verdict-ok.png' });
  await cameraLive(page);
  await page.getByTestId('confirm').click();
  await expect(page.getByText('张𠀋 已签到，座号 1')).toBeVisible();
  await expect(page.getByTestId('count-signedIn')).toContainText('1');
  await expect(page.getByTestId('count-missing')).toContainText('5');
  await expect(page.getByTestId('scan-input')).toBeFocused();
  const row = sql(consoleApp, 'SELECT ck.proctor_id, ck.device, ck.at, p.mime, length(p.bytes) AS size, hex(substr(p.bytes, 1, 3)) AS magic FROM checkins ck JOIN checkin_photos p ON p.id = ck.photo_id WHERE ck.candidate_id = ?', who.id);
  expect(row).toMatchObject({ proctor_id: seed.proctorA, at: '2026-05-21T00:41:07.000Z', mime: 'image/jpeg', magic: 'FFD8FF' });
  expect(row.device).toMatch(/^http:/);
  expect(Number(row.size)).toBeGreaterThan(1000);
  expect(Number(row.size)).toBeLessThan(200 * 1024);

  // the second candidate by ID number, confirmed with Enter in the empty scan box
  const second = seed.room1Candidates[1]!;
  await scan(page, second.docNumber);
  await expect(page.getByTestId('id-hint')).toHaveText('');
  await expect(page.getByTestId('verdict')).toHaveAttribute('data-verdict', 'ok');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('count-signedIn')).toContainText('2');
  await page.screenshot({ path: 'test-results/screens/door-after-two.png' });

  // wrong room: where to go instead
  const elsewhere = seed.room2Candidates[0]!;
  await scan(page, elsewhere.ticketNo);
  await expect(page.getByTestId('verdict')).toHaveAttribute('data-verdict', 'wrong_room');
  await expect(page.getByTestId('verdict-banner')).toContainText('不是本考场 · 请前往 第2考场');
  await expect(page.getByTestId('verdict-banner')).toContainText('实训楼 3层 302 · 座号 1');
  await expect(page.getByTestId('confirm')).toHaveCount(0);
  await expect(page.getByTestId('count-refused')).toContainText('1');
  await page.screenshot({ path: 'test-results/screens/door-verdict-wrong-room.png' });

  // a typed ID number with a wrong check character is caught as typed
  await page.getByTestId('scan-input').fill(who.docNumber.slice(0, 17) + (who.docNumber[17] === '1' ? '2' : '1'));
  await expect(page.getByTestId('id-hint')).toContainText('校验位不符');
  await page.getByTestId('scan-input').fill('');

  // duplicate: the first candidate's card again → alarm and an incident draft
  await scan(page, who.docNumber);
  await expect(page.getByTestId('verdict')).toHaveAttribute('data-verdict', 'already_here');
  await expect(page.getByTestId('verdict-banner')).toContainText('重复签到告警 · 已于 08:41:07 在本考场签到');
  await expect(page.getByTestId('verdict-banner')).toContainText('疑似替考/冒名顶替');
  await expect(page.getByTestId('earlier-photo')).toBeVisible();
  await expect(page.getByTestId('door-alerts')).toContainText('替考/冒名顶替嫌疑');
  await page.screenshot({ path: 'test-results/screens/door-verdict-duplicate.png' });
  expect(sql(consoleApp, 'SELECT kind, candidate_id, room_id, status FROM checkin_alerts')).toEqual({ kind: 'impersonation_suspect', candidate_id: who.id, room_id: seed.room1.id, status: 'draft' });

  // the card will not read: the last 6 of the ID number and a pick list
  const third = seed.room1Candidates[2]!;
  await scan(page, third.docNumber.slice(-6));
  await expect(page.getByTestId('pick-list')).toContainText(third.name);
  await page.getByTestId(`pick-${third.id}`).click();
  await expect(page.getByTestId('verdict-name')).toHaveText(third.name);
  await page.getByTestId('confirm').click();
  await expect(page.getByTestId('count-signedIn')).toContainText('3');
  expect(pageErrors).toEqual([]);
});

test('E4 with the injected clock: admitted at start + 29 min 59 s, refused at + 30 min 1 s; the supervisor admits late; the missing are marked absent', async ({ page, consoleApp }) => {
  consoleApp.clock.set('2026-05-21T09:29:59+08:00');
  const seed = await openDoor(page, consoleApp);
  await cameraLive(page); // the photo is not what this test is about: let the fake camera start even on a busy machine
  await scan(page, seed.room1Candidates[0]!.ticketNo);
  await expect(page.getByTestId('verdict')).toHaveAttribute('data-verdict', 'ok');
  await page.getByTestId('confirm').click();
  await expect(page.getByTestId('count-signedIn')).toContainText('1');

  consoleApp.clock.set('2026-05-21T09:30:01+08:00');
  const late = seed.room1Candidates[1]!;
  await scan(page, late.ticketNo);
  await expect(page.getByTestId('verdict')).toHaveAttribute('data-verdict', 'entry_closed');
  await expect(page.getByTestId('verdict-banner')).toContainText('开考已超过 30 分钟 · 禁止入场');
  await expect(page.getByTestId('verdict-banner')).toContainText('入场截止时间 09:30（E4）');
  await expect(page.getByTestId('confirm')).toHaveCount(0);
  await expect(page.getByTestId('door-clock')).toHaveText(/^09:30:(0\d|1\d)$/);
  await page.screenshot({ path: 'test-results/screens/door-verdict-entry-closed.png' });

  // only the supervisor admits, with a reason; a proctor's PIN is not enough
  await page.getByTestId('late-admit').click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('准许原因').fill('交通事故，有交警证明');
  await dialog.getByLabel('督导员工号').fill(PROCTOR_B.staffNo);
  await dialog.getByLabel('督导员 PIN').fill(PROCTOR_B.pin);
  await dialog.getByRole('button', { name: '准许入场并签到' }).click();
  await expect(dialog.getByTestId('late-error')).toContainText('不具备督导员的角色');
  await dialog.getByLabel('督导员工号').fill(SUPERVISOR.staffNo);
  await dialog.getByLabel('督导员 PIN').fill(SUPERVISOR.pin);
  await dialog.getByRole('button', { name: '准许入场并签到' }).click();
  await expect(page.getByTestId('count-signedIn')).toContainText('2');
  expect(sql(consoleApp, 'SELECT late, late_reason, late_approved_by FROM checkins WHERE candidate_id = ?', late.id)).toEqual({ late: 1, late_reason: '交通事故，有交警证明', late_approved_by: seed.supervisor });

  // at the cut-off the missing are listed for the proctors to confirm as absent (缺考)
  await page.getByTestId('absent-open').click();
  await expect(page.getByTestId('absent-list')).toContainText(seed.room1Candidates[2]!.name);
  await page.getByLabel('第二监考人员工号').fill(PROCTOR_B.staffNo);
  await page.getByLabel('第二监考人员 PIN').fill(PROCTOR_B.pin);
  await page.getByRole('button', { name: '确认标记缺考' }).click();
  await expect(page.getByTestId('count-absent')).toContainText('4');
  await expect(page.getByTestId('count-missing')).toContainText('0');

  // E5: hand-in refused before 10:00, saying so; recorded from 10:00
  await page.getByTestId(`hand-in-${seed.room1Candidates[0]!.id}`).click();
  await expect(page.getByTestId('door-error')).toContainText('10:00 起可以交卷离场');
  consoleApp.clock.set('2026-05-21T10:00:00+08:00');
  await page.getByTestId(`hand-in-${seed.room1Candidates[0]!.id}`).click();
  await expect(page.getByText(`${seed.room1Candidates[0]!.name} 交卷离场已记录`)).toBeVisible();
});

test('a doubtful candidate is admitted with the second proctor’s PIN and reaches the supervisor’s list', async ({ page, consoleApp }) => {
  consoleApp.clock.set('2026-05-21T08:45:00+08:00');
  const seed = await openDoor(page, consoleApp);
  const who = seed.room1Candidates[3]!;
  await scan(page, who.ticketNo);
  await expect(page.getByTestId('verdict')).toHaveAttribute('data-verdict', 'ok');
  await cameraLive(page);
  await page.getByTestId('doubtful').click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('第二监考人员工号').fill(PROCTOR_B.staffNo);
  await dialog.getByLabel('第二监考人员 PIN').fill('000000');
  await dialog.getByRole('button', { name: '确认存疑入场' }).click();
  await expect(dialog.getByTestId('doubt-error')).toContainText('PIN 不正确');
  await dialog.getByLabel('第二监考人员 PIN').fill(PROCTOR_B.pin);
  await page.screenshot({ path: 'test-results/screens/door-doubtful-dialog.png' });
  await dialog.getByRole('button', { name: '确认存疑入场' }).click();
  await expect(page.getByText(`${who.name} 已按存疑考生入场`)).toBeVisible();
  await expect(page.getByTestId('count-doubtful')).toContainText('1');
  expect(sql(consoleApp, "SELECT status, doubt_reason, second_proctor_id, photo_id IS NOT NULL AS photo FROM checkins WHERE candidate_id = ?", who.id)).toEqual({
    status: 'doubtful',
    doubt_reason: '人像与照片差异较大',
    second_proctor_id: seed.proctorB,
    photo: 1,
  });

  await page.getByTestId('sign-out').click();
  await signIn(page, consoleApp.url, SUPERVISOR.staffNo, SUPERVISOR.pin);
  await page.getByRole('menuitem', { name: '存疑考生与告警' }).click();
  await expect(page.getByTestId('doubtful-cases')).toContainText(who.name);
  await expect(page.getByTestId('doubtful-cases')).toContainText('人像与照片差异较大');
  await expect(page.getByTestId('doubtful-cases')).toContainText(`${PROCTOR_A.name} / ${PROCTOR_B.name}`);
  await page.screenshot({ path: 'test-results/screens/door-supervisor-cases.png' });
});

test('without a camera: the choice is remembered and the sign-in asks for the reason', async ({ page, consoleApp }) => {
  consoleApp.clock.set('2026-05-21T08:45:00+08:00');
  const seed = await openDoor(page, consoleApp);
  await page.getByTestId('camera-select').selectOption({ label: '不使用摄像头' });
  await expect(page.getByTestId('camera-note')).toContainText('未使用摄像头');
  await page.reload();
  await expect(page.getByTestId('camera-note')).toContainText('未使用摄像头');
  await scan(page, seed.room1Candidates[4]!.ticketNo);
  await page.getByTestId('confirm').click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toContainText('没有照片：请说明原因');
  await dialog.getByRole('button', { name: '确认签到' }).click();
  await expect(page.getByTestId('count-signedIn')).toContainText('1');
  expect(sql(consoleApp, 'SELECT photo_id, no_photo_reason FROM checkins')).toEqual({ photo_id: null, no_photo_reason: '本门口没有摄像头' });
});

test('paper: the printable sign-in sheet and admission tickets with QR codes', async ({ page, consoleApp }) => {
  consoleApp.clock.set('2026-05-21T08:45:00+08:00');
  const seed = await openDoor(page, consoleApp);
  await page.getByTestId('print-sign-sheet').click();
  const sheet = page.getByTestId('print-sheet');
  await expect(sheet.locator('th')).toHaveText(['序号', '姓名', '准考证号', '证件号码', '座号', '签名', '备注']);
  await expect(sheet).toContainText('张𠀋');
  const doc = seed.room1Candidates[0]!.docNumber;
  await expect(sheet).toContainText(`${doc.slice(0, 4)}**********${doc.slice(-4)}`);
  await expect(sheet).not.toContainText(doc);
  await page.emulateMedia({ media: 'print' });
  await page.screenshot({ path: 'test-results/screens/door-sign-sheet-print.png' });
  await page.emulateMedia({ media: 'screen' });
  await page.getByRole('button', { name: '返回门口签到' }).click();
  await page.getByTestId('print-tickets').click();
  await expect(page.getByTestId('ticket-qr')).toHaveCount(6);
  await page.screenshot({ path: 'test-results/screens/door-tickets.png' });
});


test('the door speaks English on request', async ({ page, consoleApp }) => {
  consoleApp.clock.set('2026-05-21T08:45:00+08:00');
  const seed = await openDoor(page, consoleApp);
  await page.getByTestId('lang-switch').click();
  await expect(page.getByTestId('count-expected')).toContainText('Expected');
  await page.getByTestId('scan-input').focus();
  await scan(page, seed.room2Candidates[0]!.ticketNo);
  await expect(page.getByTestId('verdict-banner')).toContainText('Wrong room · go to 第2考场');
  await page.getByTestId('next').click();
  await scan(page, seed.room1Candidates[1]!.ticketNo);
  await expect(page.getByTestId('verdict-banner')).toContainText('Verified · compare the photos and confirm');
  await page.screenshot({ path: 'test-results/screens/door-verdict-en.png' });
  // what the services send is worded in English: the alarm's kind and a refusal's reason, with no
  // Chinese but the names and rooms from the plan
  const who = seed.room1Candidates[1]!;
  const han = /[\u3400-\u9fff\u{20000}-\u{2ffff}]/u;
  const withoutData = (text: string) => [who.name, '第1考场', '第2考场'].reduce((t, d) => t.replaceAll(d, ''), text);
  await cameraLive(page);
  await page.getByTestId('confirm').click();
  await expect(page.getByTestId('count-signedIn')).toContainText('1');
  await scan(page, who.ticketNo);
  await expect(page.getByTestId('verdict')).toHaveAttribute('data-verdict', 'already_here');
  await expect(page.getByTestId('door-alerts')).toContainText('Suspected impersonation');
  expect(withoutData(await page.getByTestId('door-alerts').innerText())).not.toMatch(han);
  await page.getByTestId('next').click();
  const bad = who.docNumber.slice(0, 17) + (who.docNumber[17] === '1' ? '2' : '1');
  await scan(page, bad);
  await expect(page.getByTestId('door-error')).toContainText('wrong check character (GB 11643)');
  expect(withoutData(await page.getByTestId('door-error').innerText())).not.toMatch(han);
  await page.screenshot({ path: 'test-results/screens/door-alarm-en.png' });
});

test('a slow network: the camera answers before the door has drawn its picture, and the picture still appears', async ({ page, consoleApp }) => {
  // the door's data arrives late (a tablet on a busy LAN): it is held until the camera has answered,
  // so getUserMedia resolves before the <video> exists; the stream must reach it when it appears (it
  // did not: the picture stayed black)
  await page.addInitScript(() => {
    const devices = navigator.mediaDevices;
    if (!devices) return;
    const ask = devices.getUserMedia.bind(devices);
    devices.getUserMedia = async (constraints) => {
      const stream = await ask(constraints);
      (window as unknown as { cameraAnswered?: boolean }).cameraAnswered = true;
      return stream;
    };
  });
  let release: () => void = () => undefined;
  const released = new Promise<void>((r) => (release = r));
  await page.route('**/api/checkin.door', async (route) => {
    await released;
    await route.continue();
  });
  const seed = await seedDoorPlan(consoleApp);
  await signIn(page, consoleApp.url, PROCTOR_A.staffNo, PROCTOR_A.pin);
  await page.getByRole('menuitem', { name: '考场门口签到' }).click();
  await page.getByTestId(`open-door-${seed.theorySessionId}-${seed.room1.id}`).click();
  await expect.poll(() => page.evaluate(() => (window as unknown as { cameraAnswered?: boolean }).cameraAnswered === true)).toBe(true);
  await expect(page.getByTestId('live-video')).toHaveCount(0); // the camera answered, the door has not drawn yet
  release();
  await expect(page.getByTestId('door-room')).toHaveText('第1考场');
  await expect.poll(() => page.getByTestId('live-video').evaluate((v: HTMLVideoElement) => v.videoWidth)).toBeGreaterThan(0);
});
