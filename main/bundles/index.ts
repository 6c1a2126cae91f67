export { BundleRejection, type Check, type CheckId, type CheckStatus } from './checks';
export {
  createBundleService,
  type BundleService,
  type ImportOutcome,
  type VerifyOutcome,
} from './bundle-service';
export { BUNDLE_PREDICATE_TYPE, ENVELOPE_ENTRY, type BenchmarkResults } from './format';
export { verifyBundle, type BundleProgress } from './verify-bundle';
export { createBundle, type CreateBundleOptions, type CreatedBundle } from './create-bundle';
export type { BundleSummary, LogSummary, RejectedImport } from './bundle-summaries';
