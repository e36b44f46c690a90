CREATE TABLE `incident_photos` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`incident_id` integer NOT NULL,
	`mime` text NOT NULL,
	`bytes` blob NOT NULL,
	`sha256` text NOT NULL,
	`width` integer,
	`height` integer,
	`taken_at` text NOT NULL,
	`taken_by` integer NOT NULL,
	FOREIGN KEY (`incident_id`) REFERENCES `incidents`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`taken_by`) REFERENCES `staff`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `incident_photos_incident` ON `incident_photos` (`incident_id`);--> statement-breakpoint
CREATE TABLE `incident_rulings` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`incident_id` integer NOT NULL,
	`candidate_id` integer,
	`staff_id` integer,
	`subject_id` integer,
	`decision` text NOT NULL,
	`reason` text NOT NULL,
	`decided_at` text NOT NULL,
	`decided_by` integer NOT NULL,
	`device` text NOT NULL,
	`supersedes` integer,
	`superseded_by` integer,
	`signature` text NOT NULL,
	FOREIGN KEY (`incident_id`) REFERENCES `incidents`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`candidate_id`) REFERENCES `candidates`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`staff_id`) REFERENCES `staff`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`subject_id`) REFERENCES `subjects`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`decided_by`) REFERENCES `staff`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `incident_rulings_incident` ON `incident_rulings` (`incident_id`);--> statement-breakpoint
CREATE INDEX `incident_rulings_candidate` ON `incident_rulings` (`candidate_id`);--> statement-breakpoint
CREATE TABLE `incidents` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`batch_id` integer NOT NULL,
	`session_id` integer NOT NULL,
	`room_id` integer NOT NULL,
	`subject_type` text NOT NULL,
	`candidate_id` integer,
	`staff_id` integer,
	`kind` text NOT NULL,
	`kind_zh` text NOT NULL,
	`occurred_at` text NOT NULL,
	`time_edit_reason` text,
	`description` text NOT NULL,
	`witnesses` text DEFAULT '' NOT NULL,
	`recorded_at` text NOT NULL,
	`recorded_by` integer NOT NULL,
	`device` text NOT NULL,
	`second_signer_id` integer,
	`second_signed_at` text,
	`signer_note` text,
	`source` text DEFAULT 'manual' NOT NULL,
	`alert_id` integer,
	`checkin_id` integer,
	`status` text NOT NULL,
	FOREIGN KEY (`batch_id`) REFERENCES `batches`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`session_id`) REFERENCES `exam_sessions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`room_id`) REFERENCES `rooms`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`candidate_id`) REFERENCES `candidates`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`staff_id`) REFERENCES `staff`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`recorded_by`) REFERENCES `staff`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`second_signer_id`) REFERENCES `staff`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`alert_id`) REFERENCES `checkin_alerts`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`checkin_id`) REFERENCES `checkins`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `incidents_session_room` ON `incidents` (`session_id`,`room_id`);--> statement-breakpoint
CREATE INDEX `incidents_status` ON `incidents` (`status`);--> statement-breakpoint
CREATE INDEX `incidents_candidate` ON `incidents` (`candidate_id`);--> statement-breakpoint
CREATE TABLE `monitoring_links` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`session_id` integer NOT NULL,
	`room_id` integer NOT NULL,
	`channel` text NOT NULL,
	`file_name` text NOT NULL,
	`starts_at` text NOT NULL,
	`ends_at` text NOT NULL,
	`recorded_at` text NOT NULL,
	`recorded_by` integer NOT NULL,
	FOREIGN KEY (`session_id`) REFERENCES `exam_sessions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`room_id`) REFERENCES `rooms`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`recorded_by`) REFERENCES `staff`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `monitoring_links_room` ON `monitoring_links` (`session_id`,`room_id`);--> statement-breakpoint
CREATE TABLE `site_events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`batch_id` integer NOT NULL,
	`kind` text NOT NULL,
	`session_id` integer,
	`room_id` integer,
	`candidate_id` integer,
	`at` text NOT NULL,
	`detail` text NOT NULL,
	`outcome` text DEFAULT 'ok' NOT NULL,
	`incident_id` integer,
	`recorded_at` text NOT NULL,
	`recorded_by` integer NOT NULL,
	`device` text NOT NULL,
	FOREIGN KEY (`batch_id`) REFERENCES `batches`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`session_id`) REFERENCES `exam_sessions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`room_id`) REFERENCES `rooms`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`candidate_id`) REFERENCES `candidates`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`incident_id`) REFERENCES `incidents`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`recorded_by`) REFERENCES `staff`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `site_events_room` ON `site_events` (`session_id`,`room_id`);--> statement-breakpoint
CREATE INDEX `site_events_kind` ON `site_events` (`batch_id`,`kind`);--> statement-breakpoint
CREATE TABLE `supervisor_reports` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`batch_id` integer NOT NULL,
	`supervisor_id` integer NOT NULL,
	`supervisor_unit` text DEFAULT '' NOT NULL,
	`checklist` text NOT NULL,
	`opinion` text NOT NULL,
	`issues` text DEFAULT '' NOT NULL,
	`facts` text NOT NULL,
	`signed_at` text NOT NULL,
	`signature` text NOT NULL,
	`supersedes` integer,
	FOREIGN KEY (`batch_id`) REFERENCES `batches`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`supervisor_id`) REFERENCES `staff`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `supervisor_reports_batch` ON `supervisor_reports` (`batch_id`);