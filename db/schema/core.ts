// The console's local copy of the site's data. One file: the tables read best side by side.
// Later capabilities add tables here and run `npm run db:generate` for a new migration.

import { blob, index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
// the plan's kinds are the domain's vocabulary (one definition, pure, shared with the renderer)
import { EXAMINER_GRADES, MODES, ORG_TYPES, ROOM_KINDS, SUBJECT_KINDS } from '../../electron/domain/vocabulary';

export { EXAMINER_GRADES, MODES, ORG_TYPES, ROOM_KINDS, SUBJECT_KINDS };
export type RoomKind = (typeof ROOM_KINDS)[number];
export type ExaminerGrade = (typeof EXAMINER_GRADES)[number];

/** DOMAIN P1: the evaluation organisation (评价机构). */
export const organisations = sqliteTable('organisations', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  code: text('code').notNull().unique(), // 机构编码, e.g. S0000370000XX
  name: text('name').notNull(),
  type: text('type', { enum: ORG_TYPES }).notNull(),
  /** Highest (numerically lowest) level the filed scope allows (P4): 1..5. */
  levelCap: integer('level_cap'),
});

/** The site (考点) this PC serves: one row. */
export const site = sqliteTable('site', {
  id: integer('id').primaryKey(),
  name: text('name').notNull(),
  address: text('address'),
  createdAt: text('created_at').notNull(),
});

/**
 * A batch's states. draft: imported, being worked (plan, draw, door, scoring, results);
 * sealed: its results signed and sealed (S9), the tables refuse changes; amending: an amendment
 * opened on a sealed batch, closed by sealing the next version.
 */
export const BATCH_STATUSES = ['draft', 'sealed', 'amending'] as const;
export type BatchStatus = (typeof BATCH_STATUSES)[number];

/** DOMAIN P5: a batch plan (认定批次 / 认定计划). */
export const batches = sqliteTable('batches', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  organisationId: integer('organisation_id').notNull().references(() => organisations.id),
  planCode: text('plan_code').notNull().unique(), // the platform's plan number
  name: text('name').notNull(), // 20230521XXX(机构名称)第1期社会化评价
  examDate: text('exam_date').notNull(), // YYYY-MM-DD
  /** the batch lifecycle: its transitions have one owner, electron/services/batch.ts */
  status: text('status', { enum: BATCH_STATUSES }).notNull().default('draft'),
  planVersion: integer('plan_version').notNull().default(1),
  importedAt: text('imported_at').notNull(),
});

/** DOMAIN P2/P3: occupation (职业), optional work type (工种) and level examined in a batch. */
export const occupations = sqliteTable(
  'occupations',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    batchId: integer('batch_id').notNull().references(() => batches.id, { onDelete: 'cascade' }),
    code: text('code').notNull(), // 6-18-01-01
    name: text('name').notNull(),
    workTypeCode: text('work_type_code'), // 6-18-01-01-02
    workTypeName: text('work_type_name'),
    level: integer('level').notNull(), // 1..5 (一级/高级技师 .. 五级/初级工)
  },
  (t) => [uniqueIndex('occupations_batch_code_level').on(t.batchId, t.code, t.workTypeCode, t.level)],
);

/** DOMAIN P6: a subject (科目) of an occupation and level, with its mode. */
export const subjects = sqliteTable('subjects', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  batchId: integer('batch_id').notNull().references(() => batches.id, { onDelete: 'cascade' }),
  occupationId: integer('occupation_id').notNull().references(() => occupations.id, { onDelete: 'cascade' }),
  kind: text('kind', { enum: SUBJECT_KINDS }).notNull(),
  /** P6: the modes each kind allows are MODES_ALLOWED in the vocabulary */
  mode: text('mode', { enum: MODES }).notNull(),
});

/** An exam session (场次): one subject sitting with start and end times. */
export const examSessions = sqliteTable('exam_sessions', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  batchId: integer('batch_id').notNull().references(() => batches.id, { onDelete: 'cascade' }),
  subjectId: integer('subject_id').notNull().references(() => subjects.id, { onDelete: 'cascade' }),
  code: text('code').notNull(),
  name: text('name').notNull(),
  startsAt: text('starts_at').notNull(), // ISO 8601 with offset
  endsAt: text('ends_at').notNull(),
  proctorsPerRoom: integer('proctors_per_room').notNull().default(2), // S2: never fewer than 2
});

