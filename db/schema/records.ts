// Records that outlive the exam day (DOMAIN A2–A4): archives per year and batch, the retention
// settings, the destruction ledger and the audit payloads a destruction redacted. Migration 0020.
import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { batches } from './core';

/** `province` (SD | ZJ) and `years.<class>` overrides; the seeds' figures are the floor (A3). */
export const retentionSettings = sqliteTable('retention_settings', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
  updatedAt: text('updated_at').notNull(),
  updatedBy: integer('updated_by'),
});

/** A2: one BagIt package per batch (rebuilt without a class after its destruction: `replaces`). */
export const archives = sqliteTable(
  'archives',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    batchId: integer('batch_id')
      .notNull()
      .references(() => batches.id),
    year: integer('year').notNull(),
    /** relative to the data folder: archives/<year>/<bag name>.zip */
    fileName: text('file_name').notNull(),
    bagName: text('bag_name').notNull(),
    /** SHA-256 of manifest-sha256.txt: what the destruction ledger names */
    manifestSha256: text('manifest_sha256').notNull(),
    fileSha256: text('file_sha256').notNull(),
    byteSize: integer('byte_size').notNull(),
    payloadOxum: text('payload_oxum').notNull(),
    /** JSON array of the material classes the package holds */
    classes: text('classes').notNull(),
    /** JSON: the batch's yearly-summary figures (A5), kept after its data is destroyed */
    figures: text('figures').notNull(),
    createdAt: text('created_at').notNull(),
    createdBy: integer('created_by'),
    replaces: integer('replaces'),
    /** when the console's copy of the file was removed (superseded or destroyed) */
    removedAt: text('removed_at'),
  },
  (t) => [index('archives_batch').on(t.batchId)],
);

/** A4: the destruction ledger (销毁台帐). Append-only (triggers). */
export const destructions = sqliteTable(
  'destructions',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    batchId: integer('batch_id')
      .notNull()
      .references(() => batches.id),
    planCode: text('plan_code').notNull(),
    batchName: text('batch_name').notNull(),
    class: text('class').notNull(),
    classZh: text('class_zh').notNull(),
    destroyedOn: text('destroyed_on').notNull(),
    at: text('at').notNull(),
    reason: text('reason').notNull(),
    method: text('method').notNull(),
    province: text('province').notNull(),
    retentionYears: integer('retention_years').notNull(),
    dueOn: text('due_on').notNull(),
    destroyerId: integer('destroyer_id').notNull(),
    destroyerNo: text('destroyer_no').notNull(),
    destroyerName: text('destroyer_name').notNull(),
    signerId: integer('signer_id').notNull(),
    signerNo: text('signer_no').notNull(),
    signerName: text('signer_name').notNull(),
    archiveId: integer('archive_id'),
    archiveManifestSha256: text('archive_manifest_sha256').notNull(),
    /** JSON: rows removed per table, files and backups removed */
    removed: text('removed').notNull(),
    /** SHA-256 over the audit redactions this destruction made (also in its audit event) */
    redactionsDigest: text('redactions_digest'),
  },
  (t) => [uniqueIndex('destructions_batch_class').on(t.batchId, t.class)],
);

/** An audit event whose payload a destruction removed: the chain keeps its hash and link. */
export const auditRedactions = sqliteTable('audit_redactions', {
  seq: integer('seq').primaryKey(),
  destructionId: integer('destruction_id').notNull(),
  hash: text('hash').notNull(),
  /** SHA-256 of the removed detail (an archive copy of the trail can still prove it) */
  detailSha256: text('detail_sha256').notNull(),
  /** SHA-256 of the event's other fields, so they cannot change unseen */
  restSha256: text('rest_sha256').notNull(),
});
