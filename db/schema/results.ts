// Results and publication: the 公示 period with its deadline on the Chinese calendar (G5),
// objections and their decisions, and the holiday schedules a site loads for years the bundled data lacks.
import { index, integer, primaryKey, real, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { batches, candidates, staff, subjects } from './core';
import { sealedPackages } from './seal';

/** A publication runs (open) until the site head ends it after its end date (G5). */
export const PUBLICATION_STATUSES = ['open', 'ended'] as const;
export type PublicationStatus = (typeof PUBLICATION_STATUSES)[number];
/** main: the batch's results; supplement: results changed by upheld objections, published again (G5). */
export const PUBLICATION_KINDS = ['main', 'supplement'] as const;
export type PublicationKind = (typeof PUBLICATION_KINDS)[number];
export const OBJECTION_STATUSES = ['open', 'investigating', 'resolved'] as const;
export type ObjectionStatus = (typeof OBJECTION_STATUSES)[number];
export const OBJECTION_OUTCOMES = ['upheld', 'rejected'] as const;
export type ObjectionOutcome = (typeof OBJECTION_OUTCOMES)[number];
export const RESCORE_STATUSES = ['open', 'done'] as const;
export type RescoreStatus = (typeof RESCORE_STATUSES)[number];

/** The official holiday schedule of one year as a site loaded it (G5). */
export const calendarYears = sqliteTable('calendar_years', {
  year: integer('year').primaryKey(),
  /** JSON array of YYYY-MM-DD days off (public holidays) */
  holidays: text('holidays').notNull(),
  /** JSON array of YYYY-MM-DD make-up working days (调休 on a weekend) */
  workdays: text('workdays').notNull(),
  source: text('source').notNull(),
  loadedAt: text('loaded_at').notNull(),
  loadedBy: integer('loaded_by'),
});

/** G5: one publication (公示) of a batch's results with the list as published. */
export const publications = sqliteTable(
  'publications',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    batchId: integer('batch_id').notNull().references(() => batches.id, { onDelete: 'cascade' }),
    startDate: text('start_date').notNull(),
    endDate: text('end_date').notNull(),
    /** canonical JSON: the list as published */
    snapshot: text('snapshot').notNull(),
    status: text('status', { enum: PUBLICATION_STATUSES }).notNull().default('open'),
    kind: text('kind', { enum: PUBLICATION_KINDS }).notNull().default('main'),
    /** G5, S9: the sealed version this publication shows; results are published only once sealed */
    packageId: integer('package_id').references(() => sealedPackages.id),
    createdAt: text('created_at').notNull(),
    createdBy: integer('created_by'),
  },
  (t) => [index('publications_batch').on(t.batchId)],
);

/** An objection (异议) raised during the publication, investigated and decided. */
export const objections = sqliteTable('objections', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  publicationId: integer('publication_id').notNull().references(() => publications.id, { onDelete: 'cascade' }),
  candidateId: integer('candidate_id').references(() => candidates.id),
  subjectId: integer('subject_id').references(() => subjects.id),
  raisedBy: text('raised_by').notNull(),
  content: text('content').notNull(),
  receivedAt: text('received_at').notNull(),
  recordedBy: integer('recorded_by').references(() => staff.id),
  status: text('status', { enum: OBJECTION_STATUSES }).notNull().default('open'),
  investigation: text('investigation'),
  decision: text('decision'),
  outcome: text('outcome', { enum: OBJECTION_OUTCOMES }),
  decidedBy: integer('decided_by').references(() => staff.id),
  decidedAt: text('decided_at'),
});

/**
 * G5: an upheld objection names a subject of a candidate to examine again. Skill/review
 * subjects are scored by the panel in a new round (score_sheets.round); theory subjects take a
 * corrected score by double entry (G4, rescore_entries) or a re-confirmed import (G2). Once done,
 * the changed result is published again (publications.kind = 'supplement') before it is confirmed.
 */
export const rescores = sqliteTable(
  'rescores',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    objectionId: integer('objection_id').notNull().references(() => objections.id),
    candidateId: integer('candidate_id').notNull().references(() => candidates.id),
    subjectId: integer('subject_id').notNull().references(() => subjects.id),
    /** the round the panel scores (skill/review); null for theory */
    round: integer('round'),
    /** the subject score before, as compiled when the objection was upheld */
    scoreBefore: real('score_before'),
    scoreAfter: real('score_after'),
    status: text('status', { enum: RESCORE_STATUSES }).notNull().default('open'),
    openedAt: text('opened_at').notNull(),
    openedBy: integer('opened_by').references(() => staff.id),
    doneAt: text('done_at'),
    /** the supplementary publication that published the changed result */
    republishedIn: integer('republished_in').references(() => publications.id),
  },
  (t) => [index('rescores_cs').on(t.candidateId, t.subjectId)],
);

/** G4 for a theory correction: two clerks enter the corrected score; a mismatch is settled from the paper (pass 3). */
export const rescoreEntries = sqliteTable(
  'rescore_entries',
  {
    rescoreId: integer('rescore_id').notNull().references(() => rescores.id),
    /** 1 | 2 (the two clerks) | 3 (settled from the paper) */
    pass: integer('pass').notNull(),
    clerkId: integer('clerk_id').notNull().references(() => staff.id),
    score: real('score').notNull(),
    note: text('note'),
    at: text('at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.rescoreId, t.pass] })],
);
