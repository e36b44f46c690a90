// Paired door devices and the replay of their offline queues (DOMAIN E3, E4, S2): pairing by a
// one-time code, each event applied once by its id and judged again at its own time, two offline
// doors admitting the same candidate = one sign-in and one alarm, a revoked device refused with its
// queue kept for review. Real SQLite files, through the registry as the HTTP shell calls it.
import { describe, expect, it } from 'vitest';
import { PROCTOR_A, photo, seedDoor } from '../support/door-seed';
import { deviceCall, eventId, pairDevice } from '../support/devices';
import { siteHead, testConsole } from './helpers';

const jpeg = (n = 2) => ({ jpegBase64: photo(n).toString('base64'), width: 144, height: 192 });

async function setup(start = '2026-05-21T08:30:00+08:00') {
  const c = testConsole(start);
  const head = await siteHead(c);
  const seed = seedDoor(c.app.env.opened.db, c.clock);
  const proctor = (await c.ok<{ token: string }>('auth.signIn', { staffNo: PROCTOR_A.staffNo, pin: PROCTOR_A.pin })).token;
  const door1 = { sessionId: seed.theorySessionId, roomId: seed.room1.id };
  const door2 = { sessionId: seed.theorySessionId, roomId: seed.room2.id };
  const call = (m: string, i: unknown, t?: string | null) => c.call(m, i, t ?? null);
  return { c, head, seed, proctor, door1, door2, call };
}

const rows = (c: ReturnType<typeof testConsole>, sql: string, ...args: unknown[]) => c.app.env.opened.sqlite.prepare(sql).all(...args) as Record<string, unknown>[];
const one = (c: ReturnType<typeof testConsole>, sql: string, ...args: unknown[]) => c.app.env.opened.sqlite.prepare(sql).get(...args) as Record<string, unknown>;

