import { describe, expect, it } from 'vitest';
import { pairedDifference } from './paired';

const scores = (...values: number[]) => new Map(values.map((v, i) => [`t${i + 1}`, v]));

describe('two versions on the same tasks', () => {
  it('the mean per-task difference and its paired stderr: a hand-computed case', () => {
    // Differences 0, 1, −1, 1: mean 0.25; squares about it 0.0625 + 0.5625 + 1.5625 + 0.5625
    // = 2.75; sd √(2.75/3) = 0.957427; stderr 0.957427/√4 = 0.478714.
    const r = pairedDifference(scores(1, 0, 1, 0), scores(1, 1, 0, 1), true);
    expect(r?.n).toBe(4);
    expect(r?.difference).toBe(0.25);
    expect(r?.stderr).toBeCloseTo(0.478714, 6);
    // 0.25 ± 1.959964 × 0.478714 reaches below −1 + …; inside [−1, 1].
    expect(r?.interval?.low).toBeCloseTo(0.25 - 1.959964 * 0.478714, 5);
    expect(r?.interval?.high).toBe(1);
  });

  it("McNemar's exact test: 1 task solved only by the first, 7 only by the second, p = 0.070", () => {
    // Fagerland, Lydersen & Laake (2013), BMC Medical Research Methodology 13:91, the airway
    // hyper-responsiveness example (1 and 7 discordant pairs): exact conditional p = 0.070,
    // i.e. 2 × (C(8,0) + C(8,1)) / 2⁸ = 18/256.
    const first = [1, ...Array<number>(7).fill(0), ...Array<number>(12).fill(1), 0, 0];
    const second = [0, ...Array<number>(7).fill(1), ...Array<number>(12).fill(1), 0, 0];
    const r = pairedDifference(scores(...first), scores(...second), true);
    expect(r?.mcnemar).toEqual({ onlyA: 1, onlyB: 7, p: 18 / 256 });
    expect(r?.mcnemar?.p).toBeCloseTo(0.0703, 4);
  });

  it('no discordant task: p = 1; several epochs or partial scores: no McNemar', () => {
    expect(pairedDifference(scores(1, 0), scores(1, 0), true)?.mcnemar).toEqual({
      onlyA: 0,
      onlyB: 0,
      p: 1,
    });
    expect(pairedDifference(scores(1, 0), scores(0, 1), false)?.mcnemar).toBeNull();
    expect(pairedDifference(scores(0.5, 0), scores(1, 1), true)?.mcnemar).toBeNull();
  });

  it('only the tasks both ran count; none in common gives nothing', () => {
    const a = new Map([
      ['x', 1],
      ['y', 0],
    ]);
    const b = new Map([
      ['y', 1],
      ['z', 1],
    ]);
    expect(pairedDifference(a, b, true)).toMatchObject({ n: 1, difference: 1, stderr: null });
    expect(pairedDifference(a, new Map([['q', 1]]), true)).toBeNull();
  });
});
