// The draw's solver: a pure function of (inputs, seed). No database, no clock, no Math.random.
//
// Algorithm kd-draw/1, session by session in start order:
//  1. The people on duty are shuffled with the seeded PRNG, then stably ordered by load (fewest
//     duties so far first) and single-role holders before dual-role holders (S7 keeps the latter
//     flexible): that is each duty's preference list.
//  2. Each room's eligible list per duty: the preference list minus the hard bars (role, S6 grade,
//     S7 function and supervisors, TIME overlap, S3 avoidance). Rooms are taken most-constrained
//     first (least slack), ties broken by a random key.
//  3. Greedy fill that also honours rotation (no room twice, no partner twice), then augmenting
//     paths (Kuhn) first over rotation-respecting edges, then over every hard-legal edge: this
//     finds a complete assignment whenever one exists, so a refusal is a real impossibility.
//  4. A repair pass swaps people to remove repeated partners where a legal swap exists; what
//     rotation could not honour is reported (soft rule, never silent).
//  5. Every hard rule is re-checked on the result (rules.ts).
// An unfillable slot is explained from the augmenting search's Hall set: the rooms competing for
// the same few people, who is barred and why, and who not on duty could be called in.
import { DrawModel, DUTY_EN, DUTY_ZH, functionOf, hasPanel, overlaps, proctorsNeeded, roleBar, type DutyFunction, type Interval } from './model';
import { DrawPrng } from './prng';
import { checkResult, rotationFindings } from './rules';
import type { DrawInput, DrawOutcome, DrawSession, DrawStaff, Duty, Problem, RoomAssignment, RuleId } from './types';

interface Slot {
  room: number; // index into the session's rooms
  duty: Duty;
}

const DUTIES: Duty[] = ['chief_examiner', 'examiner', 'proctor'];
const MAX_BLOCKERS = 8;

