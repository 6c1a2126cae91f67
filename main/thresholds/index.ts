/**
 * Threshold sets: the classified rules designations are measured against, encrypted and
 * signed at rest (docs/formats.md, "Threshold sets (v1)"). The document's schema and the
 * metadata view are the common layer's, re-exported here as this service's public face.
 */
export * from '../../common/thresholds';
export { parseThresholdSet } from './parse-document';
export { THRESHOLD_SET_PREDICATE_TYPE, thresholdCommitment } from './sealed-set';
export {
  createThresholdService,
  type OpenedThresholdSet,
  type ThresholdService,
  type ThresholdServiceDeps,
} from './threshold-service';
