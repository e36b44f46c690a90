-- Personal credentials: staff choose their own PIN with a one-time enrolment code the site head
-- (or an administrator, for roles not above their own) issues. The code is stored as its SHA-256
-- only, valid on one site day, used once; issuing a new one revokes the earlier ones.
CREATE TABLE `staff_enrolments` (
  `id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
  `staff_id` integer NOT NULL REFERENCES `staff`(`id`) ON DELETE CASCADE,
  `code_hash` text NOT NULL,
  `valid_on` text NOT NULL,
  `issued_at` text NOT NULL,
  `issued_by` integer REFERENCES `staff`(`id`),
  `used_at` text,
  `revoked_at` text
);
--> statement-breakpoint
CREATE INDEX `staff_enrolments_staff` ON `staff_enrolments` (`staff_id`);
--> statement-breakpoint
-- Wrong-PIN locks are kept per (account, client) in memory now; a lock stored on the account
-- locked the real person out from every device and outlived restarts. Lift the stored ones.
UPDATE `staff_pins` SET `failed_count` = 0, `locked_until` = NULL;
