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
import { DrawModel, dutyWord, functionOf, hasPanel, overlaps, proctorsNeeded, roleBar, type DutyFunction, type Interval } from './model';
import { DrawPrng } from './prng';
import { checkResult, rotationFindings } from './rules';
import type { Blocker, DrawInput, DrawOutcome, DrawResult, DrawSession, DrawStaff, Duty, FixedDuty, Problem, RoomAssignment, RuleId } from './types';

interface Slot {
  room: number; // index into the cluster's rooms
  duty: Duty;
}

interface ClusterRoom {
  s: DrawSession;
  r: DrawSession['rooms'][number];
}

const DUTIES: Duty[] = ['chief_examiner', 'examiner', 'proctor'];

const pairKey = (a: number, b: number) => (a < b ? `${a}:${b}` : `${b}:${a}`);

export function solveDraw(input: DrawInput, seedHex: string): DrawOutcome {
  const model = new DrawModel(input);
  const prng = new DrawPrng(seedHex);
  const bad = panelSizeProblem(input);
  if (bad) return { ok: false, problems: [bad] };
  const day = new DayState(input.fixed);
  const staff = [...input.staff].sort((a, b) => a.id - b.id);
  const staffByUnit = new Map<string, number[]>();
  for (const p of staff) if (p.workUnit) staffByUnit.set(p.workUnit, [...(staffByUnit.get(p.workUnit) ?? []), p.id]);
  const assignments: RoomAssignment[] = [];
  const problems: Problem[] = [];
  for (const cluster of clustersOf(input.sessions)) {
    const solver = new ClusterSolver({ model, prng, day, staff, staffByUnit, panelSize: input.options.panelSize }, cluster);
    const failed = solver.match();
    // an unfillable slot, explained from the day as it stood before this cluster
    problems.push(...solver.explain(failed));
    for (const { s, r, a } of solver.assignments()) {
      assignments.push(a);
      day.recordRoom(s, r.id, a);
    }
  }
  return finish(input, model, assignments, problems);
}

/** S5: a panel is an odd number of 3 or more (asked before anything is drawn). */
function panelSizeProblem(input: DrawInput): Problem | null {
  const ps = input.options.panelSize;
  const first = input.sessions.find(hasPanel);
  if (!first || (Number.isInteger(ps) && ps >= 3 && ps % 2 === 1)) return null;
  return { rule: 'S5', reason: 'panelSize', params: { size: ps }, sessionId: first.id, roomIds: [], need: 3, available: ps, blockers: [], suggest: [] };
}

/** Sessions that overlap in time are drawn together: one person, one place at a time. */
function clustersOf(input: DrawSession[]): DrawSession[][] {
  const sessions = [...input].sort((a, b) => Date.parse(a.startsAt) - Date.parse(b.startsAt) || a.id - b.id);
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
  return clusters;
}

/** The re-check is the last word: a violation here is refused, never published; rotation is reported. */
function finish(input: DrawInput, model: DrawModel, assignments: RoomAssignment[], problems: Problem[]): DrawOutcome {
  if (problems.length > 0) return { ok: false, problems };
  const result: DrawResult = { assignments, relaxed: [] };
  result.relaxed = rotationFindings(input, result, model);
  const violations = checkResult(input, result, model);
  if (violations.length === 0) return { ok: true, result };
  return {
    ok: false,
    problems: violations.map((v) => ({
      rule: v.rule,
      reason: v.reason,
      params: v.params,
      ...(v.bar ? { bar: v.bar } : {}),
      sessionId: v.sessionId,
      roomIds: v.roomId === null ? [] : [v.roomId],
      need: 0,
      available: 0,
      blockers: [],
      suggest: [],
    })),
  };
}

/** The day so far: fixed duties first, then each cluster as it is drawn (function, load, times, rooms, partners). */
class DayState {
  readonly fn = new Map<number, DutyFunction>();
  readonly load = new Map<number, number>();
  readonly busy = new Map<number, Interval[]>();
  readonly beenIn = new Set<string>();
  readonly pairs = new Set<string>();

