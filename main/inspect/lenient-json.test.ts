import { describe, expect, it } from 'vitest';
import { parseLenientJson } from './lenient-json';

describe('parseLenientJson', () => {
  it('reads the non-finite tokens Python writes', () => {
    expect(parseLenientJson('[NaN, Infinity, -Infinity, 1]')).toEqual([
      Number.NaN,
      Number.POSITIVE_INFINITY,
      Number.NEGATIVE_INFINITY,
      1,
    ]);
    expect(parseLenientJson('{"a":NaN,"b":{"c":-Infinity}}')).toEqual({
      a: Number.NaN,
      b: { c: Number.NEGATIVE_INFINITY },
    });
  });

  it('leaves the same words inside strings alone, escaped quotes included', () => {
    const text = String.raw`{"NaN": "Infinity", "q": "say \"NaN\\", "r": "\\\"-Infinity", "v": NaN}`;
    expect(parseLenientJson(text)).toEqual({
      NaN: 'Infinity',
      q: 'say "NaN\\',
      r: '\\"-Infinity',
      v: Number.NaN,
    });
  });

  it('cannot be fooled by a string that looks like a sentinel', () => {
    const parsed = parseLenientJson(
      '["00000000-0000-0000-0000-000000000000:NaN", NaN]',
    ) as unknown[];
    expect(parsed[0]).toBe('00000000-0000-0000-0000-000000000000:NaN');
    expect(parsed[1]).toBeNaN();
  });

  it('still rejects what is not JSON', () => {
    expect(() => parseLenientJson('{"a": nan}')).toThrow(SyntaxError);
    expect(() => parseLenientJson('{"a": NaNa}')).toThrow(SyntaxError);
    expect(() => parseLenientJson('{"a": "NaN')).toThrow(SyntaxError);
    expect(() => parseLenientJson('Infinity')).not.toThrow();
  });
});
