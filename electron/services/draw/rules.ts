// Every hard rule, checked on a finished assignment (after solving, and live on a manual change),
// and the soft rotation findings. Pure: input and result in, violations out, in the catalogue's
// terms (rule, reason, params): the renderer words them.
import { DrawModel, dutyWord, functionOf, hasPanel, overlaps, proctorsNeeded, roleBar, type DutyFunction } from './model';
import type { DrawInput, DrawResult, DrawSession, Duty, FixedDuty, Relaxation, RoomAssignment, Violation } from './types';

interface Placement extends FixedDuty {
  fixed: boolean;
}

export function placementsOf(input: DrawInput, result: DrawResult): Placement[] {
  const out: Placement[] = input.fixed.map((f) => ({ ...f, fixed: true }));
  const sessions = new Map(input.sessions.map((s) => [s.id, s]));
  for (const a of result.assignments) {
    const s = sessions.get(a.sessionId);
    if (!s) continue;
    const base = { sessionId: a.sessionId, startsAt: s.startsAt, endsAt: s.endsAt, roomId: a.roomId, fixed: false };
    for (const p of a.proctors) out.push({ ...base, staffId: p, duty: 'proctor' });
    if (a.chief !== null) out.push({ ...base, staffId: a.chief, duty: 'chief_examiner' });
    for (const e of a.examiners) out.push({ ...base, staffId: e, duty: 'examiner' });
  }
  return out;
}

type Room = DrawSession['rooms'][number];

/** S2, S5: the numbers of one room's proctors and panel. */
function countViolations(input: DrawInput, s: DrawSession, room: Room, a: RoomAssignment): Violation[] {
  const v: Violation[] = [];
  const where = { sessionId: s.id, roomId: room.id };
  const need = proctorsNeeded(s);
  const distinct = new Set(a.proctors);
  if (a.proctors.length < need || distinct.size !== a.proctors.length) {
    v.push({ rule: 'S2', reason: 'proctorsShort', params: { session: s.name, room: room.code, need, has: distinct.size }, ...where, staffIds: a.proctors });
  }
  if (hasPanel(s)) {
    const panel = a.chief === null ? a.examiners : [a.chief, ...a.examiners];
    const size = new Set(panel).size;
    const want = input.options.panelSize;
    if (a.chief === null || size !== panel.length || size !== want || size < 3 || size % 2 === 0) {
      const reason = a.chief === null ? 'panelWrongNoChief' : 'panelWrong';
      v.push({ rule: 'S5', reason, params: { session: s.name, room: room.code, want, size }, ...where, staffIds: panel });
    }
  } else if (a.chief !== null || a.examiners.length > 0) {
    v.push({ rule: 'S5', reason: 'theoryPanel', params: { session: s.name }, ...where, staffIds: [] });
  }
  return v;
}

/** E2, S1/S6/S7 role bars and S3 avoidance: each person placed in one room. */
function personViolations(model: DrawModel, s: DrawSession, room: Room, a: RoomAssignment): Violation[] {
  const v: Violation[] = [];
  const where = { sessionId: s.id, roomId: room.id };
  const duties: [number, Duty][] = [...a.proctors.map((p): [number, Duty] => [p, 'proctor'])];
  if (a.chief !== null) duties.push([a.chief, 'chief_examiner']);
  for (const e of a.examiners) duties.push([e, 'examiner']);
  for (const [id, duty] of duties) {
    const p = model.staffById.get(id);
    if (!p) {
      v.push({ rule: 'E2', reason: 'notOnDuty', params: { name: model.name(id) }, ...where, staffIds: [id] });
      continue;
    }
    const bar = roleBar(p, duty, s.level);
    if (bar) v.push({ rule: bar.rule, reason: 'barred', params: { name: p.name, room: room.code, duty: dutyWord(duty) }, bar, ...where, staffIds: [id] });
    const av = model.avoidance(s.id, room.id, p);
    if (av) v.push({ rule: 'S3', reason: 'mustAvoid', params: { name: p.name, session: s.name, room: room.code }, bar: av, ...where, staffIds: [id] });
  }
  return v;
}

/** TIME (one place at a time) and S7 (one function per batch), over the whole day. */
function dayViolations(input: DrawInput, result: DrawResult, model: DrawModel): Violation[] {
  const v: Violation[] = [];
  const byStaff = new Map<number, Placement[]>();
  for (const pl of placementsOf(input, result)) {
    const list = byStaff.get(pl.staffId);
    if (list) list.push(pl);
    else byStaff.set(pl.staffId, [pl]);
  }
  for (const [id, list] of byStaff) {
    for (let i = 0; i < list.length; i++) {
      for (let j = i + 1; j < list.length; j++) {
        const a = list[i]!;
        const b = list[j]!;
        if (a.fixed && b.fixed) continue;
        if (a.sessionId === b.sessionId || overlaps(a, b)) {
          const params = { name: model.name(id), roomA: model.roomCode(a.sessionId, a.roomId), roomB: model.roomCode(b.sessionId, b.roomId) };
          v.push({ rule: 'TIME', reason: 'placedTwice', params, sessionId: b.fixed ? a.sessionId : b.sessionId, roomId: b.fixed ? a.roomId : b.roomId, staffIds: [id] });
        }
      }
    }
    const fns = new Set<DutyFunction>(list.map((l) => functionOf(l.duty)));
    if (fns.size > 1) {
      const pl = list.find((l) => !l.fixed) ?? list[0]!;
      v.push({ rule: 'S7', reason: 'twoFunctions', params: { name: model.name(id) }, sessionId: pl.sessionId, roomId: pl.roomId, staffIds: [id] });
    }
  }
  return v;
}

