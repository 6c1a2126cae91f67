import { describe, expect, it } from 'vitest';
import { canonicalJson } from '.';

describe('canonicalJson', () => {
  it('sorts keys at every depth and drops white space', () => {
    expect(canonicalJson({ b: 1, a: [{ d: null, c: 'x' }], é: true })).toBe(
      '{"a":[{"c":"x","d":null}],"b":1,"é":true}',
    );
  });

  it('gives equal bytes for equal values built in different orders', () => {
    expect(canonicalJson({ x: 1, y: 2 })).toBe(canonicalJson({ y: 2, x: 1 }));
  });

  it.each([NaN, Infinity, -Infinity])('refuses the non-finite number %s', (n) => {
    expect(() => canonicalJson({ n })).toThrow(/cannot hold the number/);
  });
});