/** DOMAIN R1/R2: rooms; for theory rooms the seat count is a hard capacity. */
export const rooms = sqliteTable(
  'rooms',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    batchId: integer('batch_id').notNull().references(() => batches.id, { onDelete: 'cascade' }),
    code: text('code').notNull(), // 第1考场
    kind: text('kind', { enum: ROOM_KINDS }).notNull(),
    building: text('building').notNull(),
    floor: text('floor').notNull(),
    roomNo: text('room_no').notNull(),
    seats: integer('seats').notNull(),
  },
  (t) => [uniqueIndex('rooms_batch_code').on(t.batchId, t.code)],
);

export const sessionRooms = sqliteTable(
  'session_rooms',
  {
    sessionId: integer('session_id').notNull().references(() => examSessions.id, { onDelete: 'cascade' }),
    roomId: integer('room_id').notNull().references(() => rooms.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.sessionId, t.roomId] })],
);

/** DOMAIN P7/P8/P13: a candidate (考生). Names are stored as given (P11). */
export const candidates = sqliteTable(
  'candidates',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    batchId: integer('batch_id').notNull().references(() => batches.id, { onDelete: 'cascade' }),
    occupationId: integer('occupation_id').notNull().references(() => occupations.id),
    name: text('name').notNull(),
    gender: text('gender').notNull(), // 男 | 女
    birthDate: text('birth_date').notNull(), // YYYY-MM-DD
    docType: text('doc_type').notNull(), // one of P8's eight
    docNumber: text('doc_number').notNull(),
    /** last 6 characters of the document number, for the door's fallback lookup */
    docTail: text('doc_tail').notNull(),
    ticketNo: text('ticket_no').notNull(), // 准考证号
    phone: text('phone'),
    education: text('education'), // 文化程度 (P13)
    major: text('major'),
    ethnicity: text('ethnicity'),
    category: text('category'), // 院校学生 | 社会人员 | 其他
    workUnit: text('work_unit'),
    photo: blob('photo', { mode: 'buffer' }),
    photoType: text('photo_type'),
  },
  (t) => [
    uniqueIndex('candidates_batch_ticket').on(t.batchId, t.ticketNo),
    uniqueIndex('candidates_batch_doc').on(t.batchId, t.docNumber),
    index('candidates_doc_tail').on(t.batchId, t.docTail),
  ],
);

/** Which subjects a candidate sits, where (P7 room and seat) and whether new or retake (P12). */
export const candidateSubjects = sqliteTable(
  'candidate_subjects',
  {
    candidateId: integer('candidate_id').notNull().references(() => candidates.id, { onDelete: 'cascade' }),
    subjectId: integer('subject_id').notNull().references(() => subjects.id, { onDelete: 'cascade' }),
    sessionId: integer('session_id').references(() => examSessions.id),
    roomId: integer('room_id').references(() => rooms.id),
    seat: text('seat'),
    retake: integer('retake', { mode: 'boolean' }).notNull().default(false),
  },
  (t) => [primaryKey({ columns: [t.candidateId, t.subjectId] }), index('candidate_subjects_room').on(t.sessionId, t.roomId)],
);

/** DOMAIN S1 roles, plus the PC's administrator, in the order the UI lists them (electron/services/roles.ts). */
export const STAFF_ROLES = ['site_head', 'proctor', 'examiner', 'chief_examiner', 'supervisor', 'score_clerk', 'admin'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];
/** S6: examiner (考评员, level 3 and below) | senior (高级考评员, up to level 1) */
export const STAFF_EXAMINER_GRADES = EXAMINER_GRADES;
/** an audit event: done, or refused and remembered (a wrong PIN) */
export const AUDIT_OUTCOMES = ['ok', 'refused'] as const;

/** DOMAIN S1: staff of the site; roles in staff_roles. */
export const staff = sqliteTable('staff', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  staffNo: text('staff_no').notNull().unique(), // 工号
  name: text('name').notNull(),
  gender: text('gender'),
  workUnit: text('work_unit'), // S3: avoidance of candidates from the same unit
  /** S6: examiner | senior (高级考评员), null when not an examiner */
  examinerGrade: text('examiner_grade', { enum: EXAMINER_GRADES }),
  phone: text('phone'),
  active: integer('active', { mode: 'boolean' }).notNull().default(true),
  createdAt: text('created_at').notNull(),
});

