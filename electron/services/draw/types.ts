// The draw's pure data: what goes into the solver (recorded with the seed) and what comes out.

/** Version of the whole algorithm (PRNG, ordering, matching, repair). A change means a new id. */
export const DRAW_ALGORITHM = 'kd-draw/1 (sha256-ctr prng, most-constrained-first randomised matching with augmenting paths, rotation repair)';

import type { PlanRole, SubjectKind } from '../../domain/vocabulary';

export type { SubjectKind };
/** the plan's staff roles (S1) are the roles the draw knows */
export type DrawRole = PlanRole;
/** the duties the draw gives (db/schema/draw.ts DRAW_DUTIES stores them; queries.ts checks they agree) */
export type Duty = 'proctor' | 'chief_examiner' | 'examiner';

export interface DrawStaff {
  id: number;
  name: string;
  workUnit: string | null;
  /** the roles that matter to the draw (S1, S7) */
  roles: DrawRole[];
  /** S6: examiner (考评员, level 3 and below) | senior (高级考评员, up to level 1) */
  grade: 'examiner' | 'senior' | null;
}

export interface DrawRoom {
  id: number;
  code: string;
  /** candidates sitting in this room in this session */
  candidateIds: number[];
}

export interface DrawSession {
  id: number;
  code: string;
  name: string;
  kind: SubjectKind;
  level: number;
  startsAt: string;
  endsAt: string;
  proctorsPerRoom: number;
  rooms: DrawRoom[];
}

/** An assignment made before this draw that still stands (a session already started). */
export interface FixedDuty {
  sessionId: number;
  startsAt: string;
  endsAt: string;
  roomId: number;
  staffId: number;
  duty: Duty;
}

export interface DrawOptions {
  /** S3: avoid candidates from the proctor's/examiner's own work unit (when the plan says so) */
  avoidSameUnit: boolean;
  /** S5: examiners per panel, chief included: odd, 3 or more */
  panelSize: number;
}

export interface DrawInput {
  algorithm: string;
  batchId: number;
  options: DrawOptions;
  /** staff on duty (E2): the only people the draw may place */
  staff: DrawStaff[];
  /** staff not on duty: named in suggestions, never placed */
  reserves: DrawStaff[];
  candidates: { id: number; workUnit: string | null }[];
  /** S3: [staffId, candidateId] trained by / related to */
  avoid: [number, number][];
  sessions: DrawSession[];
  fixed: FixedDuty[];
}

export interface RoomAssignment {
  sessionId: number;
  roomId: number;
  proctors: number[];
  /** skill and review rooms: the chief examiner (考评组长) and the other examiners */
  chief: number | null;
  examiners: number[];
}

/**
 * A finding in the catalogue's terms: the rule it enforces, a reason (a key under `draw.issue.` or
 * `draw.bar.` in the renderer's catalogue) and its params. Names and room codes are the plan's data;
 * words the UI translates are passed as '@key'. The service never writes the sentence.
 */
export interface DrawIssue {
  rule: RuleId | 'S4';
  reason: string;
  params: Record<string, string | number>;
}

/** Why one person cannot hold a duty (role, grade, avoidance…): worded under `draw.bar.` */
export interface Bar extends DrawIssue {
  rule: RuleId;
}

export interface Relaxation extends DrawIssue {
  /** S4: rotation is soft, every place it had to give is listed */
  rule: 'S4';
  kind: 'same_room' | 'same_partner';
  sessionId: number;
  roomId: number;
  staffIds: number[];
}

export interface DrawResult {
  assignments: RoomAssignment[];
  /** rotation is soft (where the pool allows): every place it had to give is listed */
  relaxed: Relaxation[];
}

export type RuleId = 'S2' | 'S3' | 'S5' | 'S6' | 'S7' | 'E2' | 'TIME';

/** A person barred from the rooms in question, and why (per room when the rooms differ). */
export interface Blocker extends Bar {
  staffId: number;
  name: string;
  /** S3 over several rooms: the bar in each (reason 'avoidRooms') */
  rooms?: { code: string; bar: Bar }[];
}

/** Why the draw cannot be made: worded under `draw.issue.` (a shortage adds its blockers and who to call in). */
export interface Problem extends DrawIssue {
  rule: RuleId;
  sessionId: number;
  roomIds: number[];
  /** the rooms' codes, for the wording (a shortage shared by several rooms names them all) */
  roomCodes?: string[];
  need: number;
  available: number;
  /** people and why they cannot serve here */
  blockers: Blocker[];
  /** staff not on duty who could serve (call them in) */
  suggest: { staffId: number; name: string }[];
  /** a violation carried over as a problem: the person's own bar */
  bar?: Bar;
}

export type DrawOutcome = { ok: true; result: DrawResult } | { ok: false; problems: Problem[] };

/** A hard rule broken by an assignment: worded under `draw.issue.` (with the person's bar when there is one). */
export interface Violation extends DrawIssue {
  rule: RuleId;
  sessionId: number;
  roomId: number | null;
  staffIds: number[];
  bar?: Bar;
}
