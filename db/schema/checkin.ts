// The door (DOMAIN E3–E5): sign-ins, the photos taken at the door, absences marked at the entry
// cut-off, refusals, and the alarms the door raises for the incidents desk to pick up.
// Guards the schema cannot say (photos never overwritten, the ticket-tail index) live in the
// custom migration `*_checkin_guards.sql`.

import { blob, index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { candidates, examSessions, rooms, staff } from './core';

/** A photo taken at the door: JPEG, compressed by the camera page, never overwritten or deleted (triggers). */
export const checkinPhotos = sqliteTable(
  'checkin_photos',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    candidateId: integer('candidate_id').notNull().references(() => candidates.id),
    sessionId: integer('session_id').notNull().references(() => examSessions.id),
    /** signin | doubtful */
    purpose: text('purpose').notNull(),
    mime: text('mime').notNull(),
    bytes: blob('bytes', { mode: 'buffer' }).notNull(),
    sha256: text('sha256').notNull(),
    width: integer('width'),
    height: integer('height'),
    takenAt: text('taken_at').notNull(),
    takenBy: integer('taken_by').notNull().references(() => staff.id),
    device: text('device').notNull(),
  },
  (t) => [index('checkin_photos_candidate').on(t.candidateId, t.sessionId)],
);

/** One sign-in per candidate per session (the unique index is the last word on duplicates). */
export const checkins = sqliteTable(
  'checkins',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    sessionId: integer('session_id').notNull().references(() => examSessions.id),
    roomId: integer('room_id').notNull().references(() => rooms.id),
    candidateId: integer('candidate_id').notNull().references(() => candidates.id),
    /** ok | doubtful (存疑考生) */
    status: text('status').notNull(),
    at: text('at').notNull(),
    proctorId: integer('proctor_id').notNull().references(() => staff.id),
    device: text('device').notNull(),
    /** how the candidate was found: scan | id | ticket | qr | ticket_tail | doc_tail */
    method: text('method').notNull(),
    photoId: integer('photo_id').references(() => checkinPhotos.id),
    /** why there is no photo (no camera, camera broken…) */
    noPhotoReason: text('no_photo_reason'),
    doubtReason: text('doubt_reason'),
    /** the second proctor who confirmed a doubtful admission with their PIN */
    secondProctorId: integer('second_proctor_id').references(() => staff.id),
    /** E4: admitted after the entry cut-off by a supervisor, with a reason */
    late: integer('late', { mode: 'boolean' }).notNull().default(false),
    lateReason: text('late_reason'),
    lateApprovedBy: integer('late_approved_by').references(() => staff.id),
    /** E5: hand_in | leave, recorded once */
    leftKind: text('left_kind'),
    leftAt: text('left_at'),
    leftRecordedBy: integer('left_recorded_by').references(() => staff.id),
    /** the supervisor's review of a doubtful case */
    reviewedAt: text('reviewed_at'),
    reviewedBy: integer('reviewed_by').references(() => staff.id),
    reviewNote: text('review_note'),
  },
  (t) => [
    uniqueIndex('checkins_session_candidate').on(t.sessionId, t.candidateId),
    index('checkins_session_room').on(t.sessionId, t.roomId),
    index('checkins_doubtful').on(t.status),
  ],
);

/** E4: candidates marked absent (缺考) at the entry cut-off, as the proctor confirmed the list. */
export const checkinAbsences = sqliteTable(
  'checkin_absences',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    sessionId: integer('session_id').notNull().references(() => examSessions.id),
    roomId: integer('room_id').notNull().references(() => rooms.id),
    candidateId: integer('candidate_id').notNull().references(() => candidates.id),
    markedAt: text('marked_at').notNull(),
    markedBy: integer('marked_by').notNull().references(() => staff.id),
    device: text('device').notNull(),
  },
  (t) => [uniqueIndex('checkin_absences_session_candidate').on(t.sessionId, t.candidateId), index('checkin_absences_room').on(t.sessionId, t.roomId)],
);

/** Every refusal at a door: what was scanned, the verdict, who refused and when. */
export const checkinRefusals = sqliteTable(
  'checkin_refusals',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    sessionId: integer('session_id').notNull().references(() => examSessions.id),
    roomId: integer('room_id').notNull().references(() => rooms.id),
    /** null when the code matched nobody in the plan */
    candidateId: integer('candidate_id').references(() => candidates.id),
    code: text('code').notNull(),
    /** not_in_plan | wrong_room | wrong_session | entry_closed | already_here | already_elsewhere */
    verdict: text('verdict').notNull(),
    at: text('at').notNull(),
    proctorId: integer('proctor_id').notNull().references(() => staff.id),
    device: text('device').notNull(),
  },
  (t) => [index('checkin_refusals_room').on(t.sessionId, t.roomId)],
);

/**
 * Alarms the door raises for the incidents desk (issue 6 turns a draft into an incident record):
 * a candidate already signed in, here or in another room, is possible impersonation (替考/冒名顶替).
 */
export const checkinAlerts = sqliteTable(
  'checkin_alerts',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    /** impersonation_suspect */
    kind: text('kind').notNull(),
    /** 替考/冒名顶替嫌疑 */
    kindZh: text('kind_zh').notNull(),
    candidateId: integer('candidate_id').notNull().references(() => candidates.id),
    sessionId: integer('session_id').notNull().references(() => examSessions.id),
    /** the door where the second scan happened */
    roomId: integer('room_id').notNull().references(() => rooms.id),
    /** the earlier sign-in this scan collides with */
    checkinId: integer('checkin_id').references(() => checkins.id),
    at: text('at').notNull(),
    proctorId: integer('proctor_id').notNull().references(() => staff.id),
    device: text('device').notNull(),
    detail: text('detail').notNull().default('{}'),
    /** draft | taken (by the incidents desk) */
    status: text('status').notNull().default('draft'),
  },
  (t) => [index('checkin_alerts_session').on(t.sessionId, t.status)],
);
