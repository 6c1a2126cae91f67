-- 0001: the workstation's identity and the append-only audit log.
-- Forward-only: never edit a migration that has shipped; add the next number instead.

CREATE TABLE workstation (
  id                 INTEGER PRIMARY KEY CHECK (id = 1),
  classification     TEXT NOT NULL,
  created_at         TEXT NOT NULL,
  created_by_version TEXT NOT NULL
) STRICT;

-- Every security-relevant event. The Merkle tree over these rows (RFC 6962) arrives
-- with signed decisions; until then the triggers keep the table append-only.
CREATE TABLE audit_event (
  seq         INTEGER PRIMARY KEY AUTOINCREMENT,
  recorded_at TEXT NOT NULL,
  kind        TEXT NOT NULL,
  actor       TEXT,
  summary     TEXT NOT NULL,
  details     TEXT NOT NULL CHECK (json_valid(details))
) STRICT;

CREATE TRIGGER audit_event_no_update BEFORE UPDATE ON audit_event
BEGIN
  SELECT RAISE(ABORT, 'audit events are append-only');
END;

CREATE TRIGGER audit_event_no_delete BEFORE DELETE ON audit_event
BEGIN
  SELECT RAISE(ABORT, 'audit events are append-only');
END;
