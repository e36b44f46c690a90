// The batch plan's own tables. The core tables (batches, rooms, candidates, staff…)
// live in core.ts; these add what is per batch and has no home there.
import { index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { PLAN_ROLES } from '../../electron/domain/vocabulary';
import { batches, examSessions, staff } from './core';

export { PLAN_ROLES };

/**
 * A staff member's roles in one batch (S7 is per batch: proctor, examiner and supervisor may
 * not be held together in the same batch). staff_roles keeps the site-wide roles for sign-in.
 */
export const batchStaffRoles = sqliteTable(
  'batch_staff_roles',
  {
    batchId: integer('batch_id').notNull().references(() => batches.id, { onDelete: 'cascade' }),
    staffId: integer('staff_id').notNull().references(() => staff.id, { onDelete: 'cascade' }),
    role: text('role', { enum: PLAN_ROLES }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.batchId, t.staffId, t.role] }), index('batch_staff_roles_staff').on(t.staffId)],
);

/**
 * Sessions an examiner is booked for by the plan (the workbook's 考评场次 column, optional).
 * The draw (S4) picks panels from these; with no booking the batch's whole examiner pool serves.
 */
export const sessionExaminerPool = sqliteTable(
  'session_examiner_pool',
  {
    sessionId: integer('session_id').notNull().references(() => examSessions.id, { onDelete: 'cascade' }),
    staffId: integer('staff_id').notNull().references(() => staff.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.sessionId, t.staffId] })],
);

/** Per-session plan facts core's exam_sessions has no column for: the panel size (S5). */
export const sessionPlan = sqliteTable('session_plan', {
  sessionId: integer('session_id')
    .primaryKey()
    .references(() => examSessions.id, { onDelete: 'cascade' }),
  /** examiners per room for skill and review sessions (S5: 3 or more, odd); null for theory */
  examinersPerRoom: integer('examiners_per_room'),
});

/** The plan package each import applied, for the re-import diff and the record (P9). */
export const planImports = sqliteTable('plan_imports', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  batchId: integer('batch_id').notNull().references(() => batches.id, { onDelete: 'cascade' }),
  version: integer('version').notNull(),
  at: text('at').notNull(),
  actorId: integer('actor_id'),
  /** SHA-256 of the canonical plan package (photos as digests) */
  digest: text('digest').notNull(),
  /** canonical JSON: counts and the diff applied */
  summary: text('summary').notNull(),
});
