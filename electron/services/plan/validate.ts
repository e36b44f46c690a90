// Validation of a plan package before anything is written: every problem, with where it is and
// the DOMAIN rule it breaks. Errors stop the import; warnings are shown and may be accepted.
import { DOC_TYPES, LEVEL_ZH, MODES_ALLOWED, MODE_ZH, ORG_TYPE_ZH, SUBJECT_KIND_ZH, type PlanPackage, type PlanSession, type SubjectKind } from './format';
import { ID_PROBLEM_ZH, parseResidentId } from '../../domain/gb11643';
import { problem, type Locator, type PlanProblem } from './problems';
import type { PhotoFile } from './reader';

/** P4: the typical cap by organisation type when the filed scope gives none (1 = 一级 is highest). */
export const DEFAULT_LEVEL_CAP: Record<PlanPackage['organisation']['type'], number | null> = {
  technical_school: 3,
  vocational_school: 4,
  social_org: 3,
  enterprise: null,
};
/** P4: the 2020 pilot social organisations evaluate at most 3 occupations. */
export const SOCIAL_ORG_MAX_OCCUPATIONS = 3;
/** P7: Shandong caps photos at 20 KB. */
export const PHOTO_MAX_BYTES = 20 * 1024;

export const occupationKey = (name: string, workType: string | null | undefined, level: number) => `${name}\u0000${workType ?? ''}\u0000${level}`;

export function isJpeg(data: Buffer): boolean {
  return data.length > 3 && data[0] === 0xff && data[1] === 0xd8 && data[2] === 0xff;
}

const levelText = (l: number) => LEVEL_ZH[l] ?? `${l}级`;
const ms = (iso: string) => Date.parse(iso);
const overlaps = (a: PlanSession, b: PlanSession) => ms(a.startsAt) < ms(b.endsAt) && ms(b.startsAt) < ms(a.endsAt);
const compactDate = (d: string) => d.replace(/-/g, '');

export interface ValidateOptions {
  photos?: ReadonlyMap<string, PhotoFile>;
  /** today in the site's calendar (YYYY-MM-DD): birth dates after it are wrong */
  today?: string;
  /** a re-import: the photos already held stay when none are sent */
  photosHeld?: boolean;
}

