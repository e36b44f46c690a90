// Steps the door's e2e specs share: the door's small plan imported as a plan package over HTTP (the
// same candidates, rooms, times and staff door-seed.ts writes for the unit tests), the staff enrolled
// with codes the site head issued, room 1's door opened as a proctor; scanning like a wedge scanner; reading the database.
import { enrolStaff } from './enrol';
import type { Page } from '@playwright/test';
import type { PlanPackage } from '../../electron/services/plan/format';
import { NAMES, PLAN_CODE, PROCTOR_A, PROCTOR_B, SKILL, SUPERVISOR, THEORY, idNumber, photo, type DoorSeed, type SeedCandidate } from './door-seed';
import { expect, signIn, type ConsoleFixture } from '../e2e/fixtures';

const ROOM1 = { code: '第1考场', kind: 'theory' as const, building: '实训楼', floor: '3层', roomNo: '301', seats: 30 };
const ROOM2 = { code: '第2考场', kind: 'theory' as const, building: '实训楼', floor: '3层', roomNo: '302', seats: 30 };
const SKILL_ROOM = { code: '技能1室', kind: 'skill' as const, building: '实训楼', floor: '3层', roomNo: '101', seats: 10 };

/** The door's plan (door-seed.ts's, as a package): skill-only first, then room 1 (every third also skill), then room 2. */
export function doorPlan(room1Count = 6, room2Count = 4): PlanPackage {
  let n = 0;
  const candidates: PlanPackage['candidates'] = [];
  const add = (room: string, seat: number, sessions: 'theory' | 'skill' | 'both') => {
    n += 1;
    const gender: '男' | '女' = n % 2 === 1 ? '男' : '女';
    const birthDate = `19${80 + (n % 20)}-0${1 + (n % 9)}-${String(10 + (n % 18)).padStart(2, '0')}`;
    const docNumber = idNumber(String(370402 + Math.floor(n / 500)), birthDate, (n % 500) * 2, gender);
    const seats = [
      ...(sessions !== 'skill' ? [{ session: THEORY.code, room, seat: String(seat) }] : []),
      ...(sessions !== 'theory' ? [{ session: SKILL.code, room: SKILL_ROOM.code, seat: String(seat) }] : []),
    ];
    candidates.push({
      name: n <= NAMES.length ? NAMES[n - 1]! : `考生${n}`,
      gender,
      birthDate,
      docType: '居民身份证',
      docNumber,
      ticketNo: `260521${String(n).padStart(5, '0')}`,
      category: '院校学生',
      occupationName: '健康照护师',
      level: 4,
      subjects: sessions === 'both' ? ['theory', 'skill'] : [sessions],
      seats,
      photo: photo(n).toString('base64'),
    });
  };
  add(SKILL_ROOM.code, 1, 'skill');
  for (let i = 1; i <= room1Count; i++) add(ROOM1.code, i, i % 3 === 0 ? 'both' : 'theory');
  for (let i = 1; i <= room2Count; i++) add(ROOM2.code, i, 'theory');
  const subject = (code: string, kind: 'theory' | 'skill', mode: 'paper' | 'practical') => ({ code, occupationCode: '4-14-01-03', occupationName: '健康照护师', level: 4, kind, mode });
  return {
    format: 'exam-site-plan',
    version: 1,
    organisation: { code: 'S0000370400ZZ', name: '枣庄市技师学院', type: 'technical_school', levelCap: 3 },
    batch: { planCode: PLAN_CODE, name: '20260521XXX(枣庄市技师学院)第1期技工院校', examDate: '2026-05-21' },
    subjects: [subject('LL', 'theory', 'paper'), subject('JN', 'skill', 'practical')],
    rooms: [ROOM1, ROOM2, SKILL_ROOM],
    sessions: [
      { ...THEORY, subject: 'LL', rooms: [ROOM1.code, ROOM2.code], proctorsPerRoom: 2 },
      { ...SKILL, subject: 'JN', rooms: [SKILL_ROOM.code], proctorsPerRoom: 2, examinersPerRoom: 3 },
    ],
    candidates,
    staff: [
      { staffNo: PROCTOR_A.staffNo, name: PROCTOR_A.name, roles: ['proctor'] },
      { staffNo: PROCTOR_B.staffNo, name: PROCTOR_B.name, roles: ['proctor'] },
      // S2: two rooms at once need four proctors in the plan (the door's tests sign in as the first two)
      { staffNo: 'P003', name: '孙监考', roles: ['proctor'] },
      { staffNo: 'P004', name: '周监考', roles: ['proctor'] },
      { staffNo: SUPERVISOR.staffNo, name: SUPERVISOR.name, roles: ['supervisor'] },
      ...['E901', 'E902', 'E903'].map((staffNo, i) => ({ staffNo, name: ['考评甲', '考评乙', '考评丙'][i]!, roles: [i === 0 ? 'chief_examiner' : 'examiner'] as ('examiner' | 'chief_examiner')[], examinerGrade: 'senior' as const })),
    ],
  };
}

