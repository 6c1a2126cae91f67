-- 0003: people who use this workstation. Each enrols with their sealed secret key file,
-- which stays sealed here (Argon2id + XChaCha20-Poly1305); roles come from the roster.

CREATE TABLE identity (
  keyid           TEXT PRIMARY KEY,
  name            TEXT NOT NULL,
  sealed_key      TEXT NOT NULL CHECK (json_valid(sealed_key)),
  enrolled_at     TEXT NOT NULL,
  -- Failed unlocks since the last success, for the growing delay between attempts.
  failed_attempts INTEGER NOT NULL DEFAULT 0 CHECK (failed_attempts >= 0),
  last_failed_at  TEXT
) STRICT;
