// Sync to the provincial platform (issue 8): the outbox that sealing feeds in its own transaction,
// the platform's signed statements (receipts, rejections, certifications) and the sync settings.
import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { sealedPackages } from './seal';

/** One row per sealed package to deliver; its state moves, the package itself never does. */
export const outbox = sqliteTable(
  'outbox',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    packageId: integer('package_id')
      .notNull()
      .unique()
      .references(() => sealedPackages.id),
    hash: text('hash').notNull().unique(),
    /** waiting | uploading | delivered | acknowledged | certified | rejected | blocked */
    state: text('state').notNull().default('waiting'),
    bytesTotal: integer('bytes_total').notNull(),
    /** bytes the platform has confirmed (tus offset) */
    bytesSent: integer('bytes_sent').notNull().default(0),
    /** the tus upload URL, so an interrupted upload resumes where it stopped */
    uploadUrl: text('upload_url'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: text('next_attempt_at'),
    lastAttemptAt: text('last_attempt_at'),
    lastError: text('last_error'),
    /** the platform's record id from the verified receipt */
    recordId: text('record_id'),
    /** JSON array of reasons when rejected (by the platform) or blocked (by the console) */
    reasons: text('reasons'),
    enqueuedAt: text('enqueued_at').notNull(),
    acknowledgedAt: text('acknowledged_at'),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [index('outbox_state').on(t.state)],
);

/** A statement the platform signed: receipt, rejection or certification. Append-only. */
export const syncStatements = sqliteTable(
  'sync_statements',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    packageHash: text('package_hash').notNull(),
    /** receipt | rejection | certification */
    kind: text('kind').notNull(),
    /** the canonical JSON the platform signed */
    statement: text('statement').notNull(),
    /** SHA-256 of `statement`: a statement delivered twice is stored once */
    statementHash: text('statement_hash').notNull().unique(),
    signature: text('signature').notNull(),
    /** fingerprint of the platform key it verified against */
    platformKey: text('platform_key').notNull(),
    receivedAt: text('received_at').notNull(),
  },
  (t) => [index('sync_statements_package').on(t.packageHash, t.kind)],
);

/** DOMAIN G7: certificate numbers the platform assigned, per candidate of a package. */
export const syncCertificates = sqliteTable(
  'sync_certificates',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    packageHash: text('package_hash').notNull(),
    /** the candidate's reference inside the package (ticket number) */
    candidateRef: text('candidate_ref').notNull(),
    certificateNo: text('certificate_no').notNull(),
    statementId: integer('statement_id')
      .notNull()
      .references(() => syncStatements.id),
  },
  (t) => [uniqueIndex('sync_certificates_package_candidate').on(t.packageHash, t.candidateRef)],
);

/** Settings of the sync: platform_url, platform_key (pinned), timeout_ms. */
export const syncConfig = sqliteTable('sync_config', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
  updatedAt: text('updated_at').notNull(),
});
