/**
 * The bootstrap's random numbers: xoshiro128** 1.1 (Blackman and Vigna, "Scrambled linear
 * pseudorandom number generators", 2021; reference code prng.di.unimi.it/xoshiro128starstar.c),
 * its 128-bit state filled from a 64-bit seed by SplitMix64 (prng.di.unimi.it/splitmix64.c),
 * as the authors recommend and as rand_xoshiro's `seed_from_u64` does. Hand-written rather
 * than a dependency: it is a dozen lines, and a recorded seed must mean the same stream for
 * as long as results are kept.
 */

const MASK_64 = (1n << 64n) - 1n;

/** SplitMix64: the next output and the advanced state. */
export function splitMix64(state: bigint): { value: bigint; state: bigint } {
  const next = (state + 0x9e3779b97f4a7c15n) & MASK_64;
  let z = next;
  z = ((z ^ (z >> 30n)) * 0xbf58476d1ce4e5b9n) & MASK_64;
  z = ((z ^ (z >> 27n)) * 0x94d049bb133111ebn) & MASK_64;
  return { value: z ^ (z >> 31n), state: next };
}

export class Xoshiro128StarStar {
  // The four 32-bit state words, kept as unsigned numbers.
  private s0: number;
  private s1: number;
  private s2: number;
  private s3: number;

  /** From the four 32-bit words of a state, which must not all be zero. */
  constructor(state: readonly [number, number, number, number]) {
    [this.s0, this.s1, this.s2, this.s3] = state.map((word) => word >>> 0) as [
      number,
      number,
      number,
      number,
    ];
    if ((this.s0 | this.s1 | this.s2 | this.s3) === 0)
      throw new RangeError('xoshiro128** state is all zero');
  }

  /**
   * From a seed (a whole number 0 ≤ seed < 2^64): two SplitMix64 outputs, each split into
   * its low and high 32-bit words. SplitMix64 is a bijection of its counter, so two
   * successive outputs are never both zero and the state never is.
   */
  static fromSeed(seed: number | bigint): Xoshiro128StarStar {
    const start = BigInt(seed);
    if (start < 0n || start > MASK_64) throw new RangeError('a seed is a whole number below 2^64');
    const a = splitMix64(start);
    const b = splitMix64(a.state);
    const low = (v: bigint) => Number(v & 0xffffffffn);
    const high = (v: bigint) => Number(v >> 32n);
    return new Xoshiro128StarStar([low(a.value), high(a.value), low(b.value), high(b.value)]);
  }

  /** The next 32-bit output, 0 ≤ u < 2^32 (xoshiro128starstar.c's next()). */
  nextUint32(): number {
    const result = Math.imul(rotl(Math.imul(this.s1, 5), 7), 9) >>> 0;
    const t = (this.s1 << 9) >>> 0;
    this.s2 = (this.s2 ^ this.s0) >>> 0;
    this.s3 = (this.s3 ^ this.s1) >>> 0;
    this.s1 = (this.s1 ^ this.s2) >>> 0;
    this.s0 = (this.s0 ^ this.s3) >>> 0;
    this.s2 = (this.s2 ^ t) >>> 0;
    this.s3 = rotl(this.s3, 11);
    return result;
  }

  /**
   * A uniform whole number 0 ≤ k < n (1 ≤ n ≤ 2^32), without modulo bias: outputs at or
   * above the largest multiple of n are drawn again.
   */
  below(n: number): number {
    if (!Number.isInteger(n) || n < 1 || n > 2 ** 32)
      throw new RangeError(`cannot draw below ${n}`);
    const limit = 2 ** 32 - (2 ** 32 % n);
    for (;;) {
      const u = this.nextUint32();
      if (u < limit) return u % n;
    }
  }
}

function rotl(x: number, k: number): number {
  return ((x << k) | (x >>> (32 - k))) >>> 0;
}
