CREATE TABLE `panel_reviews` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`candidate_id` integer NOT NULL,
	`subject_id` integer NOT NULL,
	`chief_id` integer NOT NULL,
	`spread` real NOT NULL,
	`note` text NOT NULL,
	`at` text NOT NULL,
	FOREIGN KEY (`candidate_id`) REFERENCES `candidates`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`subject_id`) REFERENCES `subjects`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`chief_id`) REFERENCES `staff`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `panel_reviews_cs` ON `panel_reviews` (`candidate_id`,`subject_id`);--> statement-breakpoint
CREATE TABLE `paper_entries` (
	`candidate_id` integer NOT NULL,
	`subject_id` integer NOT NULL,
	`pass` integer NOT NULL,
	`clerk_id` integer NOT NULL,
	`score` real NOT NULL,
	`at` text NOT NULL,
	PRIMARY KEY(`candidate_id`, `subject_id`, `pass`),
	FOREIGN KEY (`candidate_id`) REFERENCES `candidates`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`subject_id`) REFERENCES `subjects`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`clerk_id`) REFERENCES `staff`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `paper_settlements` (
	`candidate_id` integer NOT NULL,
	`subject_id` integer NOT NULL,
	`score` real NOT NULL,
	`note` text NOT NULL,
	`settled_by` integer NOT NULL,
	`at` text NOT NULL,
	PRIMARY KEY(`candidate_id`, `subject_id`),
	FOREIGN KEY (`candidate_id`) REFERENCES `candidates`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`subject_id`) REFERENCES `subjects`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`settled_by`) REFERENCES `staff`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `score_sheets` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`candidate_id` integer NOT NULL,
	`subject_id` integer NOT NULL,
	`session_id` integer NOT NULL,
	`room_id` integer NOT NULL,
	`examiner_id` integer NOT NULL,
	`status` text DEFAULT 'draft' NOT NULL,
	`entries` text DEFAULT '[]' NOT NULL,
	`total` real,
	`updated_at` text NOT NULL,
	`submitted_at` text,
	`signature` text,
	FOREIGN KEY (`candidate_id`) REFERENCES `candidates`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`subject_id`) REFERENCES `subjects`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`session_id`) REFERENCES `exam_sessions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`room_id`) REFERENCES `rooms`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`examiner_id`) REFERENCES `staff`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `score_sheets_one_per_examiner` ON `score_sheets` (`candidate_id`,`subject_id`,`examiner_id`);--> statement-breakpoint
CREATE INDEX `score_sheets_subject` ON `score_sheets` (`subject_id`,`candidate_id`,`status`);--> statement-breakpoint
CREATE INDEX `score_sheets_room` ON `score_sheets` (`session_id`,`room_id`);--> statement-breakpoint
CREATE TABLE `scoring_items` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`subject_id` integer NOT NULL,
	`position` integer NOT NULL,
	`name` text NOT NULL,
	`criteria` text,
	`max_points` real NOT NULL,
	`safety` integer DEFAULT false NOT NULL,
	FOREIGN KEY (`subject_id`) REFERENCES `subjects`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `scoring_items_subject_pos` ON `scoring_items` (`subject_id`,`position`);--> statement-breakpoint
CREATE TABLE `scoring_settings` (
	`batch_id` integer PRIMARY KEY NOT NULL,
	`spread_threshold` real DEFAULT 10 NOT NULL,
	FOREIGN KEY (`batch_id`) REFERENCES `batches`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `theory_imports` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`batch_id` integer NOT NULL,
	`subject_id` integer NOT NULL,
	`file_name` text NOT NULL,
	`encoding` text NOT NULL,
	`digest` text NOT NULL,
	`status` text DEFAULT 'pending' NOT NULL,
	`report` text NOT NULL,
	`imported_at` text NOT NULL,
	`imported_by` integer,
	`confirmed_at` text,
	`confirmed_by` integer,
	FOREIGN KEY (`batch_id`) REFERENCES `batches`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`subject_id`) REFERENCES `subjects`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `theory_scores` (
	`candidate_id` integer NOT NULL,
	`subject_id` integer NOT NULL,
	`score` real NOT NULL,
	`source` text NOT NULL,
	`import_id` integer,
	`confirmed_at` text NOT NULL,
	`confirmed_by` integer,
	PRIMARY KEY(`candidate_id`, `subject_id`),
	FOREIGN KEY (`candidate_id`) REFERENCES `candidates`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`subject_id`) REFERENCES `subjects`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `calendar_years` (
	`year` integer PRIMARY KEY NOT NULL,
	`holidays` text NOT NULL,
	`workdays` text NOT NULL,
	`source` text NOT NULL,
	`loaded_at` text NOT NULL,
	`loaded_by` integer
);
--> statement-breakpoint
CREATE TABLE `objections` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`publication_id` integer NOT NULL,
	`candidate_id` integer,
	`subject_id` integer,
	`raised_by` text NOT NULL,
	`content` text NOT NULL,
	`received_at` text NOT NULL,
	`recorded_by` integer,
	`status` text DEFAULT 'open' NOT NULL,
	`investigation` text,
	`decision` text,
	`outcome` text,
	`decided_by` integer,
	`decided_at` text,
	FOREIGN KEY (`publication_id`) REFERENCES `publications`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`candidate_id`) REFERENCES `candidates`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`subject_id`) REFERENCES `subjects`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`recorded_by`) REFERENCES `staff`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`decided_by`) REFERENCES `staff`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `publications` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`batch_id` integer NOT NULL,
	`start_date` text NOT NULL,
	`end_date` text NOT NULL,
	`snapshot` text NOT NULL,
	`status` text DEFAULT 'open' NOT NULL,
	`created_at` text NOT NULL,
	`created_by` integer,
	FOREIGN KEY (`batch_id`) REFERENCES `batches`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `publications_batch` ON `publications` (`batch_id`);