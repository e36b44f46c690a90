// Door tablets on the LAN: over http://IP the browser gives no camera (no secure context) and the
// door says which https address to open; over https://IP (the site certificate, accepted as a
// tablet would after comparing its fingerprint) the page is a secure context and a door confirm
// stores the fake camera's photo.
import { mkdirSync, readFileSync } from 'node:fs';
import { PROCTOR_A } from '../support/door-seed';
import { cameraLive, scan, seedDoorPlan, sql } from '../support/door-e2e';
import { expect, test } from '../support/lan-e2e';
import { signIn, test as baseTest } from './fixtures';

mkdirSync('test-results/screens', { recursive: true });

test('over http://<LAN IP> there is no secure context: the chooser and the door name the https address, the fingerprint and the certificate', async ({ page, lan }) => {
  const pageErrors: string[] = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));
  const c = lan.console;
  c.clock.set('2026-05-21T08:45:00+08:00');
  const seed = await seedDoorPlan(c);
  expect(lan.httpUrl).toMatch(new RegExp(`^http://${lan.ip.replace(/\./g, '\\.')}:\\d+$`));

  await signIn(page, lan.httpUrl, PROCTOR_A.staffNo, PROCTOR_A.pin);
  await expect(page.getByTestId('whoami')).toContainText(PROCTOR_A.name);
  expect(await page.evaluate(() => window.isSecureContext)).toBe(false);
  expect(await page.evaluate(() => typeof navigator.mediaDevices)).toBe('undefined');

  await page.getByRole('menuitem', { name: '考场门口签到' }).click();
  const notice = page.getByTestId('door-insecure');
  await expect(notice).toContainText('当前地址不能使用摄像头');
  await expect(page.getByTestId('door-https-url')).toHaveText(`${lan.httpsUrl}/#/door`);
  await expect(page.getByTestId('door-open-https')).toHaveAttribute('href', `${lan.httpsUrl}/#/door`);
  const pairs = lan.served.cert!.ca.sha256.match(/.{2}/g)!;
  await expect(page.getByTestId('lan-fingerprint')).toHaveText([0, 8, 16, 24].map((i) => pairs.slice(i, i + 8).join(' ')).join('\n'));
  // the certificate to install: the site CA, the top of the chain the https port presents
  const download = page.waitForEvent('download');
  await page.getByTestId('lan-download-cert').click();
  const file = await download;
  expect(file.suggestedFilename()).toBe('exam-site-console-ca.crt');
  expect(readFileSync((await file.path())!).equals(lan.served.cert!.ca.der)).toBe(true);
  await page.screenshot({ path: 'test-results/screens/lan-door-chooser-http.png' });

  await page.getByTestId(`open-door-${seed.theorySessionId}-${seed.room1.id}`).click();
  await expect(page.getByTestId('door-room')).toHaveText('第1考场');
  const doorRoute = new URL(page.url()).hash;
  expect(doorRoute).toMatch(/^#\/door\/room\//);
  await expect(page.getByText(`此地址不能使用摄像头，请改用 ${lan.httpsUrl}/${doorRoute} 打开`)).toBeVisible();
  await page.screenshot({ path: 'test-results/screens/lan-door-http.png' });

  // the About page lists the address to type on a tablet
  await page.getByRole('menuitem', { name: '关于' }).click();
  await expect(page.getByTestId(`lan-address-${lan.ip}`)).toContainText(lan.httpsUrl);
  await page.screenshot({ path: 'test-results/screens/lan-about.png', fullPage: true });
  expect(pageErrors).toEqual([]);
});

test('over https://<LAN IP> the page is a secure context and a door confirm stores the camera photo', async ({ browser, lan }) => {
  const c = lan.console;
  c.clock.set('2026-05-21T08:45:00+08:00');
  const seed = await seedDoorPlan(c);
  // a tablet that has accepted the site certificate (Playwright's stand-in for installing it)
  const context = await browser.newContext({ ignoreHTTPSErrors: true, viewport: { width: 1366, height: 768 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  const page = await context.newPage();
  const pageErrors: string[] = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));
  try {
    await signIn(page, lan.httpsUrl, PROCTOR_A.staffNo, PROCTOR_A.pin);
    await expect(page.getByTestId('whoami')).toContainText(PROCTOR_A.name);
    expect(page.url().startsWith(`${lan.httpsUrl}/`)).toBe(true);
    expect(await page.evaluate(() => window.isSecureContext)).toBe(true);
    await page.getByRole('menuitem', { name: '考场门口签到' }).click();
    await expect(page.getByTestId('door-list')).toBeVisible();
    await expect(page.getByTestId('door-insecure')).toHaveCount(0);
    await page.getByTestId(`open-door-${seed.theorySessionId}-${seed.room1.id}`).click();
    await expect(page.getByTestId('door-room')).toHaveText('第1考场');
    await cameraLive(page);
    const who = seed.room1Candidates[0]!;
    await scan(page, who.ticketNo);
    await expect(page.getByTestId('verdict')).toHaveAttribute('data-verdict', 'ok');
    await page.screenshot({ path: 'test-results/screens/lan-door-https.png' });
    await page.getByTestId('confirm').click();
    await expect(page.getByTestId('count-signedIn')).toContainText('1');
    const row = sql(c, 'SELECT ck.device, ck.no_photo_reason, p.mime, length(p.bytes) AS size, hex(substr(p.bytes, 1, 3)) AS magic FROM checkins ck JOIN checkin_photos p ON p.id = ck.photo_id WHERE ck.candidate_id = ?', who.id);
    expect(row).toMatchObject({ no_photo_reason: null, mime: 'image/jpeg', magic: 'FFD8FF' });
    expect(Number(row.size)).toBeGreaterThan(1000);
    // the tablet reached the LAN address, not loopback
    expect(String(row.device)).toMatch(new RegExp(`^http:(::ffff:)?${lan.ip.replace(/\./g, '\\.')}`));
    expect(pageErrors).toEqual([]);
  } finally {
    await context.close();
  }
});

baseTest('on 127.0.0.1 only, the About page says the LAN is not served and how to serve it', async ({ page, consoleApp }) => {
  await consoleApp.setupSite();
  await signIn(page, consoleApp.url, 'H001', '246810');
  expect(await page.evaluate(() => window.isSecureContext)).toBe(true);
  await page.getByRole('menuitem', { name: '关于本机' }).click();
  await expect(page.getByTestId('lan-not-serving')).toContainText('npm run serve -- --host 0.0.0.0');
  await expect(page.getByTestId('lan-fingerprint')).toHaveCount(0);
  await page.screenshot({ path: 'test-results/screens/lan-about-loopback.png', fullPage: true });
});
