-- 0005: an import writes its rows in short transactions under a bundle that no read sees
-- yet ('importing'); one last small transaction makes it 'complete' (docs/decisions/0001-workers.md).
-- Bundles imported before this version were committed whole, so they are complete.
-- imported_at is when the import started while the bundle is 'importing', and when it
-- completed afterwards.
ALTER TABLE bundle ADD COLUMN import_state TEXT NOT NULL DEFAULT 'complete'
  CHECK (import_state IN ('importing', 'complete'));
