/**
 * The words screens use for the domain's values (common/'s enumerations), so a basis or a
 * status reads the same in the dossier, the editor and any later screen.
 */
import type { Outcome, RuleStatus } from '../../../common/evaluation';
import {
  boundSide,
  percentOf,
  REDUCERS,
  type Basis,
  type DesignationRule,
  type IntervalMethod,
  type MultipleComparisons,
  type SamplePolicy,
} from '../../../common/thresholds';

export const OUTCOME_TEXT: Readonly<Record<Outcome, string>> = {
  meets: 'Meets the designation threshold',
  'does-not-meet': 'Does not meet the designation threshold',
  'insufficient-evidence': 'Insufficient evidence to decide',
};

export const RULE_STATUS_TEXT: Readonly<Record<RuleStatus, string>> = {
  met: 'Met',
  'not-met': 'Not met',
  'insufficient-evidence': 'Insufficient evidence',
};

/** The bases the editor offers: lower95 and upper95 are a lower or upper bound at 95%. */
export const EDITOR_BASES = ['point', 'lower', 'upper'] as const;

export const BASIS_TEXT: Readonly<Record<(typeof EDITOR_BASES)[number], string>> = {
  point: 'observed value',
  lower: 'lower bound',
  upper: 'upper bound',
};

/** "observed value", "lower 95% bound". */
export function basisText(basis: Basis, confidence: number | null): string {
  const side = boundSide(basis);
  return side === null ? 'observed value' : `${side} ${percentOf(confidence ?? 0.95)} bound`;
}

/** The confidences the editor offers (two-sided, so each end is one-sided at 95%, 97.5%, 99.5%). */
export const CONFIDENCES = ['0.9', '0.95', '0.99'] as const;

/** How a bound is computed, as the editor offers it and the dossier names it. */
export const INTERVAL_TEXT: Readonly<Record<IntervalMethod, string>> = {
  wilson: 'Wilson (default)',
  'clopper-pearson': 'Clopper–Pearson (exact)',
  jeffreys: 'Jeffreys',
  wald: 'Wald (not recommended)',
};

/** How a rule reduces epochs, as the editor offers it: as the log did, or one of REDUCERS. */
export const REDUCER_CHOICES = ['as-logged', ...REDUCERS] as const;
export const REDUCER_TEXT: Readonly<Record<(typeof REDUCER_CHOICES)[number], string>> = {
  'as-logged': 'as the log',
  mean: 'mean',
  median: 'median',
  mode: 'mode',
  max: 'max',
  at_least_k: 'at least k',
  pass_at_k: 'pass@k',
  pass_hat_k: 'pass^k',
};

/** Whether a set adjusts its bound rules for their number. */
export const MULTIPLE_COMPARISONS_TEXT: Readonly<Record<MultipleComparisons, string>> = {
  none: 'each at its own confidence',
  holm: 'adjusted together (Holm–Bonferroni)',
};

/** What a rule does with errored samples and samples at a limit. */
export const POLICY_TEXT: Readonly<Record<SamplePolicy, string>> = {
  'as-scored': 'as Inspect scored them',
  failure: 'count as failures',
  exclude: 'leave out',
};

/** The method's name in a number: "Wilson 0.42–0.75". */
export const INTERVAL_NAME: Readonly<Record<IntervalMethod | 'bootstrap', string>> = {
  wilson: 'Wilson',
  'clopper-pearson': 'Clopper–Pearson',
  jeffreys: 'Jeffreys',
  wald: 'Wald',
  bootstrap: 'bootstrap',
};

export const DESIGNATION_TEXT: Readonly<Record<DesignationRule['kind'], string>> = {
  any: 'any rule is met',
  all: 'all rules are met',
  atLeast: 'at least k rules are met',
};

/** Every kind of designation rule, in the order the editor offers them. */
export const DESIGNATION_KINDS = Object.keys(DESIGNATION_TEXT) as DesignationRule['kind'][];

export { benchmarkName, metricId, metricName } from './names';
