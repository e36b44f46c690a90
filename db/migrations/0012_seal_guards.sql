-- Issue 8 (S9, A1): once a batch is sealed (batches.status = 'sealed') the database refuses changes to its
-- score sheets, theory scores, chief examiners' reviews, rulings and absences. An amendment first sets
-- the status to 'amending' (audited, with a reason), and the next seal freezes the batch again.
CREATE TRIGGER `score_sheets_sealed_no_insert` BEFORE INSERT ON `score_sheets`
WHEN (SELECT b.status FROM subjects su JOIN batches b ON b.id = su.batch_id WHERE su.id = NEW.subject_id) = 'sealed'
BEGIN
  SELECT RAISE(ABORT, 'score_sheets: the batch is sealed (S9/A1); changes need an amendment');
END;
--> statement-breakpoint
CREATE TRIGGER `score_sheets_sealed_no_update` BEFORE UPDATE ON `score_sheets`
WHEN (SELECT b.status FROM subjects su JOIN batches b ON b.id = su.batch_id WHERE su.id = NEW.subject_id) = 'sealed' OR (SELECT b.status FROM subjects su JOIN batches b ON b.id = su.batch_id WHERE su.id = OLD.subject_id) = 'sealed'
BEGIN
  SELECT RAISE(ABORT, 'score_sheets: the batch is sealed (S9/A1); changes need an amendment');
END;
--> statement-breakpoint
CREATE TRIGGER `score_sheets_sealed_no_delete` BEFORE DELETE ON `score_sheets`
WHEN (SELECT b.status FROM subjects su JOIN batches b ON b.id = su.batch_id WHERE su.id = OLD.subject_id) = 'sealed'
BEGIN
  SELECT RAISE(ABORT, 'score_sheets: the batch is sealed (S9/A1); changes need an amendment');
END;
--> statement-breakpoint
CREATE TRIGGER `theory_scores_sealed_no_insert` BEFORE INSERT ON `theory_scores`
WHEN (SELECT b.status FROM subjects su JOIN batches b ON b.id = su.batch_id WHERE su.id = NEW.subject_id) = 'sealed'
BEGIN
  SELECT RAISE(ABORT, 'theory_scores: the batch is sealed (S9/A1); changes need an amendment');
END;
--> statement-breakpoint
CREATE TRIGGER `theory_scores_sealed_no_update` BEFORE UPDATE ON `theory_scores`
WHEN (SELECT b.status FROM subjects su JOIN batches b ON b.id = su.batch_id WHERE su.id = NEW.subject_id) = 'sealed' OR (SELECT b.status FROM subjects su JOIN batches b ON b.id = su.batch_id WHERE su.id = OLD.subject_id) = 'sealed'
BEGIN
  SELECT RAISE(ABORT, 'theory_scores: the batch is sealed (S9/A1); changes need an amendment');
END;
--> statement-breakpoint
CREATE TRIGGER `theory_scores_sealed_no_delete` BEFORE DELETE ON `theory_scores`
WHEN (SELECT b.status FROM subjects su JOIN batches b ON b.id = su.batch_id WHERE su.id = OLD.subject_id) = 'sealed'
BEGIN
  SELECT RAISE(ABORT, 'theory_scores: the batch is sealed (S9/A1); changes need an amendment');
END;
--> statement-breakpoint
CREATE TRIGGER `panel_reviews_sealed_no_insert` BEFORE INSERT ON `panel_reviews`
WHEN (SELECT b.status FROM subjects su JOIN batches b ON b.id = su.batch_id WHERE su.id = NEW.subject_id) = 'sealed'
BEGIN
  SELECT RAISE(ABORT, 'panel_reviews: the batch is sealed (S9/A1); changes need an amendment');
END;
--> statement-breakpoint
CREATE TRIGGER `panel_reviews_sealed_no_delete` BEFORE DELETE ON `panel_reviews`
WHEN (SELECT b.status FROM subjects su JOIN batches b ON b.id = su.batch_id WHERE su.id = OLD.subject_id) = 'sealed'
BEGIN
  SELECT RAISE(ABORT, 'panel_reviews: the batch is sealed (S9/A1); changes need an amendment');
END;
--> statement-breakpoint
CREATE TRIGGER `incident_rulings_sealed_no_insert` BEFORE INSERT ON `incident_rulings`
WHEN (SELECT b.status FROM incidents i JOIN batches b ON b.id = i.batch_id WHERE i.id = NEW.incident_id) = 'sealed'
BEGIN
  SELECT RAISE(ABORT, 'incident_rulings: the batch is sealed (S9/A1); changes need an amendment');
END;
--> statement-breakpoint
CREATE TRIGGER `incident_rulings_sealed_no_update` BEFORE UPDATE ON `incident_rulings`
WHEN (SELECT b.status FROM incidents i JOIN batches b ON b.id = i.batch_id WHERE i.id = NEW.incident_id) = 'sealed' OR (SELECT b.status FROM incidents i JOIN batches b ON b.id = i.batch_id WHERE i.id = OLD.incident_id) = 'sealed'
BEGIN
  SELECT RAISE(ABORT, 'incident_rulings: the batch is sealed (S9/A1); changes need an amendment');
END;
--> statement-breakpoint
CREATE TRIGGER `incident_rulings_sealed_no_delete` BEFORE DELETE ON `incident_rulings`
WHEN (SELECT b.status FROM incidents i JOIN batches b ON b.id = i.batch_id WHERE i.id = OLD.incident_id) = 'sealed'
BEGIN
  SELECT RAISE(ABORT, 'incident_rulings: the batch is sealed (S9/A1); changes need an amendment');
END;
--> statement-breakpoint
CREATE TRIGGER `checkin_absences_sealed_no_insert` BEFORE INSERT ON `checkin_absences`
WHEN (SELECT b.status FROM exam_sessions es JOIN batches b ON b.id = es.batch_id WHERE es.id = NEW.session_id) = 'sealed'
BEGIN
  SELECT RAISE(ABORT, 'checkin_absences: the batch is sealed (S9/A1); changes need an amendment');
END;
--> statement-breakpoint
CREATE TRIGGER `checkin_absences_sealed_no_update` BEFORE UPDATE ON `checkin_absences`
WHEN (SELECT b.status FROM exam_sessions es JOIN batches b ON b.id = es.batch_id WHERE es.id = NEW.session_id) = 'sealed' OR (SELECT b.status FROM exam_sessions es JOIN batches b ON b.id = es.batch_id WHERE es.id = OLD.session_id) = 'sealed'
BEGIN
  SELECT RAISE(ABORT, 'checkin_absences: the batch is sealed (S9/A1); changes need an amendment');
END;
--> statement-breakpoint
CREATE TRIGGER `checkin_absences_sealed_no_delete` BEFORE DELETE ON `checkin_absences`
WHEN (SELECT b.status FROM exam_sessions es JOIN batches b ON b.id = es.batch_id WHERE es.id = OLD.session_id) = 'sealed'
BEGIN
  SELECT RAISE(ABORT, 'checkin_absences: the batch is sealed (S9/A1); changes need an amendment');
END;
--> statement-breakpoint
-- a sealed batch leaves 'sealed' only to open an amendment (G7), never back to a working state
CREATE TRIGGER `batches_sealed_status` BEFORE UPDATE OF status ON `batches`
WHEN OLD.status = 'sealed' AND NEW.status NOT IN ('sealed', 'amending')
BEGIN
  SELECT RAISE(ABORT, 'batches: a sealed batch is only reopened by an amendment');
END;
