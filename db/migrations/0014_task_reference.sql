-- 0014: task references (docs/formats.md, "Task reference (v1)"): each task's human expert
-- time, signed by an authority or a reviewer. The document is kept exactly as signed; the
-- task rows are its per-benchmark copy for queries, checked against it whenever it is read.
-- Versions are history: the triggers refuse UPDATE and DELETE of either table.

CREATE TABLE task_reference_version (
  reference_id TEXT NOT NULL,
  version      INTEGER NOT NULL CHECK (version >= 1),
  document     TEXT NOT NULL CHECK (json_valid(document)),  -- canonical JSON, as signed
  digest       TEXT NOT NULL CHECK (length(digest) = 64),   -- SHA-256 of document
  signer_keyid TEXT NOT NULL CHECK (length(signer_keyid) = 64),
  signature    TEXT NOT NULL CHECK (length(signature) = 88), -- DSSE sig: base64 of 64 bytes
  imported_at  TEXT NOT NULL,
  PRIMARY KEY (reference_id, version)
) STRICT;

CREATE TRIGGER task_reference_version_no_update BEFORE UPDATE ON task_reference_version
BEGIN
  SELECT RAISE(ABORT, 'task reference versions are append-only');
END;

CREATE TRIGGER task_reference_version_no_delete BEFORE DELETE ON task_reference_version
BEGIN
  SELECT RAISE(ABORT, 'task reference versions are append-only');
END;

CREATE TABLE task_reference_task (
  reference_id TEXT NOT NULL,
  version      INTEGER NOT NULL,
  benchmark    TEXT NOT NULL,
  task_id      TEXT NOT NULL,                             -- the Inspect sample id
  minutes      REAL NOT NULL CHECK (minutes > 0),
  family       TEXT NOT NULL,
  source       TEXT NOT NULL
                 CHECK (source IN ('baseline', 'first-solve', 'estimate', 'survey', 'other')),
  PRIMARY KEY (reference_id, version, benchmark, task_id),
  FOREIGN KEY (reference_id, version) REFERENCES task_reference_version (reference_id, version)
) STRICT;

CREATE TRIGGER task_reference_task_no_update BEFORE UPDATE ON task_reference_task
BEGIN
  SELECT RAISE(ABORT, 'task reference versions are append-only');
END;

CREATE TRIGGER task_reference_task_no_delete BEFORE DELETE ON task_reference_task
BEGIN
  SELECT RAISE(ABORT, 'task reference versions are append-only');
END;
