// The home's next steps (electron/services/home) on the demo day's real databases at several
// stages (test/support/days.ts): what each role is told to do next, and the counts of what waits.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { openDatabase, type OpenedDatabase } from '../../db';
import { DB_FILE } from '../../electron/app';
import type { Actor } from '../../electron/services/auth';
import { readContext } from '../../electron/services/context';
import { nextSteps, type NextSteps } from '../../electron/services/home/next-steps';
import { signInCurves } from '../../electron/services/incidents/floor';
import { dashboard } from '../../electron/services/incidents/views';
import { ManualClock } from '../../electron/services/runtime';
import type { Role } from '../../electron/services/roles';
import { DayStore, type DayFacts, type DayStage } from '../support/days';
import { testDbKey } from '../support/test-key';
import { tempDir } from './helpers';

const store = new DayStore();
const opened: OpenedDatabase[] = [];

beforeAll(async () => {
  await store.ensure();
}, 600_000);

afterAll(() => {
  for (const o of opened.splice(0)) o.sqlite.close();
});

interface Stage {
  facts: DayFacts;
  db: OpenedDatabase;
  clock: ManualClock;
  /** the steps for someone in a role (the day's person of that role unless given) */
  steps(role: Role, who?: { staffId: number; staffNo: string; name: string }): NextSteps;
  codes(role: Role, who?: { staffId: number; staffNo: string; name: string }): string[];
}

function atStage(stage: DayStage): Stage {
  const dir = tempDir(`esc-next-${stage}-`);
  const facts = store.restore(stage, dir);
  const db = openDatabase(join(dir, DB_FILE), { key: testDbKey() });
  opened.push(db);
  const clock = new ManualClock(facts.at);
  const personOf = (role: Role) => {
    if (role === 'site_head') return { staffId: (db.sqlite.prepare('SELECT id FROM staff WHERE staff_no = ?').get(facts.site.staffNo) as { id: number }).id, staffNo: facts.site.staffNo, name: 'head' };
    if (role === 'supervisor') return facts.supervisor;
    if (role === 'score_clerk') return facts.clerks[0]!;
    const row = db.sqlite.prepare('SELECT s.id AS staffId, s.staff_no AS staffNo, s.name FROM staff s JOIN staff_roles r ON r.staff_id = s.id WHERE r.role = ? ORDER BY s.staff_no LIMIT 1').get(role) as { staffId: number; staffNo: string; name: string };
    return row;
  };
  const steps = (role: Role, who = personOf(role)) => nextSteps(readContext(db, { clock }), { ...who, role } satisfies Actor);
  return { facts, db, clock, steps, codes: (role, who) => steps(role, who).steps.map((s) => s.code) };
}

const count = (db: OpenedDatabase, q: string, ...args: unknown[]) => (db.sqlite.prepare(q).get(...args) as { n: number }).n;
const first = (s: NextSteps) => s.steps[0]!;

