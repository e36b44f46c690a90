// S2 attack: a proctor fetches a door photo, an incident, its photo or a room's candidates by id
// outside the door the draw gave them: refused (403) and audited like every refused call; the
// proctor drawn there, the site head and the supervisor read them.
import { describe, expect, it } from 'vitest';
import { proctorsFor } from '../../electron/services/draw/service';
import { seedDrawPlan } from '../support/draw-seed';
import { enrolStaff } from '../support/enrol';
import { siteHead, testConsole } from './helpers';

const PIN = '135790';
const JPEG = Buffer.from('/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDAAgGBgcGBQgHBwcJCQgKDBQNDAsLDBkSEw8UHRofHh0aHBwgJC4nICIsIxwcKDcpLDAxNDQ0Hyc5PTgyPC4zNDL/wAALCAABAAEBAREA/8QAFAABAAAAAAAAAAAAAAAAAAAACf/EABQQAQAAAAAAAAAAAAAAAAAAAAD/2gAIAQEAAD8AKp//2Q==', 'base64');

describe('S2: room material read only by those drawn there', () => {
  it('S2 attack: a proctor of room B asking for room A’s door photo, incident, incident photo or candidates by id is refused (FORBIDDEN, audited); room A’s proctor reads them', async () => {
    const c = testConsole('2026-05-21T07:30:00+08:00');
    const token = await siteHead(c);
    const { db, sqlite } = c.app.env.opened;
    const seed = seedDrawPlan(db, c.clock, c.app.env.random);
    const ids = [...seed.proctorIds, ...seed.chiefIds, ...seed.examinerIds, ...seed.supervisorIds, ...seed.scoreClerkIds];
    await c.ok('draw.duty.mark', { batchId: seed.batchId, staffIds: ids, onDuty: true }, token);
    await c.ok('draw.run', { batchId: seed.batchId }, token);
    const s = seed.theorySessionId;
    const [roomA, roomB] = seed.theoryRoomIds as [number, number];
    const a = proctorsFor(db, s, roomA)[0]!;
    const b = proctorsFor(db, s, roomB)[0]!;
    await enrolStaff(c, token, [a.staffId, b.staffId], PIN);
    const ta = (await c.ok<{ token: string }>('auth.signIn', { staffNo: a.staffNo, pin: PIN })).token;
    const tb = (await c.ok<{ token: string }>('auth.signIn', { staffNo: b.staffNo, pin: PIN })).token;

    // room A's material, as the door and the incident form write it
    const cand = (sqlite.prepare('SELECT candidate_id AS id FROM candidate_subjects WHERE session_id = ? AND room_id = ? LIMIT 1').get(s, roomA) as { id: number }).id;
    const photoId = Number(
      sqlite
        .prepare("INSERT INTO checkin_photos (candidate_id, session_id, purpose, mime, bytes, sha256, taken_at, taken_by, device) VALUES (?, ?, 'signin', 'image/jpeg', ?, 'x', '2026-05-21T08:40:00+08:00', ?, 'vitest')")
        .run(cand, s, JPEG, a.staffId).lastInsertRowid,
    );
    const incidentId = Number(
      sqlite
        .prepare(
          `INSERT INTO incidents (batch_id, session_id, room_id, subject_type, candidate_id, kind, occurred_at, description, recorded_at, recorded_by, device, status)
           VALUES (?, ?, ?, 'candidate', ?, 'crib_notes', '2026-05-21T09:40:00+08:00', '桌面有小抄', '2026-05-21T09:41:00+08:00', ?, 'vitest', 'open')`,
        )
        .run(seed.batchId, s, roomA, cand, a.staffId).lastInsertRowid,
    );
    const incPhoto = Number(sqlite.prepare("INSERT INTO incident_photos (incident_id, mime, bytes, sha256, taken_at, taken_by) VALUES (?, 'image/jpeg', ?, 'y', '2026-05-21T09:41:00+08:00', ?)").run(incidentId, JPEG, a.staffId).lastInsertRowid);

    const asks: [string, Record<string, number>][] = [
      ['checkin.photo', { photoId }],
      ['incidents.get', { incidentId }],
      ['incidents.photo', { photoId: incPhoto }],
      ['incidents.room', { sessionId: s, roomId: roomA }],
    ];
    const refusedBefore = (sqlite.prepare("SELECT COUNT(*) AS n FROM audit_events WHERE outcome = 'refused'").get() as { n: number }).n;
    for (const [method, input] of asks) {
      const r = await c.call(method, input, tb);
      expect(r.ok ? null : r.error, method).toMatchObject({ code: 'FORBIDDEN', reason: 'access.notYourRoom' });
      expect((await c.call(method, input, ta)).ok, method).toBe(true);
      expect((await c.call(method, input, token)).ok, method).toBe(true);
    }
    // a registered photo at the door: a candidate of this session in another room (a wrong-room
    // verdict) is shown; one of another session, asked for by id, is not
    const otherRoom = (sqlite.prepare('SELECT candidate_id AS id FROM candidate_subjects WHERE session_id = ? AND room_id = ? LIMIT 1').get(s, roomB) as { id: number }).id;
    // someone of the batch who sits no subject in this session (a copy of room A's candidate, seatless)
    const cols = (sqlite.prepare('PRAGMA table_info(candidates)').all() as { name: string }[]).map((x) => x.name).filter((n) => n !== 'id');
    const picked = cols.map((n) => (n === 'ticket_no' ? "'T-ELSEWHERE'" : n === 'doc_number' ? "'11010519491231002X'" : n)).join(', ');
    const elsewhere = Number(sqlite.prepare(`INSERT INTO candidates (${cols.join(', ')}) SELECT ${picked} FROM candidates WHERE id = ?`).run(cand).lastInsertRowid);
    expect((await c.call('checkin.candidatePhoto', { sessionId: s, roomId: roomA, candidateId: otherRoom }, ta)).ok).toBe(true);
    const foreign = await c.call('checkin.candidatePhoto', { sessionId: s, roomId: roomA, candidateId: elsewhere }, ta);
    expect(foreign.ok ? null : foreign.error).toMatchObject({ code: 'FORBIDDEN', reason: 'access.notYourRoom' });

    // refused calls leave their audit events (rate-limited, never silent)
    const refused = sqlite.prepare("SELECT command FROM audit_events WHERE outcome = 'refused' ORDER BY seq").all() as { command: string }[];
    expect(refused.length).toBeGreaterThan(refusedBefore);
    expect(refused.map((e) => e.command)).toEqual(expect.arrayContaining(['checkin.photo', 'incidents.get']));
    // the list holds only what B may read
    const listB = await c.ok<{ id: number }[]>('incidents.list', {}, tb);
    expect(listB.map((i) => i.id)).not.toContain(incidentId);
    expect((await c.ok<{ id: number }[]>('incidents.list', {}, ta)).map((i) => i.id)).toContain(incidentId);
  }, 120_000);
});
