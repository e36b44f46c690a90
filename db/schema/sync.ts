// Sync to the provincial platform (DOMAIN G5, G7, A1): the outbox that sealing feeds in its own transaction,
// the platform's signed statements (receipts, rejections, certifications) and the sync settings.
import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { sealedPackages } from './seal';

/** Where a sealed package is on its way to the platform. */
export const OUTBOX_STATES = ['waiting', 'uploading', 'delivered', 'acknowledged', 'certified', 'rejected', 'blocked'] as const;
export type OutboxState = (typeof OUTBOX_STATES)[number];

/** What the platform signed about a package. */
export const STATEMENT_KINDS = ['receipt', 'rejection', 'certification'] as const;
export type StatementKind = (typeof STATEMENT_KINDS)[number];

/** The settings kept in sync_config. */
export const SYNC_CONFIG_KEYS = ['platform_url', 'timeout_ms', 'platform_key', 'expected_fingerprint', 'pinned_at'] as const;
export type SyncConfigKey = (typeof SYNC_CONFIG_KEYS)[number];

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
    state: text('state', { enum: OUTBOX_STATES }).notNull().default('waiting'),
    bytesTotal: integer('bytes_total').notNull(),
    /** bytes the platform has confirmed (tus offset) */
    bytesSent: integer('bytes_sent').notNull().default(0),
    /** the tus upload URL, so an interrupted upload resumes where it stopped */
    uploadUrl: text('upload_url'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: text('next_attempt_at'),
    lastAttemptAt: text('last_attempt_at'),
    /** why the last attempt failed: JSON {reason, params} (a sync.problem.* code and its figures) */
    lastError: text('last_error'),
    /** the platform's record id from the verified receipt */
    recordId: text('record_id'),
    /**
     * JSON array when rejected by the platform ({ref, message}: the platform's own words) or blocked
     * by the console ({ref: null, reason, params}: a seal.problem.* code)
     */
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
    kind: text('kind', { enum: STATEMENT_KINDS }).notNull(),
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

/** Settings of the sync, one row per key (SYNC_CONFIG_KEYS). */
export const syncConfig = sqliteTable('sync_config', {
  key: text('key', { enum: SYNC_CONFIG_KEYS }).primaryKey(),
  value: text('value').notNull(),
  updatedAt: text('updated_at').notNull(),
});