describe('pairing a door device', () => {
  it('a one-time, short-lived code gives a credential bound to the site, with the clock offset recorded; the list shows it', async () => {
    const { c, head, call, seed } = await setup();
    const deviceNow = c.clock.now().getTime() - 4_000; // the tablet's clock runs 4 s behind the site's
    const p = await pairDevice(call, head, '第1考场门口平板', deviceNow, seed.room1.id);
    expect(p.credential).toMatch(/^[0-9A-Z]{10}\.[A-Za-z0-9_-]{43}$/);
    expect(p.offsetMs).toBe(4_000);
    // the secret is kept only as its hash
    const stored = one(c, 'SELECT secret_hash, pair_offset_ms FROM devices WHERE uid = ?', p.device.uid);
    expect(String(stored.secret_hash)).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(stored)).not.toContain(p.credential.split('.')[1]);
    expect(stored.pair_offset_ms).toBe(4_000);
    const me = await deviceCall(c.app, p.credential, 3)('devices.me', {});
    expect(me).toMatchObject({ ok: true, data: { uid: p.device.uid, name: '第1考场门口平板' } });
    const list = await c.ok<{ name: string; roomCode: string; queued: number; lastSeenAt: string }[]>('devices.list', {}, head);
    expect(list).toEqual([expect.objectContaining({ name: '第1考场门口平板', roomCode: seed.room1.code, queued: 3, lastSeenAt: c.clock.now().toISOString() })]);
    // a forged secret is refused with a code
    const forged = await deviceCall(c.app, `${p.device.uid}.${'A'.repeat(43)}`)('devices.me', {});
    expect(forged).toMatchObject({ ok: false, error: { code: 'DEVICE_REFUSED', reason: 'devices.unknown' } });
  });

  it('a code works once and for five minutes; a wrong code is refused and audited', async () => {
    const { c, head } = await setup();
    const start = await c.ok<{ code: string }>('devices.pairingStart', { name: '平板A' }, head);
    expect((await c.call('devices.pair', { code: start.code, deviceTime: Date.now() })).ok).toBe(true);
    expect(await c.call('devices.pair', { code: start.code, deviceTime: Date.now() })).toMatchObject({ ok: false, error: { code: 'CONFLICT', reason: 'devices.pairCodeUsed' } });
    const late = await c.ok<{ code: string }>('devices.pairingStart', { name: '平板B' }, head);
    c.clock.advance(5 * 60_000);
    expect(await c.call('devices.pair', { code: late.code, deviceTime: Date.now() })).toMatchObject({ ok: false, error: { code: 'CONFLICT', reason: 'devices.pairCodeExpired' } });
    expect(await c.call('devices.pair', { code: 'ZZZZZZZZZZ', deviceTime: Date.now() })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', reason: 'devices.pairCodeWrong' } });
    expect(one(c, "SELECT COUNT(*) AS n FROM audit_events WHERE command = 'devices.pair' AND outcome = 'refused'").n).toBe(1);
    // only the site head makes codes
    const proctor = (await c.ok<{ token: string }>('auth.signIn', { staffNo: PROCTOR_A.staffNo, pin: PROCTOR_A.pin })).token;
    expect(await c.call('devices.pairingStart', { name: 'x' }, proctor)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });
});

describe('replaying an offline queue (E3, E4)', () => {
  it('applies each event once by its id, judged at the device time + offset; a replay or a retry returns the same record', async () => {
    const { c, head, seed, proctor, door1, call } = await setup('2026-05-21T08:50:00+08:00');
    const p = await pairDevice(call, head, '门口平板1', c.clock.now().getTime() - 60_000);
    const dev = deviceCall(c.app, p.credential);
    const [a, b] = seed.room1Candidates;
    // offline at 09:20 and 09:25 on the device's clock (a minute slow), replayed at 10:00: before the E4 cut-off
    const events = [
      { id: eventId(), kind: 'confirm', ...door1, candidateId: a!.id, method: 'ticket', scanned: a!.ticketNo, at: '2026-05-21T09:19:00+08:00', offsetMs: p.offsetMs, photo: jpeg(3) },
      { id: eventId(), kind: 'confirm', ...door1, candidateId: b!.id, method: 'ticket', scanned: b!.ticketNo, at: '2026-05-21T09:24:00+08:00', offsetMs: p.offsetMs, noPhotoReason: '摄像头故障' },
    ];
    c.clock.set('2026-05-21T10:00:00+08:00');
    const first = await dev('devices.replay', { events }, proctor);
    expect(first).toMatchObject({ ok: true, data: [{ outcome: 'applied', duplicate: false }, { outcome: 'applied', duplicate: false }] });
    const again = await dev('devices.replay', { events }, proctor);
    expect(again).toMatchObject({ ok: true, data: [{ outcome: 'applied', duplicate: true }, { outcome: 'applied', duplicate: true }] });
    if (!first.ok || !again.ok) throw new Error('unreachable');
    expect(again.data).toEqual((first.data as { duplicate: boolean }[]).map((r) => ({ ...r, duplicate: true })));
    const ck = rows(c, 'SELECT candidate_id, at, device, photo_id FROM checkins ORDER BY id');
    expect(ck).toHaveLength(2);
    expect(ck[0]).toMatchObject({ candidate_id: a!.id, at: '2026-05-21T01:20:00.000Z' });
    expect(String(ck[0]!.device)).toBe(`device:${p.device.uid} 门口平板1 @127.0.0.1 门口平板`);
    expect(one(c, 'SELECT device, length(bytes) AS n FROM checkin_photos WHERE id = ?', ck[0]!.photo_id)).toMatchObject({ device: ck[0]!.device });
    const ev = rows(c, 'SELECT event_id, offset_ms, judged_at, received_at, outcome FROM device_events ORDER BY device_at');
    expect(ev.map((e) => [e.offset_ms, e.judged_at, e.received_at, e.outcome])).toEqual([
      [60_000, '2026-05-21T01:20:00.000Z', '2026-05-21T02:00:00.000Z', 'applied'],
      [60_000, '2026-05-21T01:25:00.000Z', '2026-05-21T02:00:00.000Z', 'applied'],
    ]);
    // the device's events cannot be rewritten
    expect(() => c.app.env.opened.sqlite.prepare("UPDATE device_events SET outcome = 'held'").run()).toThrow(/append-only/);
  });

  it('E4 judged again: a sign-in the device made after the cut-off (its clock) is refused and raises a disagreement alarm', async () => {
    const { c, head, seed, proctor, door1, call } = await setup('2026-05-21T08:50:00+08:00');
    const p = await pairDevice(call, head, '门口平板1', c.clock.now().getTime());
    const who = seed.room1Candidates[2]!;
    c.clock.set('2026-05-21T10:00:00+08:00');
    const out = await deviceCall(c.app, p.credential)('devices.replay', { events: [{ id: eventId(), kind: 'confirm', ...door1, candidateId: who.id, method: 'ticket', scanned: who.ticketNo, at: '2026-05-21T09:30:00+08:00', offsetMs: 0, photo: jpeg() }] }, proctor);
    expect(out).toMatchObject({ ok: true, data: [{ outcome: 'alarm', result: { verdict: 'entry_closed' } }] });
    expect(rows(c, 'SELECT * FROM checkins')).toEqual([]);
    expect(rows(c, 'SELECT kind, candidate_id FROM checkin_alerts')).toEqual([{ kind: 'offline_disagreement', candidate_id: who.id }]);
    expect(rows(c, 'SELECT verdict FROM checkin_refusals')).toEqual([{ verdict: 'entry_closed' }]);
  });

  it('the same candidate signed in at two offline doors becomes one sign-in and one impersonation alarm, whichever replays first', async () => {
    const { c, head, seed, proctor, door1, door2, call } = await setup('2026-05-21T08:40:00+08:00');
    const p1 = await pairDevice(call, head, '门口平板1', c.clock.now().getTime());
    const p2 = await pairDevice(call, head, '门口平板2', c.clock.now().getTime());
    const who = seed.room1Candidates[0]!;
    const ev = (door: object, at: string) => ({ id: eventId(), kind: 'confirm', ...door, candidateId: who.id, method: 'ticket', scanned: who.ticketNo, at, offsetMs: 0, photo: jpeg() });
    c.clock.set('2026-05-21T09:20:00+08:00');
    // the second door replays first: the one that reaches the console first is the sign-in
    const second = await deviceCall(c.app, p2.credential)('devices.replay', { events: [ev(door2, '2026-05-21T09:06:00+08:00')] }, proctor);
    const first = await deviceCall(c.app, p1.credential)('devices.replay', { events: [ev(door1, '2026-05-21T09:05:00+08:00')] }, proctor);
    expect(second).toMatchObject({ ok: true, data: [{ outcome: 'alarm', result: { verdict: 'wrong_room' } }] });
    expect(first).toMatchObject({ ok: true, data: [{ outcome: 'applied' }] });
    expect(rows(c, 'SELECT candidate_id, room_id FROM checkins')).toEqual([{ candidate_id: who.id, room_id: seed.room1.id }]);
    expect(rows(c, 'SELECT kind FROM checkin_alerts')).toEqual([{ kind: 'offline_disagreement' }]);
    // a second admission at the right door too: one sign-in, one impersonation alarm naming the earlier one
    const p3 = await pairDevice(call, head, '门口平板3', c.clock.now().getTime());
    const third = await deviceCall(c.app, p3.credential)('devices.replay', { events: [ev(door1, '2026-05-21T09:07:00+08:00')] }, proctor);
    expect(third).toMatchObject({ ok: true, data: [{ outcome: 'alarm', result: { verdict: 'already_here' } }] });
    expect(rows(c, 'SELECT COUNT(*) AS n FROM checkins')).toEqual([{ n: 1 }]);
    const alarm = one(c, "SELECT kind, checkin_id, device FROM checkin_alerts WHERE kind = 'impersonation_suspect'");
    expect(alarm.checkin_id).toBe(one(c, 'SELECT id FROM checkins').id);
    expect(String(alarm.device)).toContain(`device:${p3.device.uid}`);
  });

  it('a revoked device is refused with a code; its queue is kept unapplied and listed for the site head', async () => {
    const { c, head, seed, proctor, door1, call } = await setup('2026-05-21T08:50:00+08:00');
    const p = await pairDevice(call, head, '丢失的平板', c.clock.now().getTime());
    const list = await c.ok<{ id: number }[]>('devices.list', {}, head);
    await c.ok('devices.revoke', { deviceId: list[0]!.id, reason: '平板遗失' }, head);
    const dev = deviceCall(c.app, p.credential, 2);
    expect(await dev('checkin.door', door1, proctor)).toMatchObject({ ok: false, error: { code: 'DEVICE_REFUSED', reason: 'devices.revoked' } });
    const [a, b] = seed.room1Candidates;
    const events = [a!, b!].map((x, i) => ({ id: eventId(), kind: 'confirm', ...door1, candidateId: x.id, method: 'ticket', scanned: x.ticketNo, at: `2026-05-21T09:0${i + 1}:00+08:00`, offsetMs: 0, photo: jpeg() }));
    c.clock.set('2026-05-21T09:10:00+08:00');
    expect(await dev('devices.replay', { events }, proctor)).toMatchObject({ ok: false, error: { code: 'DEVICE_REFUSED', reason: 'devices.revoked', params: { held: 2 } } });
    // retried: still refused, nothing held twice
    expect((await dev('devices.replay', { events }, proctor)).ok).toBe(false);
    expect(rows(c, 'SELECT * FROM checkins')).toEqual([]);
    const held = await c.ok<{ name: string; kind: string; withPhoto: boolean }[]>('devices.held', { deviceId: list[0]!.id }, head);
    expect(held.map((h) => [h.name, h.kind, h.withPhoto])).toEqual([
      [a!.name, 'confirm', true],
      [b!.name, 'confirm', true],
    ]);
    const after = await c.ok<{ revokedAt: string | null; held: number; queued: number }[]>('devices.list', {}, head);
    expect(after[0]).toMatchObject({ revokedAt: '2026-05-21T00:50:00.000Z', held: 2 });
  });
});

describe('the door pack and the device verdicts (E3, E4, P8)', () => {
  it('judged on the device from its pack, a scan gets the console verdict (ticket, ID number, QR, tails, wrong room, entry closed); full ID numbers never leave', async () => {
    const { scanOffline } = await import('../../renderer/src/offline/judge');
    const { c, seed, proctor, door1 } = await setup('2026-05-21T08:50:00+08:00');
    const pack = await c.ok<Parameters<typeof scanOffline>[0]>('devices.doorPack', door1, proctor);
    expect(JSON.stringify(pack)).not.toContain(seed.room1Candidates[0]!.docNumber);
    expect(pack.proctors).toEqual([]);
    const [a] = seed.room1Candidates;
    const other = seed.room2Candidates[0]!;
    const codes = [a!.ticketNo, a!.docNumber, `KDT1;P370400202605210001;${a!.ticketNo}`, a!.ticketNo.slice(-5), a!.docNumber.slice(-6), other.ticketNo, '999999999999'];
    for (const at of ['2026-05-21T09:10:00+08:00', '2026-05-21T09:31:00+08:00']) {
      c.clock.set(at);
      for (const code of codes) {
        const online = await c.ok<{ kind: string; verdict?: { code: string; method: string; candidate: { id: number } | null }; matches?: { candidateId: number }[] }>('checkin.scan', { ...door1, code }, proctor);
        const offline = await scanOffline(pack, [], { code }, new Date(at));
        if (online.kind === 'hint') {
          // the console hints under the box for a code that finds nobody; the device, unable to tell, says not in the plan (judged again on replay)
          expect(offline.kind === 'verdict' && offline.verdict.code, code).toBe('not_in_plan');
        } else if (online.kind === 'pick') {
          expect(offline.kind, code).toBe('pick');
          if (offline.kind === 'pick') expect(offline.matches.map((m) => m.candidateId), code).toEqual(online.matches!.map((m) => m.candidateId));
        } else {
          expect(offline.kind, code).toBe('verdict');
          if (offline.kind === 'verdict') expect([offline.verdict.code, offline.verdict.method, offline.verdict.candidate?.id ?? null], `${code} at ${at}`).toEqual([online.verdict!.code, online.verdict!.method, online.verdict!.candidate?.id ?? null]);
        }
      }
    }
    // a candidate already in this device's queue: the duplicate alarm's verdict, as the console would say after the replay
    const queued = [{ id: 'X', kind: 'confirm' as const, sessionId: door1.sessionId, roomId: door1.roomId, candidateId: a!.id, method: 'ticket' as const, scanned: a!.ticketNo, at: '2026-05-21T01:05:00.000Z', offsetMs: 0, state: 'pending' as const, name: a!.name }];
    const again = await scanOffline(pack, queued, { code: a!.ticketNo }, new Date('2026-05-21T09:10:00+08:00'));
    expect(again.kind === 'verdict' && again.verdict.code).toBe('already_here');
  });
});
