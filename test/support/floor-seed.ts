// The floor in the middle of the first theory session, from the demo day as it stands once the draw
// is confirmed (test.use({ day: 'drawn' }): the plan, everyone's PIN, the draw), then through the
// console's commands: scoring standards, some sign-ins at the first theory room's door, one incident
// waiting for the supervisor. Tokens for each role the floor screens need, so a spec can open any
// screen as that person without clicking through sign-in.
import type { ConsoleFixture, DayFacts } from '../e2e/fixtures';
import { setStandards } from './stories';

export interface Person {
  staffId: number;
  staffNo: string;
  name: string;
  token: string;
}

export interface FloorSeed {
  day: DayFacts;
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

/** The floor ten minutes before the first theory session, on a console that starts from the demo day's 'drawn' stage. */
export async function seedFloor(c: ConsoleFixture): Promise<FloorSeed> {
  const day = c.day;
  if (!day || day.stage !== 'drawn') throw new Error("seedFloor: the spec starts from the demo day's 'drawn' stage (test.use({ day: 'drawn' }))");
  const head = await c.setupSite();
  await setStandards(c, day, head);
  const session = day.sessions.find((s) => s.kind === 'theory')!;
  const room = session.rooms[0]!;
  const [pairA, pairB] = room.proctors;
  const panel = day.panels[0]!;
  const chiefMember = panel.members.find((m) => m.role === 'chief_examiner')!;

  // ten minutes before the start: the door is open
  c.clock.set(new Date(new Date(session.startsAt).getTime() - 10 * 60_000));
  const signInAs = async (p: Omit<Person, 'token'>, role: string): Promise<Person> => ({
    staffId: p.staffId,
    staffNo: p.staffNo,
    name: p.name,
    token: await c.signIn(p.staffNo, undefined, role),
  });
  const proctorA = await signInAs(pairA!, 'proctor');
  const proctorB = await signInAs(pairB!, 'proctor');
  const supervisor = await signInAs(day.supervisor, 'supervisor');
  const chief = await signInAs(chiefMember, 'chief_examiner');

  const door = { sessionId: session.id, roomId: room.id };
  const roster = room.candidates;
  for (const r of roster.slice(0, 3)) {
    await c.call('checkin.confirm', { ...door, candidateId: r.id, method: 'ticket', scanned: r.ticketNo, noPhotoReason: '摄像头未就绪' }, proctorA.token);
  }
  await c.call(
    'incidents.record',
    { ...door, subjectType: 'candidate', candidateId: roster[0]!.id, kind: 'talking', description: '开考后与邻座交谈，经提醒后停止。', second: { staffNo: proctorB.staffNo, pin: day.staffPin } },
    proctorA.token,
  );
  const board = await c.call<{ draws: { id: number }[] }>('draw.board', { batchId: day.batchId }, head);
  return {
    day,
    head,
    ...door,
    proctorA,
    proctorB,
    supervisor,
    chief,
    waitingTicket: roster[4]!.ticketNo,
    sheet: { candidateId: panel.candidateIds[0]!, subjectId: panel.subjectId },
    drawId: board.draws[board.draws.length - 1]!.id,
  };
}
