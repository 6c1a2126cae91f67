import { describe, expect, it } from 'vitest';
import { chartScale } from './chart-scale';

describe('chartScale', () => {
  it('gives a proportion its whole range, 0 to 1, in quarters', () => {
    expect(chartScale([0.05, 0.12, 0.5])).toEqual({
      min: 0,
      max: 1,
      ticks: [0, 0.25, 0.5, 0.75, 1],
    });
  });

  it('rounds any other range out to 1, 2 or 5 times a power of ten, always including 0', () => {
    expect(chartScale([3, 47.5, 20])).toEqual({ min: 0, max: 60, ticks: [0, 20, 40, 60] });
    expect(chartScale([-0.3, 1.4])).toEqual({
      min: -0.5,
      max: 1.5,
      ticks: [-0.5, 0, 0.5, 1, 1.5],
    });
  });

  it('leaves non-finite values out', () => {
    expect(chartScale([Number.NaN, Number.POSITIVE_INFINITY, 0.4]).max).toBe(1);
  });
});
