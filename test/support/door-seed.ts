// A small batch plan for the door's tests, inserted through drizzle into the core tables (the
// plan import is built in parallel). Valid GB 11643 ID numbers, rare-character names
// (P11), registered JPEG photos, two theory rooms, a skill session, two proctors and a supervisor.

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { schema, type Db } from '../../db';
import type { RoomKind } from '../../db/schema/core';
import { setPin } from './pin-seed';
import { checkCharacter } from '../../electron/domain/gb11643';
import { cryptoRandom, type Clock } from '../../electron/services/runtime';

export const PLAN_CODE = 'P370400202605210001';
export const PROCTOR_A = { staffNo: 'P001', name: '王𪚥', pin: '135790' };
export const PROCTOR_B = { staffNo: 'P002', name: '赵敏', pin: '246802' };
export const SUPERVISOR = { staffNo: 'D001', name: '钱督导', pin: '975310' };

/** Theory from 09:00 to 10:30 on 21 May 2026 (site time, +08:00); skill in the afternoon. */
export const THEORY = { code: 'T1', name: '理论知识考试', startsAt: '2026-05-21T09:00:00+08:00', endsAt: '2026-05-21T10:30:00+08:00' };
export const SKILL = { code: 'S1', name: '技能操作考核', startsAt: '2026-05-21T13:00:00+08:00', endsAt: '2026-05-21T15:00:00+08:00' };

// 𠀋 (U+2000B) and 𠮷 (U+20BB7) render with Noto CJK; 𪚥 (U+2A6A5) needs an Extension B font such as SimSun-ExtB
export const NAMES = ['周𠮷祥', '张𠀋', '李𪚥华', '陈思远', '刘晓燕', '王建国', '孙丽', '吴敏', '郑海涛', '冯玉兰', '褚𡈽', '卫国强'];

export function photo(n: number): Buffer {
  return readFileSync(fileURLToPath(new URL(`./door-photos/p${(n % 4) + 1}.jpg`, import.meta.url)));
}

/** A valid 18-character 居民身份证 number (P8) for a birth date and sex. */
export function idNumber(region: string, birth: string, seq: number, gender: '男' | '女'): string {
  let s = seq % 1000;
  if ((s % 2 === 1) !== (gender === '男')) s = (s + 1) % 1000;
  const first17 = `${region}${birth.replaceAll('-', '')}${String(s).padStart(3, '0')}`;
  return first17 + checkCharacter(first17);
}

export interface SeedCandidate {
  id: number;
  name: string;
  gender: '男' | '女';
  docNumber: string;
  ticketNo: string;
  roomId: number;
  roomCode: string;
  seat: string;
}

export interface DoorSeed {
  batchId: number;
  theorySessionId: number;
  skillSessionId: number;
  room1: { id: number; code: string };
  room2: { id: number; code: string };
  skillRoom: { id: number; code: string };
  /** theory candidates of room 1, then room 2 */
  room1Candidates: SeedCandidate[];
  room2Candidates: SeedCandidate[];
  /** sits only the skill session */
  skillOnly: SeedCandidate;
  proctorA: number;
  proctorB: number;
  supervisor: number;
}

export interface SeedOptions {
  room1Count?: number;
  room2Count?: number;
  /** extra candidates in further theory rooms (the benchmark's 10,000) */
  bulkRooms?: number;
  bulkPerRoom?: number;
  withStaff?: boolean;
}

