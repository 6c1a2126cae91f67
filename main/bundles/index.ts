export {
  BundleSummarySchema,
  CHECKS,
  ImportOutcomeViewSchema,
  ImportProgressSchema,
  RejectedImportSchema,
  type BundleSummary,
  type Check,
  type CheckId,
  type CheckStatus,
  type ImportOutcomeView,
  type ImportProgress,
  type LogSummary,
  type RejectedImport,
} from '../../common/bundles';
export { BundleRejection } from './checks';
export {
  createBundleService,
  type BatchOutcome,
  type BundleService,
  type ImportOutcome,
  type ImportWorkerOptions,
  type VerifyOutcome,
} from './bundle-service';
export { BUNDLE_PREDICATE_TYPE, ENVELOPE_ENTRY, type BenchmarkResults } from './format';
export { verifyBundle, type BundleProgress } from './verify-bundle';
export { createBundle, type CreateBundleOptions, type CreatedBundle } from './create-bundle';
