// A deterministic plan generator: the demo plan (车工/数控车工 四级 and 电工 三级, ~120 candidates,
// one day) and larger plans for the benchmark. The same seed gives the same plan, always.
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { PLAN_FORMAT, PLAN_VERSION, type PlanCandidate, type PlanPackage, type PlanRoom, type PlanSession, type PlanStaff } from '../../electron/services/plan/format';
import { makeResidentId } from '../../electron/domain/gb11643';

/** mulberry32: small, fast, deterministic */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤';
const GIVEN_M = '伟强磊军洋勇杰涛明超刚平辉鹏华飞鑫波宇浩凯健俊帆帅旭宁龙林欣博文斌浩然子轩梓豪宇航家豪俊杰志强建国晓东';
const GIVEN_F = '芳娜敏静丽艳娟霞秀英慧婷雪琳晶燕玲颖倩蕾薇梦瑶欣怡佳悦子涵雨萱思琪诗雨晓彤';
/** P11: real names with characters outside the common set (CJK Extension B), placed among the candidates */
export const RARE_NAMES = [
  { name: '李𠀋明', gender: '男' as const },
  { name: '王𪚥', gender: '男' as const },
  { name: '陈𡒄婷', gender: '女' as const },
];
const REGIONS = ['370402', '370403', '370404', '370405', '370406', '370481'];

function personName(r: () => number, gender: '男' | '女'): string {
  const pick = (s: string) => [...s][Math.floor(r() * [...s].length)]!;
  const surname = pick(SURNAMES);
  const pool = gender === '男' ? GIVEN_M : GIVEN_F;
  return surname + pick(pool) + (r() < 0.6 ? pick(pool) : '');
}

export interface GenerateOptions {
  candidates?: number;
  seed?: number;
  examDate?: string;
}

export interface GeneratedPlan {
  pkg: PlanPackage;
  /** candidate ticket → which committed face to use */
  photoOf: Map<string, number>;
}

const OCC = [
  { key: 'CG4', occupationName: '车工', occupationCode: '6-18-01-01', workTypeName: '数控车工', workTypeCode: '6-18-01-01-02', level: 4, major: '数控加工', skillRoom: '数控实训车间' },
  { key: 'DG3', occupationName: '电工', occupationCode: '6-31-01-03', workTypeName: null, workTypeCode: null, level: 3, major: '电气自动化设备安装与维修', skillRoom: '电工实训室' },
] as const;

