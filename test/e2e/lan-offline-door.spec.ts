// Door tablets that keep working when the Wi-Fi drops (over https with the site certificate, as on
// the LAN). Each story tests one thing, reaching its start through the command API as the devices
// page does (a pairing code and the address its QR encodes, opened on the tablet; the people's
// tokens in their tabs): a tablet paired by reading the QR the site head's page shows; a paired
// tablet offline queues eleven sign-ins (photos included) and a duplicate alarm, and back online each
// is recorded once; a tablet reloaded offline opens the door again from its service worker with its
// queue, and more sign-ins join it; two offline tablets admitting the same candidate make one
// sign-in and one alarm; a revoked tablet is refused and its queue is shown to the site head.
import type { BrowserContext, Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import jsQR from 'jsqr';
import { PROCTOR_A, PROCTOR_B } from '../support/door-seed';
import { cameraLive, scan, seedDoorPlan } from '../support/door-e2e';
import { expect, makeSiteCa, tabletLaunchOptions, test as lanTest, type LanConsole } from '../support/lan-e2e';
import { SITE_HEAD } from './fixtures';

mkdirSync('test-results/screens', { recursive: true });

const PORTRAIT = { width: 800, height: 1280 };
type Tablet = (viewport?: { width: number; height: number }) => Promise<BrowserContext>;
const LANDSCAPE = { width: 1280, height: 800 };

/**
 * The tablets: one browser per worker that trusts the worker's site CA as a tablet that installed it
 * does (service workers register only on a trusted certificate), a fresh context per tablet.
 */
const test = lanTest.extend<{ tablet: Tablet }>({
  siteCa: [async ({}, use) => use(await makeSiteCa()), { scope: 'worker' }],
  launchOptions: [async ({ launchOptions, siteCa }, use) => use(tabletLaunchOptions(launchOptions, siteCa!)), { scope: 'worker' }],
  tablet: async ({ browser }, use) => {
    // closed with the console's teardown (every context of the browser, before the server)
    await use((viewport = PORTRAIT) => browser.newContext({ ignoreHTTPSErrors: true, viewport, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', reducedMotion: 'reduce' }));
  },
});

const rows = (lan: LanConsole, q: string, ...args: unknown[]) => lan.console.app.env.opened.sqlite.prepare(q).all(...args) as Record<string, unknown>[];
const count = (lan: LanConsole, q: string, ...args: unknown[]) => Number((lan.console.app.env.opened.sqlite.prepare(q).get(...args) as { n: number }).n);

function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  return errors;
}

/** Someone's token in every tab of this context, as a tablet signed in earlier holds it (sessionStorage, as the sign-in keeps it). */
async function holdToken(context: BrowserContext, token: string): Promise<void> {
  await context.addInitScript(([key, value]) => {
    if (!sessionStorage.getItem(key!)) sessionStorage.setItem(key!, value!);
  }, ['esc.token', token]);
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

/** The site head's devices page in a tab of its own (the head's token held). */
async function devicesPage(lan: LanConsole, tablet: Tablet, head: string): Promise<Page> {
  const office = await tablet(LANDSCAPE);
  await holdToken(office, head);
  const page = await office.newPage();
  await page.goto(`${lan.httpsUrl}/#/devices`);
  await expect(page.getByTestId('whoami')).toContainText(SITE_HEAD.name);
  await expect(page.getByTestId('devices-pair')).toBeVisible();
  return page;
}

/**
 * A tablet paired as the devices page pairs one (devices.pairingStart, then the address its QR
 * encodes opened on the tablet), the proctor's token in its tab, room 1's door open with its pack
 * on the device (what it judges by offline); with `shell`, also the service worker controlling the
 * page with the page cached (what opens the door on a reload offline; the worker installs on every
 * paired tablet, only a reload needs it).
 */
async function pairedDoor(context: BrowserContext, lan: LanConsole, head: string, name: string, door: { sessionId: number; roomId: number }, proctor = PROCTOR_A, opts: { shell?: boolean } = {}): Promise<{ page: Page; uid: string }> {
  const c = lan.console;
  const p = await c.call<{ code: string; fingerprint: string }>('devices.pairingStart', { name }, head);
  await holdToken(context, await c.signIn(proctor.staffNo, proctor.pin));
  const page = await context.newPage();
  await page.goto(`${lan.httpsUrl}/#/pair?code=${p.code}&fp=${p.fingerprint}`);
  await expect(page.getByTestId('pair-done')).toContainText(name);
  await expect(page.getByTestId('whoami')).toContainText(proctor.name);
  const uid = String(rows(lan, 'SELECT uid FROM devices WHERE name = ?', name)[0]!.uid);
  await page.goto(`${lan.httpsUrl}/#/door/room/${door.sessionId}/${door.roomId}`);
  await expect(page.getByTestId('door-room')).toBeVisible();
  await expect(page.getByTestId('offline-badge')).toHaveText('在线 · 待同步 0');
  // the door pack is on the device
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
  // the service worker controls the page and holds it
  if (opts.shell) await expect.poll(() => page.evaluate(async () => !!navigator.serviceWorker.controller && !!(await (await caches.open('esc-pages')).match('./')))).toBe(true);
  return { page, uid };
}

/** What the tablet keeps in IndexedDB under `meta` (its pairing, clock, revocation). */
function deviceMeta(page: Page, key: string): Promise<Record<string, unknown> | null> {
  return page.evaluate((k) => new Promise<Record<string, unknown> | null>((resolve) => {
    const open = indexedDB.open('esc-door');
    open.onsuccess = () => {
      const req = open.result.transaction('meta', 'readonly').objectStore('meta').get(k);
      req.onsuccess = () => resolve((req.result as Record<string, unknown> | undefined) ?? null);
      req.onerror = () => resolve(null);
    };
    open.onerror = () => resolve(null);
  }), key);
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

test('the site head shows a pairing QR; a tablet that reads its pixels is paired to this site', async ({ lan, tablet }) => {
  const c = lan.console;
  const head = await c.setupSite();
  const headPage = await devicesPage(lan, tablet, head);
  await headPage.getByTestId('devices-pair').click();
  await headPage.getByTestId('pair-name').fill('第1考场门口平板');
  await headPage.getByTestId('pair-ok').click();
  const url = await readQr(headPage);
  expect(url).toMatch(new RegExp(`^${lan.httpsUrl.replace(/[.]/g, '\\.')}/#/pair\\?code=[0-9A-Z]{10}&fp=${lan.served.cert!.ca.sha256}$`));
  await headPage.screenshot({ path: 'test-results/screens/devices-pairing-1280.png' });

  // the tablet opens what its camera read: paired to this site, its credential kept on the device
  const page = await (await tablet()).newPage();
  const errors = watchErrors(page);
  await page.goto(url);
  await expect(page.getByTestId('pair-done')).toContainText('第1考场门口平板');
  const devices = rows(lan, 'SELECT uid, name FROM devices');
  expect(devices).toEqual([{ uid: expect.any(String), name: '第1考场门口平板' }]);
  await expect.poll(() => deviceMeta(page, 'device')).toMatchObject({ uid: devices[0]!.uid, name: '第1考场门口平板', fingerprint: lan.served.cert!.ca.sha256 });
  // the one-time code is spent
  expect(count(lan, 'SELECT COUNT(*) AS n FROM device_pairings WHERE used_at IS NULL')).toBe(0);
  expect(errors).toEqual([]);
});

/** A tablet paired through the API with room 1's door open (`room1` candidates in it), the camera running, then the network gone. */
async function offlineDoor(lan: LanConsole, tablet: Tablet, room1: number, opts: { shell?: boolean } = {}) {
  const c = lan.console;
  c.clock.set('2026-05-21T08:40:00+08:00');
  const seed = await seedDoorPlan(c, { room1 });
  const head = await c.signIn(SITE_HEAD.staffNo, SITE_HEAD.pin);
  const context = await tablet();
  const { page, uid } = await pairedDoor(context, lan, head, '第1考场门口平板', { sessionId: seed.theorySessionId, roomId: seed.room1.id }, PROCTOR_A, opts);
  const errors = watchErrors(page);
  await cameraLive(page);
  await context.setOffline(true);
  await expect(page.getByTestId('offline-badge')).toHaveText('离线 · 待同步 0');
  return { seed, context, page, uid, errors };
}

test('a tablet offline queues 11 sign-ins with photos and a duplicate alarm; back online each is recorded once', async ({ lan, tablet }) => {
  const { seed, context, page, uid, errors } = await offlineDoor(lan, tablet, 12);
  // eleven: one more than the device replays in one call (REPLAY_BATCH), so the queue goes over in two
  const who = seed.room1Candidates.slice(0, 11);
  for (const [i, x] of who.entries()) await signInOffline(page, x.ticketNo, i + 1);
  expect(count(lan, 'SELECT COUNT(*) AS n FROM checkins')).toBe(0);
  await expect(page.getByTestId('count-signedIn')).toContainText('11');
  // the tablet's own list shows the 4th already in: a second scan offline is the duplicate alarm's verdict
  await scan(page, who[3]!.ticketNo);
  await expect(page.getByTestId('verdict')).toHaveAttribute('data-verdict', 'already_here');
  await page.screenshot({ path: 'test-results/screens/door-offline-800.png' });

  await context.setOffline(false);
  await expect(page.getByTestId('offline-badge')).toHaveText('在线 · 待同步 0');
  const signed = rows(lan, 'SELECT candidate_id, device, photo_id FROM checkins ORDER BY candidate_id');
  expect(signed.map((r) => r.candidate_id)).toEqual(who.map((x) => x.id).sort((a, b) => a - b));
  expect(signed.every((r) => String(r.device).startsWith(`device:${uid} 第1考场门口平板`))).toBe(true);
  expect(count(lan, 'SELECT COUNT(*) AS n FROM checkin_photos WHERE length(bytes) > 1000 AND hex(substr(bytes, 1, 3)) = ?', 'FFD8FF')).toBe(11);
  expect(count(lan, "SELECT COUNT(*) AS n FROM device_events WHERE outcome = 'applied' AND kind = 'confirm'")).toBe(11);
  // the duplicate scan was refused on the device and recorded as such, with its alarm
  expect(rows(lan, 'SELECT verdict FROM checkin_refusals')).toEqual([{ verdict: 'already_here' }]);
  expect(count(lan, 'SELECT COUNT(*) AS n FROM checkin_alerts')).toBe(1);
  await expect(page.getByTestId('count-signedIn')).toContainText('11');
  expect(errors).toEqual([]);
});

test('a tablet reloaded offline: the service worker opens the door again with its queue, more sign-ins join it; back online each is recorded once', async ({ lan, tablet }) => {
  const { seed, context, page, uid, errors } = await offlineDoor(lan, tablet, 4, { shell: true });
  const who = seed.room1Candidates.slice(0, 4);
  await signInOffline(page, who[0]!.ticketNo, 1);
  await signInOffline(page, who[1]!.ticketNo, 2);

  // a reload while offline: the service worker opens the door again, the queue is still there
  const reloaded = await page.reload();
  expect(reloaded?.fromServiceWorker()).toBe(true);
  await expect(page.getByTestId('door-room')).toHaveText('第1考场');
  await expect(page.getByTestId('offline-badge')).toHaveText('离线 · 待同步 2');
  await expect(page.getByTestId('count-signedIn')).toContainText('2');
  // the reloaded door still judges from its pack: the 1st is already in
  await scan(page, who[0]!.ticketNo);
  await expect(page.getByTestId('verdict')).toHaveAttribute('data-verdict', 'already_here');
  await cameraLive(page);
  await signInOffline(page, who[2]!.ticketNo, 4);
  await signInOffline(page, who[3]!.ticketNo, 5);

  await context.setOffline(false);
  await expect(page.getByTestId('offline-badge')).toHaveText('在线 · 待同步 0');
  const signed = rows(lan, 'SELECT candidate_id, device FROM checkins ORDER BY candidate_id');
  expect(signed.map((r) => r.candidate_id)).toEqual(who.map((x) => x.id).sort((a, b) => a - b));
  expect(signed.every((r) => String(r.device).startsWith(`device:${uid} 第1考场门口平板`))).toBe(true);
  expect(count(lan, 'SELECT COUNT(*) AS n FROM checkin_photos WHERE length(bytes) > 1000 AND hex(substr(bytes, 1, 3)) = ?', 'FFD8FF')).toBe(4);
  expect(count(lan, "SELECT COUNT(*) AS n FROM device_events WHERE outcome = 'applied' AND kind = 'confirm'")).toBe(4);
  await expect(page.getByTestId('count-signedIn')).toContainText('4');
  expect(errors).toEqual([]);
});

test('one candidate signed in on two offline tablets: one sign-in and one alarm for the supervisor', async ({ lan, tablet }) => {
  const c = lan.console;
  c.clock.set('2026-05-21T08:40:00+08:00');
  const seed = await seedDoorPlan(c);
  const head = await c.signIn(SITE_HEAD.staffNo, SITE_HEAD.pin);
  const door = { sessionId: seed.theorySessionId, roomId: seed.room1.id };
  const [a, b] = [await tablet(), await tablet()];
  // two proctors at one door, each with a tablet of their own: set up side by side
  const [{ page: pageA }, { page: pageB }] = await Promise.all([pairedDoor(a, lan, head, '平板甲', door, PROCTOR_A), pairedDoor(b, lan, head, '平板乙', door, PROCTOR_B)]);
  await a.setOffline(true);
  await b.setOffline(true);
  const who = seed.room1Candidates[0]!;
  await Promise.all(
    [pageA, pageB].map(async (p) => {
      await expect(p.getByTestId('offline-badge')).toHaveText('离线 · 待同步 0');
      await cameraLive(p);
      await signInOffline(p, who.ticketNo, 1);
    }),
  );
  await a.setOffline(false);
  await expect(pageA.getByTestId('offline-badge')).toHaveText('在线 · 待同步 0');
  await b.setOffline(false);
  await expect(pageB.getByTestId('offline-badge')).toHaveText('在线 · 待同步 0');
  expect(rows(lan, 'SELECT candidate_id FROM checkins')).toEqual([{ candidate_id: who.id }]);
  expect(rows(lan, 'SELECT kind, candidate_id, status FROM checkin_alerts')).toEqual([{ kind: 'impersonation_suspect', candidate_id: who.id, status: 'draft' }]);
  expect(rows(lan, 'SELECT outcome FROM device_events ORDER BY received_at, event_id').map((r) => r.outcome).sort()).toEqual(['alarm', 'applied']);
  // the supervisor's desk shows the alarm
  const alerts = await c.call<{ kind: string }[]>('checkin.alerts', {}, head);
  expect(alerts.map((x) => x.kind)).toEqual(['impersonation_suspect']);
});

test('a revoked tablet is refused; the queue it still sends is kept and shown to the site head', async ({ lan, tablet }) => {
  const c = lan.console;
  c.clock.set('2026-05-21T08:40:00+08:00');
  const seed = await seedDoorPlan(c);
  const head = await c.signIn(SITE_HEAD.staffNo, SITE_HEAD.pin);
  const door = { sessionId: seed.theorySessionId, roomId: seed.room1.id };
  const context = await tablet();
  const { page, uid } = await pairedDoor(context, lan, head, '遗失的平板', door);
  await context.setOffline(true);
  await expect(page.getByTestId('offline-badge')).toHaveText('离线 · 待同步 0');
  await cameraLive(page);
  const [x, y] = seed.room1Candidates;
  await signInOffline(page, x!.ticketNo, 1);
  await signInOffline(page, y!.ticketNo, 2);

  // the site head revokes it on the devices page
  const headPage = await devicesPage(lan, tablet, head);
  const row = headPage.getByTestId(`device-${uid}`);
  await row.getByTestId('device-revoke').click();
  await headPage.getByTestId('revoke-reason').fill('平板遗失');
  await headPage.getByTestId('revoke-ok').click();
  await expect(row.getByTestId('device-state')).toHaveText('已撤销');

  await context.setOffline(false);
  await expect(page.getByTestId('offline-badge')).toHaveText('本设备已被撤销 · 未同步 2 条已交考点负责人核查');
  expect(count(lan, 'SELECT COUNT(*) AS n FROM checkins')).toBe(0);
  // its next call is refused with a code
  const credential = String((await deviceMeta(page, 'device'))!.credential);
  const refused = await page.evaluate(async (key) => {
    const r = await fetch('./api/devices.me', { method: 'POST', headers: { 'content-type': 'application/json', 'x-device-key': key }, body: '{}' });
    return (await r.json()) as { ok: boolean; error?: { code: string; reason: string } };
  }, credential);
  expect(refused).toMatchObject({ ok: false, error: { code: 'DEVICE_REFUSED', reason: 'devices.revoked' } });

  await expect(row.getByTestId('device-held')).toHaveText('待核查记录 2 条');
  await row.locator('.ant-table-row-expand-icon').click();
  const held = headPage.getByTestId(`held-${uid}`);
  await expect(held).toContainText(x!.name);
  await expect(held).toContainText(y!.name);
  await headPage.screenshot({ path: 'test-results/screens/devices-revoked-1280.png', fullPage: true });
});
