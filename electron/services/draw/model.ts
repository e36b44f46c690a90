// Derived look-ups over a DrawInput, shared by the solver, the rule check and the explanations.
import type { Bar, DrawInput, DrawSession, DrawStaff, Duty } from './types';

/** a duty as a word param: the renderer says 监考人员 / proctors */
export const dutyWord = (d: Duty): string => `@draw.duty.${d}`;

/** S7: the function a duty belongs to; one person holds one function in a batch. */
export type DutyFunction = 'proctor' | 'panel';
export const functionOf = (d: Duty): DutyFunction => (d === 'proctor' ? 'proctor' : 'panel');

export interface Interval {
  startsAt: string;
  endsAt: string;
}

export function overlaps(a: Interval, b: Interval): boolean {
  const a0 = Date.parse(a.startsAt);
  const a1 = Date.parse(a.endsAt);
  const b0 = Date.parse(b.startsAt);
  const b1 = Date.parse(b.endsAt);
  return a0 < b1 && b0 < a1;
}

/** S6: an examiner may examine level 3 and below (3, 4, 5); a senior examiner up to level 1. */
export function gradeAllows(grade: DrawStaff['grade'], level: number): boolean {
  if (grade === 'senior') return level >= 1;
  if (grade === 'examiner') return level >= 3;
  return false;
}

export const proctorsNeeded = (s: DrawSession): number => Math.max(2, s.proctorsPerRoom); // S2: never fewer than two
export const hasPanel = (s: DrawSession): boolean => s.kind === 'skill' || s.kind === 'review';

/** Why a person may not hold a duty at a level regardless of room (S1 role, S6 grade, S7 supervisor). */
export function roleBar(p: DrawStaff, duty: Duty, level: number): Bar | null {
  // the role first: someone who does not hold it is no candidate at all (and no blocker to name)
  if (duty === 'proctor' && !p.roles.includes('proctor')) return { rule: 'S2', reason: 'notProctor', params: {} };
  if (duty === 'chief_examiner' && !p.roles.includes('chief_examiner')) return { rule: 'S2', reason: 'notChief', params: {} };
  if (duty === 'examiner' && !p.roles.includes('examiner') && !p.roles.includes('chief_examiner')) return { rule: 'S2', reason: 'notExaminer', params: {} };
  if (p.roles.includes('supervisor')) return { rule: 'S7', reason: 'supervisor', params: {} };
  if (duty === 'proctor') return null;
  if (!gradeAllows(p.grade, level)) return { rule: 'S6', reason: p.grade === 'examiner' ? 'gradeExaminer' : 'gradeNone', params: { level } };
  return null;
}

export class DrawModel {
  readonly staffById = new Map<number, DrawStaff>();
  readonly sessionById = new Map<number, DrawSession>();
  private readonly unitOfCandidate = new Map<number, string | null>();
  /** per session, per room: staffId → number of trained/related candidates there (number keys: the hot path) */
  private readonly trained = new Map<number, Map<number, Map<number, number>>>();
  /** per session and room: work unit → number of candidates from it */
  private readonly units = new Map<number, Map<number, Map<string, number>>>();

  constructor(readonly input: DrawInput) {
    for (const p of input.staff) this.staffById.set(p.id, p);
    for (const c of input.candidates) this.unitOfCandidate.set(c.id, c.workUnit);
    const avoidByCandidate = new Map<number, number[]>();
    for (const [s, c] of input.avoid) {
      const list = avoidByCandidate.get(c);
      if (list) list.push(s);
      else avoidByCandidate.set(c, [s]);
    }
    for (const s of input.sessions) {
      this.sessionById.set(s.id, s);
      const t = new Map<number, Map<number, number>>();
      const u = new Map<number, Map<string, number>>();
      for (const r of s.rooms) {
        const ru = new Map<string, number>();
        const rt = new Map<number, number>();
        t.set(r.id, rt);
        for (const c of r.candidateIds) {
          for (const p of avoidByCandidate.get(c) ?? []) {
            rt.set(p, (rt.get(p) ?? 0) + 1);
          }
          const unit = this.unitOfCandidate.get(c);
          if (unit) ru.set(unit, (ru.get(unit) ?? 0) + 1);
        }
        u.set(r.id, ru);
      }
      this.trained.set(s.id, t);
      this.units.set(s.id, u);
    }
  }

  /** S3: why this person must avoid this room in this session, or null */
  avoidance(sessionId: number, roomId: number, p: DrawStaff): Bar | null {
    const n = this.trained.get(sessionId)?.get(roomId)?.get(p.id) ?? 0;
    if (n > 0) return { rule: 'S3', reason: 'trained', params: { count: n } };
    if (this.input.options.avoidSameUnit && p.workUnit) {
      const m = this.units.get(sessionId)?.get(roomId)?.get(p.workUnit) ?? 0;
      if (m > 0) return { rule: 'S3', reason: 'sameUnit', params: { count: m, unit: p.workUnit } };
    }
    return null;
  }

  /** S3 in bulk for the solver's hot loop: the ids of everyone who must avoid this room */
  barredFrom(sessionId: number, roomId: number, staffByUnit: Map<string, number[]>): number[] {
    const out = [...(this.trained.get(sessionId)?.get(roomId)?.keys() ?? [])];
    if (this.input.options.avoidSameUnit) {
      for (const unit of this.units.get(sessionId)?.get(roomId)?.keys() ?? []) out.push(...(staffByUnit.get(unit) ?? []));
    }
    return out;
  }

  roomCode(sessionId: number, roomId: number): string {
    return this.sessionById.get(sessionId)?.rooms.find((r) => r.id === roomId)?.code ?? `#${roomId}`;
  }

  name(staffId: number): string {
    return this.staffById.get(staffId)?.name ?? this.input.reserves.find((r) => r.id === staffId)?.name ?? `#${staffId}`;
  }
}
