-- An examiner's sheet submitted from a tablet that lost its connection is retried with the same
-- client-made key: the key is kept on the sheet, so a retried submit is that sheet, never another (S9).
ALTER TABLE `score_sheets` ADD `submit_key` text;
--> statement-breakpoint
CREATE UNIQUE INDEX `score_sheets_submit_key` ON `score_sheets` (`submit_key`) WHERE `submit_key` IS NOT NULL;
--> statement-breakpoint
-- E3: how the ID card was read at the door (a keyboard-mode reader or a vendor's local service)
-- and the chip photo the reader's software decoded, kept with the sign-in like the door photo.
ALTER TABLE `checkins` ADD `card_source` text;
--> statement-breakpoint
ALTER TABLE `checkins` ADD `chip_photo_id` integer REFERENCES `checkin_photos`(`id`);
--> statement-breakpoint
CREATE TRIGGER `checkins_chip_photo_fixed` BEFORE UPDATE OF `chip_photo_id` ON `checkins`
WHEN OLD.`chip_photo_id` IS NOT NULL AND (NEW.`chip_photo_id` IS NULL OR NEW.`chip_photo_id` <> OLD.`chip_photo_id`)
BEGIN
  SELECT RAISE(ABORT, 'a chip photo is never replaced: UPDATE refused');
END;
--> statement-breakpoint
-- The vendor services' profiles (URL, field paths), set by the site head; the reader's software
-- runs on a PC of the site, the console calls it (a LAN page may not call the device's loopback).
CREATE TABLE `card_reader_profiles` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`config` text NOT NULL,
	`active` integer DEFAULT true NOT NULL,
	`updated_at` text NOT NULL,
	`updated_by` integer NOT NULL,
	FOREIGN KEY (`updated_by`) REFERENCES `staff`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `card_reader_profiles_name` ON `card_reader_profiles` (`name`);
