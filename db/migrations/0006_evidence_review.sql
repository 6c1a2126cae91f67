-- 0006: judgements on imported evidence (docs/evaluation.md, "Evidence that does not
-- count"). An authority quarantines a bundle: it is kept and shown, never evaluated. A
-- reviewer accepts a benchmark mapping: a log the lab filed under a benchmark that is not
-- its Inspect task may then count for that benchmark. Both are for good (each also has
-- its audit event): the triggers refuse UPDATE and DELETE. Who is the keyid, and the
-- roster name it had then.
CREATE TABLE bundle_quarantine (
  bundle_id      INTEGER PRIMARY KEY REFERENCES bundle (id),
  by_keyid       TEXT NOT NULL CHECK (length(by_keyid) = 64),
  by_name        TEXT NOT NULL,
  quarantined_at TEXT NOT NULL,
  reason         TEXT NOT NULL CHECK (length(reason) BETWEEN 1 AND 1000)
) STRICT;

CREATE TRIGGER bundle_quarantine_no_update BEFORE UPDATE ON bundle_quarantine
BEGIN
  SELECT RAISE(ABORT, 'quarantines are kept for good');
END;

CREATE TRIGGER bundle_quarantine_no_delete BEFORE DELETE ON bundle_quarantine
BEGIN
  SELECT RAISE(ABORT, 'quarantines are kept for good');
END;

CREATE TABLE accepted_mapping (
  bundle_id   INTEGER NOT NULL REFERENCES bundle (id),
  log_path    TEXT NOT NULL,
  benchmark   TEXT NOT NULL,
  by_keyid    TEXT NOT NULL CHECK (length(by_keyid) = 64),
  by_name     TEXT NOT NULL,
  accepted_at TEXT NOT NULL,
  reason      TEXT NOT NULL CHECK (length(reason) BETWEEN 1 AND 1000),
  PRIMARY KEY (bundle_id, log_path, benchmark)
) STRICT;

CREATE TRIGGER accepted_mapping_no_update BEFORE UPDATE ON accepted_mapping
BEGIN
  SELECT RAISE(ABORT, 'accepted mappings are kept for good');
END;

CREATE TRIGGER accepted_mapping_no_delete BEFORE DELETE ON accepted_mapping
BEGIN
  SELECT RAISE(ABORT, 'accepted mappings are kept for good');
END;
