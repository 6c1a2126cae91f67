-- 0007: a bundle is also known by its signed statement, the SHA-256 of its DSSE payload.
-- The same statement re-wrapped (a zip comment added, entries reordered, signed again by
-- another lab key) is another file but the same evidence: it imports once. Bundles imported
-- before this version have NULL until start-up recovery computes it from their envelope
-- (SQL has no SHA-256); a unique index allows any number of NULLs.
ALTER TABLE bundle ADD COLUMN statement_digest TEXT CHECK (statement_digest IS NULL OR length(statement_digest) = 64);
CREATE UNIQUE INDEX bundle_statement_digest ON bundle (statement_digest);
