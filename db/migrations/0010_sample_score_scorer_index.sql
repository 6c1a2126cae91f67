-- 0010: the samples grid names the scorers of a log, bundle or model before it reads a
-- filter (a bare name must be one of them). Without this index that is a DISTINCT over every
-- score of the scope (120 to 630 ms for 100,000 samples); with it, one step per scorer name.
CREATE INDEX sample_score_scorer ON sample_score (scorer);
