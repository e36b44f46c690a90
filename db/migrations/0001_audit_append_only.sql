-- DOMAIN A1: the audit trail is append-only. The database itself refuses edits and deletions,
-- so a bug or a hand-run UPDATE cannot rewrite history; `verify` catches edits made with the
-- triggers dropped.
CREATE TRIGGER `audit_events_no_update` BEFORE UPDATE ON `audit_events`
BEGIN
  SELECT RAISE(ABORT, 'audit_events is append-only: UPDATE refused');
END;
--> statement-breakpoint
CREATE TRIGGER `audit_events_no_delete` BEFORE DELETE ON `audit_events`
BEGIN
  SELECT RAISE(ABORT, 'audit_events is append-only: DELETE refused');
END;
