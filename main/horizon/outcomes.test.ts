import { describe, expect, it } from 'vitest';
import { weightedOutcomes } from './outcomes';

describe('weightedOutcomes', () => {
  it('splits a fractional score s of weight w into a success w·s and a failure w·(1 − s)', () => {
    const outcomes = weightedOutcomes(
      [
        { taskId: 't1', family: 'f', minutes: 8, score: 0.25 },
        { taskId: 't2', family: 'f', minutes: 0.5, score: 1 },
        { taskId: 't3', family: 'f', minutes: 64, score: 0 },
      ],
      [0.4, 0.35, 0.25],
    );
    expect(outcomes).toEqual([
      { x: 3, y: 1, weight: 0.1 },
      { x: 3, y: 0, weight: expect.closeTo(0.3, 15) as number },
      { x: -1, y: 1, weight: 0.35 },
      { x: 6, y: 0, weight: 0.25 },
    ]);
    // The total weight and the weighted mean score are those of the runs (METR asserts both).
    const total = outcomes.reduce((sum, o) => sum + o.weight, 0);
    const mean = outcomes.reduce((sum, o) => sum + o.weight * o.y, 0) / total;
    expect(total).toBeCloseTo(1, 15);
    expect(mean).toBeCloseTo(0.4 * 0.25 + 0.35, 15);
  });

  it('leaves zero-weight outcomes out', () => {
    expect(weightedOutcomes([{ taskId: 't', family: 'f', minutes: 2, score: 0.5 }], [0])).toEqual(
      [],
    );
  });
});
