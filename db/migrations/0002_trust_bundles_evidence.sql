-- 0002: the trust roster, imported result bundles and the evidence read from them.

-- Every roster version this workstation has accepted. Version 1 is pinned at set-up
-- (envelope NULL: its trust comes from the out-of-band fingerprint check); every later
-- version is a DSSE envelope signed by a threshold of the previous version's root keys.
CREATE TABLE roster_version (
  version      INTEGER PRIMARY KEY CHECK (version >= 1),
  document     TEXT NOT NULL CHECK (json_valid(document)),
  digest       TEXT NOT NULL,
  envelope     TEXT CHECK (envelope IS NULL OR json_valid(envelope)),
  installed_at TEXT NOT NULL
) STRICT;

CREATE TABLE model (
  id        INTEGER PRIMARY KEY,
  developer TEXT NOT NULL,
  name      TEXT NOT NULL,
  version   TEXT NOT NULL,
  UNIQUE (developer, name, version)
) STRICT;

CREATE TABLE bundle (
  id               INTEGER PRIMARY KEY,
  digest           TEXT NOT NULL UNIQUE,          -- SHA-256 of the .evbundle file
  file_name        TEXT NOT NULL,
  envelope         TEXT NOT NULL CHECK (json_valid(envelope)),
  model_id         INTEGER NOT NULL REFERENCES model (id),
  evaluator_id     TEXT NOT NULL,
  evaluator_name   TEXT NOT NULL,
  suite_name       TEXT NOT NULL,
  suite_version    TEXT,
  run_started_on   TEXT NOT NULL,
  run_finished_on  TEXT NOT NULL,
  signed_by        TEXT NOT NULL CHECK (json_valid(signed_by)),  -- keyids of the lab keys
  roster_version   INTEGER NOT NULL REFERENCES roster_version (version),
  verification     TEXT NOT NULL CHECK (json_valid(verification)), -- every check and its result
  imported_at      TEXT NOT NULL
) STRICT;

-- Every evidence file of a bundle; the bytes live in the content-addressed store.
CREATE TABLE bundle_entry (
  bundle_id INTEGER NOT NULL REFERENCES bundle (id),
  path      TEXT NOT NULL,
  sha256    TEXT NOT NULL,
  size      INTEGER NOT NULL,
  PRIMARY KEY (bundle_id, path)
) STRICT;
CREATE INDEX bundle_entry_sha256 ON bundle_entry (sha256);

-- The results the lab signed, and how they compare with the logs.
CREATE TABLE claimed_result (
  bundle_id  INTEGER NOT NULL REFERENCES bundle (id),
  position   INTEGER NOT NULL,
  benchmark  TEXT NOT NULL,
  metric     TEXT NOT NULL,
  value      REAL NOT NULL,
  stderr     REAL,
  n          INTEGER,
  log_path   TEXT,
  log_value  REAL,
  status     TEXT NOT NULL CHECK (status IN ('match', 'differs', 'not-checked')),
  PRIMARY KEY (bundle_id, position)
) STRICT;

CREATE TABLE eval_log (
  id                INTEGER PRIMARY KEY,
  bundle_id         INTEGER NOT NULL REFERENCES bundle (id),
  path              TEXT NOT NULL,
  sha256            TEXT NOT NULL,
  format            TEXT NOT NULL,
  header_source     TEXT NOT NULL,
  task              TEXT NOT NULL,
  task_version      TEXT,
  model             TEXT NOT NULL,
  dataset_name      TEXT,
  status            TEXT NOT NULL,
  total_samples     INTEGER,
  completed_samples INTEGER,
  UNIQUE (bundle_id, path)
) STRICT;

CREATE TABLE log_metric (
  log_id     INTEGER NOT NULL REFERENCES eval_log (id),
  scorer     TEXT NOT NULL,
  metric     TEXT NOT NULL,
  claimed    REAL,
  recomputed REAL,
  n          INTEGER NOT NULL,
  status     TEXT NOT NULL CHECK (status IN ('match', 'differs', 'not-recomputable')),
  note       TEXT,
  PRIMARY KEY (log_id, scorer, metric)
) STRICT;

CREATE TABLE sample (
  id            INTEGER PRIMARY KEY,
  log_id        INTEGER NOT NULL REFERENCES eval_log (id),
  sample_id     TEXT NOT NULL,
  epoch         INTEGER NOT NULL,
  input         TEXT NOT NULL,
  target        TEXT NOT NULL,
  error         TEXT,
  limit_hit     TEXT,
  message_count INTEGER NOT NULL,
  input_tokens  INTEGER NOT NULL,
  output_tokens INTEGER NOT NULL,
  total_tokens  INTEGER NOT NULL,
  total_time    REAL,
  working_time  REAL,
  UNIQUE (log_id, sample_id, epoch)
) STRICT;

CREATE TABLE sample_score (
  sample_id   INTEGER NOT NULL REFERENCES sample (id),
  scorer      TEXT NOT NULL,
  value       TEXT NOT NULL CHECK (json_valid(value)),
  numeric     REAL,
  answer      TEXT,
  explanation TEXT,
  PRIMARY KEY (sample_id, scorer)
) STRICT;

-- Full-text search over transcripts; rowid = sample.id.
CREATE VIRTUAL TABLE transcript_fts USING fts5 (transcript, tokenize = 'unicode61');
