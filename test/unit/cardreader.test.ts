// ID-card readers at the door (E3, P8): the keyboard-mode reader's line (escapes, formats, typing
// pattern), the vendor profiles (paths, checks, photos by magic bytes), the vendor reader against the
// simulator over real HTTP, and a sign-in from a card with its chip photo kept beside the door photo.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { cardNumberFacts, cardRecord, isMachineTyped, normaliseBirth, normaliseSex, parseKeyboardCard, unescapeUnicode } from '../../electron/domain/cardreader';
import { valueAt, vendorProfileSchema, type VendorProfile } from '../../electron/services/cardreader/profile';
import { imageMime } from '../../electron/services/cardreader/reader';
import { decodeChipPhoto, readAnswer, VendorCardReader } from '../../electron/services/cardreader/vendor';
import { simBmp, simProfile, startCardReaderSim, type CardReaderSim } from '../../scripts/cardreader/sim';
import { PROCTOR_A, photo, seedDoor } from '../support/door-seed';
import { siteHead, testConsole } from './helpers';

const ID = '110101199003070011'; // valid check character, male, born 1990-03-07
const escUnits = (s: string) => s.split('').map((u) => `\\u${u.charCodeAt(0).toString(16).padStart(4, '0')}`).join('');

const sims: CardReaderSim[] = [];
afterEach(async () => {
  while (sims.length) await sims.pop()!.close();
});

describe('keyboard-mode readers (E3): the line typed into the scan box', () => {
  it('undoes \\uXXXX escapes, surrogate pairs included (P11: Extension B survives); a lone surrogate is refused', () => {
    expect(unescapeUnicode('\\u5f20\\u4E09')).toBe('张三');
    expect(unescapeUnicode(escUnits('张𠀋明'))).toBe('张𠀋明');
    expect(escUnits('张')).toBe('\\u5f20');
    expect(unescapeUnicode('\\ud840')).toBe('');
    expect(unescapeUnicode('no escapes')).toBe('no escapes');
  });

  it('recognises the number with an escaped name in the formats readers type, and reads sex and birth date from the number', () => {
    const want = { docType: '居民身份证', number: ID, name: '张𠀋明', sex: '男', birthDate: '1990-03-07' };
    for (const line of [
      `${escUnits('张𠀋明')},${ID}`,
      `${ID}|${escUnits('张𠀋明')}|${escUnits('男')}|19900307`,
      `${escUnits('张𠀋明')}\t${ID.toLowerCase()}`,
      `${escUnits('张𠀋明')} ${ID}`,
      `{"name":"${escUnits('张𠀋明')}","idnum":"${ID}"}`,
      `张𠀋明，${ID}`,
    ]) {
      expect(parseKeyboardCard(line), line).toEqual(want);
    }
  });

  it('leaves to the scan box what is no card read: a bare number, a ticket, a wrong check character, a sex the number contradicts, two numbers', () => {
    expect(parseKeyboardCard(ID)).toBeNull();
    expect(parseKeyboardCard('2605210001')).toBeNull();
    expect(parseKeyboardCard(`${escUnits('张三')},110101199003070012`)).toBeNull();
    expect(parseKeyboardCard(`${escUnits('张三')},${ID},${escUnits('女')}`)).toBeNull();
    expect(parseKeyboardCard(`${escUnits('张三')},${ID},810000199003070015`)).toBeNull();
    expect(parseKeyboardCard(`{"name":"${escUnits('张三')}"`)).toBeNull();
    expect(parseKeyboardCard(`${escUnits('张三')},${ID}`.padEnd(700, ' ') + 'x')).toBeNull();
  });

  it('names the document by the number: residence permits (81/82/83), the foreigner’s cards (9…, and the old 3 letters + 12 digits)', () => {
    expect(cardNumberFacts('810000199003070015')).toEqual({ docType: '港澳台居民居住证', number: '810000199003070015', sex: '男', birthDate: '1990-03-07' });
    expect(cardNumberFacts('930000199003070020')?.docType).toBe('外国人永久居留身份证');
    expect(cardNumberFacts('USA129003071234')).toEqual({ docType: '外国人永久居留身份证', number: 'USA129003071234', sex: null, birthDate: '1990-03-07' });
    expect(cardNumberFacts(ID)?.docType).toBe('居民身份证');
    expect(cardNumberFacts('2605210001')).toBeNull();
  });

  it('tells a reader’s typing (many keystrokes, machine-fast) from a person’s and from a paste', () => {
    const fast = Array.from({ length: 18 }, (_, i) => 1000 + i * 4);
    const slow = Array.from({ length: 18 }, (_, i) => 1000 + i * 180);
    expect(isMachineTyped(fast, 18)).toBe(true);
    expect(isMachineTyped(slow, 18)).toBe(false);
    expect(isMachineTyped([1000], 18)).toBe(false); // pasted: one change
    expect(isMachineTyped(fast.slice(0, 10), 10)).toBe(false); // too short for a card number
  });

  it('normalises what readers say for sex and birth date, and refuses a reader whose fields contradict the number (P8)', () => {
    expect(['1', 'M', 'male', '男'].map(normaliseSex)).toEqual(['男', '男', '男', '男']);
    expect(['2', 'f', '女'].map(normaliseSex)).toEqual(['女', '女', '女']);
    expect(normaliseSex('9')).toBeNull();
    expect(['19900307', '1990-03-07', '1990年03月07日', '1990.03.07'].map(normaliseBirth)).toEqual(Array(4).fill('1990-03-07'));
    expect(normaliseBirth('19900230')).toBeNull();
    expect(cardRecord({ number: ID, sex: '2' })).toEqual({ ok: false, problem: 'sexMismatch' });
    expect(cardRecord({ number: ID, birthDate: '19900308' })).toEqual({ ok: false, problem: 'birthMismatch' });
    expect(cardRecord({ number: 'nope' })).toEqual({ ok: false, problem: 'noNumber' });
  });
});