export function solveDraw(input: DrawInput, seedHex: string): DrawOutcome {
  const model = new DrawModel(input);
  const prng = new DrawPrng(seedHex);
  const ps = input.options.panelSize;
  if (input.sessions.some(hasPanel) && (!Number.isInteger(ps) || ps < 3 || ps % 2 === 0)) {
    return {
      ok: false,
      problems: [
        {
          rule: 'S5',
          sessionId: input.sessions.find(hasPanel)!.id,
          roomIds: [],
          need: 3,
          available: ps,
          blockers: [],
          suggest: [],
          message: `考评组人数须为3人以上单数，当前设为${ps}人`,
          messageEn: `An examiner panel must be an odd number of 3 or more; ${ps} was asked`,
        },
      ],
    };
  }

  // the day so far: fixed duties first, then each session as it is drawn
  const fn = new Map<number, DutyFunction>();
  const load = new Map<number, number>();
  const busy = new Map<number, Interval[]>();
  const beenIn = new Set<string>();
  const pairs = new Set<string>();
  const pairKey = (a: number, b: number) => (a < b ? `${a}:${b}` : `${b}:${a}`);
  const record = (staffId: number, duty: Duty, iv: Interval, roomId: number) => {
    fn.set(staffId, functionOf(duty));
    load.set(staffId, (load.get(staffId) ?? 0) + 1);
    const b = busy.get(staffId);
    if (b) b.push(iv);
    else busy.set(staffId, [iv]);
    beenIn.add(`${staffId}:${roomId}`);
  };
  const fixedGroups = new Map<string, number[]>();
  for (const f of input.fixed) {
    record(f.staffId, f.duty, f, f.roomId);
    const k = `${f.sessionId}:${f.roomId}:${functionOf(f.duty)}`;
    fixedGroups.set(k, [...(fixedGroups.get(k) ?? []), f.staffId]);
  }
  for (const g of fixedGroups.values()) for (let i = 0; i < g.length; i++) for (let j = i + 1; j < g.length; j++) pairs.add(pairKey(g[i]!, g[j]!));

  const staff = [...input.staff].sort((a, b) => a.id - b.id);
  const staffByUnit = new Map<string, number[]>();
  for (const p of staff) if (p.workUnit) staffByUnit.set(p.workUnit, [...(staffByUnit.get(p.workUnit) ?? []), p.id]);
  const sessions = [...input.sessions].sort((a, b) => Date.parse(a.startsAt) - Date.parse(b.startsAt) || a.id - b.id);
  const assignments: RoomAssignment[] = [];
  const problems: Problem[] = [];

  // sessions that overlap in time are drawn together: one person, one place at a time
  const clusters: DrawSession[][] = [];
  let clusterEnd = -Infinity;
  for (const s of sessions) {
    const start = Date.parse(s.startsAt);
    const end = Date.parse(s.endsAt);
    if (clusters.length > 0 && start < clusterEnd) {
      clusters[clusters.length - 1]!.push(s);
      clusterEnd = Math.max(clusterEnd, end);
    } else {
      clusters.push([s]);
      clusterEnd = end;
    }
  }

  for (const cluster of clusters) {
    const rooms = cluster.flatMap((s) => [...s.rooms].sort((a, b) => a.id - b.id).map((r) => ({ s, r })));
    const duties = DUTIES.filter((d) => d === 'proctor' || cluster.some(hasPanel));
    const slotsOf = (s: DrawSession, d: Duty) => (d === 'proctor' ? proctorsNeeded(s) : !hasPanel(s) ? 0 : d === 'chief_examiner' ? 1 : ps - 1);
    const di = (d: Duty) => duties.indexOf(d);

    // 1. the shuffled pool, ordered per duty by load, single-role holders first
    const pool = prng.shuffle(staff.slice());
    const n = pool.length;
    const dual = pool.map((p) => p.roles.includes('proctor') && (p.roles.includes('examiner') || p.roles.includes('chief_examiner')));
    const prefer = duties.map((d) => {
      const idx: number[] = [];
      for (let i = 0; i < n; i++) if ((fn.get(pool[i]!.id) ?? functionOf(d)) === functionOf(d)) idx.push(i);
      return idx.sort((a, b) => (load.get(pool[a]!.id) ?? 0) - (load.get(pool[b]!.id) ?? 0) || Number(dual[a]) - Number(dual[b]) || a - b);
    });

    // 2. eligible lists per room and duty: role, S6 grade, S7, TIME, S3 avoidance
    const sessionOk = new Map<number, Uint8Array[]>();
    for (const s of cluster) {
      sessionOk.set(
        s.id,
        duties.map((d) => {
          const m = new Uint8Array(n);
          for (let i = 0; i < n; i++) {
            const p = pool[i]!;
            m[i] = roleBar(p, d, s.level) === null && !(busy.get(p.id) ?? []).some((iv) => overlaps(iv, s)) ? 1 : 0;
          }
          return m;
        }),
      );
    }
    const indexOf = new Map(pool.map((p, i) => [p.id, i]));
    const barred = new Uint8Array(n);
    const eligible: number[][][] = rooms.map(({ s, r }) => {
      const bar = model.barredFrom(s.id, r.id, staffByUnit);
      for (const id of bar) if (indexOf.has(id)) barred[indexOf.get(id)!] = 1;
      const ok = sessionOk.get(s.id)!;
      const lists = prefer.map((list, d) => (slotsOf(s, duties[d]!) === 0 ? [] : list.filter((i) => ok[d]![i] === 1 && barred[i] === 0)));
      for (const id of bar) if (indexOf.has(id)) barred[indexOf.get(id)!] = 0;
      return lists;
    });
    const eligibleSet: Uint8Array[][] = eligible.map((perDuty) =>
      perDuty.map((list) => {
        const m = new Uint8Array(n);
        for (const i of list) m[i] = 1;
        return m;
      }),
    );
    const tiebreak = rooms.map(() => prng.nextU32());
    const slots: Slot[] = [];
    duties.forEach((d, k) => {
      const order = rooms.map((_, ri) => ri).sort((a, b) => eligible[a]![k]!.length - eligible[b]![k]!.length || tiebreak[a]! - tiebreak[b]! || a - b);
      for (const ri of order) for (let c = slotsOf(rooms[ri]!.s, d); c > 0; c--) slots.push({ room: ri, duty: d });
    });

    // 3. matching
    const matchSlot = new Int32Array(slots.length).fill(-1);
    const matchStaff = new Int32Array(n).fill(-1);
    const group = new Map<string, Set<number>>(); // `${room}:${function}` → pool indices placed
    const groupOf = (u: number) => {
      const k = `${slots[u]!.room}:${functionOf(slots[u]!.duty)}`;
      let g = group.get(k);
      if (!g) group.set(k, (g = new Set()));
      return g;
    };
    const place = (u: number, i: number) => {
      const prev = matchSlot[u]!;
      if (prev >= 0) groupOf(u).delete(prev);
      matchSlot[u] = i;
      matchStaff[i] = u;
      groupOf(u).add(i);
    };
    const roomFresh = (i: number, ri: number) => !beenIn.has(`${pool[i]!.id}:${rooms[ri]!.r.id}`);
    const partnerFresh = (i: number, g: Set<number>, except = -1) => {
      for (const j of g) if (j !== except && j !== i && pairs.has(pairKey(pool[i]!.id, pool[j]!.id))) return false;
      return true;
    };

    for (let u = 0; u < slots.length; u++) {
      const { room, duty } = slots[u]!;
      const g = groupOf(u);
      for (const i of eligible[room]![di(duty)]!) {
        if (matchStaff[i] === -1 && roomFresh(i, room) && partnerFresh(i, g)) {
          place(u, i);
          break;
        }
      }
    }
    const stamp = new Int32Array(n);
    let visit = 0;
    const augment = (u: number, softOnly: boolean): boolean => {
      const { room, duty } = slots[u]!;
      for (const i of eligible[room]![di(duty)]!) {
        if (stamp[i] === visit || (softOnly && !roomFresh(i, room))) continue;
        stamp[i] = visit;
        const holder = matchStaff[i]!;
        if (holder === -1 || augment(holder, softOnly)) {
          place(u, i);
          return true;
        }
      }
      return false;
    };
    const failed: { u: number; visited: number[] }[] = [];
    for (const softOnly of [true, false]) {
      for (let u = 0; u < slots.length; u++) {
        if (matchSlot[u] !== -1) continue;
        visit += 1;
        if (augment(u, softOnly) || softOnly) continue;
        const visited: number[] = [];
        for (let i = 0; i < n; i++) if (stamp[i] === visit) visited.push(i);
        failed.push({ u, visited });
      }
    }

    // 4. rotation repair: a repeated partner is swapped out where a legal, fresh swap exists
    for (let u = 0; u < slots.length; u++) {
      const x = matchSlot[u]!;
      if (x < 0) continue;
      const g = groupOf(u);
      if (partnerFresh(x, g)) continue;
      const { room, duty } = slots[u]!;
      const d = di(duty);
      for (const y of eligible[room]![d]!) {
        if (y === x || !roomFresh(y, room) || !partnerFresh(y, g, x)) continue;
        const v = matchStaff[y]!;
        if (v === -1) {
          matchStaff[x] = -1;
          place(u, y);
          break;
        }
        const other = slots[v]!;
        if (other.duty !== duty || other.room === room) continue;
        const g2 = groupOf(v);
        if (!eligibleSet[other.room]![d]![x] || !roomFresh(x, other.room) || !partnerFresh(x, g2, y)) continue;
        place(u, y);
        place(v, x);
        break;
      }
    }

    // an unfillable slot, explained from the day as it stood before this cluster
    const explained = new Set<string>();
    for (const f of failed) {
      const { room, duty } = slots[f.u]!;
      const hallSlots = new Set<number>([f.u, ...f.visited.map((i) => matchStaff[i]!).filter((v) => v >= 0)]);
      const hallRooms = [...new Set([...hallSlots].map((v) => slots[v]!.room))].sort((a, b) => a - b);
      const key = `${duty}:${hallRooms.join(',')}`;
      if (explained.has(key)) continue;
      explained.add(key);
      const local = hallRooms.length === 1;
      const need = local ? slotsOf(rooms[room]!.s, duty) : hallSlots.size;
      const available = local ? eligible[room]![di(duty)]!.length : f.visited.length;
      problems.push(explain(model, rooms[room]!.s, hallRooms.map((ri) => rooms[ri]!), duty, need, available, { fn, busy }));
    }

    // 5. the cluster's rooms, and the day's state for the next cluster
    rooms.forEach(({ s, r }, ri) => {
      const a: RoomAssignment = { sessionId: s.id, roomId: r.id, proctors: [], chief: null, examiners: [] };
      for (let u = 0; u < slots.length; u++) {
        const i = matchSlot[u]!;
        if (slots[u]!.room !== ri || i < 0) continue;
        const id = pool[i]!.id;
        if (slots[u]!.duty === 'proctor') a.proctors.push(id);
        else if (slots[u]!.duty === 'chief_examiner') a.chief = id;
        else a.examiners.push(id);
      }
      a.proctors.sort((x, y) => x - y);
      a.examiners.sort((x, y) => x - y);
      assignments.push(a);
      for (const id of a.proctors) record(id, 'proctor', s, r.id);
      if (a.chief !== null) record(a.chief, 'chief_examiner', s, r.id);
      for (const id of a.examiners) record(id, 'examiner', s, r.id);
      for (const members of [a.proctors, a.chief === null ? [] : [a.chief, ...a.examiners]]) {
        for (let i = 0; i < members.length; i++) for (let j = i + 1; j < members.length; j++) pairs.add(pairKey(members[i]!, members[j]!));
      }
    });
  }

  const result = { assignments, relaxed: [] as ReturnType<typeof rotationFindings> };
  if (problems.length > 0) return { ok: false, problems };
  result.relaxed = rotationFindings(input, result, model);
  const violations = checkResult(input, result, model);
  if (violations.length > 0) {
    // the re-check is the last word: a violation here is refused, never published
    return {
      ok: false,
      problems: violations.map((v) => ({ rule: v.rule, sessionId: v.sessionId, roomIds: v.roomId === null ? [] : [v.roomId], need: 0, available: 0, blockers: [], suggest: [], message: v.message, messageEn: v.messageEn })),
    };
  }
  return { ok: true, result };
}

