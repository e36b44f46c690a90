// Door tablets that keep working when the Wi-Fi drops (over https with the site certificate, as on
// the LAN): a tablet paired by the QR the site head shows caches its room, goes offline with ten
// sign-ins queued (photos included), is reloaded offline (the service worker opens the door again),
// signs five more in, and when the network returns each of the fifteen is recorded once. Two
// offline tablets admitting the same candidate make one sign-in and one alarm; a revoked tablet is
// refused and its queue is shown to the site head.
import { chromium, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { createHash, X509Certificate } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { CHROMIUM, CHROMIUM_ARGS } from '../../playwright.config';
import jsQR from 'jsqr';
import { PROCTOR_A, PROCTOR_B } from '../support/door-seed';
import { cameraLive, scan, seedDoorPlan } from '../support/door-e2e';
import { expect, test, type LanConsole } from '../support/lan-e2e';
import { signIn } from './fixtures';

mkdirSync('test-results/screens', { recursive: true });

// Each story loads the app on two or three fresh browser contexts over https (and the service
// worker's precache on each tablet): three times the default timeout on a loaded 2-core machine.
test.slow();

/**
 * The tablets' browser, trusting this console's site CA as a tablet that installed it does (the
 * public key pinned by its SPKI hash): a browser registers service workers only on a trusted
 * certificate, which the fixture's "accept the warning" (ignoreHTTPSErrors) is not.
 */
async function tabletBrowser(lan: LanConsole): Promise<Browser> {
  const spki = new X509Certificate(lan.served.cert!.ca.certPem).publicKey.export({ type: 'spki', format: 'der' });
  const pin = createHash('sha256').update(spki).digest('base64');
  return chromium.launch({ executablePath: CHROMIUM, args: [...CHROMIUM_ARGS, `--ignore-certificate-errors-spki-list=${pin}`] });
}

const tablet = (browser: Browser, viewport = { width: 800, height: 1280 }) =>
  browser.newContext({ ignoreHTTPSErrors: true, viewport, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });

const rows = (lan: LanConsole, q: string, ...args: unknown[]) => lan.console.app.env.opened.sqlite.prepare(q).all(...args) as Record<string, unknown>[];
const count = (lan: LanConsole, q: string, ...args: unknown[]) => Number((lan.console.app.env.opened.sqlite.prepare(q).get(...args) as { n: number }).n);

function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  return errors;
}

/** The QR the site head's page shows, read from its pixels as a tablet's camera app would. */
async function readQr(page: Page): Promise<string> {
  const img = page.getByTestId('pairing-qr');
  await expect(img).toBeVisible();
  const px = await img.evaluate((el: HTMLImageElement) => {
    const c = document.createElement('canvas');
    c.width = el.naturalWidth;
    c.height = el.naturalHeight;
    const g = c.getContext('2d')!;
    g.drawImage(el, 0, 0);
    const d = g.getImageData(0, 0, c.width, c.height);
    return { w: d.width, h: d.height, data: Array.from(d.data) };
  });
  const found = jsQR(new Uint8ClampedArray(px.data), px.w, px.h);
  expect(found, 'the QR code decodes').not.toBeNull();
  return found!.data;
}

/** The site head pairs a device on the devices page and reads its QR. */
async function pairingQr(page: Page, lan: LanConsole, name: string): Promise<string> {
  await signIn(page, lan.httpsUrl, 'H001', '246810');
  await expect(page.getByTestId('whoami')).toBeVisible();
  await page.goto(`${lan.httpsUrl}/#/devices`);
  await page.getByTestId('devices-pair').click();
  await page.getByTestId('pair-name').fill(name);
  await page.getByTestId('pair-ok').click();
  return readQr(page);
}

/** A tablet opens the pairing address, signs in as a proctor and opens room 1's door, its pack and app shell cached. */
async function pairedDoor(context: BrowserContext, lan: LanConsole, url: string, door: { sessionId: number; roomId: number }, proctor = PROCTOR_A): Promise<Page> {
  const page = await context.newPage();
  await page.goto(url);
  await expect(page.getByTestId('pair-done')).toBeVisible();
  await signIn(page, lan.httpsUrl, proctor.staffNo, proctor.pin);
  await expect(page.getByTestId('whoami')).toContainText(proctor.name);
  await page.goto(`${lan.httpsUrl}/#/door/room/${door.sessionId}/${door.roomId}`);
  await expect(page.getByTestId('door-room')).toBeVisible();
  await expect(page.getByTestId('offline-badge')).toHaveText('在线 · 待同步 0');
  // the door pack is on the device, the service worker controls the page and holds it
  await expect.poll(() => page.evaluate(() => new Promise<number>((resolve) => {
    const open = indexedDB.open('esc-door');
    open.onsuccess = () => {
      const tx = open.result.transaction('packs', 'readonly');
      const req = tx.objectStore('packs').count();
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => resolve(-1);
    };
    open.onerror = () => resolve(-1);
  }))).toBe(1);
  await expect.poll(() => page.evaluate(async () => !!navigator.serviceWorker.controller && !!(await (await caches.open('esc-pages')).match('./')))).toBe(true);
  return page;
}

