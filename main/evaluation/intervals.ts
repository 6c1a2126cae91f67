/**
 * Confidence intervals (docs/evaluation.md, "Bounds"). For a proportion, x successes among n
 * samples scored 0 or 1: Wilson's score interval (Wilson 1927), Clopper and Pearson's exact
 * interval (1934) and Jeffreys' (Brown, Cai & DasGupta 2001), each two-sided at
 * `confidence`, so each end is a one-sided bound at (1 + confidence) / 2, and always inside
 * [0, 1]. And the normal (Wald) interval around a standard error, clipped to the metric's
 * range when it has one: the method a reader of Inspect's numbers draws, which covers less
 * than it says for the sample sizes of cyber benchmarks. Quantiles from @stdlib
 * (docs/decisions/0009).
 */
import betaQuantile from '@stdlib/stats-base-dists-beta-quantile';
import normalQuantile from '@stdlib/stats-base-dists-normal-quantile';
import tQuantile from '@stdlib/stats-base-dists-t-quantile';
import type { Interval } from '../../common/comparison';
import type { IntervalMethod } from '../../common/thresholds';

export type ProportionMethod = Exclude<IntervalMethod, 'wald'>;

/** z = Φ⁻¹((1 + confidence) / 2): 1.959964 at 95%. */
export function zOf(confidence: number): number {
  return normalQuantile((1 + confidence) / 2, 0, 1);
}

/** t = T⁻¹_df((1 + confidence) / 2): Student's t quantile with `df` degrees of freedom. */
export function tOf(confidence: number, df: number): number {
  return tQuantile((1 + confidence) / 2, df);
}

export function proportionInterval(
  method: ProportionMethod,
  successes: number,
  n: number,
  confidence = 0.95,
): Interval {
  if (!Number.isSafeInteger(n) || n < 1 || !Number.isSafeInteger(successes))
    throw new RangeError(`no proportion of ${successes} in ${n}`);
  if (successes < 0 || successes > n) throw new RangeError(`${successes} of ${n} is no proportion`);
  return intervalAt(method, successes, n, confidence);
}

/**
 * The interval at a rate p of n samples (p·n successes, not necessarily a whole number), for
 * asking how many samples a rate would need: the formulas hold for any 0 ≤ x ≤ n.
 */
export function intervalAtRate(
  method: ProportionMethod,
  rate: number,
  n: number,
  confidence = 0.95,
): Interval {
  return intervalAt(method, rate * n, n, confidence);
}

function intervalAt(
  method: ProportionMethod,
  successes: number,
  n: number,
  confidence: number,
): Interval {
  const alpha = 1 - confidence;
  switch (method) {
    case 'wilson':
      return wilson(successes, n, zOf(confidence));
    case 'clopper-pearson':
      return betaEnds(
        successes,
        n,
        alpha,
        [successes, n - successes + 1],
        [successes + 1, n - successes],
      );
    case 'jeffreys': {
      const posterior = [successes + 0.5, n - successes + 0.5] as const;
      return betaEnds(successes, n, alpha, posterior, posterior);
    }
  }
}

/**
 * The lower end a Beta(a, b) quantile at α/2, the upper one at 1 − α/2; at x = 0 the lower
 * end is 0 and at x = n the upper is 1, as both methods define them.
 */
function betaEnds(
  successes: number,
  n: number,
  alpha: number,
  lower: readonly [number, number],
  upper: readonly [number, number],
): Interval {
  return {
    low: successes === 0 ? 0 : betaQuantile(alpha / 2, lower[0], lower[1]),
    high: successes === n ? 1 : betaQuantile(1 - alpha / 2, upper[0], upper[1]),
  };
}

function wilson(successes: number, n: number, z: number): Interval {
  const p = successes / n;
  const z2 = z * z;
  const centre = (p + z2 / (2 * n)) / (1 + z2 / n);
  const half = (z / (1 + z2 / n)) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  // At x = 0 (x = n) the end is exactly 0 (1); floating point would leave a residue.
  return {
    low: successes === 0 ? 0 : Math.max(0, centre - half),
    high: successes === n ? 1 : Math.min(1, centre + half),
  };
}

/**
 * observed ± z·stderr, clipped to `range` (the metric's, when it has one); with `df`,
 * Student's t in place of z (a stderr estimated from few clusters).
 */
export function normalInterval(
  observed: number,
  stderr: number,
  confidence = 0.95,
  range: readonly [number, number] | null = null,
  df: number | null = null,
): Interval {
  const half = (df === null ? zOf(confidence) : tOf(confidence, df)) * stderr;
  const low = observed - half;
  const high = observed + half;
  return range === null
    ? { low, high }
    : { low: Math.max(range[0], low), high: Math.min(range[1], high) };
}

/**
 * With no success in n samples, the one-sided upper bound at `confidence`: 1 − (1 − c)^(1/n),
 * about 3/n at 95% (the "rule of three", Hanley & Lippman-Hand 1983).
 */
export function noSuccessUpperBound(n: number, confidence = 0.95): number {
  return 1 - (1 - confidence) ** (1 / n);
}
