// The draw: who is on duty (E2), each draw with its seed and recorded inputs (S2–S7),
// the current assignment per session and room, and every manual change after the draw.
import { index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { batches, examSessions, rooms, staff } from './core';

/** a draw of the whole day or of some sessions (late arrivals, before they start) */
export const DRAW_SCOPES = ['day', 'sessions'] as const;
export type DrawScope = (typeof DRAW_SCOPES)[number];
/**
 * S8: drawn, then confirmed by the supervisor with their own PIN. A redraw of sessions whose draw in
 * force is confirmed is 'pending' (recorded, not in force) until the supervisor confirms it; a
 * pending draw replaced by another redraw before that is 'discarded' (kept on record).
 */
export const DRAW_STATUSES = ['drawn', 'confirmed', 'pending', 'discarded'] as const;
export type DrawStatus = (typeof DRAW_STATUSES)[number];
/** the duties the draw gives (S2 proctors, S5 the chief examiner and examiners) */
export const DRAW_DUTIES = ['proctor', 'chief_examiner', 'examiner'] as const;
export type DrawDuty = (typeof DRAW_DUTIES)[number];
/** a manual change: swap two assigned people, or replace one with someone unassigned */
export const DRAW_CHANGE_KINDS = ['swap', 'replace'] as const;
export type DrawChangeKind = (typeof DRAW_CHANGE_KINDS)[number];

/** E2: staff marked on duty (到岗) for a batch's exam day; only they enter the draw. */
export const dutyMarks = sqliteTable(
  'duty_marks',
  {
    batchId: integer('batch_id').notNull().references(() => batches.id, { onDelete: 'cascade' }),
    staffId: integer('staff_id').notNull().references(() => staff.id, { onDelete: 'cascade' }),
    onDuty: integer('on_duty', { mode: 'boolean' }).notNull(),
    markedAt: text('marked_at').notNull(),
    markedBy: integer('marked_by'),
  },
  (t) => [primaryKey({ columns: [t.batchId, t.staffId] })],
);

/**
 * One draw: the recorded inputs (canonical JSON), the seed and algorithm, and the solver's
 * result as drawn. The result is never edited: manual changes go to draw_changes and to the
 * current assignment in draw_assignments.
 */
export const draws = sqliteTable(
  'draws',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    batchId: integer('batch_id').notNull().references(() => batches.id, { onDelete: 'cascade' }),
    scope: text('scope', { enum: DRAW_SCOPES }).notNull(),
    /** JSON array of the session ids drawn */
    sessionIds: text('session_ids').notNull(),
    algorithm: text('algorithm').notNull(),
    seed: text('seed').notNull(), // 64 hex characters from a cryptographic source
    inputs: text('inputs').notNull(), // canonical JSON
    inputsDigest: text('inputs_digest').notNull(), // SHA-256 of inputs
    result: text('result').notNull(), // canonical JSON
    resultDigest: text('result_digest').notNull(),
    status: text('status', { enum: DRAW_STATUSES }).notNull().default('drawn'),
    createdAt: text('created_at').notNull(),
    createdBy: integer('created_by'),
    confirmedAt: text('confirmed_at'),
    confirmedBy: integer('confirmed_by'),
    auditSeq: integer('audit_seq'),
    /** why a redraw replaces the draw in force (required for every draw after the first of a session) */
    reason: text('reason'),
  },
  (t) => [index('draws_batch').on(t.batchId)],
);

/** The current assignment: one row per person per session; inactive once a redraw replaces it. */
export const drawAssignments = sqliteTable(
  'draw_assignments',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    drawId: integer('draw_id').notNull().references(() => draws.id, { onDelete: 'cascade' }),
    sessionId: integer('session_id').notNull().references(() => examSessions.id, { onDelete: 'cascade' }),
    roomId: integer('room_id').notNull().references(() => rooms.id, { onDelete: 'cascade' }),
    staffId: integer('staff_id').notNull().references(() => staff.id),
    role: text('role', { enum: DRAW_DUTIES }).notNull(),
    position: integer('position').notNull(),
    active: integer('active', { mode: 'boolean' }).notNull().default(true),
  },
  (t) => [index('draw_assignments_room').on(t.sessionId, t.roomId, t.active), index('draw_assignments_draw').on(t.drawId)],
);

/** A manual change after the draw (someone falls ill): who, what, why. */
export const drawChanges = sqliteTable('draw_changes', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  drawId: integer('draw_id').notNull().references(() => draws.id, { onDelete: 'cascade' }),
  sessionId: integer('session_id').notNull(),
  kind: text('kind', { enum: DRAW_CHANGE_KINDS }).notNull(),
  roomId: integer('room_id').notNull(),
  staffId: integer('staff_id').notNull(),
  /** replace: the newcomer; swap: the person swapped with */
  otherStaffId: integer('other_staff_id').notNull(),
  otherRoomId: integer('other_room_id'),
  reason: text('reason').notNull(),
  at: text('at').notNull(),
  by: integer('by'),
});