/** The demo plan (120 candidates by default); `candidates` scales rooms, sessions and staff with it. */
export function generatePlan(opts: GenerateOptions = {}): GeneratedPlan {
  const n = opts.candidates ?? 120;
  const r = rng(opts.seed ?? 20260521);
  const date = opts.examDate ?? '2026-05-21';
  const at = (hm: string) => `${date}T${hm}:00+08:00`;
  const ymd = date.replace(/-/g, '');
  const THEORY_SEATS = 30;
  const SKILL_SEATS = 30;

  const perOcc = [Math.ceil(n / 2), Math.floor(n / 2)];
  const rooms: PlanRoom[] = [];
  const sessions: PlanSession[] = [];
  const subjects: PlanPackage['subjects'] = [];
  let theoryRoomNo = 0;
  const occRooms: { theory: string[]; skill: string[] }[] = [];
  OCC.forEach((o, oi) => {
    subjects.push({ code: `${o.key}-LL`, occupationName: o.occupationName, occupationCode: o.occupationCode, workTypeName: o.workTypeName, workTypeCode: o.workTypeCode, level: o.level, kind: 'theory', mode: 'paper' });
    subjects.push({ code: `${o.key}-JN`, occupationName: o.occupationName, occupationCode: o.occupationCode, workTypeName: o.workTypeName, workTypeCode: o.workTypeCode, level: o.level, kind: 'skill', mode: 'practical' });
    const theory: string[] = [];
    for (let i = 0; i < Math.ceil(perOcc[oi]! / THEORY_SEATS); i++) {
      theoryRoomNo++;
      const code = `第${theoryRoomNo}考场`;
      rooms.push({ code, kind: 'theory', building: '教学楼A座', floor: String(2 + Math.floor((theoryRoomNo - 1) / 4)), roomNo: String(200 + 100 * Math.floor((theoryRoomNo - 1) / 4) + ((theoryRoomNo - 1) % 4) + 1), seats: THEORY_SEATS });
      theory.push(code);
    }
    // skill: two shifts in the afternoon, so each shift needs half the stations
    const skill: string[] = [];
    const skillRooms = Math.ceil(perOcc[oi]! / 2 / SKILL_SEATS);
    for (let i = 0; i < skillRooms; i++) {
      const code = skillRooms === 1 ? o.skillRoom : `${o.skillRoom}${i + 1}`;
      rooms.push({ code, kind: 'skill', building: '实训楼', floor: String(oi + 1), roomNo: `${oi + 1}0${i + 1}`, seats: SKILL_SEATS });
      skill.push(code);
    }
    occRooms.push({ theory, skill });
    sessions.push({ code: `${o.key}-LL`, name: `${o.workTypeName ?? o.occupationName}${o.level}级 理论知识考试`, subject: `${o.key}-LL`, startsAt: at('09:00'), endsAt: at('10:30'), rooms: theory, proctorsPerRoom: 2, examinersPerRoom: null });
    sessions.push({ code: `${o.key}-JN1`, name: `${o.workTypeName ?? o.occupationName}${o.level}级 技能操作考核（第一批）`, subject: `${o.key}-JN`, startsAt: at('13:00'), endsAt: at('15:00'), rooms: skill, proctorsPerRoom: 2, examinersPerRoom: 3 });
    sessions.push({ code: `${o.key}-JN2`, name: `${o.workTypeName ?? o.occupationName}${o.level}级 技能操作考核（第二批）`, subject: `${o.key}-JN`, startsAt: at('15:30'), endsAt: at('17:30'), rooms: skill, proctorsPerRoom: 2, examinersPerRoom: 3 });
  });

  const candidates: PlanCandidate[] = [];
  const photoOf = new Map<string, number>();
  const usedIds = new Set<string>();
  let ticket = 0;
  OCC.forEach((o, oi) => {
    const { theory, skill } = occRooms[oi]!;
    for (let i = 0; i < perOcc[oi]!; i++) {
      ticket++;
      const rare = ticket % 40 === 7 ? RARE_NAMES[Math.floor(ticket / 40) % RARE_NAMES.length] : undefined;
      const gender: '男' | '女' = rare?.gender ?? (r() < (o.key === 'CG4' ? 0.85 : 0.75) ? '男' : '女');
      const name = rare?.name ?? personName(r, gender);
      const year = 2003 + Math.floor(r() * 5);
      const month = 1 + Math.floor(r() * 12);
      const day = 1 + Math.floor(r() * 28);
      const birth = `${year}${String(month).padStart(2, '0')}${String(day).padStart(2, '0')}`;
      let docNumber: string;
      let seqNo = Math.floor(r() * 450) * 2 + (gender === '男' ? 1 : 2);
      do {
        docNumber = makeResidentId(REGIONS[Math.floor(r() * REGIONS.length)]!, birth, seqNo % 1000);
        seqNo += 2;
      } while (usedIds.has(docNumber));
      usedIds.add(docNumber);
      const ticketNo = `${ymd.slice(2)}${String(ticket).padStart(n >= 10000 ? 6 : 4, '0')}`;
      const shift = i % 2;
      const inShift = Math.floor(i / 2);
      candidates.push({
        name,
        gender,
        birthDate: `${birth.slice(0, 4)}-${birth.slice(4, 6)}-${birth.slice(6)}`,
        docType: '居民身份证',
        docNumber,
        ticketNo,
        phone: `1${['38', '39', '58', '59', '86', '87'][Math.floor(r() * 6)]}${String(Math.floor(r() * 1e8)).padStart(8, '0')}`,
        ethnicity: r() < 0.97 ? '汉族' : '回族',
        education: r() < 0.8 ? '技工学校' : '高中',
        major: o.major,
        category: '院校学生',
        workUnit: '枣庄市技师学院',
        occupationName: o.occupationName,
        workTypeName: o.workTypeName,
        level: o.level,
        subjects: ['theory', 'skill'],
        modes: ['paper', 'practical'],
        seats: [
          { session: `${o.key}-LL`, room: theory[Math.floor(i / THEORY_SEATS)]!, seat: String((i % THEORY_SEATS) + 1).padStart(2, '0') },
          { session: `${o.key}-JN${shift + 1}`, room: skill[Math.floor(inShift / SKILL_SEATS)]!, seat: String((inShift % SKILL_SEATS) + 1).padStart(2, '0') },
        ],
      });
      photoOf.set(ticketNo, Math.floor(r() * 12));
    }
  });

  // staff: two proctors in every room running at once (plus reserves), a panel of 3 per skill room
  const theoryRooms = occRooms.reduce((a, o) => a + o.theory.length, 0);
  const skillRooms = occRooms.reduce((a, o) => a + o.skill.length, 0);
  const staff: PlanStaff[] = [];
  let no = 0;
  const person = (roles: PlanStaff['roles'], extra: Partial<PlanStaff> = {}) => {
    no++;
    const gender: '男' | '女' = r() < 0.6 ? '男' : '女';
    staff.push({ staffNo: `T${String(no).padStart(3, '0')}`, name: personName(r, gender), gender, workUnit: '枣庄市技师学院', phone: null, roles, examinerGrade: null, sessions: [], trained: [], ...extra });
  };
  const proctorsNeeded = 2 * Math.max(theoryRooms, skillRooms) + 2;
  for (let i = 0; i < proctorsNeeded; i++) person(['proctor']);
  // the 车工 teachers among the proctors trained some of their students (S3: the draw avoids them)
  staff[0]!.trained = candidates.filter((c) => c.occupationName === '车工').slice(0, 5).map((c) => c.ticketNo);
  staff[1]!.trained = candidates.filter((c) => c.occupationName === '电工').slice(0, 5).map((c) => c.ticketNo);
  for (let i = 0; i < skillRooms; i++) {
    person(['chief_examiner'], { examinerGrade: 'senior', workUnit: '枣庄市职业技能鉴定指导中心' });
    person(['examiner'], { examinerGrade: i % 2 === 0 ? 'senior' : 'examiner', workUnit: '枣庄市职业技能鉴定指导中心' });
    person(['examiner'], { examinerGrade: 'examiner', workUnit: '山东鲁南机床有限公司' });
  }
  person(['supervisor'], { workUnit: '枣庄市人力资源和社会保障局' });
  person(['supervisor'], { workUnit: '枣庄市人力资源和社会保障局' });
  person(['score_clerk']);
  person(['score_clerk']);

  const pkg: PlanPackage = {
    format: PLAN_FORMAT,
    version: PLAN_VERSION,
    organisation: { code: 'S0000370400001', name: '枣庄市技师学院', type: 'technical_school', levelCap: 3 },
    batch: { planCode: n === 120 ? `ZZJS-${ymd}-01` : `BENCH-${ymd}-${n}`, name: `${ymd}车工电工(枣庄市技师学院)第1期技工院校`, examDate: date },
    subjects,
    rooms,
    sessions,
    candidates,
    staff,
  };
  return { pkg, photoOf };
}

/** The committed placeholder photos (scripts/plan/make-faces.ts made them once). */
export function facePhotos(): Buffer[] {
  const dir = fileURLToPath(new URL('./faces/', import.meta.url));
  return readdirSync(dir)
    .filter((f) => f.endsWith('.jpg'))
    .sort()
    .map((f) => readFileSync(dir + f));
}
