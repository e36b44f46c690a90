// Plan data for draw tests, inserted through drizzle (the plan import is built in
// parallel): organisation, batch, occupation, subjects, sessions, rooms, candidates with valid
// GB 11643 numbers, seats, and staff with roles, grades, PINs and training relations.
import { schema, type Db } from '../../db';
import type { ExaminerGrade, RoomKind, StaffRole } from '../../db/schema/core';
import { setPin } from './pin-seed';
import type { Clock, RandomSource } from '../../electron/services/runtime';

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';

/** GB 11643: region(6) + birth(8) + sequence(3, odd = male) + ISO 7064 MOD 11-2 check character. */
export function idNumber(region: string, birth: string, seq: number): string {
  const body = `${region}${birth.replace(/-/g, '')}${String(seq).padStart(3, '0')}`;
  const sum = [...body].reduce((acc, ch, i) => acc + Number(ch) * WEIGHTS[i]!, 0);
  return body + CHECK[sum % 11]!;
}

export interface DrawSeedOptions {
  theoryRooms?: number;
  skillRooms?: number;
  candidatesPerRoom?: number;
  proctors?: number;
  chiefs?: number;
  examiners?: number;
  supervisors?: number;
  /** the skill subject's level (S6) */
  skillLevel?: number;
  examDate?: string;
  pin?: string;
  /** set a PIN for every staff member (slow: scrypt) */
  allPins?: boolean;
}

export interface DrawSeed {
  batchId: number;
  theorySessionId: number;
  skillSessionId: number;
  theoryRoomIds: number[];
  skillRoomIds: number[];
  candidateIds: number[];
  proctorIds: number[];
  chiefIds: number[];
  examinerIds: number[];
  supervisorIds: number[];
  scoreClerkIds: number[];
  staffNo(id: number): string;
}

const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '赵', '黄', '周', '吴', '徐', '孙', '胡', '朱', '高', '林', '何', '郭', '马', '罗'];
const GIVEN = ['伟', '芳', '娜', '敏', '静', '丽', '强', '磊', '军', '洋', '勇', '艳', '杰', '涛', '明', '超', '秀英', '华', '平', '刚'];