  constructor(fixed: FixedDuty[]) {
    const fixedGroups = new Map<string, number[]>();
    for (const f of fixed) {
      this.record(f.staffId, f.duty, f, f.roomId);
      const k = `${f.sessionId}:${f.roomId}:${functionOf(f.duty)}`;
      fixedGroups.set(k, [...(fixedGroups.get(k) ?? []), f.staffId]);
    }
    for (const g of fixedGroups.values()) this.pair(g);
  }

  record(staffId: number, duty: Duty, iv: Interval, roomId: number): void {
    this.fn.set(staffId, functionOf(duty));
    this.load.set(staffId, (this.load.get(staffId) ?? 0) + 1);
    const b = this.busy.get(staffId);
    if (b) b.push(iv);
    else this.busy.set(staffId, [iv]);
    this.beenIn.add(`${staffId}:${roomId}`);
  }

  recordRoom(s: DrawSession, roomId: number, a: RoomAssignment): void {
    for (const id of a.proctors) this.record(id, 'proctor', s, roomId);
    if (a.chief !== null) this.record(a.chief, 'chief_examiner', s, roomId);
    for (const id of a.examiners) this.record(id, 'examiner', s, roomId);
    this.pair(a.proctors);
    this.pair(a.chief === null ? [] : [a.chief, ...a.examiners]);
  }

  private pair(members: number[]): void {
    for (let i = 0; i < members.length; i++) for (let j = i + 1; j < members.length; j++) this.pairs.add(pairKey(members[i]!, members[j]!));
  }

  isBusy(staffId: number, s: Interval): boolean {
    return (this.busy.get(staffId) ?? []).some((iv) => overlaps(iv, s));
  }
}

interface ClusterEnv {
  model: DrawModel;
  prng: DrawPrng;
  day: DayState;
  /** on duty, by id */
  staff: DrawStaff[];
  staffByUnit: Map<string, number[]>;
  panelSize: number;
}

/**
 * One cluster of overlapping sessions: the shuffled pool, each room's eligible lists, the slots
 * most-constrained first, the matching, the rotation repair, and the explanations of what failed.
 * The PRNG is read in a fixed order (the shuffle, then one tiebreak per room): results replay.
 */
class ClusterSolver {
  readonly rooms: ClusterRoom[];
  readonly duties: Duty[];
  readonly pool: DrawStaff[];
  readonly n: number;
  /** per room, per duty: pool indices in preference order */
  eligible: number[][][] = [];
  eligibleSet: Uint8Array[][] = [];
  slots: Slot[] = [];
  matchSlot = new Int32Array(0);
  matchStaff = new Int32Array(0);
  private readonly group = new Map<string, Set<number>>(); // `${room}:${function}` → pool indices placed

  constructor(
    private readonly env: ClusterEnv,
    readonly cluster: DrawSession[],
  ) {
    this.rooms = cluster.flatMap((s) => [...s.rooms].sort((a, b) => a.id - b.id).map((r) => ({ s, r })));
    this.duties = DUTIES.filter((d) => d === 'proctor' || cluster.some(hasPanel));
    // 1. the shuffled pool
    this.pool = env.prng.shuffle(env.staff.slice());
    this.n = this.pool.length;
    this.buildEligible(this.preferences());
    this.buildSlots();
  }

  slotsOf(s: DrawSession, d: Duty): number {
    return d === 'proctor' ? proctorsNeeded(s) : !hasPanel(s) ? 0 : d === 'chief_examiner' ? 1 : this.env.panelSize - 1;
  }

  di(d: Duty): number {
    return this.duties.indexOf(d);
  }