/** A staff member's roles; a batch id when the role is for one batch (S7 is per batch). */
export const staffRoles = sqliteTable(
  'staff_roles',
  {
    staffId: integer('staff_id').notNull().references(() => staff.id, { onDelete: 'cascade' }),
    role: text('role', { enum: STAFF_ROLES }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.staffId, t.role] })],
);

/**
 * What ties a staff member to a candidate they must avoid (S3). The plan's 培训考生 column is the
 * only source: 'trained'. (Kin and colleagues were once listed here but nothing records them; S3's
 * same-unit avoidance reads staff.work_unit instead.)
 */
export const RELATION_KINDS = ['trained'] as const;
export type RelationKind = (typeof RELATION_KINDS)[number];

/** DOMAIN S3: a staff member trained a candidate and must avoid them. */
export const trainingRelations = sqliteTable(
  'training_relations',
  {
    staffId: integer('staff_id').notNull().references(() => staff.id, { onDelete: 'cascade' }),
    candidateId: integer('candidate_id').notNull().references(() => candidates.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: RELATION_KINDS }).notNull().default('trained'),
  },
  (t) => [primaryKey({ columns: [t.staffId, t.candidateId] })],
);

/** PINs: scrypt hashes only, with the failure count behind the growing lockout. */
export const staffPins = sqliteTable('staff_pins', {
  staffId: integer('staff_id').primaryKey().references(() => staff.id, { onDelete: 'cascade' }),
  hash: text('hash').notNull(), // scrypt$N$r$p$salt$key (base64)
  failedCount: integer('failed_count').notNull().default(0),
  lockedUntil: text('locked_until'),
  updatedAt: text('updated_at').notNull(),
});

/**
 * One-time enrolment codes (S1): a staff member chooses their own PIN with one. Only the code's
 * SHA-256 is kept; valid on one site day (valid_on), used once; a new code revokes the earlier ones.
 */
export const staffEnrolments = sqliteTable(
  'staff_enrolments',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    staffId: integer('staff_id')
      .notNull()
      .references(() => staff.id, { onDelete: 'cascade' }),
    codeHash: text('code_hash').notNull(),
    validOn: text('valid_on').notNull(),
    issuedAt: text('issued_at').notNull(),
    issuedBy: integer('issued_by').references(() => staff.id),
    usedAt: text('used_at'),
    revokedAt: text('revoked_at'),
  },
  (t) => [index('staff_enrolments_staff').on(t.staffId)],
);

/** Signed-in sessions (HTTP and IPC alike); the token itself is never stored, only its SHA-256. */
export const authSessions = sqliteTable(
  'auth_sessions',
  {
    tokenHash: text('token_hash').primaryKey(),
    staffId: integer('staff_id').notNull().references(() => staff.id, { onDelete: 'cascade' }),
    role: text('role', { enum: STAFF_ROLES }).notNull(),
    device: text('device').notNull(),
    createdAt: text('created_at').notNull(),
    expiresAt: text('expires_at').notNull(),
    revokedAt: text('revoked_at'),
  },
  (t) => [index('auth_sessions_staff').on(t.staffId)],
);

/** DOMAIN A1: the append-only audit trail. Triggers (migration 0001) refuse UPDATE and DELETE. */
export const auditEvents = sqliteTable('audit_events', {
  seq: integer('seq').primaryKey(), // 1, 2, 3… no gaps
  at: text('at').notNull(),
  actorId: integer('actor_id'),
  actorName: text('actor_name'),
  role: text('role', { enum: STAFF_ROLES }),
  device: text('device').notNull(),
  command: text('command').notNull(),
  /** a refusal that must be remembered (a wrong PIN) is an event too */
  outcome: text('outcome', { enum: AUDIT_OUTCOMES }).notNull().default('ok'),
  payloadDigest: text('payload_digest').notNull(), // SHA-256 of the canonical command input
  /** canonical JSON: what changed (subject, before/after) */
  detail: text('detail').notNull().default('{}'),
  prevHash: text('prev_hash').notNull(),
  hash: text('hash').notNull().unique(),
});

export const appMeta = sqliteTable('app_meta', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
});