async function signInOffline(page: Page, ticketNo: string, n: number): Promise<void> {
  // the whole code at once, then Enter (door.spec.ts types like a wedge scanner; fifteen of them here would only cost time)
  const input = page.getByTestId('scan-input');
  await expect(input).toBeFocused();
  await input.fill(ticketNo);
  await input.press('Enter');
  await expect(page.getByTestId('verdict')).toHaveAttribute('data-verdict', 'ok');
  await page.getByTestId('confirm').click();
  await expect(page.getByTestId('offline-badge')).toHaveText(`离线 · 待同步 ${n}`);
}

test('pair a tablet by its QR; offline, 10 sign-ins with photos, a reload, 5 more; back online each of the 15 is recorded once', async ({ lan }) => {
  const c = lan.console;
  c.clock.set('2026-05-21T08:40:00+08:00');
  const seed = await seedDoorPlan(c, { room1: 16 });
  const door = { sessionId: seed.theorySessionId, roomId: seed.room1.id };
  const browser = await tabletBrowser(lan);
  const office = await tablet(browser, { width: 1280, height: 800 });
  const context = await tablet(browser);
  try {
    const headPage = await office.newPage();
    const url = await pairingQr(headPage, lan, '第1考场门口平板');
    expect(url).toMatch(new RegExp(`^${lan.httpsUrl.replace(/[.]/g, '\\.')}/#/pair\\?code=[0-9A-Z]{10}&fp=${lan.served.cert!.ca.sha256}$`));
    await headPage.screenshot({ path: 'test-results/screens/devices-pairing-1280.png' });

    const page = await pairedDoor(context, lan, url, door);
    const errors = watchErrors(page);
    const uid = String(rows(lan, 'SELECT uid FROM devices')[0]!.uid);
    await cameraLive(page);

    await context.setOffline(true);
    await expect(page.getByTestId('offline-badge')).toHaveText('离线 · 待同步 0');
    const who = seed.room1Candidates;
    for (let i = 0; i < 10; i++) await signInOffline(page, who[i]!.ticketNo, i + 1);
    expect(count(lan, 'SELECT COUNT(*) AS n FROM checkins')).toBe(0);
    await page.screenshot({ path: 'test-results/screens/door-offline-800.png' });

    // a reload while offline: the service worker opens the door again, the queue is still there
    const reloaded = await page.reload();
    expect(reloaded?.fromServiceWorker()).toBe(true);
    await expect(page.getByTestId('door-room')).toHaveText('第1考场');
    await expect(page.getByTestId('offline-badge')).toHaveText('离线 · 待同步 10');
    await expect(page.getByTestId('count-signedIn')).toContainText('10');
    await cameraLive(page);
    for (let i = 10; i < 15; i++) await signInOffline(page, who[i]!.ticketNo, i + 1);
    // the tablet's own list shows the 11th already in: a second scan offline is the duplicate alarm's verdict
    await scan(page, who[3]!.ticketNo);
    await expect(page.getByTestId('verdict')).toHaveAttribute('data-verdict', 'already_here');

    await context.setOffline(false);
    await expect(page.getByTestId('offline-badge')).toHaveText('在线 · 待同步 0', { timeout: 30_000 });
    const signed = rows(lan, 'SELECT candidate_id, device, photo_id FROM checkins ORDER BY candidate_id');
    expect(signed.map((r) => r.candidate_id)).toEqual(who.slice(0, 15).map((x) => x.id).sort((a, b) => a - b));
    expect(signed.every((r) => String(r.device).startsWith(`device:${uid} 第1考场门口平板`))).toBe(true);
    expect(count(lan, 'SELECT COUNT(*) AS n FROM checkin_photos WHERE length(bytes) > 1000 AND hex(substr(bytes, 1, 3)) = ?', 'FFD8FF')).toBe(15);
    expect(count(lan, "SELECT COUNT(*) AS n FROM device_events WHERE outcome = 'applied' AND kind = 'confirm'")).toBe(15);
    // the duplicate scan was refused on the device and recorded as such, with its alarm
    expect(rows(lan, 'SELECT verdict FROM checkin_refusals')).toEqual([{ verdict: 'already_here' }]);
    expect(count(lan, 'SELECT COUNT(*) AS n FROM checkin_alerts')).toBe(1);
    await expect(page.getByTestId('count-signedIn')).toContainText('15');
    expect(errors).toEqual([]);
  } finally {
    await context.close();
    await office.close();
    await browser.close();
  }
});

