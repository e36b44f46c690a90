// Every hard rule, checked on a finished assignment (after solving, and live on a manual change),
// and the soft rotation findings. Pure: input and result in, violations out.
import { DUTY_ZH, DrawModel, functionOf, hasPanel, overlaps, proctorsNeeded, roleBar, type DutyFunction } from './model';
import type { DrawInput, DrawResult, Duty, FixedDuty, Relaxation, Violation } from './types';

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

/** All hard-rule violations of a result (empty when every rule holds). */
export function checkResult(input: DrawInput, result: DrawResult, model = new DrawModel(input)): Violation[] {
  const v: Violation[] = [];
  const add = (x: Violation) => v.push(x);
  const covered = new Set<string>();
  for (const a of result.assignments) {
    const s = model.sessionById.get(a.sessionId);
    const room = s?.rooms.find((r) => r.id === a.roomId);
    if (!s || !room) {
      add({ rule: 'S2', sessionId: a.sessionId, roomId: a.roomId, staffIds: [], message: `考场 #${a.roomId} 不属于所抽场次`, messageEn: 'room not in the drawn sessions' });
      continue;
    }
    covered.add(`${s.id}:${room.id}`);
    const need = proctorsNeeded(s);
    const distinct = new Set(a.proctors);
    if (a.proctors.length < need || distinct.size !== a.proctors.length) {
      add({ rule: 'S2', sessionId: s.id, roomId: room.id, staffIds: a.proctors, message: `${s.name} ${room.code}需${need}名监考，实有${distinct.size}名`, messageEn: `${room.code} needs ${need} proctors, has ${distinct.size}` });
    }
    if (hasPanel(s)) {
      const panel = a.chief === null ? a.examiners : [a.chief, ...a.examiners];
      const size = new Set(panel).size;
      const want = input.options.panelSize;
      if (a.chief === null || size !== panel.length || size !== want || size < 3 || size % 2 === 0) {
        add({ rule: 'S5', sessionId: s.id, roomId: room.id, staffIds: panel, message: `${s.name} ${room.code}考评组应为${want}人（3人以上单数，含考评组长1名），实为${size}人${a.chief === null ? '，无考评组长' : ''}`, messageEn: `${room.code}: panel of ${size}, want ${want} with one chief` });
      }
    } else if (a.chief !== null || a.examiners.length > 0) {
      add({ rule: 'S5', sessionId: s.id, roomId: room.id, staffIds: [], message: `${s.name} 为理论考试，不设考评组`, messageEn: 'a theory session has no examiner panel' });
    }
    const duties: [number, Duty][] = [...a.proctors.map((p): [number, Duty] => [p, 'proctor'])];
    if (a.chief !== null) duties.push([a.chief, 'chief_examiner']);
    for (const e of a.examiners) duties.push([e, 'examiner']);
    for (const [id, duty] of duties) {
      const p = model.staffById.get(id);
      if (!p) {
        add({ rule: 'E2', sessionId: s.id, roomId: room.id, staffIds: [id], message: `${model.name(id)} 未登记到岗，不能安排`, messageEn: `staff ${id} is not on duty` });
        continue;
      }
      const bar = roleBar(p, duty, s.level);
      if (bar) add({ rule: bar.rule, sessionId: s.id, roomId: room.id, staffIds: [id], message: `${p.name} ${bar.zh}，不能担任${room.code}${DUTY_ZH[duty]}`, messageEn: `${p.name} ${bar.en}` });
      const av = model.avoidance(s.id, room.id, p);
      if (av) add({ rule: 'S3', sessionId: s.id, roomId: room.id, staffIds: [id], message: `${p.name} ${av.zh}，须回避${s.name} ${room.code}`, messageEn: `${p.name} ${av.en}; must avoid ${room.code}` });
    }
  }
  for (const s of input.sessions) {
    for (const r of s.rooms) {
      if (!covered.has(`${s.id}:${r.id}`)) add({ rule: 'S2', sessionId: s.id, roomId: r.id, staffIds: [], message: `${s.name} ${r.code}未安排监考`, messageEn: `${r.code} has no assignment` });
    }
  }
  // one place at a time (TIME) and one function per batch (S7)
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
          add({ rule: 'TIME', sessionId: b.fixed ? a.sessionId : b.sessionId, roomId: b.fixed ? a.roomId : b.roomId, staffIds: [id], message: `${model.name(id)} 同一时间被安排在${model.roomCode(a.sessionId, a.roomId)}和${model.roomCode(b.sessionId, b.roomId)}`, messageEn: `${model.name(id)} is placed twice at the same time` });
        }
      }
    }
    const fns = new Set<DutyFunction>(list.map((l) => functionOf(l.duty)));
    if (fns.size > 1) {
      const pl = list.find((l) => !l.fixed) ?? list[0]!;
      add({ rule: 'S7', sessionId: pl.sessionId, roomId: pl.roomId, staffIds: [id], message: `${model.name(id)} 在本批次既任监考又任考评，不得交叉兼任`, messageEn: `${model.name(id)} would be both proctor and examiner in the batch` });
    }
  }
  return v;
}

/** Rotation (soft): the same room twice, or the same partner twice, across the day. */
export function rotationFindings(input: DrawInput, result: DrawResult, model = new DrawModel(input)): Relaxation[] {
  const out: Relaxation[] = [];
  const seenRoom = new Map<string, string>(); // `${staff}:${room}` → first session
  const seenPair = new Map<string, number>();
  const groups: { sessionId: number; startsAt: string; roomId: number; members: number[]; fixed: boolean }[] = [];
  const fixedGroups = new Map<string, { sessionId: number; startsAt: string; roomId: number; members: number[]; fixed: boolean }>();
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
  groups.sort((x, y) => Date.parse(x.startsAt) - Date.parse(y.startsAt) || x.sessionId - y.sessionId || x.roomId - y.roomId);
  for (const g of groups) {
    const roomCode = model.roomCode(g.sessionId, g.roomId);
    for (const id of g.members) {
      const k = `${id}:${g.roomId}`;
      if (seenRoom.has(k) && seenRoom.get(k) !== String(g.sessionId)) {
        if (!g.fixed) out.push({ kind: 'same_room', sessionId: g.sessionId, roomId: g.roomId, staffIds: [id], message: `${model.name(id)} 再次安排在${roomCode}`, messageEn: `${model.name(id)} is in ${roomCode} again` });
      } else seenRoom.set(k, String(g.sessionId));
    }
    for (let i = 0; i < g.members.length; i++) {
      for (let j = i + 1; j < g.members.length; j++) {
        const a = Math.min(g.members[i]!, g.members[j]!);
        const b = Math.max(g.members[i]!, g.members[j]!);
        const k = `${a}:${b}`;
        const first = seenPair.get(k);
        if (first !== undefined && first !== g.sessionId) {
          if (!g.fixed) out.push({ kind: 'same_partner', sessionId: g.sessionId, roomId: g.roomId, staffIds: [a, b], message: `${model.name(a)} 与 ${model.name(b)} 再次同组（${roomCode}）`, messageEn: `${model.name(a)} and ${model.name(b)} are paired again (${roomCode})` });
        } else seenPair.set(k, g.sessionId);
      }
    }
  }
  return out;
}
