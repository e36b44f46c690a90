// Results and publication (issue 7): the 公示 period with its deadline on the Chinese calendar (G5),
// objections and their decisions, and the holiday schedules a site loads for years the bundled data lacks.
import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { batches, candidates, staff, subjects } from './core';

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
    /** open | ended | withdrawn */
    status: text('status').notNull().default('open'),
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
  /** open | investigating | resolved */
  status: text('status').notNull().default('open'),
  investigation: text('investigation'),
  decision: text('decision'),
  /** upheld | rejected */
  outcome: text('outcome'),
  decidedBy: integer('decided_by').references(() => staff.id),
  decidedAt: text('decided_at'),
});
