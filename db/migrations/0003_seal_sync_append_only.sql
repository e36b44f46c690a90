-- Issue 8: sealed packages and the platform's signed statements are append-only. Delivery state
-- lives in `outbox`, which stays mutable. `seal.verify` catches edits made with these triggers dropped.
-- a sealed package is never rewritten; a correction is a new amendment version (ARCHITECTURE: sealed means sealed)
CREATE TRIGGER `sealed_packages_no_update` BEFORE UPDATE ON `sealed_packages`
BEGIN
  SELECT RAISE(ABORT, 'sealed_packages is append-only: UPDATE refused');
END;
--> statement-breakpoint
CREATE TRIGGER `sealed_packages_no_delete` BEFORE DELETE ON `sealed_packages`
BEGIN
  SELECT RAISE(ABORT, 'sealed_packages is append-only: DELETE refused');
END;
--> statement-breakpoint
-- what the platform signed is kept as received (A1)
CREATE TRIGGER `sync_statements_no_update` BEFORE UPDATE ON `sync_statements`
BEGIN
  SELECT RAISE(ABORT, 'sync_statements is append-only: UPDATE refused');
END;
--> statement-breakpoint
CREATE TRIGGER `sync_statements_no_delete` BEFORE DELETE ON `sync_statements`
BEGIN
  SELECT RAISE(ABORT, 'sync_statements is append-only: DELETE refused');
END;
--> statement-breakpoint
-- certificate numbers are recorded as the platform assigned them (G7)
CREATE TRIGGER `sync_certificates_no_update` BEFORE UPDATE ON `sync_certificates`
BEGIN
  SELECT RAISE(ABORT, 'sync_certificates is append-only: UPDATE refused');
END;
--> statement-breakpoint
CREATE TRIGGER `sync_certificates_no_delete` BEFORE DELETE ON `sync_certificates`
BEGIN
  SELECT RAISE(ABORT, 'sync_certificates is append-only: DELETE refused');
END;
