import { describe, expect, it } from 'vitest';
import {
  noSuccessUpperBound,
  normalInterval,
  proportionInterval,
  zOf,
  type ProportionMethod,
} from './intervals';

// Newcombe, R. G. (1998). Two-sided confidence intervals for the single proportion:
// comparison of seven methods. Statistics in Medicine 17, 857–872, Table II: method 3 (score
// interval without continuity correction, Wilson 1927) and method 5 ("exact", Clopper and
// Pearson 1934), to the four decimals printed there.
const NEWCOMBE: readonly [number, number, ProportionMethod, number, number][] = [
  [81, 263, 'wilson', 0.2553, 0.3662],
  [15, 148, 'wilson', 0.0624, 0.1605],
  [0, 20, 'wilson', 0, 0.1611],
  [1, 29, 'wilson', 0.0061, 0.1718],
  [81, 263, 'clopper-pearson', 0.2527, 0.3676],
  [15, 148, 'clopper-pearson', 0.0578, 0.1617],
  [0, 20, 'clopper-pearson', 0, 0.1684],
  [1, 29, 'clopper-pearson', 0.0009, 0.1776],
  // n of n: both methods are symmetric in x ↔ n − x (Newcombe 1998, §2), so 20 of 20 is the
  // printed 0 of 20 reflected; for Clopper–Pearson the lower end is also (α/2)^(1/n) in
  // closed form, 0.025^(1/20) = 0.8316.
  [20, 20, 'wilson', 1 - 0.1611, 1],
  [20, 20, 'clopper-pearson', 1 - 0.1684, 1],
];

describe('intervals for a proportion', () => {
  it.each(NEWCOMBE)('%i of %i, %s: %f to %f (Newcombe 1998, Table II)', (x, n, m, low, high) => {
    const interval = proportionInterval(m, x, n);
    expect(interval.low).toBeCloseTo(low, 4);
    expect(interval.high).toBeCloseTo(high, 4);
  });

  // Jeffreys: the 2.5% and 97.5% quantiles of Beta(x + ½, n − x + ½), the lower end 0 at x = 0
  // and the upper 1 at x = n (Brown, Cai & DasGupta 2001, Statistical Science 16, 101–133,
  // section 4.1.2). The values are SciPy 1.17's scipy.stats.beta.ppf of those quantiles, an
  // implementation independent of @stdlib's.
  it.each([
    [81, 263, 0.2545, 0.3656],
    [15, 148, 0.0604, 0.1576],
    [0, 20, 0, 0.1166],
    [1, 29, 0.0037, 0.1501],
    [2, 40, 0.0105, 0.1509],
    [40, 40, 0.9395, 1],
  ])('%i of %i, Jeffreys: %f to %f', (x, n, low, high) => {
    const interval = proportionInterval('jeffreys', x, n);
    expect(interval.low).toBeCloseTo(low, 4);
    expect(interval.high).toBeCloseTo(high, 4);
  });

  it('2 of 40 Cybench tasks (the case that started this): every method stays above 0', () => {
    for (const method of ['wilson', 'clopper-pearson', 'jeffreys'] as const) {
      const { low, high } = proportionInterval(method, 2, 40);
      expect(low, method).toBeGreaterThan(0);
      expect(high, method).toBeLessThan(0.2);
    }
    // Clopper–Pearson 2 of 40 (SciPy: beta.ppf(0.025, 2, 39), beta.ppf(0.975, 3, 38)).
    expect(proportionInterval('clopper-pearson', 2, 40).low).toBeCloseTo(0.0061, 4);
    expect(proportionInterval('clopper-pearson', 2, 40).high).toBeCloseTo(0.1692, 4);
  });

  it('are inside [0, 1], ordered, and contain the observed proportion, for every x ≤ n ≤ 60', () => {
    for (const method of ['wilson', 'clopper-pearson', 'jeffreys'] as const)
      for (let n = 1; n <= 60; n += 1)
        for (let x = 0; x <= n; x += 1) {
          const { low, high } = proportionInterval(method, x, n);
          const where = `${method} ${x}/${n}`;
          expect(low, where).toBeGreaterThanOrEqual(0);
          expect(high, where).toBeLessThanOrEqual(1);
          expect(low, where).toBeLessThanOrEqual(x / n);
          expect(high, where).toBeGreaterThanOrEqual(x / n);
        }
  });

  it('take the confidence the rule names: at 90%, z = 1.644854 and a narrower interval', () => {
    expect(zOf(0.95)).toBeCloseTo(1.959964, 6);
    expect(zOf(0.9)).toBeCloseTo(1.644854, 6);
    const at95 = proportionInterval('wilson', 15, 148);
    const at90 = proportionInterval('wilson', 15, 148, 0.9);
    expect(at90.low).toBeGreaterThan(at95.low);
    expect(at90.high).toBeLessThan(at95.high);
  });

  it('refuse what is no proportion', () => {
    expect(() => proportionInterval('wilson', 3, 2)).toThrow(RangeError);
    expect(() => proportionInterval('wilson', 0, 0)).toThrow(RangeError);
    expect(() => proportionInterval('jeffreys', 0.5, 2)).toThrow(RangeError);
  });
});

describe('the rule of three', () => {
  it('with no success in n, the one-sided 95% upper bound is 1 − 0.05^(1/n), about 3/n', () => {
    // Hanley, J. A. & Lippman-Hand, A. (1983). If nothing goes wrong, is everything all
    // right? JAMA 249, 1743–1745: 3/n approximates it for n over about 30.
    expect(noSuccessUpperBound(40)).toBeCloseTo(1 - 0.05 ** (1 / 40), 12);
    expect(noSuccessUpperBound(40)).toBeCloseTo(0.0722, 4);
    expect(noSuccessUpperBound(100) * 100).toBeCloseTo(2.95, 2);
    // It is Clopper–Pearson's upper end at x = 0 of the two-sided 90% interval.
    expect(proportionInterval('clopper-pearson', 0, 40, 0.9).high).toBeCloseTo(
      noSuccessUpperBound(40),
      10,
    );
  });
});

describe('the normal (Wald) interval', () => {
  it('is observed ± 1.959964 × stderr, clipped to the range it is given', () => {
    const raw = normalInterval(0.0513, 0.0357);
    expect(raw.low).toBeCloseTo(0.0513 - 1.959964 * 0.0357, 6);
    expect(raw.low).toBeLessThan(0);
    expect(normalInterval(0.0513, 0.0357, 0.95, [0, 1]).low).toBe(0);
  });
});
