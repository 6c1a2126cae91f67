-- 0009: what a reviewer reads about a run and filters samples by. eval_log.run_facts is
-- one JSON object of the log's run (plan, limits, epochs, sandbox, usage per model, times,
-- error, sample and limit counts: RunFactsSchema in common/bundles); sample.limit_type is
-- the kind of limit a sample hit (message, token, time, working, ...); sample.metadata is
-- the sample's metadata, its scalar values only, as a JSON object. Rows imported before
-- this version have NULL: those facts were not read then.
ALTER TABLE eval_log ADD COLUMN run_facts TEXT CHECK (
  run_facts IS NULL OR (json_valid(run_facts) AND json_type(run_facts) = 'object')
);
ALTER TABLE sample ADD COLUMN limit_type TEXT;
ALTER TABLE sample ADD COLUMN metadata TEXT CHECK (
  metadata IS NULL OR (json_valid(metadata) AND json_type(metadata) = 'object')
);
CREATE INDEX sample_log ON sample (log_id, id);