describe('home: next steps on the demo day (real databases at each stage)', () => {
  test('plan imported: the head marks duty, draws, sets the standards; the supervisor marks duty; proctors wait for the draw (E2, S2, G3)', () => {
    const s = atStage('plan');
    const skillSubjects = count(s.db, "SELECT COUNT(*) AS n FROM subjects WHERE kind <> 'theory'");
    expect(skillSubjects).toBeGreaterThan(0);
    expect(s.codes('site_head')).toEqual(['duty.mark', 'draw.run', 'standards.set', 'doors.next']);
    const head = s.steps('site_head').steps;
    expect(head.find((x) => x.code === 'standards.set')).toMatchObject({ count: skillSubjects, path: '/scoring/standards' });
    expect(head.find((x) => x.code === 'doors.next')!.params).toMatchObject({ session: s.facts.sessions[0]!.name, time: '09:00' });
    expect(s.codes('supervisor')).toEqual(['duty.mark', 'doors.next']);
    expect(s.codes('proctor')).toEqual(['draw.wait']);
    expect(s.codes('examiner')).toEqual(['draw.wait']);
    expect(s.codes('score_clerk')).toEqual(['day.nothing']);
    expect(s.steps('site_head').batch).toMatchObject({ id: s.facts.batchId, examDate: s.facts.examDate });
  });

  test('drawn: set the 评分标准 before scoring; a proctor is sent to the door of the room drawn, with who is still out and the E4 cut-off', () => {
    const s = atStage('drawn');
    const head = s.steps('site_head');
    expect(first(head)).toMatchObject({ code: 'standards.set', path: '/scoring/standards' });
    expect(s.codes('site_head')).not.toContain('draw.run');
    expect(s.codes('supervisor')).toEqual(['doors.next']);
    const room = s.facts.sessions[0]!.rooms[0]!;
    const proctor = room.proctors[0]!;
    expect(first(s.steps('proctor', proctor))).toEqual({
      code: 'door.signIn',
      path: `/door/room/${s.facts.sessions[0]!.id}/${room.id}`,
      count: room.candidates.length,
      params: { session: s.facts.sessions[0]!.name, room: room.code, time: '09:00', cutoff: '09:30', end: expect.any(String) as unknown as string },
    });
    const chief = s.facts.panels[0]!.members[0]!;
    expect(s.codes('chief_examiner', chief)).toEqual(['standards.wait']);
    // E4: once entry has closed with nobody signed in, the same proctor is told to mark the absent
    s.clock.set(new Date(Date.parse(s.facts.sessions[0]!.startsAt) + 30 * 60_000));
    expect(first(s.steps('proctor', proctor))).toMatchObject({ code: 'door.markAbsent', count: room.candidates.length });
    s.clock.set(new Date(Date.parse(s.facts.sessions[0]!.startsAt) + 30 * 60_000 - 1000));
    expect(first(s.steps('proctor', proctor)).code).toBe('door.signIn');
  });

  test('doors done: sheets and theory scores wait with their counts; the supervisor sees the pending case (E6, S5, S8, G2)', () => {
    const s = atStage('doors');
    const codes = s.codes('site_head');
    expect(codes[0]).toBe('standards.set');
    expect(codes.at(-1)).toBe('cases.pending');
    const head = s.steps('site_head').steps;
    // every panel member owes a sheet for every candidate of the room who signed in (S5)
    const owed = s.facts.panels.reduce((n, p) => n + p.members.length * count(s.db, `SELECT COUNT(*) AS n FROM checkins WHERE session_id = ? AND room_id = ?`, p.sessionId, p.roomId), 0);
    expect(owed).toBe(360);
    expect(head.find((x) => x.code === 'sheets.waiting')!.count).toBe(owed);
    const theoryIn = count(s.db, "SELECT COUNT(*) AS n FROM checkins ck JOIN exam_sessions es ON es.id = ck.session_id JOIN subjects su ON su.id = es.subject_id WHERE su.kind = 'theory'");
    expect(head.find((x) => x.code === 'theory.waiting')!.count).toBe(theoryIn);
    // the day left one doubtful sign-in unreviewed; the incident was ruled
    expect(first(s.steps('supervisor'))).toMatchObject({ code: 'cases.pending', count: 1, path: '/incidents/cases' });
    expect(s.codes('supervisor')).toContain('doors.watch');
    expect(s.codes('score_clerk')).toEqual(['theory.import']);
    // the morning's first proctor: sent to a later door of the day if drawn to one (the draw is random), else nothing waits
    const proctor = s.facts.sessions[0]!.rooms[0]!.proctors[0]!;
    const later = s.facts.sessions.flatMap((x) => x.rooms.filter((r) => r.proctors.some((p) => p.staffId === proctor.staffId)).map((r) => ({ session: x, room: r }))).filter((d) => Date.parse(d.session.endsAt) > Date.parse(s.facts.at));
    const steps = s.steps('proctor', proctor).steps;
    if (later.length === 0) expect(steps.map((x) => x.code)).toEqual(['day.nothing']);
    else expect(steps.map((x) => x.path)).toEqual(later.map((d) => `/door/room/${d.session.id}/${d.room.id}`));
  });

  test('scored → sealed → published → ended: seal, publish, wait for the 公示, upload (S9, G5)', () => {
    const scored = atStage('scored');
    expect(first(scored.steps('site_head'))).toMatchObject({ code: 'seal.sign', path: '/seal' });
    expect(scored.codes('chief_examiner', scored.facts.panels[0]!.members[0]!)).toEqual(['seal.sign']);
    expect(scored.codes('supervisor')).toEqual(['cases.pending', 'report.write', 'seal.sign']);
    const sealed = atStage('sealed');
    expect(first(sealed.steps('site_head'))).toMatchObject({ code: 'publication.open', params: { version: sealed.facts.seal!.version } });
    const published = atStage('published');
    expect(first(published.steps('site_head'))).toMatchObject({ code: 'publication.running', count: 0, params: { end: published.facts.publication!.endDate } });
    const ended = atStage('ended');
    expect(first(ended.steps('site_head'))).toMatchObject({ code: 'sync.send', path: '/sync' });
    expect(ended.codes('proctor')).toEqual(['day.done']);
  });
});

