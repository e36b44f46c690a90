-- Backups (DOMAIN A1, records that outlive the laptop): every backup run, good or failed, as the
-- dashboard reports it. The backup files themselves live on the drive the site head chose.
CREATE TABLE `backup_runs` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`started_at` text NOT NULL,
	`finished_at` text NOT NULL,
	`reason` text NOT NULL,
	`folder` text NOT NULL,
	`name` text,
	`state` text NOT NULL,
	`bytes` integer,
	`sha256` text,
	`audit_seq` integer,
	`audit_hash` text,
	`ms` integer,
	`error_reason` text,
	`error` text,
	CONSTRAINT "backup_runs_state" CHECK(`state` IN ('ok', 'failed')),
	CONSTRAINT "backup_runs_reason" CHECK(`reason` IN ('plan', 'door', 'seal', 'timer', 'manual'))
);
--> statement-breakpoint
CREATE INDEX `backup_runs_state_finished` ON `backup_runs` (`state`,`finished_at`);
