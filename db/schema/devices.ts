// Paired door devices (migration 0030_devices.sql): the device credential bound to the site (its
// secret kept as SHA-256 only), the one-time pairing codes shown as a QR on the office PC, and the
// events a device queued while it could not reach the office PC, each applied once by its client id.
import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { candidates, examSessions, rooms, staff } from './core';

/** What a queued door event is: a sign-in with its photo, or a refusal the device showed. */
export const DEVICE_EVENT_KINDS = ['confirm', 'refuse'] as const;
export type DeviceEventKind = (typeof DEVICE_EVENT_KINDS)[number];
/**
 * What the console made of an event, judged again on arrival: applied as the device said, an alarm
 * for the supervisor (a second sign-in, or the console refusing what the device admitted), a
 * refusal recorded, or held unapplied for review (the device was revoked).
 */
export const DEVICE_EVENT_OUTCOMES = ['applied', 'alarm', 'refused', 'held'] as const;
export type DeviceEventOutcome = (typeof DEVICE_EVENT_OUTCOMES)[number];

export const devices = sqliteTable(
  'devices',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    /** the public id the device names itself by (the credential is `<uid>.<secret>`) */
    uid: text('uid').notNull(),
    name: text('name').notNull(),
    roomId: integer('room_id').references(() => rooms.id),
    secretHash: text('secret_hash').notNull(),
    pairedAt: text('paired_at').notNull(),
    pairedBy: integer('paired_by').notNull().references(() => staff.id),
    /** server clock − device clock at pairing (ms) */
    pairOffsetMs: integer('pair_offset_ms').notNull(),
    lastSeenAt: text('last_seen_at'),
    /** the offset the device measured at its latest contact */
    lastOffsetMs: integer('last_offset_ms'),
    /** events waiting in the device's queue, as it last said */
    queued: integer('queued').notNull().default(0),
    revokedAt: text('revoked_at'),
    revokedBy: integer('revoked_by').references(() => staff.id),
    revokeReason: text('revoke_reason'),
  },
  (t) => [uniqueIndex('devices_uid').on(t.uid)],
);

export const devicePairings = sqliteTable(
  'device_pairings',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    codeHash: text('code_hash').notNull(),
    name: text('name').notNull(),
    roomId: integer('room_id').references(() => rooms.id),
    createdAt: text('created_at').notNull(),
    expiresAt: text('expires_at').notNull(),
    createdBy: integer('created_by').notNull().references(() => staff.id),
    usedAt: text('used_at'),
    deviceId: integer('device_id').references(() => devices.id),
  },
  (t) => [uniqueIndex('device_pairings_code').on(t.codeHash)],
);

/** One row per event id, written in the transaction that applies it (triggers refuse changes). */
export const deviceEvents = sqliteTable(
  'device_events',
  {
    eventId: text('event_id').primaryKey(),
    deviceId: integer('device_id').notNull().references(() => devices.id),
    kind: text('kind', { enum: DEVICE_EVENT_KINDS }).notNull(),
    sessionId: integer('session_id').references(() => examSessions.id),
    roomId: integer('room_id').references(() => rooms.id),
    candidateId: integer('candidate_id').references(() => candidates.id),
    proctorId: integer('proctor_id').references(() => staff.id),
    /** the device's own clock when the event happened */
    deviceAt: text('device_at').notNull(),
    /** server − device clock, as the device measured it at its last contact before the event */
    offsetMs: integer('offset_ms').notNull(),
    /** the time the console judged the event at (E4/E5): device time + offset, never later than its arrival */
    judgedAt: text('judged_at').notNull(),
    receivedAt: text('received_at').notNull(),
    outcome: text('outcome', { enum: DEVICE_EVENT_OUTCOMES }).notNull(),
    /** what it made: ids (checkin, refusal, alert) or the refusal's code */
    result: text('result').notNull().default('{}'),
    /** the event as it came, kept only when it was held unapplied */
    payload: text('payload'),
  },
  (t) => [index('device_events_device').on(t.deviceId, t.outcome)],
);
