CREATE TABLE `batch_staff_roles` (
	`batch_id` integer NOT NULL,
	`staff_id` integer NOT NULL,
	`role` text NOT NULL,
	PRIMARY KEY(`batch_id`, `staff_id`, `role`),
	FOREIGN KEY (`batch_id`) REFERENCES `batches`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`staff_id`) REFERENCES `staff`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `batch_staff_roles_staff` ON `batch_staff_roles` (`staff_id`);--> statement-breakpoint
CREATE TABLE `plan_imports` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`batch_id` integer NOT NULL,
	`version` integer NOT NULL,
	`at` text NOT NULL,
	`actor_id` integer,
	`digest` text NOT NULL,
	`summary` text NOT NULL,
	FOREIGN KEY (`batch_id`) REFERENCES `batches`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `session_examiner_pool` (
	`session_id` integer NOT NULL,
	`staff_id` integer NOT NULL,
	PRIMARY KEY(`session_id`, `staff_id`),
	FOREIGN KEY (`session_id`) REFERENCES `exam_sessions`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`staff_id`) REFERENCES `staff`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `session_plan` (
	`session_id` integer PRIMARY KEY NOT NULL,
	`examiners_per_room` integer,
	FOREIGN KEY (`session_id`) REFERENCES `exam_sessions`(`id`) ON UPDATE no action ON DELETE cascade
);
