// Backups (records that outlive the laptop): one row per run, good or failed; the dashboard shows
// the last good one. The files live in the folder the site head chose (a USB drive).
import { check, index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { sql } from 'drizzle-orm';

export const BACKUP_REASONS = ['plan', 'door', 'seal', 'timer', 'manual'] as const;
export type BackupReason = (typeof BACKUP_REASONS)[number];
export const BACKUP_STATES = ['ok', 'failed'] as const;
export const BACKUP_FAILURES = ['driveMissing', 'integrity', 'chain', 'failed'] as const;
export type BackupState = (typeof BACKUP_STATES)[number];

export const backupRuns = sqliteTable(
  'backup_runs',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    startedAt: text('started_at').notNull(),
    finishedAt: text('finished_at').notNull(),
    /** what asked for it: a milestone (plan imported, a door closed, a seal), the timer, or someone */
    reason: text('reason', { enum: BACKUP_REASONS }).notNull(),
    folder: text('folder').notNull(),
    /** the backup's own folder under <folder>/esc-backups/<key id>/ (null when it failed before having one) */
    name: text('name'),
    state: text('state', { enum: BACKUP_STATES }).notNull(),
    bytes: integer('bytes'),
    sha256: text('sha256'),
    /** the audit chain's head the backup holds: what a restore continues from */
    auditSeq: integer('audit_seq'),
    auditHash: text('audit_hash'),
    ms: integer('ms'),
    /** why it failed (driveMissing, integrity, chain, failed), worded by the page */
    errorReason: text('error_reason', { enum: BACKUP_FAILURES }),
    /** the technical detail of a failure */
    error: text('error'),
  },
  (t) => [
    index('backup_runs_state_finished').on(t.state, t.finishedAt),
    check('backup_runs_state', sql`${t.state} IN ('ok', 'failed')`),
    check('backup_runs_reason', sql`${t.reason} IN ('plan', 'door', 'seal', 'timer', 'manual')`),
  ],
);
