// Scoring: the scoring standard per subject (G3), the examiners' score sheets (S5, S9),
// the chief examiner's reviews, theory scores from the on-screen system (G2) and paper double entry (G4).
import { sql } from 'drizzle-orm';
import { index, integer, primaryKey, real, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { batches, candidates, examSessions, rooms, staff, subjects } from './core';

/**
 * A score sheet is the examiner's draft until submitted, signed and locked (S9). 'withdrawn': the
 * panel's chief examiner took back the sheet of an examiner replaced after submitting (S5, with a
 * reason in score_sheet_withdrawals); it stays on record, signed as it was, and no longer counts.
 */
export const SCORE_SHEET_STATUSES = ['draft', 'submitted', 'withdrawn'] as const;
export type ScoreSheetStatus = (typeof SCORE_SHEET_STATUSES)[number];
/** A theory import is staged (pending) until a marker confirms it (G2). */
export const THEORY_IMPORT_STATUSES = ['pending', 'confirmed'] as const;
export type TheoryImportStatus = (typeof THEORY_IMPORT_STATUSES)[number];
/** Where a theory score came from: the on-screen import (G2), paper double entry (G4), a correction after an upheld objection (G5). */
export const THEORY_SCORE_SOURCES = ['computer', 'paper', 'correction'] as const;
export type TheoryScoreSource = (typeof THEORY_SCORE_SOURCES)[number];
/** The encodings a theory result file is read in. */
export const THEORY_FILE_ENCODINGS = ['utf-8', 'gbk', 'xlsx'] as const;
export type TheoryFileEncoding = (typeof THEORY_FILE_ENCODINGS)[number];

/** G3: one line of a subject's 评分记录表; a subject's items sum to 100 and include 安全文明生产. */
export const scoringItems = sqliteTable(
  'scoring_items',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    subjectId: integer('subject_id').notNull().references(() => subjects.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    name: text('name').notNull(),
    /** what the examiner checks (评分要求), optional */
    criteria: text('criteria'),
    maxPoints: real('max_points').notNull(),
    /** the 安全文明生产 item */
    safety: integer('safety', { mode: 'boolean' }).notNull().default(false),
  },
  (t) => [uniqueIndex('scoring_items_subject_pos').on(t.subjectId, t.position)],
);

/** Per batch: the spread (max − min of the examiners' totals) over which the chief examiner reviews. */
export const scoringSettings = sqliteTable('scoring_settings', {
  batchId: integer('batch_id')
    .primaryKey()
    .references(() => batches.id, { onDelete: 'cascade' }),
  spreadThreshold: real('spread_threshold').notNull().default(10),
});

/**
 * One examiner's sheet for one candidate and subject. A draft is the examiner's alone; submitting
 * signs it (PIN checked, digest of the content) and it never changes again.
 */
export const scoreSheets = sqliteTable(
  'score_sheets',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    candidateId: integer('candidate_id').notNull().references(() => candidates.id, { onDelete: 'cascade' }),
    subjectId: integer('subject_id').notNull().references(() => subjects.id, { onDelete: 'cascade' }),
    sessionId: integer('session_id').notNull().references(() => examSessions.id),
    roomId: integer('room_id').notNull().references(() => rooms.id),
    examinerId: integer('examiner_id').notNull().references(() => staff.id),
    status: text('status', { enum: SCORE_SHEET_STATUSES }).notNull().default('draft'),
    /** canonical JSON: [{ itemId, points, missing }] — points null only while a draft */
    entries: text('entries').notNull().default('[]'),
    total: real('total'),
    updatedAt: text('updated_at').notNull(),
    submittedAt: text('submitted_at'),
    /** SHA-256 over the canonical sheet (candidate, subject, examiner, entries, total, time) */
    signature: text('signature'),
    /**
     * 1 for the first scoring; an objection upheld (G5) opens round 2, 3… in which the panel
     * scores the candidate again. Earlier rounds' submitted sheets stay locked and on record.
     */
    round: integer('round').notNull().default(1),
    /** the client-made key of the submit (S9): a retried submit with it is this sheet, never a second */
    submitKey: text('submit_key'),
  },
  (t) => [
    uniqueIndex('score_sheets_submit_key').on(t.submitKey).where(sql`${t.submitKey} IS NOT NULL`),
    uniqueIndex('score_sheets_one_per_examiner_round').on(t.candidateId, t.subjectId, t.examinerId, t.round),
    index('score_sheets_subject').on(t.subjectId, t.candidateId, t.status),
    index('score_sheets_room').on(t.sessionId, t.roomId),
  ],
);