describe('vendor profiles', () => {
  const profile = (over: Partial<VendorProfile> = {}): VendorProfile => vendorProfileSchema.parse({ url: 'http://127.0.0.1:1/read', fields: { number: 'data.idnum', name: 'data.name', photo: 'data.pic' }, ...over });

  it('reads fields by paths with keys and indexes, never through prototypes', () => {
    const doc = { data: { idnum: ID, list: [{ n: 'a' }, { n: 'b' }] }, 姓名: '张三' };
    expect(valueAt(doc, 'data.idnum')).toBe(ID);
    expect(valueAt(doc, 'data.list[1].n')).toBe('b');
    expect(valueAt(doc, '姓名')).toBe('张三');
    expect(valueAt(doc, 'data.missing.x')).toBeUndefined();
    expect(valueAt(doc, 'constructor')).toBeUndefined();
    expect(valueAt(doc, 'data.list.n')).toBeUndefined();
  });

  it('refuses a profile with another scheme, a bad path or an out-of-range timeout, with the reason in Chinese', () => {
    const bad = (v: unknown) => vendorProfileSchema.safeParse(v);
    expect(bad({ url: 'file:///etc/passwd', fields: { number: 'a' } }).error?.issues[0]?.message).toContain('http://');
    expect(bad({ url: 'http://127.0.0.1/x', fields: { number: 'a..b' } }).error?.issues[0]?.message).toContain('字段路径');
    expect(bad({ url: 'http://127.0.0.1/x', timeoutMs: 100, fields: { number: 'a' } }).success).toBe(false);
    expect(profile().method).toBe('GET');
  });

  it('keeps a chip photo only when its bytes are an image (JPEG, PNG, BMP…), within the size limit; the read stands without it', () => {
    expect(imageMime(photo(1))).toBe('image/jpeg');
    expect(imageMime(simBmp(4, 4))).toBe('image/bmp');
    expect(imageMime(Buffer.from('89504e470d0a1a0a0000', 'hex'))).toBe('image/png');
    // "BM" with a size that does not match is not a bitmap
    expect(imageMime(Buffer.concat([Buffer.from('BM'), Buffer.alloc(30)]))).toBeNull();
    expect(decodeChipPhoto(`data:image/bmp;base64,${simBmp().toString('base64')}`).photo?.mime).toBe('image/bmp');
    expect(decodeChipPhoto(Buffer.from('<html>').toString('base64'))).toEqual({ photo: null, problem: 'notImage' });
    expect(decodeChipPhoto('not base64 at all!')).toEqual({ photo: null, problem: 'notImage' });
    expect(decodeChipPhoto(Buffer.alloc(300 * 1024, 0xff).toString('base64'))).toEqual({ photo: null, problem: 'tooLarge' });
    const read = readAnswer(profile(), { data: { idnum: ID, name: '张三', pic: Buffer.from('GIF89a but not really', 'latin1').toString('base64').slice(0, 4) } });
    expect(read).toMatchObject({ record: { number: ID, name: '张三', sex: '男' }, photo: null, photoProblem: 'notImage' });
  });

  it('refuses an answer that says no card (with the service’s own message) or holds no valid number', () => {
    const p = profile({ success: { path: 'code', equals: 0 }, message: 'msg' });
    expect(() => readAnswer(p, { code: 1, msg: '请放卡' })).toThrow(expect.objectContaining({ reason: 'cardreader.refused', params: { message: '请放卡' } }));
    expect(() => readAnswer(profile(), { data: { idnum: '110101199003070012' } })).toThrow(expect.objectContaining({ reason: 'cardreader.noNumber' }));
  });
});

