// ID-card readers at the door (E3): a keyboard-mode reader types the number with the name as \uXXXX
// escapes into the scan box (recognised, unescaped, judged like a scan, signed in); the site head
// sets up a vendor reader service (a simulator on 127.0.0.1) and tests it; at the door 读卡 asks the
// console, the chip photo shows beside the registered photo and the live picture, and is kept with the sign-in.
import type { Page } from '@playwright/test';
import { simBmp, simProfile, startCardReaderSim, type CardReaderSim, type SimCard } from '../../scripts/cardreader/sim';
import { cardNumberFacts } from '../../electron/domain/cardreader';
import { PROCTOR_A, type DoorSeed, type SeedCandidate } from '../support/door-seed';
import { cameraLive, openDoor, seedDoorPlan, sql } from '../support/door-e2e';
import { expect, signIn, SITE_HEAD, test, type ConsoleFixture } from './fixtures';

/** What a keyboard-mode reader types: each UTF-16 unit of the name as \uXXXX (Extension B as a surrogate pair). */
const escaped = (s: string) => s.split('').map((u) => `\\u${u.charCodeAt(0).toString(16).padStart(4, '0')}`).join('');

function cardOf(who: SeedCandidate): SimCard {
  const facts = cardNumberFacts(who.docNumber)!;
  return { name: who.name, sex: facts.sex === '男' ? '1' : '2', born: facts.birthDate!.replaceAll('-', ''), number: who.docNumber, photo: simBmp() };
}

let sim: CardReaderSim | null = null;
test.afterEach(async () => {
  await sim?.close();
  sim = null;
});

test('E3: a keyboard-mode reader types the number and the escaped name: recognised, unescaped, judged like a scan, signed in', async ({ page, consoleApp }) => {
  const pageErrors: string[] = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));
  consoleApp.clock.set('2026-05-21T08:41:00+08:00');
  const seed = await openDoor(page, consoleApp);
  const who = seed.room1Candidates[0]!;
  expect(who.name).toBe('张𠀋'); // P11: the reader escapes an Extension B character as a surrogate pair
  const line = `${escaped(who.name)},${who.docNumber}`;
  expect(line).toContain('\\ud840\\udc0b');

  const input = page.getByTestId('scan-input');
  await expect(input).toBeFocused();
  // the reader types the line and Enter: the escaped name read back as printed, the number masked on screen
  await page.keyboard.type(line);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('card-line')).toContainText('居民身份证 · 张𠀋');
  await expect(page.getByTestId('verdict')).toHaveAttribute('data-verdict', 'ok');
  await expect(page.getByTestId('verdict-name')).toHaveText('张𠀋');
  await expect(page.getByTestId('card-line')).toContainText('身份证阅读器（键盘模式）');
  await expect(page.getByTestId('card-line')).not.toContainText(who.docNumber);
  await expect(page.getByTestId('card-name-mismatch')).toHaveCount(0);
  await expect(input).toHaveValue('');
  await cameraLive(page);
  await page.getByTestId('confirm').click();
  await expect(page.getByText('张𠀋 已签到，座号 1')).toBeVisible();
  expect(sql(consoleApp, 'SELECT method, photo_id IS NOT NULL AS photo FROM checkins WHERE candidate_id = ?', who.id)).toEqual({ method: 'id', photo: 1 });
  expect(pageErrors).toEqual([]);
});

async function openDoorWithReader(page: Page, consoleApp: ConsoleFixture, reader: CardReaderSim): Promise<{ seed: DoorSeed; profileId: number }> {
  const seed = await seedDoorPlan(consoleApp);
  const head = await consoleApp.signIn(SITE_HEAD.staffNo, SITE_HEAD.pin);
  const { id: profileId } = await consoleApp.call<{ id: number }>('cardreader.profile.save', { name: '门口读卡器', profile: simProfile(reader.url) }, head);
  await signIn(page, consoleApp.url, PROCTOR_A.staffNo, PROCTOR_A.pin);
  await page.getByRole('menuitem', { name: '考场门口签到' }).click();
  await page.getByTestId(`open-door-${seed.theorySessionId}-${seed.room1.id}`).click();
  await expect(page.getByTestId('door-room')).toHaveText('第1考场');
  return { seed, profileId };
}