  /** 1. each duty's preference list: by load (fewest duties so far first), single-role holders first */
  private preferences(): number[][] {
    const { fn, load } = this.env.day;
    const pool = this.pool;
    const dual = pool.map((p) => p.roles.includes('proctor') && (p.roles.includes('examiner') || p.roles.includes('chief_examiner')));
    return this.duties.map((d) => {
      const idx: number[] = [];
      for (let i = 0; i < this.n; i++) if ((fn.get(pool[i]!.id) ?? functionOf(d)) === functionOf(d)) idx.push(i);
      return idx.sort((a, b) => (load.get(pool[a]!.id) ?? 0) - (load.get(pool[b]!.id) ?? 0) || Number(dual[a]) - Number(dual[b]) || a - b);
    });
  }

  /** 2. eligible lists per room and duty: role, S6 grade, S7, TIME, S3 avoidance */
  private buildEligible(prefer: number[][]): void {
    const { n, pool } = this;
    const sessionOk = new Map<number, Uint8Array[]>();
    for (const s of this.cluster) {
      sessionOk.set(
        s.id,
        this.duties.map((d) => {
          const m = new Uint8Array(n);
          for (let i = 0; i < n; i++) m[i] = roleBar(pool[i]!, d, s.level) === null && !this.env.day.isBusy(pool[i]!.id, s) ? 1 : 0;
          return m;
        }),
      );
    }
    const indexOf = new Map(pool.map((p, i) => [p.id, i]));
    const barred = new Uint8Array(n);
    this.eligible = this.rooms.map(({ s, r }) => {
      const bar = this.env.model.barredFrom(s.id, r.id, this.env.staffByUnit);
      for (const id of bar) if (indexOf.has(id)) barred[indexOf.get(id)!] = 1;
      const ok = sessionOk.get(s.id)!;
      const lists = prefer.map((list, d) => (this.slotsOf(s, this.duties[d]!) === 0 ? [] : list.filter((i) => ok[d]![i] === 1 && barred[i] === 0)));
      for (const id of bar) if (indexOf.has(id)) barred[indexOf.get(id)!] = 0;
      return lists;
    });
    this.eligibleSet = this.eligible.map((perDuty) =>
      perDuty.map((list) => {
        const m = new Uint8Array(n);
        for (const i of list) m[i] = 1;
        return m;
      }),
    );
  }

  /** rooms most-constrained first (least slack), ties broken by a random key */
  private buildSlots(): void {
    const tiebreak = this.rooms.map(() => this.env.prng.nextU32());
    this.duties.forEach((d, k) => {
      const order = this.rooms.map((_, ri) => ri).sort((a, b) => this.eligible[a]![k]!.length - this.eligible[b]![k]!.length || tiebreak[a]! - tiebreak[b]! || a - b);
      for (const ri of order) for (let c = this.slotsOf(this.rooms[ri]!.s, d); c > 0; c--) this.slots.push({ room: ri, duty: d });
    });
    this.matchSlot = new Int32Array(this.slots.length).fill(-1);
    this.matchStaff = new Int32Array(this.n).fill(-1);
  }

  groupOf(u: number): Set<number> {
    const k = `${this.slots[u]!.room}:${functionOf(this.slots[u]!.duty)}`;
    let g = this.group.get(k);
    if (!g) this.group.set(k, (g = new Set()));
    return g;
  }

  place(u: number, i: number): void {
    const prev = this.matchSlot[u]!;
    if (prev >= 0) this.groupOf(u).delete(prev);
    this.matchSlot[u] = i;
    this.matchStaff[i] = u;
    this.groupOf(u).add(i);
  }

  roomFresh(i: number, ri: number): boolean {
    return !this.env.day.beenIn.has(`${this.pool[i]!.id}:${this.rooms[ri]!.r.id}`);
  }

  partnerFresh(i: number, g: Set<number>, except = -1): boolean {
    for (const j of g) if (j !== except && j !== i && this.env.day.pairs.has(pairKey(this.pool[i]!.id, this.pool[j]!.id))) return false;
    return true;
  }

  /** 3 and 4: greedy fill, augmenting paths (rotation-respecting, then any legal edge), rotation repair. Returns what failed. */
  match(): { u: number; visited: number[] }[] {
    this.greedy();
    const failed = this.augmentAll();
    this.repair();
    return failed;
  }

