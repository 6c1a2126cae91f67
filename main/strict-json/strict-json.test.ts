import { describe, expect, it } from 'vitest';
import { MAX_JSON_DEPTH, parseStrictJson } from './strict-json';

const utf8 = (text: string) => new TextEncoder().encode(text);

describe('parseStrictJson', () => {
  it.each([
    ['{"a":1,"b":{"a":2},"c":[{"a":3},{"a":4}]}'],
    ['[{"x":1},{"x":1}]'],
    ['"a string with \\" and { and , inside"'],
    ['{"k":"{\\"k\\":1,\\"k\\":2}"}'],
    [' {"a" : [ ] , "b" : { } } '],
  ])('accepts %s with the value JSON.parse gives', (text) => {
    expect(parseStrictJson(text)).toEqual({ ok: true, value: JSON.parse(text) as unknown });
    expect(parseStrictJson(utf8(text))).toEqual({ ok: true, value: JSON.parse(text) as unknown });
  });

  it.each([
    ['{"a":1,"a":2}', '"a"'],
    ['{"outer":{"x":[1,{"deep":1,"deep":2}]}}', '"deep"'],
    ['{"a":[],"a":{}}', '"a"'],
    // Equal after decoding: an escape does not make a second key.
    ['{"a":1,"\\u0061":2}', '"a"'],
    // The name is escaped before it is shown.
    ['{"\\u001b[2J":1,"\\u001b[2J":2}', '"\\u{001B}[2J"'],
  ])('refuses duplicate keys at any depth: %s', (text, shown) => {
    expect(parseStrictJson(text)).toEqual({
      ok: false,
      reason: `it has the key ${shown} more than once in one object`,
    });
  });

  it.each([
    ['{"__proto__":{"x":1}}'],
    ['{"a":[{"\\u005f_proto__":1}]}'],
    ['{"predicate":{"__proto__":1}}'],
  ])('refuses a key named __proto__ at any depth, which zod would drop unseen: %s', (text) => {
    expect(parseStrictJson(text)).toEqual({
      ok: false,
      reason: 'it has a key named "__proto__", which is not allowed',
    });
  });

  it('refuses a leading byte order mark, as bytes and as text', () => {
    const reason = 'it starts with a byte order mark (U+FEFF), which is not allowed';
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...utf8('{"a":1}')]);
    expect(parseStrictJson(bytes)).toEqual({ ok: false, reason });
    expect(parseStrictJson('\ufeff{"a":1}')).toEqual({ ok: false, reason });
  });

  it('refuses bytes that are not UTF-8 and text that is not JSON', () => {
    expect(parseStrictJson(new Uint8Array([0x22, 0xff, 0x22]))).toEqual({
      ok: false,
      reason: 'it is not valid UTF-8',
    });
    expect(parseStrictJson('{"a":1,}')).toEqual({ ok: false, reason: 'it is not JSON' });
    expect(parseStrictJson('{"a":1} {"a":1}')).toEqual({ ok: false, reason: 'it is not JSON' });
  });

  it(`accepts nesting ${MAX_JSON_DEPTH} deep and refuses one level more`, () => {
    const nested = (depth: number) => `${'{"a":['.repeat(depth / 2)}1${']}'.repeat(depth / 2)}`;
    expect(parseStrictJson(nested(MAX_JSON_DEPTH)).ok).toBe(true);
    expect(parseStrictJson(`[${nested(MAX_JSON_DEPTH)}]`)).toEqual({
      ok: false,
      reason: `it nests deeper than ${MAX_JSON_DEPTH} levels`,
    });
    expect(parseStrictJson('['.repeat(1_000_000) + ']'.repeat(1_000_000))).toEqual({
      ok: false,
      reason: `it nests deeper than ${MAX_JSON_DEPTH} levels`,
    });
  });
});