export function seedDoor(db: Db, clock: Clock, opts: SeedOptions = {}): DoorSeed {
  const room1Count = opts.room1Count ?? 6;
  const room2Count = opts.room2Count ?? 4;
  const now = clock.now().toISOString();
  const org = db.insert(schema.organisations).values({ code: 'S0000370400ZZ', name: '枣庄市技师学院', type: 'technical_school', levelCap: 3 }).returning().get();
  const batch = db
    .insert(schema.batches)
    .values({ organisationId: org.id, planCode: PLAN_CODE, name: '20260521XXX(枣庄市技师学院)第1期技工院校', examDate: '2026-05-21', status: 'draft', importedAt: now })
    .returning()
    .get();
  const occ = db.insert(schema.occupations).values({ batchId: batch.id, code: '4-14-01-03', name: '健康照护师', level: 4 }).returning().get();
  const theory = db.insert(schema.subjects).values({ batchId: batch.id, occupationId: occ.id, kind: 'theory', mode: 'paper' }).returning().get();
  const skill = db.insert(schema.subjects).values({ batchId: batch.id, occupationId: occ.id, kind: 'skill', mode: 'practical' }).returning().get();
  const tSession = db.insert(schema.examSessions).values({ batchId: batch.id, subjectId: theory.id, ...THEORY }).returning().get();
  const sSession = db.insert(schema.examSessions).values({ batchId: batch.id, subjectId: skill.id, ...SKILL }).returning().get();
  const room = (code: string, kind: RoomKind, roomNo: string, seats: number) =>
    db.insert(schema.rooms).values({ batchId: batch.id, code, kind, building: '实训楼', floor: '3层', roomNo, seats }).returning().get();
  const r1 = room('第1考场', 'theory', '301', 30);
  const r2 = room('第2考场', 'theory', '302', 30);
  const rs = room('技能1室', 'skill', '101', 10);
  for (const r of [r1, r2]) db.insert(schema.sessionRooms).values({ sessionId: tSession.id, roomId: r.id }).run();
  db.insert(schema.sessionRooms).values({ sessionId: sSession.id, roomId: rs.id }).run();

  let n = 0;
  const add = (roomId: number, roomCode: string, seat: number, sessions: 'theory' | 'skill' | 'both', withPhoto = true): SeedCandidate => {
    n += 1;
    const gender: '男' | '女' = n % 2 === 1 ? '男' : '女';
    const birth = `19${80 + (n % 20)}-0${1 + (n % 9)}-${String(10 + (n % 18)).padStart(2, '0')}`;
    // unique for any n: a region code per 500 candidates, an even sequence number (odd for men) within it
    const docNumber = idNumber(String(370402 + Math.floor(n / 500)), birth, (n % 500) * 2, gender);
    const ticketNo = `260521${String(n).padStart(5, '0')}`;
    const name = n <= NAMES.length ? NAMES[n - 1]! : `考生${n}`;
    const c = db
      .insert(schema.candidates)
      .values({
        batchId: batch.id,
        occupationId: occ.id,
        name,
        gender,
        birthDate: birth,
        docType: '居民身份证',
        docNumber,
        docTail: docNumber.slice(-6),
        ticketNo,
        category: '院校学生',
        photo: withPhoto ? photo(n) : null,
        photoType: withPhoto ? 'image/jpeg' : null,
      })
      .returning({ id: schema.candidates.id })
      .get();
    if (sessions !== 'skill') {
      db.insert(schema.candidateSubjects).values({ candidateId: c.id, subjectId: theory.id, sessionId: tSession.id, roomId, seat: String(seat) }).run();
    }
    if (sessions !== 'theory') {
      db.insert(schema.candidateSubjects).values({ candidateId: c.id, subjectId: skill.id, sessionId: sSession.id, roomId: rs.id, seat: String(seat) }).run();
    }
    return { id: c.id, name, gender, docNumber, ticketNo, roomId, roomCode, seat: String(seat) };
  };

  const room1Candidates: SeedCandidate[] = [];
  const room2Candidates: SeedCandidate[] = [];
  const skillOnly = add(rs.id, rs.code, 1, 'skill');
  for (let i = 1; i <= room1Count; i++) room1Candidates.push(add(r1.id, r1.code, i, i % 3 === 0 ? 'both' : 'theory'));
  for (let i = 1; i <= room2Count; i++) room2Candidates.push(add(r2.id, r2.code, i, 'theory'));
  for (let k = 0; k < (opts.bulkRooms ?? 0); k++) {
    const r = room(`第${k + 3}考场`, 'theory', String(400 + k), opts.bulkPerRoom ?? 30);
    db.insert(schema.sessionRooms).values({ sessionId: tSession.id, roomId: r.id }).run();
    for (let i = 1; i <= (opts.bulkPerRoom ?? 30); i++) add(r.id, r.code, i, 'theory', false);
  }

  let proctorA = 0;
  let proctorB = 0;
  let supervisor = 0;
  if (opts.withStaff ?? true) {
    const person = (p: { staffNo: string; name: string; pin: string }, role: (typeof schema.staffRoles.$inferInsert)['role']) => {
      const s = db.insert(schema.staff).values({ staffNo: p.staffNo, name: p.name, createdAt: now }).returning().get();
      db.insert(schema.staffRoles).values({ staffId: s.id, role }).run();
      setPin(db, s.id, p.pin, clock, cryptoRandom);
      return s.id;
    };
    proctorA = person(PROCTOR_A, 'proctor');
    proctorB = person(PROCTOR_B, 'proctor');
    supervisor = person(SUPERVISOR, 'supervisor');
  }
  return {
    batchId: batch.id,
    theorySessionId: tSession.id,
    skillSessionId: sSession.id,
    room1: { id: r1.id, code: r1.code },
    room2: { id: r2.id, code: r2.code },
    skillRoom: { id: rs.id, code: rs.code },
    room1Candidates,
    room2Candidates,
    skillOnly,
    proctorA,
    proctorB,
    supervisor,
  };
}