  private greedy(): void {
    for (let u = 0; u < this.slots.length; u++) {
      const { room, duty } = this.slots[u]!;
      const g = this.groupOf(u);
      for (const i of this.eligible[room]![this.di(duty)]!) {
        if (this.matchStaff[i] === -1 && this.roomFresh(i, room) && this.partnerFresh(i, g)) {
          this.place(u, i);
          break;
        }
      }
    }
  }

  /** Kuhn's augmenting paths: a complete assignment is found whenever one exists */
  private augmentAll(): { u: number; visited: number[] }[] {
    const stamp = new Int32Array(this.n);
    let visit = 0;
    const augment = (u: number, softOnly: boolean): boolean => {
      const { room, duty } = this.slots[u]!;
      for (const i of this.eligible[room]![this.di(duty)]!) {
        if (stamp[i] === visit || (softOnly && !this.roomFresh(i, room))) continue;
        stamp[i] = visit;
        const holder = this.matchStaff[i]!;
        if (holder === -1 || augment(holder, softOnly)) {
          this.place(u, i);
          return true;
        }
      }
      return false;
    };
    const failed: { u: number; visited: number[] }[] = [];
    for (const softOnly of [true, false]) {
      for (let u = 0; u < this.slots.length; u++) {
        if (this.matchSlot[u] !== -1) continue;
        visit += 1;
        if (augment(u, softOnly) || softOnly) continue;
        const visited: number[] = [];
        for (let i = 0; i < this.n; i++) if (stamp[i] === visit) visited.push(i);
        failed.push({ u, visited });
      }
    }
    return failed;
  }

  /** 4. rotation repair: a repeated partner is swapped out where a legal, fresh swap exists */
  private repair(): void {
    const { slots, matchSlot, matchStaff } = this;
    for (let u = 0; u < slots.length; u++) {
      const x = matchSlot[u]!;
      if (x < 0) continue;
      const g = this.groupOf(u);
      if (this.partnerFresh(x, g)) continue;
      const { room, duty } = slots[u]!;
      const d = this.di(duty);
      for (const y of this.eligible[room]![d]!) {
        if (y === x || !this.roomFresh(y, room) || !this.partnerFresh(y, g, x)) continue;
        const v = matchStaff[y]!;
        if (v === -1) {
          matchStaff[x] = -1;
          this.place(u, y);
          break;
        }
        const other = slots[v]!;
        if (other.duty !== duty || other.room === room) continue;
        const g2 = this.groupOf(v);
        if (!this.eligibleSet[other.room]![d]![x] || !this.roomFresh(x, other.room) || !this.partnerFresh(x, g2, y)) continue;
        this.place(u, y);
        this.place(v, x);
        break;
      }
    }
  }

  /** each unfillable slot once per Hall set (the rooms competing for the same few people) */
  explain(failed: { u: number; visited: number[] }[]): Problem[] {
    const problems: Problem[] = [];
    const explained = new Set<string>();
    for (const f of failed) {
      const { room, duty } = this.slots[f.u]!;
      const hallSlots = new Set<number>([f.u, ...f.visited.map((i) => this.matchStaff[i]!).filter((v) => v >= 0)]);
      const hallRooms = [...new Set([...hallSlots].map((v) => this.slots[v]!.room))].sort((a, b) => a - b);
      const key = `${duty}:${hallRooms.join(',')}`;
      if (explained.has(key)) continue;
      explained.add(key);
      const local = hallRooms.length === 1;
      const need = local ? this.slotsOf(this.rooms[room]!.s, duty) : hallSlots.size;
      const available = local ? this.eligible[room]![this.di(duty)]!.length : f.visited.length;
      problems.push(explainShortage(this.env.model, this.rooms[room]!.s, hallRooms.map((ri) => this.rooms[ri]!), duty, need, available, this.env.day));
    }
    return problems;
  }