export function validatePlan(pkg: PlanPackage, at: Locator, opts: ValidateOptions = {}): PlanProblem[] {
  const out: PlanProblem[] = [];
  const err = (rule: string, where: ReturnType<Locator['batch']>, msg: string) => out.push(problem('error', rule, where, msg));
  const warn = (rule: string, where: ReturnType<Locator['batch']>, msg: string) => out.push(problem('warning', rule, where, msg));

  // P5: 20230521XXX(机构名称)第1期社会化评价 — the date is the exam date
  const b = pkg.batch;
  const p5 = /^(\d{8}).+第\d+期(社会化评价|技工院校|.*评价)$/.exec(b.name);
  if (b.name && !p5) warn('P5', at.batch('name'), `计划名称“${b.name}”不符合“20230521XXX(机构名称)第1期社会化评价”的格式`);
  else if (p5 && b.examDate && p5[1] !== compactDate(b.examDate)) warn('P5', at.batch('name'), `计划名称中的日期 ${p5[1]} 与认定日期 ${b.examDate} 不一致`);

  // subjects: P2 codes, P6 modes, P4 scope
  const cap = pkg.organisation.levelCap ?? DEFAULT_LEVEL_CAP[pkg.organisation.type];
  const subjectByCode = new Map<string, number>();
  const occupations = new Set<string>();
  // occupations whose own subject has a wrong mode: their candidates' 考核方式 is not checked again
  const badModes = new Set<string>();
  pkg.subjects.forEach((s, i) => {
    if (s.code && subjectByCode.has(s.code)) err('FORMAT', at.item('subjects', i, 'code'), `科目代码 ${s.code} 重复（第 ${at.item('subjects', subjectByCode.get(s.code)!).row} 行已有）`);
    else subjectByCode.set(s.code, i);
    if (s.occupationCode && !/^\d-\d{2}-\d{2}-\d{2}$/.test(s.occupationCode)) err('P2', at.item('subjects', i, 'occupationCode'), `职业编码“${s.occupationCode}”应为 6-18-01-01 的形式`);
    if (s.workTypeCode && !/^\d-\d{2}-\d{2}-\d{2}-\d{2}$/.test(s.workTypeCode)) err('P2', at.item('subjects', i, 'workTypeCode'), `工种编码“${s.workTypeCode}”应为 6-18-01-01-02 的形式`);
    if (!MODES_ALLOWED[s.kind].includes(s.mode)) {
      badModes.add(occupationKey(s.occupationName, s.workTypeName, s.level));
      err('P6', at.item('subjects', i, 'mode'), `${SUBJECT_KIND_ZH[s.kind]}不能采用“${MODE_ZH[s.mode]}”方式（可用：${MODES_ALLOWED[s.kind].map((m) => MODE_ZH[m]).join('、')}）`);
    }
    if (cap !== null && s.level >= 1 && s.level < cap) {
      err('P4', at.item('subjects', i, 'level'), `${s.occupationName} ${levelText(s.level)}超出机构备案范围（${ORG_TYPE_ZH[pkg.organisation.type]}最高 ${levelText(cap)}）`);
    }
    occupations.add(s.occupationCode || s.occupationName);
  });
  if (pkg.organisation.type === 'social_org' && occupations.size > SOCIAL_ORG_MAX_OCCUPATIONS) {
    err('P4', at.item('subjects', pkg.subjects.length - 1, 'occupationName'), `社会培训评价组织至多认定 ${SOCIAL_ORG_MAX_OCCUPATIONS} 个职业，本计划有 ${occupations.size} 个`);
  }

  // rooms
  const roomByCode = new Map<string, number>();
  pkg.rooms.forEach((r, i) => {
    if (r.code && roomByCode.has(r.code)) err('FORMAT', at.item('rooms', i, 'code'), `考场 ${r.code} 重复`);
    else roomByCode.set(r.code, i);
    if (r.seats <= 0) err('R2', at.item('rooms', i, 'seats'), '座位数必须大于 0');
  });

  // staff pools
  const proctors = pkg.staff.filter((s) => s.roles.includes('proctor'));
  const examiners = pkg.staff.filter((s) => s.roles.includes('examiner') || s.roles.includes('chief_examiner'));
  const anyBooked = examiners.some((e) => (e.sessions ?? []).length > 0);

  // sessions: R1 rooms, S2 proctors, S5 panels, S6 grades of the pool
  const sessionByCode = new Map<string, number>();
  const panelOf = (s: PlanSession, kind: SubjectKind | undefined) => (kind === 'skill' || kind === 'review' ? (s.examinersPerRoom ?? 3) : 0);
  const kindOf = (s: PlanSession) => pkg.subjects[subjectByCode.get(s.subject) ?? -1]?.kind;
  const levelOf = (s: PlanSession) => pkg.subjects[subjectByCode.get(s.subject) ?? -1]?.level ?? 5;
  const valid = (s: PlanSession) => !!s.startsAt && !!s.endsAt && !Number.isNaN(ms(s.startsAt)) && !Number.isNaN(ms(s.endsAt));
  pkg.sessions.forEach((s, i) => {
    if (s.code && sessionByCode.has(s.code)) err('FORMAT', at.item('sessions', i, 'code'), `场次代码 ${s.code} 重复`);
    else sessionByCode.set(s.code, i);
    if (s.subject && !subjectByCode.has(s.subject)) err('P6', at.item('sessions', i, 'subject'), `科目代码 ${s.subject} 不在“认定科目”表中`);
    if (s.rooms.length === 0) err('R1', at.item('sessions', i, 'rooms'), `场次 ${s.code} 没有安排考场`);
    for (const r of s.rooms) if (!roomByCode.has(r)) err('R1', at.item('sessions', i, 'rooms'), `考场 ${r} 不在“考场”表中`);
    if (new Set(s.rooms).size !== s.rooms.length) err('R1', at.item('sessions', i, 'rooms'), '同一考场重复列出');
    if (valid(s) && ms(s.endsAt) <= ms(s.startsAt)) err('FORMAT', at.item('sessions', i, 'endsAt'), '结束时间必须晚于开始时间');
    if (valid(s) && pkg.batch.examDate && !s.startsAt.startsWith(pkg.batch.examDate)) warn('P5', at.item('sessions', i, 'startsAt'), `场次日期与认定日期 ${pkg.batch.examDate} 不同`);
    if (s.proctorsPerRoom < 2) err('S2', at.item('sessions', i, 'proctorsPerRoom'), `每个考场至少 2 名监考人员，此处为 ${s.proctorsPerRoom}`);
    const kind = kindOf(s);
    if ((kind === 'skill' || kind === 'review') && s.examinersPerRoom != null && (s.examinersPerRoom < 3 || s.examinersPerRoom % 2 === 0)) {
      err('S5', at.item('sessions', i, 'examinersPerRoom'), `${SUBJECT_KIND_ZH[kind]}每个考评组须 3 名以上单数考评员，此处为 ${s.examinersPerRoom}`);
    }
  });
  pkg.sessions.forEach((s, i) => {
    if (!valid(s) || s.rooms.length === 0) return;
    const concurrent = pkg.sessions.filter((o) => valid(o) && overlaps(s, o));
    // S2: two proctors in every room of every session running at the same time
    const roomsNow = new Map<string, number>();
    for (const o of concurrent) for (const r of o.rooms) roomsNow.set(r, Math.max(roomsNow.get(r) ?? 0, Math.max(2, o.proctorsPerRoom)));
    const needProctors = [...roomsNow.values()].reduce((a, n) => a + n, 0);
    if (proctors.length < needProctors) {
      err('S2', at.item('sessions', i, 'rooms'), `${s.code} 开考时共有 ${roomsNow.size} 个考场同时进行，需要至少 ${needProctors} 名监考人员，计划中只有 ${proctors.length} 名`);
    }
    // S5: a panel of examiners in every room; examiners booked for the session, or else the whole pool
    const kind = kindOf(s);
    const panel = panelOf(s, kind);
    if (panel === 0) return;
    const pool = anyBooked ? examiners.filter((e) => (e.sessions ?? []).includes(s.code)) : examiners;
    const needExaminers = anyBooked
      ? panel * s.rooms.length
      : concurrent.reduce((a, o) => a + panelOf(o, kindOf(o)) * o.rooms.length, 0);
    if (pool.length < needExaminers) {
      err('S5', at.item('sessions', i, anyBooked ? 'examinersPerRoom' : 'rooms'), `${s.code}（${SUBJECT_KIND_ZH[kind!]}）需要 ${needExaminers} 名考评员（每考场 ${panel} 名），可用的只有 ${pool.length} 名`);
    }
    // S6: level 2 and above needs senior examiners
    if (levelOf(s) <= 2) {
      const seniors = pool.filter((e) => e.examinerGrade === 'senior').length;
      if (!anyBooked && seniors < panel * s.rooms.length) {
        err('S6', at.item('sessions', i, 'rooms'), `${s.code} 认定 ${levelText(levelOf(s))}，需要 ${panel * s.rooms.length} 名高级考评员，计划中只有 ${seniors} 名`);
      }
    }
  });

  // candidates: P8 documents, P7 tickets, P6 subjects, seats and R2 capacity
  const offered = new Map<string, { kinds: Set<SubjectKind>; modes: Set<string> }>();
  for (const s of pkg.subjects) {
    const k = occupationKey(s.occupationName, s.workTypeName, s.level);
    const o = offered.get(k) ?? { kinds: new Set(), modes: new Set() };
    o.kinds.add(s.kind);
    o.modes.add(s.mode);
    offered.set(k, o);
  }
  const byDoc = new Map<string, number>();
  const byTicket = new Map<string, number>();
  const seatsTaken = new Map<string, number>(); // session|room|seat → candidate
  const inRoom = new Map<string, number>(); // session|room → count
  pkg.candidates.forEach((c, i) => {
    if (!(DOC_TYPES as readonly string[]).includes(c.docType)) {
      err('P8', at.item('candidates', i, 'docType'), `不接受的证件类型“${c.docType}”（可用：${DOC_TYPES.join('、')}）`);
    } else if (c.docType === '居民身份证' && c.docNumber) {
      const id = parseResidentId(c.docNumber, opts.today);
      if (!id.ok) err('P8', at.item('candidates', i, 'docNumber'), `${ID_PROBLEM_ZH[id.problem]}：${c.docNumber}`);
      else {
        if (c.birthDate && id.facts.birthDate !== c.birthDate) err('P8', at.item('candidates', i, 'birthDate'), `出生日期 ${c.birthDate} 与身份证号码中的 ${id.facts.birthDate} 不一致`);
        if (id.facts.gender !== c.gender) err('P8', at.item('candidates', i, 'gender'), `性别“${c.gender}”与身份证号码（第 17 位）所示“${id.facts.gender}”不一致`);
      }
    }
    if (c.docNumber) {
      const first = byDoc.get(c.docNumber);
      if (first !== undefined) err('P8', at.item('candidates', i, 'docNumber'), `证件号码与第 ${at.item('candidates', first).row} 行重复`);
      else byDoc.set(c.docNumber, i);
    }
    if (c.ticketNo) {
      const first = byTicket.get(c.ticketNo);
      if (first !== undefined) err('P7', at.item('candidates', i, 'ticketNo'), `准考证号 ${c.ticketNo} 与第 ${at.item('candidates', first).row} 行重复`);
      else byTicket.set(c.ticketNo, i);
    }
    const o = c.level ? offered.get(occupationKey(c.occupationName, c.workTypeName, c.level)) : undefined;
    if (c.level && !o) {
      err('P6', at.item('candidates', i, 'level'), `本计划没有 ${c.occupationName}${c.workTypeName ? `（${c.workTypeName}）` : ''} ${levelText(c.level)}的认定科目`);
    }
    if (o) {
      for (const k of c.subjects) if (!o.kinds.has(k)) err('P6', at.item('candidates', i, 'subjects'), `${c.occupationName} ${levelText(c.level)}没有“${SUBJECT_KIND_ZH[k]}”科目`);
      const modesKnown = !badModes.has(occupationKey(c.occupationName, c.workTypeName, c.level));
      for (const m of c.modes ?? []) if (modesKnown && !o.modes.has(m)) err('P6', at.item('candidates', i, 'modes'), `${c.occupationName} ${levelText(c.level)}不采用“${MODE_ZH[m as keyof typeof MODE_ZH]}”考核方式`);
    }
    if (c.subjects.length === 0) err('P6', at.item('candidates', i, 'subjects'), '至少申报一个考核科目');
    const seatedKinds = new Set<SubjectKind>();
    const seatedSessions = new Set<string>();
    c.seats.forEach((seat, j) => {
      const si = sessionByCode.get(seat.session);
      if (si === undefined) {
        err('R1', at.seat(i, j, 'session'), `场次 ${seat.session} 不在“场次”表中`);
        return;
      }
      const s = pkg.sessions[si]!;
      const subj = pkg.subjects[subjectByCode.get(s.subject) ?? -1];
      if (subj && (occupationKey(subj.occupationName, subj.workTypeName, subj.level) !== occupationKey(c.occupationName, c.workTypeName, c.level) || !c.subjects.includes(subj.kind))) {
        err('P6', at.seat(i, j, 'session'), `场次 ${s.code} 考的是 ${subj.occupationName} ${levelText(subj.level)}${SUBJECT_KIND_ZH[subj.kind]}，与考生申报的不符`);
      }
      if (subj) seatedKinds.add(subj.kind);
      if (seatedSessions.has(s.code)) err('R1', at.seat(i, j, 'session'), `考生在场次 ${s.code} 中被安排了两次`);
      seatedSessions.add(s.code);
      if (!s.rooms.includes(seat.room)) {
        err('R1', at.seat(i, j, 'room'), `考场 ${seat.room} 不属于场次 ${s.code}`);
        return;
      }
      const key = `${s.code}|${seat.room}`;
      inRoom.set(key, (inRoom.get(key) ?? 0) + 1);
      if (seat.seat) {
        const sk = `${key}|${seat.seat}`;
        const other = seatsTaken.get(sk);
        if (other !== undefined) err('R2', at.seat(i, j, 'seat'), `${seat.room} ${s.code} 的 ${seat.seat} 号座位已安排给 ${pkg.candidates[other]!.name}（一人一桌）`);
        else seatsTaken.set(sk, i);
      }
    });
    for (const k of c.subjects) {
      if (!seatedKinds.has(k) && o?.kinds.has(k)) warn('P7', at.item('candidates', i, 'subjects'), `${SUBJECT_KIND_ZH[k]}尚未安排考场和场次`);
    }
  });

  // R2: a room's seats are a hard capacity, counting every session in it at the same time
  pkg.rooms.forEach((r, ri) => {
    const using = pkg.sessions.filter((s) => s.rooms.includes(r.code) && valid(s));
    for (const s of using) {
      const together = using.filter((o) => overlaps(s, o));
      const n = together.reduce((a, o) => a + (inRoom.get(`${o.code}|${r.code}`) ?? 0), 0);
      if (n > r.seats) {
        err('R2', at.item('rooms', ri, 'seats'), `${r.code} 在 ${together.map((o) => o.code).join('、')} 安排了 ${n} 名考生，超过座位数 ${r.seats}`);
        break;
      }
    }
  });

  // P7: photos (warnings: the day can run without them, but the door compares faces)
  if (opts.photos && opts.photos.size === 0 && pkg.candidates.length > 0) {
    warn(
      'P7',
      at.photos(),
      opts.photosHeld
        ? '没有收到照片：已导入的照片保留不变，新增的考生没有照片'
        : `没有收到照片：${pkg.candidates.length} 名考生都没有照片（以准考证号或证件号码命名的 JPG，放在文件夹或 ZIP 中）`,
    );
  } else if (opts.photos) {
    const used = new Set<string>();
    pkg.candidates.forEach((c, i) => {
      const key = [c.ticketNo.toUpperCase(), c.docNumber.toUpperCase()].find((k) => opts.photos!.has(k));
      if (!key) {
        warn('P7', at.item('candidates', i, 'name'), `缺少照片（应为 ${c.ticketNo}.jpg 或 ${c.docNumber}.jpg）`);
        return;
      }
      used.add(key);
      const ph = opts.photos!.get(key)!;
      if (!isJpeg(ph.data)) warn('P7', at.item('candidates', i, 'name'), `照片 ${ph.name} 不是 JPG 格式`);
      else if (ph.data.length > PHOTO_MAX_BYTES) warn('P7', at.item('candidates', i, 'name'), `照片 ${ph.name} 为 ${(ph.data.length / 1024).toFixed(1)} KB，超过 20 KB`);
    });
    for (const [k, ph] of opts.photos) if (!used.has(k)) warn('P7', at.photos(), `照片 ${ph.name} 找不到对应的考生（文件名应为准考证号或证件号码）`);
  }

  // staff: S7 roles, S6 grades, S3 training relations
  const byStaffNo = new Map<string, number>();
  pkg.staff.forEach((s, i) => {
    if (s.staffNo && byStaffNo.has(s.staffNo)) err('FORMAT', at.item('staff', i, 'staffNo'), `工号 ${s.staffNo} 重复`);
    else byStaffNo.set(s.staffNo, i);
    if (s.roles.length === 0) err('S1', at.item('staff', i, 'roles'), '至少需要一个角色');
    const groups = [s.roles.includes('proctor') && '监考人员', (s.roles.includes('examiner') || s.roles.includes('chief_examiner')) && '考评员', s.roles.includes('supervisor') && '督导员'].filter(Boolean);
    if (groups.length > 1) err('S7', at.item('staff', i, 'roles'), `同一批次中不得交叉兼任：${s.name} 同时担任${groups.join('和')}`);
    const isExaminer = s.roles.includes('examiner') || s.roles.includes('chief_examiner');
    if (isExaminer && !s.examinerGrade) err('S6', at.item('staff', i, 'examinerGrade'), '考评员须填写考评员等级（考评员 / 高级考评员）');
    for (const code of s.sessions ?? []) {
      const si = sessionByCode.get(code);
      if (si === undefined) {
        err('S4', at.item('staff', i, 'sessions'), `场次 ${code} 不在“场次”表中`);
        continue;
      }
      const lvl = levelOf(pkg.sessions[si]!);
      if (s.examinerGrade === 'examiner' && lvl <= 2) {
        err('S6', at.item('staff', i, 'examinerGrade'), `${s.name} 为考评员，只能考评三级及以下，不能考评场次 ${code}（${levelText(lvl)}）`);
      }
    }
    for (const t of s.trained ?? []) if (!byTicket.has(t)) warn('S3', at.item('staff', i, 'trained'), `培训考生的准考证号 ${t} 不在考生表中`);
  });

  return sortProblems(out);
}

export function sortProblems(ps: PlanProblem[]): PlanProblem[] {
  return ps
    .map((p, i) => ({ p, i }))
    .sort((a, b) => (a.p.severity === b.p.severity ? a.i - b.i : a.p.severity === 'error' ? -1 : 1))
    .map((x) => x.p);
}