describe('dashboard as a picture: room states and the sign-in curve', () => {
  test('a room with people missing after the E4 cut-off, rooms complete, rooms not started or signing in', () => {
    const s = atStage('doors');
    const ctx = readContext(s.db, { clock: s.clock });
    const rows = dashboard(ctx).rows;
    const first = s.facts.sessions[0]!;
    const special = rows.find((r) => r.sessionId === first.id && r.roomId === first.rooms[0]!.id)!;
    expect(special).toMatchObject({ state: 'missing', missing: 2, absent: 2 });
    expect(rows.find((r) => r.sessionId === first.id && r.roomId === first.rooms[1]!.id)!.state).toBe('complete');
    const drawn = atStage('drawn');
    drawn.clock.set(new Date(Date.parse(first.startsAt) - 2 * 60 * 60_000));
    expect(new Set(dashboard(readContext(drawn.db, { clock: drawn.clock })).rows.map((r) => r.state))).toEqual(new Set(['notStarted']));
    drawn.clock.set(new Date(Date.parse(first.startsAt) - 30 * 60_000));
    const early = dashboard(readContext(drawn.db, { clock: drawn.clock })).rows;
    expect(early.filter((r) => r.sessionId === first.id).map((r) => r.state)).toEqual(['signingIn', 'signingIn']);
    drawn.clock.set(new Date(Date.parse(first.startsAt) + 30 * 60_000));
    expect(dashboard(readContext(drawn.db, { clock: drawn.clock })).rows.filter((r) => r.sessionId === first.id).map((r) => r.state)).toEqual(['missing', 'missing']);
  });

  test('the curve counts every sign-in once, cumulative by minute, with the start and the cut-off', () => {
    const s = atStage('doors');
    const curves = signInCurves(readContext(s.db, { clock: s.clock }));
    const first = s.facts.sessions[0]!;
    const c = curves.sessions.find((x) => x.sessionId === first.id)!;
    const signed = count(s.db, 'SELECT COUNT(*) AS n FROM checkins WHERE session_id = ?', first.id);
    expect(c.points.at(-1)!.signedIn).toBe(signed);
    expect(c).toMatchObject({ startsLocal: '09:00', cutoffLocal: '09:30', startMinute: 540, cutoffMinute: 570, expected: first.rooms.reduce((n, r) => n + r.candidates.length, 0) });
    // the admitted latecomer signed in after the cut-off: the last point lies past it
    expect(c.points.at(-1)!.minute).toBeGreaterThan(c.cutoffMinute);
    expect(c.points.map((p) => p.signedIn)).toEqual([...c.points.map((p) => p.signedIn)].sort((a, b) => a - b));
  });
});