describe('the vendor reader over HTTP, against the simulator', () => {
  it('reads the card on the simulated reader: the record and the chip photo (BMP); no card: the service’s message', async () => {
    const sim = await startCardReaderSim({ card: { name: '张𠀋明', sex: '1', born: '19900307', number: ID, photo: simBmp() } });
    sims.push(sim);
    const read = await new VendorCardReader(simProfile(sim.url)).read();
    expect(read.record).toEqual({ docType: '居民身份证', number: ID, name: '张𠀋明', sex: '男', birthDate: '1990-03-07' });
    expect(read.photo?.mime).toBe('image/bmp');
    expect(read.photo?.bytes.equals(simBmp())).toBe(true);
    sim.setCard(null);
    await expect(new VendorCardReader(simProfile(sim.url)).read()).rejects.toMatchObject({ code: 'CONFLICT', reason: 'cardreader.refused', params: { message: '未检测到身份证，请将证件放在读卡区' } });
    expect(sim.reads()).toBe(2);
  });

  it('refuses, each with its reason: nobody listening, no answer in time, not JSON, an answer too large, an HTTP error', async () => {
    const mode = { kind: 'slow' as 'slow' | 'html' | 'huge' | 'error' };
    const server = createServer((_req, res) => {
      if (mode.kind === 'slow') return; // never answers
      if (mode.kind === 'html') return void res.end('<html>not json</html>');
      if (mode.kind === 'error') return void res.writeHead(500).end();
      res.write('{"a":"');
      res.end('x'.repeat(1100 * 1024));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/read`;
    const reader = (u = url) => new VendorCardReader(vendorProfileSchema.parse({ url: u, timeoutMs: 500, fields: { number: 'id' } }));
    try {
      await expect(reader().read()).rejects.toMatchObject({ reason: 'cardreader.timeout', params: { seconds: 0.5 } });
      mode.kind = 'html';
      await expect(reader().read()).rejects.toMatchObject({ reason: 'cardreader.notJson' });
      mode.kind = 'huge';
      await expect(reader().read()).rejects.toMatchObject({ reason: 'cardreader.answerTooLarge' });
      mode.kind = 'error';
      await expect(reader().read()).rejects.toMatchObject({ reason: 'cardreader.httpStatus', params: { status: 500 } });
    } finally {
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    }
    await expect(reader(url).read()).rejects.toMatchObject({ reason: 'cardreader.unreachable' });
  });
});

describe('a sign-in from a card (E3)', () => {
  async function door() {
    const c = testConsole('2026-05-21T08:30:00+08:00');
    const head = await siteHead(c);
    const seed = seedDoor(c.app.env.opened.db, c.clock);
    const proctor = (await c.ok<{ token: string }>('auth.signIn', { staffNo: PROCTOR_A.staffNo, pin: PROCTOR_A.pin })).token;
    return { c, head, seed, proctor, at: { sessionId: seed.theorySessionId, roomId: seed.room1.id } };
  }
  const live = { jpegBase64: photo(2).toString('base64'), width: 144, height: 192 };

  it('a vendor read is judged like a scan and its chip photo is stored with the sign-in, never replaced; another candidate’s read is refused', async () => {
    const { c, head, seed, proctor, at } = await door();
    const [who, other] = [seed.room1Candidates[0]!, seed.room1Candidates[1]!];
    const sim = await startCardReaderSim({ card: { name: who.name, sex: '1', born: '19900307', number: who.docNumber, photo: simBmp() } });
    sims.push(sim);
    // the card's sex and birth must agree with the number: the simulator gives the number's own
    const facts = cardNumberFacts(who.docNumber)!;
    sim.setCard({ name: who.name, sex: facts.sex === '男' ? '1' : '2', born: facts.birthDate!.replaceAll('-', ''), number: who.docNumber, photo: simBmp() });
    const { id: profileId } = await c.ok<{ id: number }>('cardreader.profile.save', { name: '模拟读卡器', profile: simProfile(sim.url) }, head);
    expect(await c.ok('cardreader.doorProfiles', {}, proctor)).toEqual([{ id: profileId, name: '模拟读卡器' }]);
    expect((await c.call('cardreader.profiles', {}, proctor)).ok).toBe(false); // the settings stay with the site head

    type Read = { readId: string; card: { name: string; numberMasked: string }; chipPhoto: string | null; scan: { kind: string; verdict: { code: string; method: string; scanned: string; candidate: { id: number } } } };
    const read = await c.ok<Read>('cardreader.read', { profileId, ...at }, proctor);
    expect(read.scan.verdict).toMatchObject({ code: 'ok', method: 'id', candidate: { id: who.id } });
    expect(read.card.name).toBe(who.name);
    expect(read.card.numberMasked).not.toContain(who.docNumber.slice(4, 14));
    expect(read.chipPhoto).toMatch(/^data:image\/bmp;base64,Qk/);

    // the read belongs to its candidate: confirming someone else with it is refused, nothing written
    const wrong = await c.call('cardreader.confirm', { ...at, candidateId: other.id, method: 'id', scanned: other.docNumber, photo: live, card: { source: 'vendor', readId: read.readId } }, proctor);
    expect(wrong.ok ? null : wrong.error).toMatchObject({ code: 'CONFLICT', reason: 'cardreader.notTheCard' });
    const ok = await c.ok<{ checkinId: number; chipPhotoId: number; cardSource: string }>('cardreader.confirm', { ...at, candidateId: who.id, method: 'id', scanned: read.scan.verdict.scanned, photo: live, card: { source: 'vendor', readId: read.readId } }, proctor);
    const sqlite = c.app.env.opened.sqlite;
    const row = sqlite.prepare('SELECT card_source AS source, chip_photo_id AS chip, photo_id AS photo FROM checkins WHERE id = ?').get(ok.checkinId) as { source: string; chip: number; photo: number };
    expect(row).toMatchObject({ source: 'vendor', chip: ok.chipPhotoId });
    expect(sqlite.prepare('SELECT purpose, mime, length(bytes) AS n FROM checkin_photos WHERE id = ?').get(row.chip)).toEqual({ purpose: 'chip', mime: 'image/bmp', n: simBmp().length });
    expect(sqlite.prepare('SELECT purpose FROM checkin_photos WHERE id = ?').get(row.photo)).toEqual({ purpose: 'signin' });
    expect(() => sqlite.prepare('UPDATE checkins SET chip_photo_id = NULL WHERE id = ?').run(ok.checkinId)).toThrow(/never replaced/);
    expect(() => sqlite.prepare('DELETE FROM checkin_photos WHERE id = ?').run(row.chip)).toThrow(/never deleted/);
    // a read is used once
    const again = await c.call('cardreader.confirm', { ...at, candidateId: who.id, method: 'id', scanned: who.docNumber, photo: live, card: { source: 'vendor', readId: read.readId } }, proctor);
    expect(again.ok ? null : again.error).toMatchObject({ reason: 'cardreader.readExpired' });
    // the audit event says how the card was read
    const audit = sqlite.prepare("SELECT detail FROM audit_events WHERE command = 'cardreader.confirm' AND outcome = 'ok' ORDER BY seq DESC LIMIT 1").get() as { detail: string } | undefined;
    expect(JSON.parse(audit?.detail ?? '{}')).toMatchObject({ card: { source: 'vendor', nameMatches: true, chipPhotoMime: 'image/bmp' } });
  });

  it('a keyboard-mode read records its source; its number must be the candidate’s', async () => {
    const { c, seed, proctor, at } = await door();
    const [who, other] = [seed.room1Candidates[2]!, seed.room1Candidates[3]!];
    const refused = await c.call('cardreader.confirm', { ...at, candidateId: who.id, method: 'id', scanned: other.docNumber, photo: live, card: { source: 'keyboard' } }, proctor);
    expect(refused.ok ? null : refused.error).toMatchObject({ reason: 'cardreader.notTheCard' });
    const ok = await c.ok<{ checkinId: number; chipPhotoId: number | null }>('cardreader.confirm', { ...at, candidateId: who.id, method: 'id', scanned: who.docNumber, photo: live, card: { source: 'keyboard' } }, proctor);
    expect(ok.chipPhotoId).toBeNull();
    expect(c.app.env.opened.sqlite.prepare('SELECT card_source AS s FROM checkins WHERE id = ?').get(ok.checkinId)).toEqual({ s: 'keyboard' });
  });
});
