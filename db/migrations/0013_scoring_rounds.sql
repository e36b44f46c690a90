CREATE TABLE `rescore_entries` (
	`rescore_id` integer NOT NULL,
	`pass` integer NOT NULL,
	`clerk_id` integer NOT NULL,
	`score` real NOT NULL,
	`note` text,
	`at` text NOT NULL,
	PRIMARY KEY(`rescore_id`, `pass`),
	FOREIGN KEY (`rescore_id`) REFERENCES `rescores`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`clerk_id`) REFERENCES `staff`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `rescores` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`objection_id` integer NOT NULL,
	`candidate_id` integer NOT NULL,
	`subject_id` integer NOT NULL,
	`round` integer,
	`score_before` real,
	`score_after` real,
	`status` text DEFAULT 'open' NOT NULL,
	`opened_at` text NOT NULL,
	`opened_by` integer,
	`done_at` text,
	`republished_in` integer,
	FOREIGN KEY (`objection_id`) REFERENCES `objections`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`candidate_id`) REFERENCES `candidates`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`subject_id`) REFERENCES `subjects`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`opened_by`) REFERENCES `staff`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`republished_in`) REFERENCES `publications`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `rescores_cs` ON `rescores` (`candidate_id`,`subject_id`);--> statement-breakpoint
DROP INDEX `score_sheets_one_per_examiner`;--> statement-breakpoint
ALTER TABLE `score_sheets` ADD `round` integer DEFAULT 1 NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX `score_sheets_one_per_examiner_round` ON `score_sheets` (`candidate_id`,`subject_id`,`examiner_id`,`round`);--> statement-breakpoint
ALTER TABLE `panel_reviews` ADD `round` integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE `publications` ADD `kind` text DEFAULT 'main' NOT NULL;