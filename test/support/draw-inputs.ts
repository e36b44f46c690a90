// Random draw inputs for property tests, feasible by construction: a hidden witness assignment is
// built first and avoidance relations are only added where they do not touch the witness.
import { DRAW_ALGORITHM, type DrawInput, type DrawSession, type DrawStaff, type SubjectKind } from '../../electron/services/draw';

/** mulberry32: the generator's own small PRNG (test data only, never the draw's). */
export function mulberry(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface GenOptions {
  sessions?: number;
  maxRooms?: number;
  /** share of (staff, candidate) pairs off the witness that get an avoidance relation */
  avoidRate?: number;
  avoidSameUnit?: boolean;
  panelSize?: number;
  /** extra staff per pool beyond what the witness needs */
  slack?: number;
  overlap?: boolean;
}

const NAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾萧田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱覃武戴莫孔向汤';

export function genDrawInput(genSeed: number, o: GenOptions = {}): DrawInput {
  const rnd = mulberry(genSeed);
  const int = (lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo + 1));
  const pick = <T,>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)]!;
  const panelSize = o.panelSize ?? pick([3, 3, 5]);
  const units = ['一厂', '二厂', '三厂', '技师学院'];
  const nSessions = o.sessions ?? int(1, 3);
  const sessions: DrawSession[] = [];
  const candidates: DrawInput['candidates'] = [];
  let roomId = 1;
  let candId = 1;
  const kinds: SubjectKind[] = ['theory', 'skill', 'review'];
  for (let i = 0; i < nSessions; i++) {
    const kind = pick(kinds);
    const day = '2026-05-21';
    // sessions at 08:00, 10:00, 13:00…; with overlap, the second session runs alongside the first
    const hour = o.overlap && i === 1 ? 8 : 8 + i * 3;
    const nRooms = int(1, o.maxRooms ?? 5);
    const rooms = [];
    for (let r = 0; r < nRooms; r++) {
      const ids: number[] = [];
      for (let c = int(1, 6); c > 0; c--) {
        candidates.push({ id: candId, workUnit: pick(units) });
        ids.push(candId++);
      }
      rooms.push({ id: roomId, code: `第${roomId}考场`, candidateIds: ids });
      roomId++;
    }
    sessions.push({
      id: i + 1,
      code: `S${i + 1}`,
      name: `第${i + 1}场`,
      kind,
      level: pick([1, 2, 3, 4, 5]),
      startsAt: `${day}T${String(hour).padStart(2, '0')}:00:00+08:00`,
      endsAt: `${day}T${String(hour + 2).padStart(2, '0')}:00:00+08:00`,
      proctorsPerRoom: pick([2, 2, 3]),
      rooms,
    });
  }
  // pools sized from the witness's needs (overlapping sessions need disjoint people)
  const proctorNeed = o.overlap ? sessions.reduce((a, s) => a + s.rooms.length * Math.max(2, s.proctorsPerRoom), 0) : Math.max(...sessions.map((s) => s.rooms.length * Math.max(2, s.proctorsPerRoom)));
  const panelRooms = (s: DrawSession) => (s.kind === 'theory' ? 0 : s.rooms.length);
  const chiefNeed = o.overlap ? sessions.reduce((a, s) => a + panelRooms(s), 0) : Math.max(0, ...sessions.map(panelRooms));
  const slack = o.slack ?? int(0, 3);
  const staff: DrawStaff[] = [];
  let sid = 1;
  const person = (roles: DrawStaff['roles'], grade: DrawStaff['grade']): DrawStaff => {
    const p = { id: sid, name: `${pick([...NAMES])}${String.fromCodePoint(0x4e00 + int(0, 500))}${sid}`, workUnit: pick(units), roles, grade };
    sid++;
    staff.push(p);
    return p;
  };
  const proctors = Array.from({ length: proctorNeed + slack }, () => person(['proctor'], null));
  const chiefs = Array.from({ length: chiefNeed + (chiefNeed ? slack : 0) }, () => person(['chief_examiner'], 'senior'));
  const examiners = Array.from({ length: chiefNeed * (panelSize - 1) + (chiefNeed ? slack : 0) }, () => person(['examiner'], 'senior'));
  // some noise the solver must leave alone: a supervisor, a lower-grade examiner, a dual-role holder
  person(['supervisor'], null);
  person(['examiner'], 'examiner');
  person(['proctor', 'examiner'], 'senior');

  // the witness: who could sit where without breaking any hard rule
  const witness = new Map<string, Set<number>>(); // `${session}:${room}` → staff ids
  const usedAt = new Map<number, Set<number>>(); // session → staff used
  for (const s of sessions) {
    const taken = new Set<number>();
    for (const t of sessions) if (t.id !== s.id && t.startsAt === s.startsAt) for (const x of usedAt.get(t.id) ?? []) taken.add(x);
    const take = (pool: DrawStaff[], n: number) => {
      const out: number[] = [];
      for (const p of [...pool].sort(() => rnd() - 0.5)) {
        if (out.length === n) break;
        if (!taken.has(p.id)) {
          taken.add(p.id);
          out.push(p.id);
        }
      }
      if (out.length < n) throw new Error('genDrawInput: witness short');
      return out;
    };
    const used = new Set<number>();
    for (const r of s.rooms) {
      const w = new Set(take(proctors, Math.max(2, s.proctorsPerRoom)));
      if (s.kind !== 'theory') {
        for (const x of take(chiefs, 1)) w.add(x);
        for (const x of take(examiners, panelSize - 1)) w.add(x);
      }
      witness.set(`${s.id}:${r.id}`, w);
      for (const x of w) used.add(x);
    }
    usedAt.set(s.id, used);
  }
  // avoidance only off the witness; with same-unit avoidance, the witness's units are kept clear
  const avoid: [number, number][] = [];
  const rate = o.avoidRate ?? 0.15;
  const unitOf = new Map(candidates.map((c) => [c.id, c.workUnit]));
  for (const s of sessions) {
    for (const r of s.rooms) {
      const w = witness.get(`${s.id}:${r.id}`)!;
      for (const c of r.candidateIds) {
        for (const p of staff) if (!w.has(p.id) && rnd() < rate) avoid.push([p.id, c]);
        if (o.avoidSameUnit) {
          // give the candidate a unit none of the witness shares
          const wUnits = new Set([...w].map((id) => staff[id - 1]!.workUnit));
          const free = units.filter((u) => !wUnits.has(u));
          const unit = free.length ? pick(free) : `考生单位${c}`;
          unitOf.set(c, unit);
        }
      }
    }
  }
  const seen = new Set<string>();
  const avoidUnique = avoid.filter(([a, b]) => {
    const k = `${a}:${b}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
  return {
    algorithm: DRAW_ALGORITHM,
    batchId: 1,
    options: { avoidSameUnit: o.avoidSameUnit ?? false, panelSize },
    staff,
    reserves: [],
    candidates: candidates.map((c) => ({ id: c.id, workUnit: unitOf.get(c.id) ?? null })),
    avoid: avoidUnique.sort((a, b) => a[0] - b[0] || a[1] - b[1]),
    sessions,
    fixed: [],
  };
}
