/**
 * Inspect eval logs as evidence (docs/formats.md): reads `.eval`
 * and legacy `.json` logs from untrusted bytes, extracts samples and transcripts as plain
 * text, and recomputes the metrics Inspect claimed so a reviewer can see whether the
 * log's own numbers hold.
 */
export { readInspectLog, readInspectSample, type SampleLookup } from './read-log';
export { DEFAULT_BUNDLE_LIMITS, EvidenceBudget, type BundleLimits } from './budget';
export { formatBytes, type ReadLimits } from './limits';
export { RELATIVE_TOLERANCE } from './recompute';
export { passAtK, passHatK, reducerFor, type Reducer } from './reducers';
export { clusterCount, clusteredStderr, type ClusterId } from './clustered-stderr';
export { valueToFloat } from './value-to-float';
export type {
  ClaimedScore,
  InspectLog,
  InspectRun,
  InspectSample,
  InspectSandbox,
  LimitHits,
  MetricCheck,
  MetricStatus,
  ModelTokenUsage,
  PartialMetric,
  RunError,
  RunLimits,
  SampleCounts,
  SampleScore,
} from './types';
export { toSampleContent, VIEW_LIMITS, type SampleContent } from './sample-view';
