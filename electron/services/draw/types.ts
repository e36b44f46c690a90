// The draw's pure data: what goes into the solver (recorded with the seed) and what comes out.

/** Version of the whole algorithm (PRNG, ordering, matching, repair). A change means a new id. */
export const DRAW_ALGORITHM = 'kd-draw/1 (sha256-ctr prng, most-constrained-first randomised matching with augmenting paths, rotation repair)';

export type DrawRole = 'proctor' | 'examiner' | 'chief_examiner' | 'supervisor' | 'score_clerk';
export type Duty = 'proctor' | 'chief_examiner' | 'examiner';
export type SubjectKind = 'theory' | 'skill' | 'review';

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

export interface Relaxation {
  kind: 'same_room' | 'same_partner';
  sessionId: number;
  roomId: number;
  staffIds: number[];
  message: string;
  messageEn: string;
}

export interface DrawResult {
  assignments: RoomAssignment[];
  /** rotation is soft (where the pool allows): every place it had to give is listed */
  relaxed: Relaxation[];
}

export type RuleId = 'S2' | 'S3' | 'S5' | 'S6' | 'S7' | 'E2' | 'TIME';

export interface Problem {
  rule: RuleId;
  sessionId: number;
  roomIds: number[];
  need: number;
  available: number;
  /** people and why they cannot serve here */
  blockers: { staffId: number; name: string; reason: string }[];
  /** staff not on duty who could serve (call them in) */
  suggest: { staffId: number; name: string }[];
  message: string;
  messageEn: string;
}

export type DrawOutcome = { ok: true; result: DrawResult } | { ok: false; problems: Problem[] };

export interface Violation {
  rule: RuleId;
  sessionId: number;
  roomId: number | null;
  staffIds: number[];
  message: string;
  messageEn: string;
}
