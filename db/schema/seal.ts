// Sealed result packages (DOMAIN S9, G7, A1): canonical JSON signed with the site's Ed25519 key. Append-only:
// triggers (migration seal_sync_append_only) refuse UPDATE and DELETE; delivery state lives in `outbox`.
import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { batches } from './core';

/** A seal is version 1 of a batch; every later version is an amendment naming the one before (G7). */
export const PACKAGE_KINDS = ['seal', 'amendment'] as const;
export type PackageKind = (typeof PACKAGE_KINDS)[number];

export const sealedPackages = sqliteTable(
  'sealed_packages',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    batchId: integer('batch_id').notNull().references(() => batches.id),
    /** 1 for the seal, 2, 3… for each amendment of the same batch */
    version: integer('version').notNull(),
    kind: text('kind', { enum: PACKAGE_KINDS }).notNull(),
    /** the hash of the version this one amends (null for the seal) */
    previousHash: text('previous_hash'),
    reason: text('reason'),
    /** SHA-256 (hex) of `body`: the package's identity and the platform's idempotency key */
    hash: text('hash').notNull().unique(),
    /** Ed25519 signature over `body`, base64 */
    signature: text('signature').notNull(),
    /** the site's public key, raw 32 bytes base64 (also inside the body) */
    publicKey: text('public_key').notNull(),
    createdAt: text('created_at').notNull(),
    /** the canonical JSON bytes exactly as signed */
    body: text('body').notNull(),
    byteSize: integer('byte_size').notNull(),
  },
  (t) => [uniqueIndex('sealed_packages_batch_version').on(t.batchId, t.version), index('sealed_packages_previous').on(t.previousHash)],
);
