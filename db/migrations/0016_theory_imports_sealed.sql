-- Issue 8 (S9, A1): a sealed batch takes no new theory import either (staging one would only fail at
-- its confirmation); an amendment first sets the status to 'amending'.
CREATE TRIGGER `theory_imports_sealed_no_insert` BEFORE INSERT ON `theory_imports`
WHEN (SELECT status FROM batches WHERE id = NEW.batch_id) = 'sealed'
BEGIN
  SELECT RAISE(ABORT, 'theory_imports: the batch is sealed (S9/A1); changes need an amendment');
END;
--> statement-breakpoint
CREATE TRIGGER `theory_imports_sealed_no_update` BEFORE UPDATE ON `theory_imports`
WHEN (SELECT status FROM batches WHERE id = NEW.batch_id) = 'sealed' OR (SELECT status FROM batches WHERE id = OLD.batch_id) = 'sealed'
BEGIN
  SELECT RAISE(ABORT, 'theory_imports: the batch is sealed (S9/A1); changes need an amendment');
END;
