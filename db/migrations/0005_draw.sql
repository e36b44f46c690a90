CREATE TABLE `draw_assignments` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`draw_id` integer NOT NULL,
	`session_id` integer NOT NULL,
	`room_id` integer NOT NULL,
	`staff_id` integer NOT NULL,
	`role` text NOT NULL,
	`position` integer NOT NULL,
	`active` integer DEFAULT true NOT NULL,
	FOREIGN KEY (`draw_id`) REFERENCES `draws`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`session_id`) REFERENCES `exam_sessions`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`room_id`) REFERENCES `rooms`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`staff_id`) REFERENCES `staff`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `draw_assignments_room` ON `draw_assignments` (`session_id`,`room_id`,`active`);--> statement-breakpoint
CREATE INDEX `draw_assignments_draw` ON `draw_assignments` (`draw_id`);--> statement-breakpoint
CREATE TABLE `draw_changes` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`draw_id` integer NOT NULL,
	`session_id` integer NOT NULL,
	`kind` text NOT NULL,
	`room_id` integer NOT NULL,
	`staff_id` integer NOT NULL,
	`other_staff_id` integer NOT NULL,
	`other_room_id` integer,
	`reason` text NOT NULL,
	`at` text NOT NULL,
	`by` integer,
	FOREIGN KEY (`draw_id`) REFERENCES `draws`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `draws` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`batch_id` integer NOT NULL,
	`scope` text NOT NULL,
	`session_ids` text NOT NULL,
	`algorithm` text NOT NULL,
	`seed` text NOT NULL,
	`inputs` text NOT NULL,
	`inputs_digest` text NOT NULL,
	`result` text NOT NULL,
	`result_digest` text NOT NULL,
	`status` text DEFAULT 'drawn' NOT NULL,
	`created_at` text NOT NULL,
	`created_by` integer,
	`confirmed_at` text,
	`confirmed_by` integer,
	`audit_seq` integer,
	FOREIGN KEY (`batch_id`) REFERENCES `batches`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `draws_batch` ON `draws` (`batch_id`);--> statement-breakpoint
CREATE TABLE `duty_marks` (
	`batch_id` integer NOT NULL,
	`staff_id` integer NOT NULL,
	`on_duty` integer NOT NULL,
	`marked_at` text NOT NULL,
	`marked_by` integer,
	PRIMARY KEY(`batch_id`, `staff_id`),
	FOREIGN KEY (`batch_id`) REFERENCES `batches`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`staff_id`) REFERENCES `staff`(`id`) ON UPDATE no action ON DELETE cascade
);
