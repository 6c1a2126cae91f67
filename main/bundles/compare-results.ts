/**
 * Cross-checks the results a lab signed against the logs it signed with them: a claimed
 * value must equal the value recomputed from the log's samples (or, where Inspect's metric
 * cannot be recomputed, the value Inspect recorded) up to the rounding of the claim.
 */
import type { MetricCheck } from '../inspect';
import type { BenchmarkResult } from './format';

export type ResultStatus = 'match' | 'differs' | 'not-checked';

export interface CheckedResult extends BenchmarkResult {
  /** What the log says for this benchmark and metric. */
  readonly logValue: number | null;
  readonly status: ResultStatus;
  readonly detail: string;
}

export function compareResults(
  results: readonly BenchmarkResult[],
  logs: readonly { readonly path: string; readonly metrics: readonly MetricCheck[] }[],
): CheckedResult[] {
  const byPath = new Map(logs.map((l) => [l.path, l]));
  return results.map((result) => {
    const log = result.log === undefined ? undefined : byPath.get(result.log);
    if (log === undefined) {
      return {
        ...result,
        logValue: null,
        status: 'not-checked',
        detail: `${label(result)} names no log`,
      };
    }
    const metric = log.metrics.find(
      (m) =>
        m.metric === result.metric && (result.scorer === undefined || m.scorer === result.scorer),
    );
    const logValue = metric?.recomputed ?? metric?.claimed ?? null;
    if (logValue === null) {
      return {
        ...result,
        logValue,
        status: 'not-checked',
        detail: `${label(result)} has no counterpart in ${result.log ?? ''}`,
      };
    }
    if (Math.abs(logValue - result.value) > claimTolerance(result.value)) {
      return {
        ...result,
        logValue,
        status: 'differs',
        detail: `${label(result)} claims ${result.value} but ${result.log ?? ''} gives ${logValue}`,
      };
    }
    return { ...result, logValue, status: 'match', detail: `${label(result)} = ${result.value}` };
  });
}

function label(result: BenchmarkResult): string {
  return `${result.benchmark} ${result.scorer ? `${result.scorer}/` : ''}${result.metric}`;
}

/**
 * How far a claim may sit from its log: the claim's own rounding, or, for a claim written
 * at full precision, a billionth of its size (sums in a different order, numpy's against
 * ours, differ in the last bits; one changed sample moves a metric by 1/n, far more).
 */
export function claimTolerance(value: number): number {
  return Math.max(roundingTolerance(value), 1e-9 * Math.max(1, Math.abs(value)));
}

/**
 * Half a unit in the last decimal place the claim was written with (0.667 → 0.0005), but
 * never coarser than three decimals (a claim of 1 does not excuse a log's 0.7).
 */
function roundingTolerance(value: number): number {
  const text = String(value);
  if (/e/i.test(text)) return Math.max(Math.abs(value) * 1e-9, 1e-15);
  const decimals = Math.max(text.split('.')[1]?.length ?? 0, 3);
  return 0.5 * 10 ** -decimals;
}
