/**
 * Threshold sets: the classified rules designations are measured against, encrypted and
 * signed at rest (docs/formats.md, "Threshold sets (v1)").
 */
export {
  BASES,
  DesignationRuleSchema,
  OPERATORS,
  THRESHOLD_SET_TYPE,
  ThresholdRuleSchema,
  ThresholdSetSchema,
  type Basis,
  type DesignationRule,
  type Operator,
  type ThresholdRule,
  type ThresholdSet,
  type ThresholdSetInput,
} from './document';
export { parseThresholdSet } from './parse-document';
export { THRESHOLD_SET_PREDICATE_TYPE, thresholdCommitment } from './sealed-set';
export {
  createThresholdService,
  READER_ROLES,
  type OpenedThresholdSet,
  type ThresholdService,
  type ThresholdServiceDeps,
  type ThresholdSetMeta,
} from './threshold-service';
