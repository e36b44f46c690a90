-- Issue 7: a submitted score sheet is signed and never changes (S9, G4); nobody deletes it either.
CREATE TRIGGER `score_sheets_submitted_no_update` BEFORE UPDATE ON `score_sheets`
WHEN OLD.status = 'submitted'
BEGIN
  SELECT RAISE(ABORT, 'score_sheets: a submitted sheet is locked');
END;
--> statement-breakpoint
CREATE TRIGGER `score_sheets_submitted_no_delete` BEFORE DELETE ON `score_sheets`
WHEN OLD.status = 'submitted'
BEGIN
  SELECT RAISE(ABORT, 'score_sheets: a submitted sheet is locked');
END;
--> statement-breakpoint
-- the chief examiner's notes and the paper double entry are a record (G4: every step recorded)
CREATE TRIGGER `panel_reviews_no_update` BEFORE UPDATE ON `panel_reviews`
BEGIN
  SELECT RAISE(ABORT, 'panel_reviews is append-only: UPDATE refused');
END;
--> statement-breakpoint
CREATE TRIGGER `paper_entries_no_update` BEFORE UPDATE ON `paper_entries`
BEGIN
  SELECT RAISE(ABORT, 'paper_entries is append-only: UPDATE refused');
END;
