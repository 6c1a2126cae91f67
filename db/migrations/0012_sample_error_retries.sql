-- 0012: how often Inspect retried a sample after an error (the length of its error_retries),
-- for the samples grid's Retries column and the filter's retries and has_retries. A sample
-- imported before this version keeps NULL: not known.
ALTER TABLE sample ADD COLUMN error_retries INTEGER CHECK (error_retries IS NULL OR error_retries >= 0);