export function seedDrawPlan(db: Db, clock: Clock, random: RandomSource, o: DrawSeedOptions = {}): DrawSeed {
  const date = o.examDate ?? '2026-05-21';
  const now = clock.now().toISOString();
  const pin = o.pin ?? '135790';
  const org = db.insert(schema.organisations).values({ code: 'S0000370400001', name: '枣庄市技师学院', type: 'technical_school', levelCap: 3 }).returning().get();
  const batch = db
    .insert(schema.batches)
    .values({ organisationId: org.id, planCode: `P${date.replace(/-/g, '')}01`, name: `${date.replace(/-/g, '')}XXX(枣庄市技师学院)第1期技工院校`, examDate: date, status: 'draft', importedAt: now })
    .returning()
    .get();
  const occ = db
    .insert(schema.occupations)
    .values({ batchId: batch.id, code: '6-18-01-01', name: '车工', workTypeCode: null, workTypeName: null, level: o.skillLevel ?? 4 })
    .returning()
    .get();
  const theory = db.insert(schema.subjects).values({ batchId: batch.id, occupationId: occ.id, kind: 'theory', mode: 'computer' }).returning().get();
  const skill = db.insert(schema.subjects).values({ batchId: batch.id, occupationId: occ.id, kind: 'skill', mode: 'practical' }).returning().get();
  const tSession = db
    .insert(schema.examSessions)
    .values({ batchId: batch.id, subjectId: theory.id, code: 'T1', name: '理论知识考试', startsAt: `${date}T09:00:00+08:00`, endsAt: `${date}T10:30:00+08:00`, proctorsPerRoom: 2 })
    .returning()
    .get();
  const sSession = db
    .insert(schema.examSessions)
    .values({ batchId: batch.id, subjectId: skill.id, code: 'K1', name: '技能操作考核', startsAt: `${date}T13:30:00+08:00`, endsAt: `${date}T17:30:00+08:00`, proctorsPerRoom: 2 })
    .returning()
    .get();
  const mkRooms = (n: number, kind: RoomKind, first: number) =>
    Array.from({ length: n }, (_, i) =>
      db
        .insert(schema.rooms)
        .values({ batchId: batch.id, code: `第${first + i}考场`, kind, building: '实训楼', floor: kind === 'skill' ? '1' : '3', roomNo: `${kind === 'skill' ? 1 : 3}0${first + i}`, seats: 30 })
        .returning()
        .get().id,
    );
  const theoryRoomIds = mkRooms(o.theoryRooms ?? 3, 'computer', 1);
  const skillRoomIds = mkRooms(o.skillRooms ?? 2, 'skill', (o.theoryRooms ?? 3) + 1);
  for (const r of theoryRoomIds) db.insert(schema.sessionRooms).values({ sessionId: tSession.id, roomId: r }).run();
  for (const r of skillRoomIds) db.insert(schema.sessionRooms).values({ sessionId: sSession.id, roomId: r }).run();

  const perRoom = o.candidatesPerRoom ?? 5;
  const candidateIds: number[] = [];
  let k = 0;
  theoryRoomIds.forEach((roomId, ri) => {
    for (let j = 0; j < perRoom; j++, k++) {
      const birth = `2004-0${1 + (k % 9)}-1${k % 10}`;
      const doc = idNumber('370402', birth, 100 + k * 2 + 1);
      const name = k === 0 ? '𠀋文' : `${SURNAMES[k % SURNAMES.length]}${GIVEN[(k * 7) % GIVEN.length]}`;
      const c = db
        .insert(schema.candidates)
        .values({ batchId: batch.id, occupationId: occ.id, name, gender: '男', birthDate: birth, docType: '居民身份证', docNumber: doc, docTail: doc.slice(-6), ticketNo: `2605210${String(k + 1).padStart(3, '0')}`, category: '院校学生', workUnit: k % 2 ? '枣庄市技师学院' : '枣庄一厂' })
        .returning()
        .get();
      candidateIds.push(c.id);
      db.insert(schema.candidateSubjects).values({ candidateId: c.id, subjectId: theory.id, sessionId: tSession.id, roomId, seat: String(j + 1) }).run();
      // the same candidates sit the skill test in the afternoon, spread over the skill rooms
      const sRoom = skillRoomIds[(ri * perRoom + j) % Math.max(1, skillRoomIds.length)];
      if (sRoom) db.insert(schema.candidateSubjects).values({ candidateId: c.id, subjectId: skill.id, sessionId: sSession.id, roomId: sRoom, seat: String(j + 1) }).run();
    }
  });

  const staffNos = new Map<number, string>();
  let n = 0;
  // PINs (scrypt, slow on purpose) only for who signs in: the supervisors and the first two proctors
  const person = (prefix: string, roles: StaffRole[], grade: ExaminerGrade | null, unit: string, withPin = false) => {
    n++;
    const staffNo = `${prefix}${String(n).padStart(3, '0')}`;
    const name = n === 1 ? '王𪚥' : `${SURNAMES[(n * 3) % SURNAMES.length]}${GIVEN[(n * 11) % GIVEN.length]}${n}`;
    const p = db.insert(schema.staff).values({ staffNo, name, workUnit: unit, examinerGrade: grade, createdAt: now }).returning().get();
    for (const r of roles) db.insert(schema.staffRoles).values({ staffId: p.id, role: r }).run();
    if (withPin || o.allPins) setPin(db, p.id, pin, clock, random);
    staffNos.set(p.id, staffNo);
    return p.id;
  };
  const proctorIds = Array.from({ length: o.proctors ?? 12 }, (_, i) => person('P', ['proctor'], null, i % 3 === 0 ? '枣庄一厂' : '市教育局', i < 2));
  const chiefIds = Array.from({ length: o.chiefs ?? 3 }, () => person('C', ['chief_examiner'], 'senior', '市鉴定中心'));
  const examinerIds = Array.from({ length: o.examiners ?? 6 }, () => person('E', ['examiner'], 'examiner', '市鉴定中心'));
  const supervisorIds = Array.from({ length: o.supervisors ?? 1 }, () => person('D', ['supervisor'], null, '市人社局', true));
  const scoreClerkIds = [person('F', ['score_clerk'], null, '市教育局')];
  return {
    batchId: batch.id,
    theorySessionId: tSession.id,
    skillSessionId: sSession.id,
    theoryRoomIds,
    skillRoomIds,
    candidateIds,
    proctorIds,
    chiefIds,
    examinerIds,
    supervisorIds,
    scoreClerkIds,
    staffNo: (id) => staffNos.get(id) ?? '',
  };
}
