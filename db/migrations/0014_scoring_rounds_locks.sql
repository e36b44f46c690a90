-- Issue 7 §6: the score_sheets locks (0011) hold for every round (they test status, not round).
-- A correction's double entry is a record (G4: every step recorded): never updated or deleted.
CREATE TRIGGER `rescore_entries_no_update` BEFORE UPDATE ON `rescore_entries`
BEGIN
  SELECT RAISE(ABORT, 'rescore_entries is append-only: UPDATE refused');
END;
--> statement-breakpoint
CREATE TRIGGER `rescore_entries_no_delete` BEFORE DELETE ON `rescore_entries`
BEGIN
  SELECT RAISE(ABORT, 'rescore_entries is append-only: DELETE refused');
END;
