/** Threshold sets: the plaintext document's schema and the metadata anyone may see. */
export {
  BASES,
  DEFAULT_CONFIDENCE,
  boundSide,
  percentOf,
  INTERVAL_METHODS,
  DesignationRuleSchema,
  OPERATORS,
  SAMPLE_POLICIES,
  THRESHOLD_SET_TYPE,
  ThresholdRuleSchema,
  ThresholdSetSchema,
  type Basis,
  type DesignationRule,
  type IntervalMethod,
  type Operator,
  type SamplePolicy,
  type ThresholdRule,
  type ThresholdSet,
  type ThresholdSetInput,
} from './document';
export {
  READER_ROLES,
  ThresholdSetMetaSchema,
  type ReaderRole,
  type ThresholdSetMeta,
} from './views';
