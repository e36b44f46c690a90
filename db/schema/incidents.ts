// Incidents and the supervisor's rulings (DOMAIN E6, S8), site events (E1, E2, E7, E8, E9),
// monitoring links (R4) and the supervisor's report (003 附件10). Guards the schema cannot say
// (rulings are superseded, never edited; evidence never deleted) live in `*_incidents_guards.sql`.

import { blob, index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { checkinAlerts, checkins } from './checkin';
import { batches, candidates, examSessions, rooms, staff, subjects } from './core';
// the codes are domain vocabulary (pure, shared with the renderer); the columns are typed by them here
import { DECISIONS, INCIDENT_KINDS, SITE_EVENT_KINDS } from '../../electron/domain/incidents';
export { CANDIDATE_KINDS, DECISIONS, INCIDENT_KINDS, SITE_EVENT_KINDS, SITE_KINDS, STAFF_KINDS } from '../../electron/domain/incidents';
export type { CandidateKind, Decision, IncidentKind, SiteEventKind, StaffKind } from '../../electron/domain/incidents';

/** Whom an incident is about: a candidate, a staff member, or nobody (a paper bag that does not match). */
export const INCIDENT_SUBJECT_TYPES = ['candidate', 'staff', 'site'] as const;
export type IncidentSubjectType = (typeof INCIDENT_SUBJECT_TYPES)[number];
/** Where a record came from: typed by a proctor, a door alarm, a doubtful admission, a bag check. */
export const INCIDENT_SOURCES = ['manual', 'door_alert', 'doubtful', 'bag_check'] as const;
export type IncidentSource = (typeof INCIDENT_SOURCES)[number];
/** awaiting_second (one proctor signed) → open (both signed) → ruled (S8). */
export const INCIDENT_STATUSES = ['awaiting_second', 'open', 'ruled'] as const;
export type IncidentStatus = (typeof INCIDENT_STATUSES)[number];
/** Why the signers are not the drawn pair: the session was not drawn yet when it was signed. */
export const SIGNER_NOTES = ['no_draw'] as const;
export type SignerNote = (typeof SIGNER_NOTES)[number];
export const SITE_EVENT_OUTCOMES = ['ok', 'mismatch'] as const;
export type SiteEventOutcome = (typeof SITE_EVENT_OUTCOMES)[number];

/** One incident (违纪记录): who (a candidate or a staff member, or nobody for a site incident), where, when, what. */
export const incidents = sqliteTable(
  'incidents',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    batchId: integer('batch_id').notNull().references(() => batches.id),
    sessionId: integer('session_id').notNull().references(() => examSessions.id),
    roomId: integer('room_id').notNull().references(() => rooms.id),
    subjectType: text('subject_type', { enum: INCIDENT_SUBJECT_TYPES }).notNull(),
    candidateId: integer('candidate_id').references(() => candidates.id),
    staffId: integer('staff_id').references(() => staff.id),
    /** a code; the words are the catalogue's (and electron/domain/incidents.ts for the forms) */
    kind: text('kind', { enum: INCIDENT_KINDS }).notNull(),
    /** when it happened (the clock's time unless edited, then `timeEditReason` says why) */
    occurredAt: text('occurred_at').notNull(),
    timeEditReason: text('time_edit_reason'),
    description: text('description').notNull(),
    witnesses: text('witnesses').notNull().default(''),
    recordedAt: text('recorded_at').notNull(),
    recordedBy: integer('recorded_by').notNull().references(() => staff.id),
    device: text('device').notNull(),
    /** the room's second proctor who signed with their PIN */
    secondSignerId: integer('second_signer_id').references(() => staff.id),
    secondSignedAt: text('second_signed_at'),
    /** why the signers are not the drawn pair (no draw yet); door alarms and doubtful cases say so by their source */
    signerNote: text('signer_note', { enum: SIGNER_NOTES }),
    source: text('source', { enum: INCIDENT_SOURCES }).notNull().default('manual'),
    alertId: integer('alert_id').references(() => checkinAlerts.id),
    checkinId: integer('checkin_id').references(() => checkins.id),
    status: text('status', { enum: INCIDENT_STATUSES }).notNull(),
  },
  (t) => [index('incidents_session_room').on(t.sessionId, t.roomId), index('incidents_status').on(t.status), index('incidents_candidate').on(t.candidateId)],
);

