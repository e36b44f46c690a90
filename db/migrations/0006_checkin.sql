CREATE TABLE `checkin_absences` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`session_id` integer NOT NULL,
	`room_id` integer NOT NULL,
	`candidate_id` integer NOT NULL,
	`marked_at` text NOT NULL,
	`marked_by` integer NOT NULL,
	`device` text NOT NULL,
	FOREIGN KEY (`session_id`) REFERENCES `exam_sessions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`room_id`) REFERENCES `rooms`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`candidate_id`) REFERENCES `candidates`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`marked_by`) REFERENCES `staff`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `checkin_absences_session_candidate` ON `checkin_absences` (`session_id`,`candidate_id`);--> statement-breakpoint
CREATE INDEX `checkin_absences_room` ON `checkin_absences` (`session_id`,`room_id`);--> statement-breakpoint
CREATE TABLE `checkin_alerts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`kind` text NOT NULL,
	`kind_zh` text NOT NULL,
	`candidate_id` integer NOT NULL,
	`session_id` integer NOT NULL,
	`room_id` integer NOT NULL,
	`checkin_id` integer,
	`at` text NOT NULL,
	`proctor_id` integer NOT NULL,
	`device` text NOT NULL,
	`detail` text DEFAULT '{}' NOT NULL,
	`status` text DEFAULT 'draft' NOT NULL,
	FOREIGN KEY (`candidate_id`) REFERENCES `candidates`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`session_id`) REFERENCES `exam_sessions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`room_id`) REFERENCES `rooms`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`checkin_id`) REFERENCES `checkins`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`proctor_id`) REFERENCES `staff`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `checkin_alerts_session` ON `checkin_alerts` (`session_id`,`status`);--> statement-breakpoint
CREATE TABLE `checkin_photos` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`candidate_id` integer NOT NULL,
	`session_id` integer NOT NULL,
	`purpose` text NOT NULL,
	`mime` text NOT NULL,
	`bytes` blob NOT NULL,
	`sha256` text NOT NULL,
	`width` integer,
	`height` integer,
	`taken_at` text NOT NULL,
	`taken_by` integer NOT NULL,
	`device` text NOT NULL,
	FOREIGN KEY (`candidate_id`) REFERENCES `candidates`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`session_id`) REFERENCES `exam_sessions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`taken_by`) REFERENCES `staff`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `checkin_photos_candidate` ON `checkin_photos` (`candidate_id`,`session_id`);--> statement-breakpoint
CREATE TABLE `checkin_refusals` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`session_id` integer NOT NULL,
	`room_id` integer NOT NULL,
	`candidate_id` integer,
	`code` text NOT NULL,
	`verdict` text NOT NULL,
	`at` text NOT NULL,
	`proctor_id` integer NOT NULL,
	`device` text NOT NULL,
	FOREIGN KEY (`session_id`) REFERENCES `exam_sessions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`room_id`) REFERENCES `rooms`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`candidate_id`) REFERENCES `candidates`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`proctor_id`) REFERENCES `staff`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `checkin_refusals_room` ON `checkin_refusals` (`session_id`,`room_id`);--> statement-breakpoint
CREATE TABLE `checkins` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`session_id` integer NOT NULL,
	`room_id` integer NOT NULL,
	`candidate_id` integer NOT NULL,
	`status` text NOT NULL,
	`at` text NOT NULL,
	`proctor_id` integer NOT NULL,
	`device` text NOT NULL,
	`method` text NOT NULL,
	`photo_id` integer,
	`no_photo_reason` text,
	`doubt_reason` text,
	`second_proctor_id` integer,
	`late` integer DEFAULT false NOT NULL,
	`late_reason` text,
	`late_approved_by` integer,
	`left_kind` text,
	`left_at` text,
	`left_recorded_by` integer,
	`reviewed_at` text,
	`reviewed_by` integer,
	`review_note` text,
	FOREIGN KEY (`session_id`) REFERENCES `exam_sessions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`room_id`) REFERENCES `rooms`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`candidate_id`) REFERENCES `candidates`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`proctor_id`) REFERENCES `staff`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`photo_id`) REFERENCES `checkin_photos`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`second_proctor_id`) REFERENCES `staff`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`late_approved_by`) REFERENCES `staff`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`left_recorded_by`) REFERENCES `staff`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`reviewed_by`) REFERENCES `staff`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `checkins_session_candidate` ON `checkins` (`session_id`,`candidate_id`);--> statement-breakpoint
CREATE INDEX `checkins_session_room` ON `checkins` (`session_id`,`room_id`);--> statement-breakpoint
CREATE INDEX `checkins_doubtful` ON `checkins` (`status`);