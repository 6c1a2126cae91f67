import { describe, expect, it } from 'vitest';
import { passAtK, passHatK, reducerFor } from './reducers';

/** C(n, k) exactly, as a BigInt: the estimators' definitions, not their product forms. */
function choose(n: number, k: number): bigint {
  if (k < 0 || k > n) return 0n;
  let result = 1n;
  for (let i = 1; i <= k; i += 1) result = (result * BigInt(n - k + i)) / BigInt(i);
  return result;
}

/** a/b of two BigInts as a double, exact to the last digits for the sizes here. */
function ratio(a: bigint, b: bigint): number {
  const scale = 10n ** 30n;
  return Number((a * scale) / b) / 1e30;
}

const attempts = (n: number, c: number) => [
  ...Array<number>(c).fill(1),
  ...Array<number>(n - c).fill(0),
];

describe('pass@k (Chen et al. 2021, §2.1 and Figure 3)', () => {
  // The paper estimates pass@1, @10 and @100 from n = 200 samples per problem.
  it.each([
    [200, 13, 1],
    [200, 13, 10],
    [200, 13, 100],
    [200, 0, 10],
    [200, 200, 100],
    [10, 3, 5],
    [5, 1, 5],
  ])('n %i, c %i, k %i: the product form equals 1 − C(n−c, k)/C(n, k)', (n, c, k) => {
    const exact = 1 - ratio(choose(n - c, k), choose(n, k));
    expect(passAtK(attempts(n, c), k)).toBeCloseTo(exact, 12);
  });

  it('pass@1 is the fraction correct, and pass@n is whether any attempt was', () => {
    expect(passAtK(attempts(40, 2), 1)).toBeCloseTo(2 / 40, 15);
    expect(passAtK(attempts(5, 1), 5)).toBe(1);
    expect(passAtK(attempts(5, 0), 5)).toBe(0);
  });

  it('is NaN for k > n: there are not k attempts to draw', () => {
    expect(passAtK(attempts(3, 1), 4)).toBeNaN();
  });

  it("is Inspect's pass_at_k reducer, a value of at least 1 being correct", () => {
    expect(reducerFor('pass_at_2')?.([1, 0, 'C', 0.5])).toBeCloseTo(1 - 1 / 6, 15);
  });
});

describe('pass^k (Yao et al. 2024, τ-bench §5.1)', () => {
  it.each([
    [8, 6, 1],
    [8, 6, 4],
    [8, 6, 7],
    [200, 150, 20],
    [10, 10, 10],
  ])('n %i, c %i, k %i: C(c, k)/C(n, k)', (n, c, k) => {
    expect(passHatK(attempts(n, c), k)).toBeCloseTo(ratio(choose(c, k), choose(n, k)), 12);
  });

  it('pass^1 is the fraction correct; with fewer than k correct it is 0; k > n is NaN', () => {
    expect(passHatK(attempts(8, 6), 1)).toBeCloseTo(0.75, 15);
    expect(passHatK(attempts(8, 3), 4)).toBe(0);
    expect(passHatK(attempts(3, 3), 4)).toBeNaN();
  });

  it("is the engine's name for it, not one the reader recomputes a log by", () => {
    expect(reducerFor('pass_hat_2')).toBeNull();
  });
});
