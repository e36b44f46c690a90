-- The door's alarms and the incidents store codes only: the words (kind_zh) come from the
-- catalogue on the screens and from electron/domain/incidents.ts on the forms. No index or
-- trigger uses kind_zh (0007, 0009, 0012), so SQLite drops the columns in place.
ALTER TABLE `incidents` DROP COLUMN `kind_zh`;
--> statement-breakpoint
ALTER TABLE `checkin_alerts` DROP COLUMN `kind_zh`;
--> statement-breakpoint
-- signer_note held sentences: 'no_draw' (signed before the session was drawn) stays as a code; the
-- notes of door alarms and doubtful admissions follow from the record's source and are worded on screen.
UPDATE `incidents` SET `signer_note` = 'no_draw' WHERE `signer_note` = '本场次该考场尚未抽签，由两名监考人员签字';
--> statement-breakpoint
UPDATE `incidents` SET `signer_note` = NULL WHERE `signer_note` IS NOT NULL AND `signer_note` <> 'no_draw';
