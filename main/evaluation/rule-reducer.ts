/**
 * A rule's own epoch reducer (docs/evaluation.md, "Epochs"): how each sample's epoch scores
 * become the one score the mean over samples takes. Inspect's reducers as Inspect defines
 * them, and pass^k.
 */
import type { ThresholdRule } from '../../common/thresholds';
import { passAtK, passHatK, reducerFor } from '../inspect';

export interface RuleReducer {
  /** The epochs' numeric scores to the sample's one score (NaN for fewer epochs than k). */
  readonly reduce: (epochs: readonly number[]) => number;
  /** Fewest epochs a sample needs: k for the `_k` reducers, else 1. */
  readonly epochsNeeded: number;
  /** "pass@5 (the unbiased estimator of Chen et al. 2021)". */
  readonly text: string;
}

/** The rule's reducer, or null when it names none (or mean, Inspect's default). */
export function ruleReducer(rule: ThresholdRule): RuleReducer | null {
  const k = rule.k ?? 1;
  switch (rule.reducer) {
    case undefined:
    case 'mean':
      return null;
    case 'median':
    case 'mode':
    case 'max':
      return {
        reduce: inspectReducer(rule.reducer),
        epochsNeeded: 1,
        text: rule.reducer === 'max' ? 'the best epoch (max)' : `the ${rule.reducer}`,
      };
    case 'at_least_k':
      return {
        reduce: inspectReducer(`at_least_${k}`),
        epochsNeeded: k,
        text: `whether at least ${k} epochs succeeded (at_least_${k})`,
      };
    case 'pass_at_k':
      return {
        reduce: (epochs) => passAtK(epochs, k),
        epochsNeeded: k,
        text: `pass@${k} (the unbiased estimator of Chen et al. 2021)`,
      };
    case 'pass_hat_k':
      return {
        reduce: (epochs) => passHatK(epochs, k),
        epochsNeeded: k,
        text: `pass^${k}, all of ${k} attempts succeeding (Yao et al. 2024)`,
      };
  }
}

function inspectReducer(name: string): (epochs: readonly number[]) => number {
  const reducer = reducerFor(name);
  if (reducer === null) throw new Error(`Inspect has no reducer ${name}`);
  return reducer;
}
