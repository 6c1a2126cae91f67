import { describe, expect, it } from 'vitest';
import type { HorizonRun } from './run';
import { resolveWeights, taskWeights } from './weights';

// Family A holds tasks a1 (two runs) and a2 (one run); family B holds b1 (one run).
const RUNS: HorizonRun[] = [
  { taskId: 'a1', family: 'A', minutes: 1, score: 1 },
  { taskId: 'a1', family: 'A', minutes: 1, score: 0 },
  { taskId: 'a2', family: 'A', minutes: 8, score: 1 },
  { taskId: 'b1', family: 'B', minutes: 60, score: 0 },
];

function expectClose(actual: readonly number[], expected: readonly number[]) {
  expect(actual).toHaveLength(expected.length);
  for (const [i, w] of expected.entries()) expect(actual[i]).toBeCloseTo(w, 15);
}

describe('taskWeights', () => {
  it('equal: every task weighs the same in total, shared by its runs', () => {
    // Raw weights 1/2, 1/2, 1, 1 (one over the task's runs), divided by their sum 3.
    const weights = taskWeights(RUNS, 'equal');
    expectClose(weights, [1 / 6, 1 / 6, 1 / 3, 1 / 3]);
    expect(weights.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 15);
  });

  it('invsqrt: a task weighs 1/√(tasks in its family), shared by its runs', () => {
    // Family A has 2 tasks: raw a1 runs 1/(2√2) each, a2 1/√2, b1 1; their sum is √2 + 1.
    const sum = Math.SQRT2 + 1;
    const expected = [
      1 / (2 * Math.SQRT2 * sum),
      1 / (2 * Math.SQRT2 * sum),
      1 / (Math.SQRT2 * sum),
      1 / sum,
    ];
    const weights = taskWeights(RUNS, 'invsqrt');
    expectClose(weights, expected);
    // To four places: 0.1464, 0.1464, 0.2929, 0.4142.
    expect(weights.map((w) => Number(w.toFixed(4)))).toEqual([0.1464, 0.1464, 0.2929, 0.4142]);
    expect(weights.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 15);
  });
});

describe('resolveWeights', () => {
  it("uses the runs' own weights, normalised to sum to 1", () => {
    const given = RUNS.map((run, i) => ({ ...run, weight: [1, 1, 2, 4][i] ?? 0 }));
    expect(resolveWeights(given, 'equal')).toEqual({
      weights: [0.125, 0.125, 0.25, 0.5],
      source: 'given',
    });
  });

  it('computes them when the runs carry none', () => {
    expect(resolveWeights(RUNS, 'equal')).toEqual({
      weights: taskWeights(RUNS, 'equal'),
      source: 'computed',
    });
  });

  it('refuses weights on some runs only, and weights that sum to 0', () => {
    const some = RUNS.map((run, i) => (i === 0 ? { ...run, weight: 1 } : run));
    expect(() => resolveWeights(some, 'equal')).toThrow(/every run has a weight or none/);
    const zero = RUNS.map((run) => ({ ...run, weight: 0 }));
    expect(() => resolveWeights(zero, 'equal')).toThrow(/sum to 0/);
  });
});
