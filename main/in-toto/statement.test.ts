import { describe, expect, it } from 'vitest';
import { makeStatement, parseStatement } from './statement';

const TYPE = 'urn:example:predicate:v1';
const encode = (text: string) => new TextEncoder().encode(text);
const statement = new TextDecoder().decode(
  makeStatement([{ name: 'a', digest: { sha256: 'a'.repeat(64) } }], TYPE, { value: 1 }),
);

describe('parseStatement', () => {
  it('reads the statement makeStatement wrote', () => {
    expect(parseStatement(encode(statement), TYPE)).toMatchObject({
      ok: true,
      statement: { predicateType: TYPE, predicate: { value: 1 } },
    });
  });

  it('refuses a payload that repeats a key, which JSON.parse would read as the last value', () => {
    const doubled = statement.replace('"predicate":{', '"predicate":{"value":0,');
    expect(JSON.parse(doubled)).toEqual(JSON.parse(statement));
    expect(parseStatement(encode(doubled), TYPE)).toEqual({
      ok: false,
      reason:
        'the signed payload cannot be read: it has the key "value" more than once in one object',
    });
  });

  it('refuses a payload that starts with a byte order mark, which TextDecoder would drop', () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...encode(statement)]);
    expect(new TextDecoder().decode(bytes)).toBe(statement);
    expect(parseStatement(bytes, TYPE)).toEqual({
      ok: false,
      reason:
        'the signed payload cannot be read: it starts with a byte order mark (U+FEFF), which is not allowed',
    });
  });
});
