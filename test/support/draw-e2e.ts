// The draw's small plan for e2e (the one draw-seed.ts writes for the unit tests: 3 theory rooms of 5,
// 2 skill rooms, 12 proctors, 3 chiefs, 6 examiners, a supervisor, a clerk), as a plan package the
// site head imports over HTTP; PINs for the supervisors and the first two proctors set by command.
import { enrolStaff } from './enrol';
import type { PlanPackage } from '../../electron/services/plan/format';
import type { ConsoleFixture } from '../e2e/fixtures';
import { idNumber, type DrawSeed } from './draw-seed';

export interface DrawPlanOptions {
  theoryRooms?: number;
  skillRooms?: number;
  candidatesPerRoom?: number;
  proctors?: number;
  /** S3: who trained whom, as (proctor index, theory room index, seat index) */
  trained?: { proctor: number; room: number; seat: number }[];
  /** proctors in the plan beyond `proctors`, never marked on duty: P900 赵备用 */
  reserve?: boolean;
}

const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '赵', '黄', '周', '吴', '徐', '孙', '胡', '朱', '高', '林', '何', '郭', '马', '罗'];
const GIVEN = ['伟', '芳', '娜', '敏', '静', '丽', '强', '磊', '军', '洋', '勇', '艳', '杰', '涛', '明', '超', '秀英', '华', '平', '刚'];
const PIN = '135790';

export function drawPlan(o: DrawPlanOptions = {}): PlanPackage {
  const date = '2026-05-21';
  const theoryRooms = Array.from({ length: o.theoryRooms ?? 3 }, (_, i) => `第${i + 1}考场`);
  const skillRooms = Array.from({ length: o.skillRooms ?? 2 }, (_, i) => `第${theoryRooms.length + i + 1}考场`);
  const perRoom = o.candidatesPerRoom ?? 5;
  const ticket = (k: number) => `2605210${String(k + 1).padStart(3, '0')}`;
  const candidates: PlanPackage['candidates'] = [];
  const skillSeats = new Map<string, number>(); // R2: one seat each in the skill rooms too
  let k = 0;
  const skillSeat = (room: string) => {
    const next = (skillSeats.get(room) ?? 0) + 1;
    skillSeats.set(room, next);
    return next;
  };
  theoryRooms.forEach((room, ri) => {
    for (let j = 0; j < perRoom; j++, k++) {
      const birthDate = `2004-0${1 + (k % 9)}-1${k % 10}`;
      const sRoom = skillRooms[(ri * perRoom + j) % Math.max(1, skillRooms.length)];
      candidates.push({
        name: k === 0 ? '𠀋文' : `${SURNAMES[k % SURNAMES.length]}${GIVEN[(k * 7) % GIVEN.length]}`,
        gender: '男',
        birthDate,
        docType: '居民身份证',
        docNumber: idNumber('370402', birthDate, 100 + k * 2 + 1),
        ticketNo: ticket(k),
        category: '院校学生',
        workUnit: k % 2 ? '枣庄市技师学院' : '枣庄一厂',
        occupationName: '车工',
        level: 4,
        subjects: sRoom ? ['theory', 'skill'] : ['theory'],
        seats: [{ session: 'T1', room, seat: String(j + 1) }, ...(sRoom ? [{ session: 'K1', room: sRoom, seat: String(skillSeat(sRoom)) }] : [])],
      });
    }
  });
  let n = 0;
  const staff: PlanPackage['staff'] = [];
  const person = (prefix: string, roles: PlanPackage['staff'][number]['roles'], grade: 'senior' | 'examiner' | null, unit: string) => {
    n++;
    const staffNo = `${prefix}${String(n).padStart(3, '0')}`;
    staff.push({ staffNo, name: n === 1 ? '王𪚥' : `${SURNAMES[(n * 3) % SURNAMES.length]}${GIVEN[(n * 11) % GIVEN.length]}${n}`, workUnit: unit, roles, examinerGrade: grade });
    return staff[staff.length - 1]!;
  };
  const proctors = Array.from({ length: o.proctors ?? 12 }, (_, i) => person('P', ['proctor'], null, i % 3 === 0 ? '枣庄一厂' : '市教育局'));
  for (let i = 0; i < 3; i++) person('C', ['chief_examiner'], 'senior', '市鉴定中心');
  for (let i = 0; i < 6; i++) person('E', ['examiner'], 'examiner', '市鉴定中心');
  person('D', ['supervisor'], null, '市人社局');
  person('F', ['score_clerk'], null, '市教育局');
  for (const t of o.trained ?? []) (proctors[t.proctor]!.trained ??= []).push(ticket(t.room * perRoom + t.seat));
  if (o.reserve) staff.push({ staffNo: 'P900', name: '赵备用', roles: ['proctor'] });
  return {
    format: 'exam-site-plan',
    version: 1,
    organisation: { code: 'S0000370400001', name: '枣庄市技师学院', type: 'technical_school', levelCap: 3 },
    batch: { planCode: `P${date.replace(/-/g, '')}01`, name: `${date.replace(/-/g, '')}XXX(枣庄市技师学院)第1期技工院校`, examDate: date },
    subjects: [
      { code: 'LL', occupationCode: '6-18-01-01', occupationName: '车工', level: 4, kind: 'theory', mode: 'computer' },
      ...(skillRooms.length ? [{ code: 'JN', occupationCode: '6-18-01-01', occupationName: '车工', level: 4, kind: 'skill' as const, mode: 'practical' as const }] : []),
    ],
    rooms: [
      ...theoryRooms.map((code, i) => ({ code, kind: 'computer' as const, building: '实训楼', floor: '3', roomNo: `30${i + 1}`, seats: 30 })),
      ...skillRooms.map((code, i) => ({ code, kind: 'skill' as const, building: '实训楼', floor: '1', roomNo: `10${theoryRooms.length + i + 1}`, seats: 30 })),
    ],
    sessions: [
      { code: 'T1', name: '理论知识考试', subject: 'LL', startsAt: `${date}T09:00:00+08:00`, endsAt: `${date}T10:30:00+08:00`, rooms: theoryRooms, proctorsPerRoom: 2 },
      ...(skillRooms.length ? [{ code: 'K1', name: '技能操作考核', subject: 'JN', startsAt: `${date}T13:30:00+08:00`, endsAt: `${date}T17:30:00+08:00`, rooms: skillRooms, proctorsPerRoom: 2, examinersPerRoom: 3 }] : []),
    ],
    candidates,
    staff,
  };
}

