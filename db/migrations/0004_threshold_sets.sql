-- 0004: threshold sets, encrypted at rest (docs/formats.md, "Threshold sets").
-- Only what is not classified is in clear: the set's id and version, who wrote it and
-- when, and its salted commitment (designed to be public). The name, notes and rules are
-- inside the ciphertext, with the authority's signature.

-- One row per version. Versions are history: the triggers refuse UPDATE and DELETE.
CREATE TABLE threshold_set_version (
  set_id       TEXT NOT NULL,
  version      INTEGER NOT NULL CHECK (version >= 1),
  format       TEXT NOT NULL,                  -- designation-desk/sealed-threshold-set/v1
  author_keyid TEXT NOT NULL,                  -- the authority who signed it
  created_at   TEXT NOT NULL,
  commitment   TEXT NOT NULL CHECK (length(commitment) = 64),
  nonce        BLOB NOT NULL CHECK (length(nonce) = 24),
  ciphertext   BLOB NOT NULL,                  -- XChaCha20-Poly1305 under the data key
  PRIMARY KEY (set_id, version)
) STRICT;

CREATE TRIGGER threshold_set_version_no_update BEFORE UPDATE ON threshold_set_version
BEGIN
  SELECT RAISE(ABORT, 'threshold set versions are append-only');
END;

CREATE TRIGGER threshold_set_version_no_delete BEFORE DELETE ON threshold_set_version
BEGIN
  SELECT RAISE(ABORT, 'threshold set versions are append-only');
END;

-- The version's data key sealed to each person allowed to read it (crypto_box_seal to
-- their Ed25519 key converted to X25519: 32 bytes + 48). Revocation deletes rows here.
CREATE TABLE threshold_set_key (
  set_id          TEXT NOT NULL,
  version         INTEGER NOT NULL,
  recipient_keyid TEXT NOT NULL,
  wrapped_key     BLOB NOT NULL CHECK (length(wrapped_key) = 80),
  PRIMARY KEY (set_id, version, recipient_keyid),
  FOREIGN KEY (set_id, version) REFERENCES threshold_set_version (set_id, version)
) STRICT;
CREATE INDEX threshold_set_key_recipient ON threshold_set_key (recipient_keyid);
