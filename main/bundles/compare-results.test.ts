import { describe, expect, it } from 'vitest';
import type { MetricCheck } from '../inspect';
import { claimTolerance, compareResults } from './compare-results';

function logWith(
  recomputed: number | null,
  claimed: number | null = recomputed,
): { path: string; metrics: MetricCheck[] } {
  return {
    path: 'logs/a.eval',
    metrics: [
      {
        scorer: 'includes',
        metric: 'accuracy',
        claimed,
        recomputed,
        n: 30,
        status: 'match',
        note: null,
      },
    ],
  };
}

const claim = (value: number) => ({
  benchmark: 'cybench',
  scorer: 'includes',
  metric: 'accuracy',
  value,
  log: 'logs/a.eval',
});

describe('compareResults', () => {
  it.each([
    [0.3733333333333333, 0.37333333333333335, 'match'],
    [0.667, 2 / 3, 'match'],
    [0.6667, 2 / 3, 'match'],
    // Claims must carry at least three decimals: 0.67 is too coarse to vouch for 0.6667.
    [0.67, 2 / 3, 'differs'],
    [0.7, 0.6, 'differs'],
    [1, 0.7, 'differs'],
    [1, 0.9996, 'match'],
    [0.5, 0.5 + 1 / 30, 'differs'],
  ])('a claim of %d against a log value of %d: %s', (value, logValue, status) => {
    const [result] = compareResults([claim(value)], [logWith(logValue)]);
    expect(result?.status).toBe(status);
  });

  it('uses the value Inspect recorded when the metric cannot be recomputed', () => {
    const [result] = compareResults([claim(0.3)], [logWith(null, 0.3)]);
    expect(result).toMatchObject({ status: 'match', logValue: 0.3 });
  });

  it('says when a result names no log or a metric the log does not have', () => {
    const [noLog] = compareResults([{ benchmark: 'x', metric: 'accuracy', value: 1 }], []);
    expect(noLog).toMatchObject({ status: 'not-checked', detail: 'x accuracy names no log' });
    const [unknown] = compareResults([{ ...claim(1), metric: 'pass@5' }], [logWith(1)]);
    expect(unknown).toMatchObject({ status: 'not-checked' });
  });

  it('never tolerates a whole sample out of a thousand', () => {
    expect(claimTolerance(0.5)).toBeLessThan(1 / 1000);
  });
});