  /** 5. the cluster's rooms as drawn */
  assignments(): (ClusterRoom & { a: RoomAssignment })[] {
    return this.rooms.map(({ s, r }, ri) => {
      const a: RoomAssignment = { sessionId: s.id, roomId: r.id, proctors: [], chief: null, examiners: [] };
      for (let u = 0; u < this.slots.length; u++) {
        const i = this.matchSlot[u]!;
        if (this.slots[u]!.room !== ri || i < 0) continue;
        const id = this.pool[i]!.id;
        if (this.slots[u]!.duty === 'proctor') a.proctors.push(id);
        else if (this.slots[u]!.duty === 'chief_examiner') a.chief = id;
        else a.examiners.push(id);
      }
      a.proctors.sort((x, y) => x - y);
      a.examiners.sort((x, y) => x - y);
      return { s, r, a };
    });
  }
}

/** Why one person on duty cannot fill this duty in any of the Hall set's rooms, or null when they could. */
function blockerOf(model: DrawModel, p: DrawStaff, s: DrawSession, hall: ClusterRoom[], duty: Duty, day: DayState): Blocker | null {
  const who = { staffId: p.id, name: p.name };
  const rb = roleBar(p, duty, s.level);
  if (rb && rb.rule === 'S2') return null; // does not hold the role at all: not a blocker
  if (rb) return { ...who, ...rb };
  const f = day.fn.get(p.id);
  if (f && f !== functionOf(duty)) return { ...who, rule: 'S7', reason: f === 'proctor' ? 'alreadyProctor' : 'alreadyPanel', params: {} };
  if (day.isBusy(p.id, s)) return { ...who, rule: 'TIME', reason: 'busy', params: {} };
  // in the Hall set's rooms, anyone left who could serve was visited: the rest are barred from all of them
  const bars = hall.map((h) => ({ code: h.r.code, bar: model.avoidance(h.s.id, h.r.id, p) }));
  if (!bars.every((b) => b.bar !== null)) return null;
  if (hall.length === 1) return { ...who, ...bars[0]!.bar! };
  return { ...who, rule: 'S3', reason: 'avoidRooms', params: {}, rooms: bars.map((b) => ({ code: b.code, bar: b.bar! })) };
}

/** A shortage: the rooms, who is barred and why, the binding rule, and who not on duty could be called in. */
function explainShortage(model: DrawModel, s: DrawSession, hall: ClusterRoom[], duty: Duty, need: number, available: number, day: DayState): Problem {
  const blockers: Blocker[] = [];
  for (const p of [...model.input.staff].sort((a, b) => a.id - b.id)) {
    const b = blockerOf(model, p, s, hall, duty, day);
    if (b) blockers.push(b);
  }
  const counts = new Map<RuleId, number>();
  for (const b of blockers) counts.set(b.rule, (counts.get(b.rule) ?? 0) + 1);
  const ruleOrder: RuleId[] = ['S3', 'S6', 'S7', 'TIME'];
  let rule: RuleId = duty === 'proctor' ? 'S2' : 'S5';
  let best = 0;
  for (const r of ruleOrder) if ((counts.get(r) ?? 0) > best) [rule, best] = [r, counts.get(r)!];

  const suggest = model.input.reserves
    .filter((p) => roleBar(p, duty, s.level) === null && hall.some((h) => model.avoidance(h.s.id, h.r.id, p) === null))
    .sort((a, b) => a.id - b.id)
    .slice(0, Math.max(3, need - available + 2))
    .map((p) => ({ staffId: p.id, name: p.name }));
  const codes = hall.map((h) => h.r.code);
  const params = { session: s.name, room: codes[0]!, need, available, duty: dutyWord(duty) };
  return { rule, reason: hall.length === 1 ? 'shortRoom' : 'shortRooms', params, sessionId: s.id, roomIds: hall.map((h) => h.r.id), roomCodes: codes, need, available, blockers, suggest };
}
