// Door tablets on the LAN: http://IP only redirects to https (and hands out the site CA), so PINs
// and tokens never cross the LAN in clear; over https://IP (the site certificate, accepted as a
// tablet would after comparing its fingerprint) the page is a secure context and a door confirm
// stores the fake camera's photo.
import { mkdirSync } from 'node:fs';
import { PROCTOR_A, seedDoor } from '../support/door-seed';
import { cameraLive, scan, sql } from '../support/door-e2e';
import { expect, test } from '../support/lan-e2e';
import { signIn, test as baseTest } from './fixtures';

mkdirSync('test-results/screens', { recursive: true });

test('over http://<LAN IP> a tablet is sent to https (PINs never cross the LAN in clear); the CA still downloads over http; About shows the fingerprint and the address', async ({ browser, lan }) => {
  const c = lan.console;
  c.clock.set('2026-05-21T08:45:00+08:00');
  await c.setupSite();
  expect(lan.httpUrl).toMatch(new RegExp(`^http://${lan.ip.replace(/\./g, '\\.')}:\\d+$`));
  // a tablet that has accepted the site certificate (Playwright's stand-in for installing it)
  const context = await browser.newContext({ ignoreHTTPSErrors: true, viewport: { width: 1366, height: 768 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  const page = await context.newPage();
  const pageErrors: string[] = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));
  try {
    // the certificate to install comes over plain http (before the tablet can trust https): the site CA
    const crt = await page.request.get(`${lan.httpUrl}/site.crt`);
    expect(crt.status()).toBe(200);
    expect((await crt.body()).equals(lan.served.cert!.ca.der)).toBe(true);
    // the API over plain http on the LAN is refused, saying where to go
    const api = await page.request.post(`${lan.httpUrl}/api/auth.signIn`, { data: { staffNo: PROCTOR_A.staffNo, pin: PROCTOR_A.pin } });
    expect(api.status()).toBe(403);
    expect(await api.json()).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', reason: 'http.httpsOnly', params: { url: lan.httpsUrl } } });
    // typing the http address lands on the https one
    await page.goto(`${lan.httpUrl}/`);
    await expect(page).toHaveURL(new RegExp(`^${lan.httpsUrl.replace(/[.]/g, '\\.')}/`));
    expect(await page.evaluate(() => window.isSecureContext)).toBe(true);
    await signIn(page, lan.httpsUrl, 'H001', '246810');
    await expect(page.getByTestId('whoami')).toBeVisible();
    await page.getByRole('menuitem', { name: '关于本机' }).click();
    await expect(page.getByTestId(`lan-address-${lan.ip}`)).toContainText(lan.httpsUrl);
    const pairs = lan.served.cert!.ca.sha256.match(/.{2}/g)!;
    await expect(page.getByTestId('lan-fingerprint')).toHaveText([0, 8, 16, 24].map((i) => pairs.slice(i, i + 8).join(' ')).join('\n'));
    await page.screenshot({ path: 'test-results/screens/lan-about.png', fullPage: true });
    expect(pageErrors).toEqual([]);
  } finally {
    await context.close();
  }
});

test('over https://<LAN IP> the page is a secure context and a door confirm stores the camera photo', async ({ browser, lan }) => {
  const c = lan.console;
  c.clock.set('2026-05-21T08:45:00+08:00');
  await c.setupSite();
  const seed = seedDoor(c.app.env.opened.db, c.clock);
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
