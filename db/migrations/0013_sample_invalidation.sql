-- 0013: a sample someone invalidated after the run (Inspect's sample.invalidation: who,
-- when, why, as JSON {timestamp, author, reason}). Rules leave such samples out and count
-- them (docs/evaluation.md, "Errors and limits"). A sample imported before this version
-- keeps NULL, as does a valid one: the doctor does not count that as a difference.
ALTER TABLE sample ADD COLUMN invalidation TEXT CHECK (invalidation IS NULL OR json_valid(invalidation));
