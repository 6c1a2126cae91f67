/**
 * Inspect's built-in epoch reducers (inspect_ai/scorer/_reducer/reducer.py), for the
 * reader's check of a log's metrics and for a rule that names its own reducer
 * (docs/evaluation.md, "Epochs"), and pass^k (Inspect's pass_k), which the engine names
 * pass_hat_k and the reader does not look up by name.
 */
import { inspectFloat } from './value-to-float';

type Scalar = string | number | boolean;
export type Reducer = (epochs: readonly Scalar[]) => number;

/** Inspect's built-in epoch reducers (inspect_ai/scorer/_reducer/reducer.py). */
function mean(values: readonly number[]): number {
  let sum = 0;
  for (const value of values) sum += value;
  return sum / values.length;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] ?? Number.NaN)
    : ((sorted[middle - 1] ?? Number.NaN) + (sorted[middle] ?? Number.NaN)) / 2;
}

export function reducerFor(name: string): Reducer | null {
  switch (name) {
    case 'mean':
      return (epochs) => mean(epochs.map(inspectFloat));
    case 'median':
      return (epochs) => median(epochs.map(inspectFloat));
    case 'max':
      return (epochs) => Math.max(...epochs.map(inspectFloat));
    case 'mode':
      return (epochs) => inspectFloat(mostCommon(epochs));
  }
  const passAt = /^pass_at_(\d+)$/.exec(name);
  if (passAt) return (epochs) => passAtK(epochs.map(inspectFloat), Number(passAt[1]));
  const atLeast = /^at_least_(\d+)$/.exec(name);
  if (atLeast) {
    const k = Number(atLeast[1]);
    return (epochs) => (epochs.filter((v) => inspectFloat(v) >= 1).length >= k ? 1 : 0);
  }
  return null;
}

/**
 * Python's Counter.most_common(1): the most frequent value, the first seen on a tie.
 * Python counts 1, 1.0 and True as one value, so numbers and booleans share a key.
 */
function mostCommon(values: readonly Scalar[]): Scalar {
  const counts = new Map<string, { value: Scalar; count: number }>();
  for (const value of values) {
    const key = typeof value === 'string' ? `s${value}` : `n${Number(value)}`;
    const entry = counts.get(key) ?? { value, count: 0 };
    entry.count += 1;
    counts.set(key, entry);
  }
  let best: { value: Scalar; count: number } | undefined;
  for (const entry of counts.values())
    if (best === undefined || entry.count > best.count) best = entry;
  return best?.value ?? Number.NaN;
}

/**
 * The unbiased pass@k estimator of Chen et al. (2021), "Evaluating Large Language Models
 * Trained on Code", §2.1: 1 − C(n−c, k)/C(n, k) for c of n attempts correct, in their
 * numerically stable product form 1 − Π_{i=n−c+1}^{n} (1 − k/i), as Inspect's pass_at
 * reducer computes it (correct meaning a value of at least 1); NaN for n < k.
 */
export function passAtK(values: readonly number[], k: number): number {
  const total = values.length;
  const correct = values.filter((v) => v >= 1).length;
  if (total < k) return Number.NaN;
  if (total - correct < k) return 1;
  let product = 1;
  for (let i = total - correct + 1; i <= total; i += 1) product *= 1 - k / i;
  return 1 - product;
}

/**
 * pass^k (Yao et al. 2024, "τ-bench", §5.1): the chance that k attempts drawn without
 * replacement from the n are all correct, C(c, k)/C(n, k), unbiased for the probability that
 * k independent attempts all succeed; as the product Π_{i=0}^{k−1} (c−i)/(n−i), which never
 * forms a binomial coefficient. NaN for n < k.
 */
export function passHatK(values: readonly number[], k: number): number {
  const total = values.length;
  const correct = values.filter((v) => v >= 1).length;
  if (total < k) return Number.NaN;
  let product = 1;
  for (let i = 0; i < k; i += 1) product *= (correct - i) / (total - i);
  return Math.max(0, product);
}