/** Photo evidence of an incident: JPEG from the camera, never overwritten or deleted (triggers). */
export const incidentPhotos = sqliteTable(
  'incident_photos',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    incidentId: integer('incident_id').notNull().references(() => incidents.id),
    mime: text('mime').notNull(),
    bytes: blob('bytes', { mode: 'buffer' }).notNull(),
    sha256: text('sha256').notNull(),
    width: integer('width'),
    height: integer('height'),
    takenAt: text('taken_at').notNull(),
    takenBy: integer('taken_by').notNull().references(() => staff.id),
  },
  (t) => [index('incident_photos_incident').on(t.incidentId)],
);

/**
 * The supervisor's rulings (S8). The contract with results: `candidate_id`, `subject_id`
 * (null = the whole batch result), `decision` none|warning|subject_void|result_void|police,
 * `reason`, `decided_at`, `superseded_by`. A ruling is never edited: a change is a new ruling and
 * the only UPDATE the database allows sets `superseded_by` once (NULL → id).
 */
export const incidentRulings = sqliteTable(
  'incident_rulings',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    incidentId: integer('incident_id').notNull().references(() => incidents.id),
    /** null for a staff member's or a site incident */
    candidateId: integer('candidate_id').references(() => candidates.id),
    staffId: integer('staff_id').references(() => staff.id),
    subjectId: integer('subject_id').references(() => subjects.id),
    decision: text('decision', { enum: DECISIONS }).notNull(),
    reason: text('reason').notNull(),
    decidedAt: text('decided_at').notNull(),
    decidedBy: integer('decided_by').notNull().references(() => staff.id),
    device: text('device').notNull(),
    /** the ruling this one replaces */
    supersedes: integer('supersedes'),
    supersededBy: integer('superseded_by'),
    /** SHA-256 of the canonical ruling as signed with the supervisor's PIN */
    signature: text('signature').notNull(),
  },
  (t) => [index('incident_rulings_incident').on(t.incidentId), index('incident_rulings_candidate').on(t.candidateId)],
);

/**
 * Site events, append-only: bag_received (E2, E9), equipment_failure (E7), papers_sealed (E8),
 * briefing (E1). What each holds is in `detail` (canonical JSON, shape per kind in the service).
 */
export const siteEvents = sqliteTable(
  'site_events',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    batchId: integer('batch_id').notNull().references(() => batches.id),
    kind: text('kind', { enum: SITE_EVENT_KINDS }).notNull(),
    sessionId: integer('session_id').references(() => examSessions.id),
    roomId: integer('room_id').references(() => rooms.id),
    candidateId: integer('candidate_id').references(() => candidates.id),
    at: text('at').notNull(),
    detail: text('detail').notNull(),
    /** a bag that does not match raises an incident */
    outcome: text('outcome', { enum: SITE_EVENT_OUTCOMES }).notNull().default('ok'),
    incidentId: integer('incident_id').references(() => incidents.id),
    recordedAt: text('recorded_at').notNull(),
    recordedBy: integer('recorded_by').notNull().references(() => staff.id),
    device: text('device').notNull(),
  },
  (t) => [index('site_events_room').on(t.sessionId, t.roomId), index('site_events_kind').on(t.batchId, t.kind)],
);

/** R4: where a room's recording of a session is (camera or channel, file name, time range). Append-only. */
export const monitoringLinks = sqliteTable(
  'monitoring_links',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    sessionId: integer('session_id').notNull().references(() => examSessions.id),
    roomId: integer('room_id').notNull().references(() => rooms.id),
    channel: text('channel').notNull(),
    fileName: text('file_name').notNull(),
    startsAt: text('starts_at').notNull(),
    endsAt: text('ends_at').notNull(),
    recordedAt: text('recorded_at').notNull(),
    recordedBy: integer('recorded_by').notNull().references(() => staff.id),
  },
  (t) => [index('monitoring_links_room').on(t.sessionId, t.roomId)],
);

/** 现场督导情况报告 (003 附件10), signed; a later signing is a new version, never an edit. */
export const supervisorReports = sqliteTable(
  'supervisor_reports',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    batchId: integer('batch_id').notNull().references(() => batches.id),
    supervisorId: integer('supervisor_id').notNull().references(() => staff.id),
    supervisorUnit: text('supervisor_unit').notNull().default(''),
    /** canonical JSON: { itemKey: 0 | 1 | 2 } (the first, second or third option of each line) */
    checklist: text('checklist').notNull(),
    opinion: text('opinion').notNull(),
    issues: text('issues').notNull().default(''),
    /** canonical JSON: the facts the console knew when it was signed */
    facts: text('facts').notNull(),
    signedAt: text('signed_at').notNull(),
    signature: text('signature').notNull(),
    supersedes: integer('supersedes'),
  },
  (t) => [index('supervisor_reports_batch').on(t.batchId)],
);