function explain(
  model: DrawModel,
  s: DrawSession,
  hall: { s: DrawSession; r: { id: number; code: string } }[],
  duty: Duty,
  need: number,
  available: number,
  day: { fn: Map<number, DutyFunction>; busy: Map<number, Interval[]> },
): Problem {
  const ids = hall.map((h) => h.r.id);
  const codes = hall.map((h) => h.r.code);
  const blockers: Problem['blockers'] = [];
  const counts = new Map<RuleId, number>();
  const bar = (rule: RuleId, p: DrawStaff, reason: string) => {
    blockers.push({ staffId: p.id, name: p.name, reason });
    counts.set(rule, (counts.get(rule) ?? 0) + 1);
  };
  for (const p of [...model.input.staff].sort((a, b) => a.id - b.id)) {
    const rb = roleBar(p, duty, s.level);
    if (rb && rb.rule === 'S2') continue; // does not hold the role at all: not a blocker
    if (rb) {
      bar(rb.rule, p, rb.zh);
      continue;
    }
    const f = day.fn.get(p.id);
    if (f && f !== functionOf(duty)) {
      bar('S7', p, f === 'proctor' ? '本批次已任监考，不得兼任考评（S7）' : '本批次已任考评，不得兼任监考（S7）');
      continue;
    }
    if ((day.busy.get(p.id) ?? []).some((iv) => overlaps(iv, s))) {
      bar('TIME', p, '同一时间已安排在其他场次');
      continue;
    }
    // in the Hall set's rooms, anyone left who could serve was visited: the rest are barred from all of them
    const reasons = hall.map((h) => [h.r.code, model.avoidance(h.s.id, h.r.id, p)] as const);
    if (reasons.every(([, a]) => a !== null)) {
      bar('S3', p, hall.length === 1 ? reasons[0]![1]!.zh : reasons.map(([code, a]) => `${code}${a!.zh}`).join('，'));
    }
  }
  const ruleOrder: RuleId[] = ['S3', 'S6', 'S7', 'TIME'];
  let rule: RuleId = duty === 'proctor' ? 'S2' : 'S5';
  let best = 0;
  for (const r of ruleOrder) if ((counts.get(r) ?? 0) > best) [rule, best] = [r, counts.get(r)!];

  const suggest = model.input.reserves
    .filter((p) => roleBar(p, duty, s.level) === null && hall.some((h) => model.avoidance(h.s.id, h.r.id, p) === null))
    .sort((a, b) => a.id - b.id)
    .slice(0, Math.max(3, need - available + 2))
    .map((p) => ({ staffId: p.id, name: p.name }));

  const dz = DUTY_ZH[duty];
  const shown = blockers.slice(0, MAX_BLOCKERS).map((b) => `${b.name} ${b.reason}`).join('；');
  const more = blockers.length > MAX_BLOCKERS ? `等${blockers.length}人` : '';
  const head =
    hall.length === 1
      ? `${s.name} ${codes[0]}需${need}名${dz}，可用${available}名`
      : `${s.name} ${codes.slice(0, 8).join('、')}${codes.length > 8 ? `等${codes.length}个考场` : ''}共需${need}名${dz}，符合条件且未被占用的只有${available}名`;
  const fix = suggest.length > 0 ? `可增派（未到岗）：${suggest.map((p) => p.name).join('、')}` : '没有可增派的已登记人员：请登记更多人员到岗，或调整考场安排';
  const message = `${head}${shown ? `：${shown}${more}` : ''}。${fix}。`;
  const messageEn =
    `${s.name} ${codes.join(', ')}: need ${need} ${DUTY_EN[duty]}, ${available} available` +
    (blockers.length ? `; ${blockers.length} barred (${[...counts.keys()].join(', ')})` : '') +
    (suggest.length ? `. Call in: ${suggest.map((p) => p.name).join(', ')}.` : '. Nobody else registered can serve.');
  return { rule, sessionId: s.id, roomIds: ids, need, available, blockers, suggest, message, messageEn };
}