test('one candidate signed in on two offline tablets: one sign-in and one alarm for the supervisor', async ({ lan }) => {
  const c = lan.console;
  c.clock.set('2026-05-21T08:40:00+08:00');
  const seed = await seedDoorPlan(c);
  const head = await c.signIn('H001', '246810');
  const door = { sessionId: seed.theorySessionId, roomId: seed.room1.id };
  const pairUrl = async (name: string) => {
    const p = await c.call<{ code: string; fingerprint: string }>('devices.pairingStart', { name }, head);
    return `${lan.httpsUrl}/#/pair?code=${p.code}&fp=${p.fingerprint}`;
  };
  const browser = await tabletBrowser(lan);
  const a = await tablet(browser);
  const b = await tablet(browser);
  try {
    const pageA = await pairedDoor(a, lan, await pairUrl('平板甲'), door, PROCTOR_A);
    const pageB = await pairedDoor(b, lan, await pairUrl('平板乙'), door, PROCTOR_B);
    await a.setOffline(true);
    await b.setOffline(true);
    const who = seed.room1Candidates[0]!;
    for (const p of [pageA, pageB]) {
      await expect(p.getByTestId('offline-badge')).toHaveText('离线 · 待同步 0');
      await cameraLive(p);
      await signInOffline(p, who.ticketNo, 1);
    }
    await a.setOffline(false);
    await expect(pageA.getByTestId('offline-badge')).toHaveText('在线 · 待同步 0', { timeout: 30_000 });
    await b.setOffline(false);
    await expect(pageB.getByTestId('offline-badge')).toHaveText('在线 · 待同步 0', { timeout: 30_000 });
    expect(rows(lan, 'SELECT candidate_id FROM checkins')).toEqual([{ candidate_id: who.id }]);
    expect(rows(lan, 'SELECT kind, candidate_id, status FROM checkin_alerts')).toEqual([{ kind: 'impersonation_suspect', candidate_id: who.id, status: 'draft' }]);
    expect(rows(lan, 'SELECT outcome FROM device_events ORDER BY received_at, event_id').map((r) => r.outcome).sort()).toEqual(['alarm', 'applied']);
    // the supervisor's desk shows the alarm
    const alerts = await c.call<{ kind: string }[]>('checkin.alerts', {}, head);
    expect(alerts.map((x) => x.kind)).toEqual(['impersonation_suspect']);
  } finally {
    await a.close();
    await b.close();
    await browser.close();
  }
});

test('a revoked tablet is refused; the queue it still sends is kept and shown to the site head', async ({ lan }) => {
  const c = lan.console;
  c.clock.set('2026-05-21T08:40:00+08:00');
  const seed = await seedDoorPlan(c);
  const door = { sessionId: seed.theorySessionId, roomId: seed.room1.id };
  const browser = await tabletBrowser(lan);
  const office = await tablet(browser, { width: 1280, height: 800 });
  const context = await tablet(browser);
  try {
    const headPage = await office.newPage();
    const url = await pairingQr(headPage, lan, '遗失的平板');
    const page = await pairedDoor(context, lan, url, door);
    const uid = String(rows(lan, 'SELECT uid FROM devices')[0]!.uid);
    await context.setOffline(true);
    await expect(page.getByTestId('offline-badge')).toHaveText('离线 · 待同步 0');
    await cameraLive(page);
    const [x, y] = seed.room1Candidates;
    await signInOffline(page, x!.ticketNo, 1);
    await signInOffline(page, y!.ticketNo, 2);

    // the site head revokes it on the devices page
    await headPage.reload();
    const row = headPage.getByTestId(`device-${uid}`);
    await row.getByTestId('device-revoke').click();
    await headPage.getByTestId('revoke-reason').fill('平板遗失');
    await headPage.getByTestId('revoke-ok').click();
    await expect(row.getByTestId('device-state')).toHaveText('已撤销');

    await context.setOffline(false);
    await expect(page.getByTestId('offline-badge')).toHaveText('本设备已被撤销 · 未同步 2 条已交考点负责人核查', { timeout: 30_000 });
    expect(count(lan, 'SELECT COUNT(*) AS n FROM checkins')).toBe(0);
    // its next call is refused with a code
    const refused = await page.evaluate(async (key) => {
      const r = await fetch('./api/devices.me', { method: 'POST', headers: { 'content-type': 'application/json', 'x-device-key': key }, body: '{}' });
      return (await r.json()) as { ok: boolean; error?: { code: string; reason: string } };
    }, String(await page.evaluate(() => new Promise<string>((resolve) => {
      const open = indexedDB.open('esc-door');
      open.onsuccess = () => {
        const req = open.result.transaction('meta', 'readonly').objectStore('meta').get('device');
        req.onsuccess = () => resolve((req.result as { credential: string }).credential);
      };
    }))));
    expect(refused).toMatchObject({ ok: false, error: { code: 'DEVICE_REFUSED', reason: 'devices.revoked' } });

    await expect(row.getByTestId('device-held')).toHaveText('待核查记录 2 条');
    await row.locator('.ant-table-row-expand-icon').click();
    const held = headPage.getByTestId(`held-${uid}`);
    await expect(held).toContainText(x!.name);
    await expect(held).toContainText(y!.name);
    await headPage.screenshot({ path: 'test-results/screens/devices-revoked-1280.png', fullPage: true });
  } finally {
    await context.close();
    await office.close();
    await browser.close();
  }
});
