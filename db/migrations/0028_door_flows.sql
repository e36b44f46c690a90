-- The door's flows (E3, E4, S8): a confirm carries the screen's idempotency key, so a retried
-- confirm whose answer was lost finds its own sign-in instead of an alarm; the supervisor's review
-- of a doubtful admission names an outcome; a door alarm can be closed as a false alarm (a double
-- read, a re-entry) with a note, without becoming an incident; absentees are marked with the
-- second proctor's PIN.
ALTER TABLE `checkins` ADD `confirm_key` text;
--> statement-breakpoint
CREATE UNIQUE INDEX `checkins_confirm_key` ON `checkins` (`confirm_key`);
--> statement-breakpoint
ALTER TABLE `checkins` ADD `review_outcome` text;
--> statement-breakpoint
ALTER TABLE `checkin_alerts` ADD `closed_reason` text;
--> statement-breakpoint
ALTER TABLE `checkin_alerts` ADD `closed_note` text;
--> statement-breakpoint
ALTER TABLE `checkin_alerts` ADD `closed_by` integer REFERENCES `staff`(`id`);
--> statement-breakpoint
ALTER TABLE `checkin_alerts` ADD `closed_at` text;
--> statement-breakpoint
ALTER TABLE `checkin_absences` ADD `second_proctor_id` integer REFERENCES `staff`(`id`);
