// The door (DOMAIN E3–E5): sign-ins, the photos taken at the door, absences marked at the entry
// cut-off, refusals, and the alarms the door raises for the incidents desk to pick up.
// Guards the schema cannot say (photos never overwritten, the ticket-tail index) live in the
// custom migration `*_checkin_guards.sql`.

import { blob, index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { candidates, examSessions, rooms, staff } from './core';
import { ALERT_KINDS } from '../../electron/domain/incidents';
export { ALERT_KINDS, type AlertKind } from '../../electron/domain/incidents';

/** How an ID card reader delivered the card at the door (see electron/services/cardreader). */
export const CARD_SOURCES = ['keyboard', 'vendor'] as const;
export type CardSource = (typeof CARD_SOURCES)[number];
/** Why a door photo was taken: at a sign-in, for a doubtful admission (S8), or read from the ID card's chip. */
export const PHOTO_PURPOSES = ['signin', 'doubtful', 'chip'] as const;
export type PhotoPurpose = (typeof PHOTO_PURPOSES)[number];
/** A sign-in: admitted, or admitted as doubtful (存疑考生) with the second proctor's PIN. */
export const CHECKIN_STATUSES = ['ok', 'doubtful'] as const;
export type CheckinStatus = (typeof CHECKIN_STATUSES)[number];
/** How the candidate was found at the door (a pick comes from a tail's list). */
export const LOOKUP_METHODS = ['ticket', 'id', 'doc', 'qr', 'ticket_tail', 'doc_tail', 'pick'] as const;
export type LookupMethod = (typeof LOOKUP_METHODS)[number];
/** E5: handing in the paper, or leaving. */
export const LEFT_KINDS = ['hand_in', 'leave'] as const;
export type LeftKind = (typeof LEFT_KINDS)[number];
/** What the door says (E3, E4): admit, or one of the refusals. */
export const VERDICT_CODES = ['ok', 'entry_closed', 'wrong_room', 'wrong_session', 'not_in_plan', 'already_here', 'already_elsewhere'] as const;
export type VerdictCode = (typeof VERDICT_CODES)[number];
/** Verdicts that refuse entry and are recorded as refusals. */
export const REFUSAL_VERDICTS = ['entry_closed', 'wrong_room', 'wrong_session', 'not_in_plan', 'already_here', 'already_elsewhere'] as const;
export type RefusalVerdict = (typeof REFUSAL_VERDICTS)[number];
/** An alarm waits as a draft until the supervisor takes it up as an incident, or someone at the door closes it as a false alarm. */
export const ALERT_STATUSES = ['draft', 'taken', 'dismissed'] as const;
export type AlertStatus = (typeof ALERT_STATUSES)[number];
/** Why a duplicate alarm was a false alarm: the card read twice, or the candidate stepped out and back in. */
export const ALERT_CLOSE_REASONS = ['double_read', 're_entry'] as const;
export type AlertCloseReason = (typeof ALERT_CLOSE_REASONS)[number];
/** What the supervisor found about a doubtful admission (S8): the identity holds, impersonation, or it stays open for the incidents desk. */
export const REVIEW_OUTCOMES = ['confirmed', 'impersonation', 'unresolved'] as const;
export type ReviewOutcome = (typeof REVIEW_OUTCOMES)[number];

/** A photo taken at the door: JPEG, compressed by the camera page, never overwritten or deleted (triggers). */
export const checkinPhotos = sqliteTable(
  'checkin_photos',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    candidateId: integer('candidate_id').notNull().references(() => candidates.id),
    sessionId: integer('session_id').notNull().references(() => examSessions.id),
    purpose: text('purpose', { enum: PHOTO_PURPOSES }).notNull(),
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
    status: text('status', { enum: CHECKIN_STATUSES }).notNull(),
    at: text('at').notNull(),
    proctorId: integer('proctor_id').notNull().references(() => staff.id),
    device: text('device').notNull(),
    /** how the candidate was found (the old comment's `scan` was never written) */
    method: text('method', { enum: LOOKUP_METHODS }).notNull(),
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
    /** E5: recorded once */
    leftKind: text('left_kind', { enum: LEFT_KINDS }),
    leftAt: text('left_at'),
    leftRecordedBy: integer('left_recorded_by').references(() => staff.id),
    /** the supervisor's review of a doubtful case */
    reviewedAt: text('reviewed_at'),
    reviewedBy: integer('reviewed_by').references(() => staff.id),
    reviewNote: text('review_note'),
    reviewOutcome: text('review_outcome', { enum: REVIEW_OUTCOMES }),
    /** the screen's key for this confirm: a retry whose answer was lost finds this sign-in again */
    confirmKey: text('confirm_key'),
    /** E3: how the ID card was read (null: scanned or typed by hand) */
    cardSource: text('card_source', { enum: CARD_SOURCES }),
    /** the chip photo the reader's software decoded (purpose 'chip'), kept like the door photo */
    chipPhotoId: integer('chip_photo_id').references(() => checkinPhotos.id),
  },
  (t) => [
    uniqueIndex('checkins_session_candidate').on(t.sessionId, t.candidateId),
    index('checkins_session_room').on(t.sessionId, t.roomId),
    index('checkins_doubtful').on(t.status),
    uniqueIndex('checkins_confirm_key').on(t.confirmKey),
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
    /** the second proctor who confirmed the list with their PIN */
    secondProctorId: integer('second_proctor_id').references(() => staff.id),
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
    verdict: text('verdict', { enum: REFUSAL_VERDICTS }).notNull(),
    at: text('at').notNull(),
    proctorId: integer('proctor_id').notNull().references(() => staff.id),
    device: text('device').notNull(),
  },
  (t) => [index('checkin_refusals_room').on(t.sessionId, t.roomId)],
);

/**
 * Alarms the door raises for the incidents desk (the supervisor turns a draft into an incident
 * record, E6): a candidate already signed in, here or in another room, is possible impersonation.
 * The kind is a code; its words are the catalogue's (and electron/domain/incidents.ts for forms).
 */
export const checkinAlerts = sqliteTable(
  'checkin_alerts',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    kind: text('kind', { enum: ALERT_KINDS }).notNull(),
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
    status: text('status', { enum: ALERT_STATUSES }).notNull().default('draft'),
    /** closed as a false alarm: why, the note, who and when */
    closedReason: text('closed_reason', { enum: ALERT_CLOSE_REASONS }),
    closedNote: text('closed_note'),
    closedBy: integer('closed_by').references(() => staff.id),
    closedAt: text('closed_at'),
  },
  (t) => [index('checkin_alerts_session').on(t.sessionId, t.status)],
);