/** S5/S9: the chief examiner's withdrawal of a replaced examiner's submitted sheet: who, why, when (append-only). */
export const scoreSheetWithdrawals = sqliteTable(
  'score_sheet_withdrawals',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    sheetId: integer('sheet_id')
      .notNull()
      .references(() => scoreSheets.id),
    candidateId: integer('candidate_id')
      .notNull()
      .references(() => candidates.id),
    subjectId: integer('subject_id')
      .notNull()
      .references(() => subjects.id),
    examinerId: integer('examiner_id')
      .notNull()
      .references(() => staff.id),
    chiefId: integer('chief_id')
      .notNull()
      .references(() => staff.id),
    reason: text('reason').notNull(),
    at: text('at').notNull(),
  },
  (t) => [uniqueIndex('score_sheet_withdrawals_sheet').on(t.sheetId)],
);

/** The chief examiner's review of a candidate whose totals spread too far: a note, never an edit. */
export const panelReviews = sqliteTable(
  'panel_reviews',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    candidateId: integer('candidate_id').notNull().references(() => candidates.id, { onDelete: 'cascade' }),
    subjectId: integer('subject_id').notNull().references(() => subjects.id, { onDelete: 'cascade' }),
    chiefId: integer('chief_id').notNull().references(() => staff.id),
    spread: real('spread').notNull(),
    note: text('note').notNull(),
    at: text('at').notNull(),
    /** the scoring round reviewed (see score_sheets.round) */
    round: integer('round').notNull().default(1),
  },
  (t) => [index('panel_reviews_cs').on(t.candidateId, t.subjectId)],
);

/** G2: one result file from the on-screen exam system, staged until a marker confirms it. */
export const theoryImports = sqliteTable('theory_imports', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  batchId: integer('batch_id').notNull().references(() => batches.id, { onDelete: 'cascade' }),
  subjectId: integer('subject_id').notNull().references(() => subjects.id, { onDelete: 'cascade' }),
  fileName: text('file_name').notNull(),
  encoding: text('encoding', { enum: THEORY_FILE_ENCODINGS }).notNull(),
  digest: text('digest').notNull(),
  status: text('status', { enum: THEORY_IMPORT_STATUSES }).notNull().default('pending'),
  /** canonical JSON: matched rows, unmatched rows, duplicate rows */
  report: text('report').notNull(),
  importedAt: text('imported_at').notNull(),
  importedBy: integer('imported_by'),
  confirmedAt: text('confirmed_at'),
  confirmedBy: integer('confirmed_by'),
});

/** A confirmed theory score (from an on-screen import or settled paper double entry). */
export const theoryScores = sqliteTable(
  'theory_scores',
  {
    candidateId: integer('candidate_id').notNull().references(() => candidates.id, { onDelete: 'cascade' }),
    subjectId: integer('subject_id').notNull().references(() => subjects.id, { onDelete: 'cascade' }),
    score: real('score').notNull(),
    source: text('source', { enum: THEORY_SCORE_SOURCES }).notNull(),
    importId: integer('import_id'),
    confirmedAt: text('confirmed_at').notNull(),
    confirmedBy: integer('confirmed_by'),
  },
  (t) => [primaryKey({ columns: [t.candidateId, t.subjectId] })],
);

/** G4: a clerk's entry of a paper score (pass 1 or 2, by two different clerks). */
export const paperEntries = sqliteTable(
  'paper_entries',
  {
    candidateId: integer('candidate_id').notNull().references(() => candidates.id, { onDelete: 'cascade' }),
    subjectId: integer('subject_id').notNull().references(() => subjects.id, { onDelete: 'cascade' }),
    pass: integer('pass').notNull(), // 1 | 2
    clerkId: integer('clerk_id').notNull().references(() => staff.id),
    score: real('score').notNull(),
    at: text('at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.candidateId, t.subjectId, t.pass] })],
);

/** G4: a mismatch settled by checking the paper: who looked, what the paper says, a note. */
export const paperSettlements = sqliteTable(
  'paper_settlements',
  {
    candidateId: integer('candidate_id').notNull().references(() => candidates.id, { onDelete: 'cascade' }),
    subjectId: integer('subject_id').notNull().references(() => subjects.id, { onDelete: 'cascade' }),
    score: real('score').notNull(),
    note: text('note').notNull(),
    settledBy: integer('settled_by').notNull().references(() => staff.id),
    at: text('at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.candidateId, t.subjectId] })],
);
