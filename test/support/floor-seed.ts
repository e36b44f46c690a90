// The floor in the middle of the first theory session, through the console's commands: the demo plan,
// the draw, scoring standards and PINs (scoringDayWith), the first room's proctor pair enrolled, some
// sign-ins at that door, one incident waiting for the supervisor. Tokens for each role the floor
// screens need, so a spec can open any screen as that person without clicking through sign-in.
import type { Sqlite } from '../../db';
import type { ManualClock } from '../../electron/services/runtime';
import { enrolStaff } from './enrol';
import { scoringDayWith, STAFF_PIN, type ScoringDay } from './scoring-seed';

interface Caller {
  ok<T = unknown>(method: string, input?: unknown, token?: string | null): Promise<T>;
}

export interface Person {
  staffId: number;
  staffNo: string;
  name: string;
  token: string;
}

export interface FloorSeed {
  day: ScoringDay;
  head: string;
  sessionId: number;
  roomId: number;
  proctorA: Person;
  proctorB: Person;
  supervisor: Person;
  chief: Person;
  /** a candidate of the door not signed in yet (its ticket) */
  waitingTicket: string;
  /** the chief's candidate and subject for the score sheet */
  sheet: { candidateId: number; subjectId: number };
  /** the latest draw (the projector screen) */
  drawId: number;
}

export async function seedFloor(c: Caller, sqlite: Sqlite, clock: ManualClock, head: string): Promise<FloorSeed> {
  const day = await scoringDayWith({ ok: c.ok, sqlite }, head);
  const first = sqlite
    .prepare(
      `SELECT a.session_id AS sessionId, a.room_id AS roomId, s.starts_at AS startsAt FROM draw_assignments a JOIN exam_sessions s ON s.id = a.session_id
       JOIN subjects su ON su.id = s.subject_id JOIN rooms r ON r.id = a.room_id
       WHERE a.active = 1 AND a.role = 'proctor' AND su.kind = 'theory' ORDER BY s.starts_at, r.code LIMIT 1`,
    )
    .get() as { sessionId: number; roomId: number; startsAt: string };
  const pair = sqlite
    .prepare(
      `SELECT s.id AS staffId, s.staff_no AS staffNo, s.name FROM draw_assignments a JOIN staff s ON s.id = a.staff_id
       WHERE a.session_id = ? AND a.room_id = ? AND a.role = 'proctor' AND a.active = 1 ORDER BY a.position`,
    )
    .all(first.sessionId, first.roomId) as Omit<Person, 'token'>[];
  // the pair enrol with their own codes and PINs (S1: nobody sets another person's PIN)
  await enrolStaff(c, head, pair.map((p) => p.staffId), STAFF_PIN);
  const supervisorRow = sqlite
    .prepare(`SELECT s.id AS staffId, s.staff_no AS staffNo, s.name FROM staff s JOIN staff_roles r ON r.staff_id = s.id AND r.role = 'supervisor' ORDER BY s.staff_no LIMIT 1`)
    .get() as Omit<Person, 'token'>;
  const panel = day.panels[0]!;
  const chiefMember = panel.members.find((m) => m.role === 'chief_examiner')!;
  const chiefRow = sqlite.prepare('SELECT id AS staffId, staff_no AS staffNo, name FROM staff WHERE id = ?').get(chiefMember.staffId) as Omit<Person, 'token'>;

  // ten minutes before the start: the door is open
  clock.set(new Date(new Date(first.startsAt).getTime() - 10 * 60_000));
  const signInAs = async (p: Omit<Person, 'token'>, role: string): Promise<Person> => ({
    ...p,
    token: (await c.ok<{ token: string }>('auth.signIn', { staffNo: p.staffNo, pin: STAFF_PIN, role })).token,
  });
  const proctorA = await signInAs(pair[0]!, 'proctor');
  const proctorB = await signInAs(pair[1]!, 'proctor');
  const supervisor = await signInAs(supervisorRow, 'supervisor');
  const chief = await signInAs(chiefRow, 'chief_examiner');

  const roster = sqlite
    .prepare(`SELECT c.id, c.ticket_no AS ticket FROM candidate_subjects cs JOIN candidates c ON c.id = cs.candidate_id WHERE cs.session_id = ? AND cs.room_id = ? ORDER BY cs.seat`)
    .all(first.sessionId, first.roomId) as { id: number; ticket: string }[];
  const door = { sessionId: first.sessionId, roomId: first.roomId };
  for (const r of roster.slice(0, 3)) {
    await c.ok('checkin.confirm', { ...door, candidateId: r.id, method: 'ticket', scanned: r.ticket, noPhotoReason: '摄像头未就绪' }, proctorA.token);
  }
  await c.ok(
    'incidents.record',
    { ...door, subjectType: 'candidate', candidateId: roster[0]!.id, kind: 'talking', description: '开考后与邻座交谈，经提醒后停止。', second: { staffNo: proctorB.staffNo, pin: STAFF_PIN } },
    proctorA.token,
  );
  const board = await c.ok<{ draws: { id: number }[] }>('draw.board', { batchId: day.batchId }, head);
  return {
    day,
    head,
    ...door,
    proctorA,
    proctorB,
    supervisor,
    chief,
    waitingTicket: roster[4]!.ticket,
    sheet: { candidateId: panel.candidateIds[0]!, subjectId: panel.subjectId },
    drawId: board.draws[board.draws.length - 1]!.id,
  };
}
