-- The incidents desk's guards (issue 6). A ruling is final (S8): the database refuses to edit or
-- delete it. The one UPDATE allowed marks it superseded, once (NULL → the id of the new ruling
-- that names it in `supersedes`), with every other column unchanged.
CREATE TRIGGER `incident_rulings_supersede_only` BEFORE UPDATE ON `incident_rulings`
WHEN NOT (
  OLD.`superseded_by` IS NULL AND NEW.`superseded_by` IS NOT NULL
  AND NEW.`id` IS OLD.`id` AND NEW.`incident_id` IS OLD.`incident_id` AND NEW.`candidate_id` IS OLD.`candidate_id`
  AND NEW.`staff_id` IS OLD.`staff_id` AND NEW.`subject_id` IS OLD.`subject_id` AND NEW.`decision` IS OLD.`decision`
  AND NEW.`reason` IS OLD.`reason` AND NEW.`decided_at` IS OLD.`decided_at` AND NEW.`decided_by` IS OLD.`decided_by`
  AND NEW.`device` IS OLD.`device` AND NEW.`supersedes` IS OLD.`supersedes` AND NEW.`signature` IS OLD.`signature`
  AND (SELECT r.`supersedes` FROM `incident_rulings` r WHERE r.`id` = NEW.`superseded_by`) IS OLD.`id`
)
BEGIN
  SELECT RAISE(ABORT, 'incident_rulings are never edited: a change is a new ruling that supersedes (UPDATE refused)');
END;
--> statement-breakpoint
CREATE TRIGGER `incident_rulings_no_delete` BEFORE DELETE ON `incident_rulings`
BEGIN
  SELECT RAISE(ABORT, 'incident_rulings are never deleted: DELETE refused');
END;
--> statement-breakpoint
CREATE TRIGGER `incident_rulings_decision` BEFORE INSERT ON `incident_rulings`
WHEN NEW.`decision` NOT IN ('none', 'warning', 'subject_void', 'result_void', 'police')
BEGIN
  SELECT RAISE(ABORT, 'incident_rulings.decision must be none|warning|subject_void|result_void|police');
END;
--> statement-breakpoint
-- An incident's facts are fixed once recorded; only its status and the second signature (once) move.
CREATE TRIGGER `incidents_facts_fixed` BEFORE UPDATE ON `incidents`
WHEN NEW.`batch_id` IS NOT OLD.`batch_id` OR NEW.`session_id` IS NOT OLD.`session_id` OR NEW.`room_id` IS NOT OLD.`room_id`
  OR NEW.`subject_type` IS NOT OLD.`subject_type` OR NEW.`candidate_id` IS NOT OLD.`candidate_id` OR NEW.`staff_id` IS NOT OLD.`staff_id`
  OR NEW.`kind` IS NOT OLD.`kind` OR NEW.`occurred_at` IS NOT OLD.`occurred_at` OR NEW.`time_edit_reason` IS NOT OLD.`time_edit_reason`
  OR NEW.`description` IS NOT OLD.`description` OR NEW.`witnesses` IS NOT OLD.`witnesses` OR NEW.`recorded_at` IS NOT OLD.`recorded_at`
  OR NEW.`recorded_by` IS NOT OLD.`recorded_by` OR (OLD.`second_signer_id` IS NOT NULL AND NEW.`second_signer_id` IS NOT OLD.`second_signer_id`)
BEGIN
  SELECT RAISE(ABORT, 'an incident record is never rewritten: UPDATE refused');
END;
--> statement-breakpoint
CREATE TRIGGER `incidents_no_delete` BEFORE DELETE ON `incidents`
BEGIN
  SELECT RAISE(ABORT, 'incidents are never deleted: DELETE refused');
END;
--> statement-breakpoint
CREATE TRIGGER `incident_photos_no_update` BEFORE UPDATE ON `incident_photos`
BEGIN
  SELECT RAISE(ABORT, 'incident_photos are never overwritten: UPDATE refused');
END;
--> statement-breakpoint
CREATE TRIGGER `incident_photos_no_delete` BEFORE DELETE ON `incident_photos`
BEGIN
  SELECT RAISE(ABORT, 'incident_photos are never deleted: DELETE refused');
END;
--> statement-breakpoint
CREATE TRIGGER `site_events_no_update` BEFORE UPDATE ON `site_events`
BEGIN
  SELECT RAISE(ABORT, 'site_events are append-only: UPDATE refused');
END;
--> statement-breakpoint
CREATE TRIGGER `site_events_no_delete` BEFORE DELETE ON `site_events`
BEGIN
  SELECT RAISE(ABORT, 'site_events are append-only: DELETE refused');
END;
--> statement-breakpoint
CREATE TRIGGER `monitoring_links_no_update` BEFORE UPDATE ON `monitoring_links`
BEGIN
  SELECT RAISE(ABORT, 'monitoring_links are append-only: UPDATE refused');
END;
--> statement-breakpoint
CREATE TRIGGER `monitoring_links_no_delete` BEFORE DELETE ON `monitoring_links`
BEGIN
  SELECT RAISE(ABORT, 'monitoring_links are append-only: DELETE refused');
END;
--> statement-breakpoint
CREATE TRIGGER `supervisor_reports_no_update` BEFORE UPDATE ON `supervisor_reports`
BEGIN
  SELECT RAISE(ABORT, 'a signed supervisor report is never edited: sign a new version (UPDATE refused)');
END;
--> statement-breakpoint
CREATE TRIGGER `supervisor_reports_no_delete` BEFORE DELETE ON `supervisor_reports`
BEGIN
  SELECT RAISE(ABORT, 'supervisor reports are never deleted: DELETE refused');
END;
