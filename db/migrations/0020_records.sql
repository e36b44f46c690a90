-- DOMAIN A2–A4: archives per year and batch, retention settings, the destruction ledger, and the
-- audit payloads a destruction redacted (the chain stays; see electron/services/records/README.md).
CREATE TABLE `retention_settings` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL,
	`updated_at` text NOT NULL,
	`updated_by` integer
);
--> statement-breakpoint
CREATE TABLE `archives` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`batch_id` integer NOT NULL REFERENCES batches(id),
	`year` integer NOT NULL,
	`file_name` text NOT NULL,
	`bag_name` text NOT NULL,
	`manifest_sha256` text NOT NULL,
	`file_sha256` text NOT NULL,
	`byte_size` integer NOT NULL,
	`payload_oxum` text NOT NULL,
	`classes` text NOT NULL,
	`figures` text NOT NULL,
	`created_at` text NOT NULL,
	`created_by` integer,
	`replaces` integer REFERENCES archives(id),
	`removed_at` text
);
--> statement-breakpoint
CREATE INDEX `archives_batch` ON `archives` (`batch_id`);
--> statement-breakpoint
CREATE TABLE `destructions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`batch_id` integer NOT NULL REFERENCES batches(id),
	`plan_code` text NOT NULL,
	`batch_name` text NOT NULL,
	`class` text NOT NULL,
	`class_zh` text NOT NULL,
	`destroyed_on` text NOT NULL,
	`at` text NOT NULL,
	`reason` text NOT NULL,
	`method` text NOT NULL,
	`province` text NOT NULL,
	`retention_years` integer NOT NULL,
	`due_on` text NOT NULL,
	`destroyer_id` integer NOT NULL,
	`destroyer_no` text NOT NULL,
	`destroyer_name` text NOT NULL,
	`signer_id` integer NOT NULL,
	`signer_no` text NOT NULL,
	`signer_name` text NOT NULL,
	`archive_id` integer REFERENCES archives(id),
	`archive_manifest_sha256` text NOT NULL,
	`removed` text NOT NULL,
	`redactions_digest` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `destructions_batch_class` ON `destructions` (`batch_id`,`class`);
--> statement-breakpoint
CREATE TABLE `audit_redactions` (
	`seq` integer PRIMARY KEY NOT NULL,
	`destruction_id` integer NOT NULL REFERENCES destructions(id),
	`hash` text NOT NULL,
	`detail_sha256` text NOT NULL,
	`rest_sha256` text NOT NULL
);
--> statement-breakpoint
CREATE TRIGGER `destructions_no_update` BEFORE UPDATE ON `destructions`
BEGIN
  SELECT RAISE(ABORT, 'destructions is append-only: UPDATE refused');
END;
--> statement-breakpoint
CREATE TRIGGER `destructions_no_delete` BEFORE DELETE ON `destructions`
BEGIN
  SELECT RAISE(ABORT, 'destructions is append-only: DELETE refused');
END;
--> statement-breakpoint
CREATE TRIGGER `audit_redactions_no_update` BEFORE UPDATE ON `audit_redactions`
BEGIN
  SELECT RAISE(ABORT, 'audit_redactions is append-only: UPDATE refused');
END;
--> statement-breakpoint
CREATE TRIGGER `audit_redactions_no_delete` BEFORE DELETE ON `audit_redactions`
BEGIN
  SELECT RAISE(ABORT, 'audit_redactions is append-only: DELETE refused');
END;
--> statement-breakpoint
CREATE TRIGGER `archives_no_delete` BEFORE DELETE ON `archives`
BEGIN
  SELECT RAISE(ABORT, 'archives is append-only: DELETE refused');
END;
--> statement-breakpoint
CREATE TRIGGER `archives_facts_fixed` BEFORE UPDATE ON `archives`
WHEN NEW.id IS NOT OLD.id OR NEW.batch_id IS NOT OLD.batch_id OR NEW.manifest_sha256 IS NOT OLD.manifest_sha256 OR NEW.file_sha256 IS NOT OLD.file_sha256
  OR NEW.figures IS NOT OLD.figures OR NEW.created_at IS NOT OLD.created_at OR (OLD.removed_at IS NOT NULL)
BEGIN
  SELECT RAISE(ABORT, 'archives: only removed_at may be set, once');
END;
