-- Paired door devices: a device credential bound to the site (the secret stored as SHA-256 only),
-- one-time short-lived pairing codes, and every event a device queued offline, applied once by its
-- client-made id (the primary key is the last word on a replay or a retried request).
CREATE TABLE `devices` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`uid` text NOT NULL,
	`name` text NOT NULL,
	`room_id` integer REFERENCES `rooms`(`id`),
	`secret_hash` text NOT NULL,
	`paired_at` text NOT NULL,
	`paired_by` integer NOT NULL REFERENCES `staff`(`id`),
	`pair_offset_ms` integer NOT NULL,
	`last_seen_at` text,
	`last_offset_ms` integer,
	`queued` integer DEFAULT 0 NOT NULL,
	`revoked_at` text,
	`revoked_by` integer REFERENCES `staff`(`id`),
	`revoke_reason` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `devices_uid` ON `devices` (`uid`);
--> statement-breakpoint
CREATE TABLE `device_pairings` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`code_hash` text NOT NULL,
	`name` text NOT NULL,
	`room_id` integer REFERENCES `rooms`(`id`),
	`created_at` text NOT NULL,
	`expires_at` text NOT NULL,
	`created_by` integer NOT NULL REFERENCES `staff`(`id`),
	`used_at` text,
	`device_id` integer REFERENCES `devices`(`id`)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `device_pairings_code` ON `device_pairings` (`code_hash`);
--> statement-breakpoint
CREATE TABLE `device_events` (
	`event_id` text PRIMARY KEY NOT NULL,
	`device_id` integer NOT NULL REFERENCES `devices`(`id`),
	`kind` text NOT NULL,
	`session_id` integer REFERENCES `exam_sessions`(`id`),
	`room_id` integer REFERENCES `rooms`(`id`),
	`candidate_id` integer REFERENCES `candidates`(`id`),
	`proctor_id` integer REFERENCES `staff`(`id`),
	`device_at` text NOT NULL,
	`offset_ms` integer NOT NULL,
	`judged_at` text NOT NULL,
	`received_at` text NOT NULL,
	`outcome` text NOT NULL,
	`result` text DEFAULT '{}' NOT NULL,
	`payload` text
);
--> statement-breakpoint
CREATE INDEX `device_events_device` ON `device_events` (`device_id`, `outcome`);
--> statement-breakpoint
-- an applied event is history: never rewritten or removed (a held one is kept for review as it came)
CREATE TRIGGER `device_events_no_update` BEFORE UPDATE ON `device_events`
BEGIN SELECT RAISE(ABORT, 'device events are append-only'); END;
--> statement-breakpoint
CREATE TRIGGER `device_events_no_delete` BEFORE DELETE ON `device_events`
BEGIN SELECT RAISE(ABORT, 'device events are append-only'); END;
