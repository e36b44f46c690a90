-- S5/S9: a sheet of an examiner replaced after submitting is withdrawn by the panel's chief examiner
-- with a reason and PIN (score_sheet_withdrawals, append-only); the sheet itself changes in one way
-- only: status 'submitted' → 'withdrawn', everything signed kept as it was, and only with its record.
CREATE TABLE `score_sheet_withdrawals` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`sheet_id` integer NOT NULL,
	`candidate_id` integer NOT NULL,
	`subject_id` integer NOT NULL,
	`examiner_id` integer NOT NULL,
	`chief_id` integer NOT NULL,
	`reason` text NOT NULL,
	`at` text NOT NULL,
	FOREIGN KEY (`sheet_id`) REFERENCES `score_sheets`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`candidate_id`) REFERENCES `candidates`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`subject_id`) REFERENCES `subjects`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`examiner_id`) REFERENCES `staff`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`chief_id`) REFERENCES `staff`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `score_sheet_withdrawals_sheet` ON `score_sheet_withdrawals` (`sheet_id`);
--> statement-breakpoint
CREATE TRIGGER `score_sheet_withdrawals_no_update` BEFORE UPDATE ON `score_sheet_withdrawals`
BEGIN
  SELECT RAISE(ABORT, 'score_sheet_withdrawals is append-only: UPDATE refused');
END;
--> statement-breakpoint
CREATE TRIGGER `score_sheet_withdrawals_no_delete` BEFORE DELETE ON `score_sheet_withdrawals`
BEGIN
  SELECT RAISE(ABORT, 'score_sheet_withdrawals is append-only: DELETE refused');
END;
--> statement-breakpoint
CREATE TRIGGER `score_sheet_withdrawals_sealed_no_insert` BEFORE INSERT ON `score_sheet_withdrawals`
WHEN (SELECT b.status FROM subjects su JOIN batches b ON b.id = su.batch_id WHERE su.id = NEW.subject_id) = 'sealed'
BEGIN
  SELECT RAISE(ABORT, 'score_sheet_withdrawals: the batch is sealed (S9/A1); changes need an amendment');
END;
--> statement-breakpoint
DROP TRIGGER `score_sheets_submitted_no_update`;
--> statement-breakpoint
CREATE TRIGGER `score_sheets_submitted_no_update` BEFORE UPDATE ON `score_sheets`
WHEN OLD.status IN ('submitted', 'withdrawn') AND NOT (
  OLD.status = 'submitted' AND NEW.status = 'withdrawn'
  AND NEW.id = OLD.id AND NEW.candidate_id = OLD.candidate_id AND NEW.subject_id = OLD.subject_id
  AND NEW.session_id = OLD.session_id AND NEW.room_id = OLD.room_id AND NEW.examiner_id = OLD.examiner_id
  AND NEW.entries IS OLD.entries AND NEW.total IS OLD.total AND NEW.updated_at IS OLD.updated_at
  AND NEW.submitted_at IS OLD.submitted_at AND NEW.signature IS OLD.signature AND NEW.round = OLD.round
  AND EXISTS (SELECT 1 FROM score_sheet_withdrawals w WHERE w.sheet_id = OLD.id)
)
BEGIN
  SELECT RAISE(ABORT, 'score_sheets: a submitted sheet is locked');
END;
--> statement-breakpoint
DROP TRIGGER `score_sheets_submitted_no_delete`;
--> statement-breakpoint
CREATE TRIGGER `score_sheets_submitted_no_delete` BEFORE DELETE ON `score_sheets`
WHEN OLD.status IN ('submitted', 'withdrawn')
BEGIN
  SELECT RAISE(ABORT, 'score_sheets: a submitted sheet is locked');
END;
--> statement-breakpoint
-- S2/S8: a redraw says why (draws.reason); a redraw of sessions whose draw in force the supervisor
-- confirmed waits as 'pending' (its assignments inactive, the confirmed draw stays in force at the
-- doors) until the supervisor confirms it; a pending draw replaced before that is 'discarded'.
ALTER TABLE `draws` ADD `reason` text;
