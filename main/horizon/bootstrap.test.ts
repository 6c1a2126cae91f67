import { describe, expect, it } from 'vitest';
import { bootstrapHorizons, hierarchicalResample, percentile, samplingPlan } from './bootstrap';
import { estimateHorizons } from './horizon';
import { Xoshiro128StarStar } from './random';
import type { HorizonRun } from './run';
import { syntheticRuns } from '../../tests/support/horizon-testkit';

const OPTIONS = { weighting: 'invsqrt', regularization: 0.1, resamples: 300, seed: 42 } as const;

describe('bootstrapHorizons', () => {
  const runs = syntheticRuns(40);

  it('gives the same numbers for the same seed, and others for another seed', () => {
    const first = bootstrapHorizons(runs, OPTIONS);
    expect(bootstrapHorizons(runs, OPTIONS)).toEqual(first);
    const other = bootstrapHorizons(runs, { ...OPTIONS, seed: 43 });
    expect(other.intervals?.p50).not.toEqual(first.intervals?.p50);
    expect(other.intervals?.coefficient).not.toEqual(first.intervals?.coefficient);
  });

  it('records what it did, and its intervals hold the point estimates', () => {
    const summary = bootstrapHorizons(runs, OPTIONS);
    const estimate = estimateHorizons(runs, OPTIONS);
    expect(summary).toMatchObject({
      resamples: 300,
      seed: 42,
      confidence: 0.95,
      noSuccesses: 0,
      noFailures: 0,
      successDoesNotFall: 0,
    });
    expect(summary.fitted).toBe(300);
    const { intervals } = summary;
    if (intervals === null || estimate.fit === null) throw new Error('expected fits');
    if (estimate.p50.kind !== 'finite' || estimate.p80.kind !== 'finite')
      throw new Error('expected horizons');
    const inside = (value: number, interval: { low: number; high: number }) => {
      expect(interval.low).toBeLessThan(value);
      expect(interval.high).toBeGreaterThan(value);
    };
    inside(estimate.fit.coefficient, intervals.coefficient);
    inside(estimate.fit.intercept, intervals.intercept);
    inside(estimate.p50.minutes, intervals.p50);
    inside(estimate.p80.minutes, intervals.p80);
    expect(intervals.p80.high).toBeLessThan(intervals.p50.high);
  });

  it('skips replicates without a fit and counts horizons of rising success as unbounded', () => {
    // One family of two tasks: a replicate that draws the short task twice has only
    // successes, the long one twice only failures; drawing both gives falling success.
    const tiny: HorizonRun[] = [
      { taskId: 'short', family: 'f', minutes: 1, score: 1 },
      { taskId: 'long', family: 'f', minutes: 100, score: 0 },
    ];
    const summary = bootstrapHorizons(tiny, { ...OPTIONS, resamples: 400 });
    expect(summary.noSuccesses + summary.noFailures + summary.fitted).toBe(400);
    // Each kind has probability 1/4, 1/4 and 1/2.
    expect(summary.noSuccesses).toBeGreaterThan(60);
    expect(summary.noFailures).toBeGreaterThan(60);
    expect(summary.fitted).toBeGreaterThan(150);

    // Success that rises with length: every fitted replicate has β₁ > 0 and no horizon.
    const rising = tiny.map((run) => ({ ...run, score: 1 - run.score }));
    const up = bootstrapHorizons(rising, { ...OPTIONS, resamples: 100 });
    expect(up.successDoesNotFall).toBe(up.fitted);
    expect(up.intervals?.p50).toEqual({ low: Infinity, high: Infinity });
  });

  it('refuses a resample count or seed it cannot use', () => {
    expect(() => bootstrapHorizons(runs, { ...OPTIONS, resamples: 0 })).toThrow(/resamples/);
    expect(() => bootstrapHorizons(runs, { ...OPTIONS, seed: -1 })).toThrow(/seed/);
    expect(() => bootstrapHorizons(runs, { ...OPTIONS, seed: 0.5 })).toThrow(/seed/);
  });
});

describe('hierarchicalResample', () => {
  it('draws families, then tasks of each drawn family, then runs of each drawn task', () => {
    // Two families of two tasks of two runs: every replicate has 2 × 2 × 2 = 8 runs, and a
    // drawn task's runs are its own.
    const runs: HorizonRun[] = ['A', 'B'].flatMap((family) =>
      ['1', '2'].flatMap((task) =>
        [0, 1].map((score) => ({ taskId: `${family}${task}`, family, minutes: 1, score })),
      ),
    );
    const plan = samplingPlan(runs);
    expect(plan).toEqual([
      [
        [0, 1],
        [2, 3],
      ],
      [
        [4, 5],
        [6, 7],
      ],
    ]);
    const rng = Xoshiro128StarStar.fromSeed(1);
    const seen = new Set<string>();
    for (let r = 0; r < 200; r++) {
      const drawn = hierarchicalResample(plan, rng);
      expect(drawn).toHaveLength(8);
      // Tasks come in pairs of draws from one task: indices 2k and 2k+1 share a task.
      for (let k = 0; k < 8; k += 2) {
        const task = (i: number) => Math.floor(i / 2);
        expect(task(drawn[k] ?? -1)).toBe(task(drawn[k + 1] ?? -2));
      }
      // Tasks k and k+2 (one family draw) share a family.
      const family = (i: number) => Math.floor(i / 4);
      expect(family(drawn[0] ?? -1)).toBe(family(drawn[2] ?? -2));
      expect(family(drawn[4] ?? -1)).toBe(family(drawn[6] ?? -2));
      seen.add(drawn.join(','));
    }
    expect(seen.size).toBeGreaterThan(100);
  });
});

describe('percentile', () => {
  it("interpolates between order statistics as numpy's default (type 7) does", () => {
    // np.quantile([1, 2, 3, 4], [0.025, 0.25, 0.5, 0.975]) → [1.075, 1.75, 2.5, 3.925].
    const sorted = [1, 2, 3, 4];
    expect(percentile(sorted, 0.025)).toBeCloseTo(1.075, 12);
    expect(percentile(sorted, 0.25)).toBeCloseTo(1.75, 12);
    expect(percentile(sorted, 0.5)).toBeCloseTo(2.5, 12);
    expect(percentile(sorted, 0.975)).toBeCloseTo(3.925, 12);
    expect(percentile([1, 2, Infinity], 0.975)).toBe(Infinity);
    expect(percentile([1, 2, Infinity], 0.5)).toBe(2);
  });
});