/** The site set up, the door's plan imported and the door staff's PINs set, all over HTTP; the ids as imported. */
export async function seedDoorPlan(app: ConsoleFixture, counts: { room1?: number; room2?: number } = {}): Promise<DoorSeed> {
  const head = await app.setupSite();
  const pkg = doorPlan(counts.room1, counts.room2);
  await app.call('plan.import', { package: pkg }, head);
  // a read: the ids the import gave
  const q = (sql: string, ...args: unknown[]) => app.app.env.opened.sqlite.prepare(sql).get(...args) as { id: number };
  const staffId = (staffNo: string) => q('SELECT id FROM staff WHERE staff_no = ?', staffNo).id;
  // S1: each person enrols with the code the site head issued and chooses their own PIN
  const caller = { ok: <T,>(m: string, i?: unknown, t?: string | null) => app.call<T>(m, i, t ?? undefined) };
  for (const p of [PROCTOR_A, PROCTOR_B, SUPERVISOR]) await enrolStaff(caller, head, [staffId(p.staffNo)], p.pin);
  const batchId = q('SELECT id FROM batches WHERE plan_code = ?', PLAN_CODE).id;
  const sessionId = (code: string) => q('SELECT id FROM exam_sessions WHERE batch_id = ? AND code = ?', batchId, code).id;
  const room = (code: string) => ({ id: q('SELECT id FROM rooms WHERE batch_id = ? AND code = ?', batchId, code).id, code });
  const [r1, r2, rs] = [room(ROOM1.code), room(ROOM2.code), room(SKILL_ROOM.code)];
  const asSeed = (c: PlanPackage['candidates'][number]): SeedCandidate => {
    const seat = c.seats.find((s) => s.session === THEORY.code) ?? c.seats[0]!;
    const r = seat.room === ROOM1.code ? r1 : seat.room === ROOM2.code ? r2 : rs;
    return { id: q('SELECT id FROM candidates WHERE batch_id = ? AND ticket_no = ?', batchId, c.ticketNo).id, name: c.name, gender: c.gender, docNumber: c.docNumber, ticketNo: c.ticketNo, roomId: r.id, roomCode: r.code, seat: seat.seat! };
  };
  const inRoom = (code: string) => pkg.candidates.filter((c) => c.seats.some((s) => s.session === THEORY.code && s.room === code)).map(asSeed);
  return {
    batchId,
    theorySessionId: sessionId(THEORY.code),
    skillSessionId: sessionId(SKILL.code),
    room1: r1,
    room2: r2,
    skillRoom: rs,
    room1Candidates: inRoom(ROOM1.code),
    room2Candidates: inRoom(ROOM2.code),
    skillOnly: asSeed(pkg.candidates[0]!),
    proctorA: staffId(PROCTOR_A.staffNo),
    proctorB: staffId(PROCTOR_B.staffNo),
    supervisor: staffId(SUPERVISOR.staffNo),
  };
}

export async function openDoor(page: Page, app: ConsoleFixture, staff = PROCTOR_A): Promise<DoorSeed> {
  const seed = await seedDoorPlan(app);
  await signIn(page, app.url, staff.staffNo, staff.pin);
  await expect(page.getByTestId('whoami')).toContainText(staff.name);
  await page.getByRole('menuitem', { name: '考场门口签到' }).click();
  await page.getByTestId(`open-door-${seed.theorySessionId}-${seed.room1.id}`).click();
  await expect(page.getByTestId('door-room')).toHaveText('第1考场');
  return seed;
}

export async function scan(page: Page, code: string): Promise<void> {
  const input = page.getByTestId('scan-input');
  await expect(input).toBeFocused();
  // a wedge scanner types the code and presses Enter
  await page.keyboard.type(code);
  await page.keyboard.press('Enter');
}

export const sql = (app: ConsoleFixture, q: string, ...args: unknown[]) => app.app.env.opened.sqlite.prepare(q).get(...args) as Record<string, unknown>;

/** Waits until the fake camera delivers frames, so a confirm captures a photo (on a loaded machine it starts late). */
export async function cameraLive(page: Page): Promise<void> {
  await expect.poll(() => page.getByTestId('live-video').evaluate((v: HTMLVideoElement) => v.videoWidth)).toBeGreaterThan(0);
}
