-- The door's guards (issue 4). Photos taken at the door are evidence: the database refuses to
-- change or delete them, and a sign-in's photo link, once set, cannot be pointed elsewhere.
CREATE TRIGGER `checkin_photos_no_update` BEFORE UPDATE ON `checkin_photos`
BEGIN
  SELECT RAISE(ABORT, 'checkin_photos are never overwritten: UPDATE refused');
END;
--> statement-breakpoint
CREATE TRIGGER `checkin_photos_no_delete` BEFORE DELETE ON `checkin_photos`
BEGIN
  SELECT RAISE(ABORT, 'checkin_photos are never deleted: DELETE refused');
END;
--> statement-breakpoint
CREATE TRIGGER `checkins_photo_fixed` BEFORE UPDATE OF `photo_id` ON `checkins`
WHEN OLD.`photo_id` IS NOT NULL AND (NEW.`photo_id` IS NULL OR NEW.`photo_id` <> OLD.`photo_id`)
BEGIN
  SELECT RAISE(ABORT, 'a sign-in photo is never replaced: UPDATE refused');
END;
--> statement-breakpoint
-- The door's fallback lookup by the last 5 characters of the admission ticket number: an
-- expression index, so the lookup stays a b-tree seek (checked with EXPLAIN QUERY PLAN).
CREATE INDEX `candidates_ticket_tail5` ON `candidates` (`batch_id`, substr(`ticket_no`, -5));