test('E3: 读卡 at the door asks the console to read the vendor service; the chip photo shows beside the registered photo and the live picture and is kept with the sign-in', async ({ page, consoleApp }) => {
  const pageErrors: string[] = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));
  consoleApp.clock.set('2026-05-21T08:42:00+08:00');
  const reader = await startCardReaderSim();
  sim = reader;
  const { seed } = await openDoorWithReader(page, consoleApp, reader);
  const who = seed.room1Candidates[0]!;
  reader.setCard(cardOf(who));

  // the device chooses the site's reader once (kept on the device), then reads
  await page.getByTestId('card-reader-select').click();
  await page.getByTitle('门口读卡器').click();
  await page.getByTestId('card-read').click();
  await expect(page.getByTestId('verdict')).toHaveAttribute('data-verdict', 'ok');
  await expect(page.getByTestId('verdict-name')).toHaveText(who.name);
  await expect(page.getByTestId('chip-photo')).toBeVisible();
  expect(await page.getByTestId('chip-photo').evaluate((img: HTMLImageElement) => [img.naturalWidth, img.naturalHeight])).toEqual([102, 126]);
  await expect(page.getByTestId('registered-photo')).toBeVisible();
  await expect(page.getByTestId('card-line')).toContainText('身份证阅读器（门口读卡器）');
  await cameraLive(page);
  await page.screenshot({ path: 'test-results/screens/door-card-1366x768.png' });
  await page.setViewportSize({ width: 800, height: 1280 });
  await page.screenshot({ path: 'test-results/screens/door-card-800x1280.png' });
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.screenshot({ path: 'test-results/screens/door-card-1280x800.png' });
  await page.getByTestId('confirm').click();
  await expect(page.getByText(`${who.name} 已签到，座号 1`)).toBeVisible();
  const row = sql(consoleApp, `SELECT ck.card_source AS source, ck.method, p.purpose, p.mime, length(p.bytes) AS n, (SELECT purpose FROM checkin_photos WHERE id = ck.photo_id) AS live
    FROM checkins ck JOIN checkin_photos p ON p.id = ck.chip_photo_id WHERE ck.candidate_id = ?`, who.id);
  expect(row).toEqual({ source: 'vendor', method: 'id', purpose: 'chip', mime: 'image/bmp', n: simBmp().length, live: 'signin' });

  // no card on the reader: the service's own message, nothing judged
  reader.setCard(null);
  await page.getByTestId('card-read').click();
  await expect(page.getByTestId('door-error')).toContainText('读卡未成功：未检测到身份证，请将证件放在读卡区');
  // a card whose name differs from the registration: judged like a scan, and the proctor is told to check
  const next = seed.room1Candidates[1]!;
  reader.setCard({ ...cardOf(next), name: '王小明' });
  await page.getByTestId('card-read').click();
  await expect(page.getByTestId('verdict-name')).toHaveText(next.name);
  await expect(page.getByTestId('card-name-mismatch')).toContainText(`证件上的姓名“王小明”与报名姓名“${next.name}”不一致`);
  expect(reader.reads()).toBe(3);
  expect(pageErrors).toEqual([]);
});

test('E3: the site head registers a vendor reader service, tests it (the card and chip photo it would give) and saves it', async ({ page, consoleApp }) => {
  const pageErrors: string[] = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));
  const seed = await seedDoorPlan(consoleApp);
  sim = await startCardReaderSim({ card: cardOf(seed.room1Candidates[0]!) });
  await signIn(page, consoleApp.url, SITE_HEAD.staffNo, SITE_HEAD.pin);
  await page.getByRole('menuitem', { name: '身份证阅读器' }).click();
  await expect(page.getByText('尚未登记厂商读卡服务。')).toBeVisible();
  await page.getByTestId('cardreader-add').click();
  const p = simProfile(sim.url);
  await page.getByTestId('cardreader-name').fill('一号门读卡器');
  await page.getByTestId('cardreader-url').fill(p.url);
  await page.getByTestId('cardreader-path-number').fill(p.fields.number);
  await page.getByTestId('cardreader-path-name').fill(p.fields.name!);
  await page.getByTestId('cardreader-path-photo').fill(p.fields.photo!);
  await page.getByTestId('cardreader-path-success').fill(p.success!.path);
  await page.getByTestId('cardreader-success-equals').fill('0');
  await page.getByTestId('cardreader-path-message').fill(p.message!);
  await page.getByTestId('cardreader-test').click();
  await expect(page.getByTestId('cardreader-tested')).toContainText(`读到证件：居民身份证 · ${seed.room1Candidates[0]!.name}`);
  await page.screenshot({ path: 'test-results/screens/cardreader-profile-1366x768.png' });
  await page.getByTestId('cardreader-save').click();
  await expect(page.getByText('已保存读卡器“一号门读卡器”。')).toBeVisible();
  await expect(page.getByRole('cell', { name: '一号门读卡器' })).toBeVisible();
  const saved = sql(consoleApp, 'SELECT name, config FROM card_reader_profiles');
  expect(saved.name).toBe('一号门读卡器');
  expect(JSON.parse(String(saved.config))).toMatchObject({ url: p.url, fields: { number: p.fields.number }, success: { path: 'resultFlag', equals: 0 } });
  expect(pageErrors).toEqual([]);
});
