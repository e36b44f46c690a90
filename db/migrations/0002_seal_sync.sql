CREATE TABLE `sealed_packages` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`batch_id` integer NOT NULL,
	`version` integer NOT NULL,
	`kind` text NOT NULL,
	`previous_hash` text,
	`reason` text,
	`hash` text NOT NULL,
	`signature` text NOT NULL,
	`public_key` text NOT NULL,
	`created_at` text NOT NULL,
	`body` text NOT NULL,
	`byte_size` integer NOT NULL,
	FOREIGN KEY (`batch_id`) REFERENCES `batches`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `sealed_packages_hash_unique` ON `sealed_packages` (`hash`);--> statement-breakpoint
CREATE UNIQUE INDEX `sealed_packages_batch_version` ON `sealed_packages` (`batch_id`,`version`);--> statement-breakpoint
CREATE INDEX `sealed_packages_previous` ON `sealed_packages` (`previous_hash`);--> statement-breakpoint
CREATE TABLE `outbox` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`package_id` integer NOT NULL,
	`hash` text NOT NULL,
	`state` text DEFAULT 'waiting' NOT NULL,
	`bytes_total` integer NOT NULL,
	`bytes_sent` integer DEFAULT 0 NOT NULL,
	`upload_url` text,
	`attempts` integer DEFAULT 0 NOT NULL,
	`next_attempt_at` text,
	`last_attempt_at` text,
	`last_error` text,
	`record_id` text,
	`reasons` text,
	`enqueued_at` text NOT NULL,
	`acknowledged_at` text,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`package_id`) REFERENCES `sealed_packages`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `outbox_package_id_unique` ON `outbox` (`package_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `outbox_hash_unique` ON `outbox` (`hash`);--> statement-breakpoint
CREATE INDEX `outbox_state` ON `outbox` (`state`);--> statement-breakpoint
CREATE TABLE `sync_certificates` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`package_hash` text NOT NULL,
	`candidate_ref` text NOT NULL,
	`certificate_no` text NOT NULL,
	`statement_id` integer NOT NULL,
	FOREIGN KEY (`statement_id`) REFERENCES `sync_statements`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `sync_certificates_package_candidate` ON `sync_certificates` (`package_hash`,`candidate_ref`);--> statement-breakpoint
CREATE TABLE `sync_config` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `sync_statements` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`package_hash` text NOT NULL,
	`kind` text NOT NULL,
	`statement` text NOT NULL,
	`statement_hash` text NOT NULL,
	`signature` text NOT NULL,
	`platform_key` text NOT NULL,
	`received_at` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `sync_statements_statement_hash_unique` ON `sync_statements` (`statement_hash`);--> statement-breakpoint
CREATE INDEX `sync_statements_package` ON `sync_statements` (`package_hash`,`kind`);