/** The site set up, the draw's plan imported and the signers' PINs set, over HTTP; the ids as imported. */
export async function seedDrawPlanOverHttp(c: ConsoleFixture, o: DrawPlanOptions = {}): Promise<DrawSeed & { head: string }> {
  const head = await c.setupSite();
  const pkg = drawPlan(o);
  await c.call('plan.import', { package: pkg }, head);
  // reads: the ids the import gave
  const sqlite = c.app.env.opened.sqlite;
  const staff = sqlite.prepare('SELECT s.id, s.staff_no AS staffNo, r.role FROM staff s JOIN staff_roles r ON r.staff_id = s.id ORDER BY s.staff_no').all() as { id: number; staffNo: string; role: string }[];
  const ids = (role: string) => staff.filter((s) => s.role === role && s.staffNo !== 'P900').map((s) => s.id);
  const byNo = new Map(staff.map((s) => [s.id, s.staffNo]));
  // S1: the signers enrol with the codes the site head issued and choose their own PINs
  const caller = { ok: <T,>(m: string, i?: unknown, t?: string | null) => c.call<T>(m, i, t ?? undefined) };
  await enrolStaff(caller, head, [...new Set(staff.filter((x) => x.role === 'supervisor' || ['P001', 'P002'].includes(x.staffNo)).map((x) => x.id))], PIN);
  const batchId = (sqlite.prepare('SELECT id FROM batches').get() as { id: number }).id;
  const session = (code: string) => (sqlite.prepare('SELECT id FROM exam_sessions WHERE code = ?').get(code) as { id: number } | undefined)?.id ?? 0;
  const roomIds = (kind: string) => (sqlite.prepare('SELECT id FROM rooms WHERE kind = ? ORDER BY code').all(kind) as { id: number }[]).map((r) => r.id);
  return {
    head,
    batchId,
    theorySessionId: session('T1'),
    skillSessionId: session('K1'),
    theoryRoomIds: roomIds('computer'),
    skillRoomIds: roomIds('skill'),
    candidateIds: (sqlite.prepare('SELECT id FROM candidates ORDER BY ticket_no').all() as { id: number }[]).map((r) => r.id),
    proctorIds: ids('proctor'),
    chiefIds: ids('chief_examiner'),
    examinerIds: ids('examiner'),
    supervisorIds: ids('supervisor'),
    scoreClerkIds: ids('score_clerk'),
    staffNo: (id) => byNo.get(id) ?? '',
  };
}

// S3: every proctor trained one theory candidate (proctor i: room i mod 3, seat i div 3), so whoever
// the draw puts in a room is barred from one other room, whatever the seed
export const TRAINED = Array.from({ length: 12 }, (_, i) => ({ proctor: i, room: i % 3, seat: Math.floor(i / 3) }));

export type Board = { sessions: { id: number; rooms: { id: number; code: string; proctors: { staffId: number; name: string }[] }[] }[] };

/** The draw's plan with TRAINED imported, everyone on duty but the last proctor, the draw run (draw.spec.ts clicks both); the board's theory session. */
export async function drawnOverHttp(c: ConsoleFixture): Promise<{ seed: DrawSeed & { head: string }; theory: Board['sessions'][number] }> {
  const seed = await seedDrawPlanOverHttp(c, { trained: TRAINED });
  const staff = [...seed.proctorIds.slice(0, 11), ...seed.chiefIds, ...seed.examinerIds, ...seed.supervisorIds, ...seed.scoreClerkIds];
  await c.call('draw.duty.mark', { batchId: seed.batchId, staffIds: staff, onDuty: true }, seed.head);
  await c.call('draw.run', { batchId: seed.batchId }, seed.head);
  const board = await c.call<Board>('draw.board', { batchId: seed.batchId }, seed.head);
  return { seed, theory: board.sessions.find((x) => x.id === seed.theorySessionId)! };
}