/** All hard-rule violations of a result (empty when every rule holds). */
export function checkResult(input: DrawInput, result: DrawResult, model = new DrawModel(input)): Violation[] {
  const v: Violation[] = [];
  const covered = new Set<string>();
  for (const a of result.assignments) {
    const s = model.sessionById.get(a.sessionId);
    const room = s?.rooms.find((r) => r.id === a.roomId);
    if (!s || !room) {
      v.push({ rule: 'S2', reason: 'roomNotDrawn', params: { roomId: a.roomId }, sessionId: a.sessionId, roomId: a.roomId, staffIds: [] });
      continue;
    }
    covered.add(`${s.id}:${room.id}`);
    v.push(...countViolations(input, s, room, a), ...personViolations(model, s, room, a));
  }
  for (const s of input.sessions) {
    for (const r of s.rooms) {
      if (!covered.has(`${s.id}:${r.id}`)) v.push({ rule: 'S2', reason: 'unassigned', params: { session: s.name, room: r.code }, sessionId: s.id, roomId: r.id, staffIds: [] });
    }
  }
  v.push(...dayViolations(input, result, model));
  return v;
}

interface Group {
  sessionId: number;
  startsAt: string;
  roomId: number;
  members: number[];
  fixed: boolean;
}

/** The day's groups (proctors of a room, a panel) in time order, the fixed ones included. */
function groupsOf(input: DrawInput, result: DrawResult): Group[] {
  const groups: Group[] = [];
  const fixedGroups = new Map<string, Group>();
  for (const f of input.fixed) {
    const k = `${f.sessionId}:${f.roomId}:${functionOf(f.duty)}`;
    const g = fixedGroups.get(k) ?? { sessionId: f.sessionId, startsAt: f.startsAt, roomId: f.roomId, members: [], fixed: true };
    g.members.push(f.staffId);
    fixedGroups.set(k, g);
  }
  groups.push(...fixedGroups.values());
  const starts = new Map(input.sessions.map((s) => [s.id, s.startsAt]));
  for (const a of result.assignments) {
    const startsAt = starts.get(a.sessionId) ?? '';
    groups.push({ sessionId: a.sessionId, startsAt, roomId: a.roomId, members: a.proctors, fixed: false });
    if (a.chief !== null) groups.push({ sessionId: a.sessionId, startsAt, roomId: a.roomId, members: [a.chief, ...a.examiners], fixed: false });
  }
  return groups.sort((x, y) => Date.parse(x.startsAt) - Date.parse(y.startsAt) || x.sessionId - y.sessionId || x.roomId - y.roomId);
}

/** S4 rotation (soft): the same room twice, or the same partner twice, across the day. */
export function rotationFindings(input: DrawInput, result: DrawResult, model = new DrawModel(input)): Relaxation[] {
  const out: Relaxation[] = [];
  const seenRoom = new Map<string, string>(); // `${staff}:${room}` → first session
  const seenPair = new Map<string, number>();
  for (const g of groupsOf(input, result)) {
    const room = model.roomCode(g.sessionId, g.roomId);
    const where = { rule: 'S4' as const, sessionId: g.sessionId, roomId: g.roomId };
    for (const id of g.members) {
      const k = `${id}:${g.roomId}`;
      if (seenRoom.has(k) && seenRoom.get(k) !== String(g.sessionId)) {
        if (!g.fixed) out.push({ ...where, kind: 'same_room', reason: 'sameRoom', params: { name: model.name(id), room }, staffIds: [id] });
      } else seenRoom.set(k, String(g.sessionId));
    }
    for (let i = 0; i < g.members.length; i++) {
      for (let j = i + 1; j < g.members.length; j++) {
        const a = Math.min(g.members[i]!, g.members[j]!);
        const b = Math.max(g.members[i]!, g.members[j]!);
        const k = `${a}:${b}`;
        const first = seenPair.get(k);
        if (first !== undefined && first !== g.sessionId) {
          if (!g.fixed) out.push({ ...where, kind: 'same_partner', reason: 'samePartner', params: { a: model.name(a), b: model.name(b), room }, staffIds: [a, b] });
        } else seenPair.set(k, g.sessionId);
      }
    }
  }
  return out;
}
