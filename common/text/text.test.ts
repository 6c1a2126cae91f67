import { describe, expect, it } from 'vitest';
import { isPlainText, plainName, printable, printableJson } from './index';

describe('printable', () => {
  it('escapes terminal controls, bidi overrides, separators and lone surrogates', () => {
    expect(printable('a\u001b[2Jb\r\n\u0007')).toBe('a\\u{001B}[2Jb\\u{000D}\\u{000A}\\u{0007}');
    expect(printable('x\u202ey\u2066\u2028\u0085')).toBe('x\\u{202E}y\\u{2066}\\u{2028}\\u{0085}');
    expect(printable('\ud800z\udc00')).toBe('\\u{D800}z\\u{DC00}');
  });
  it('keeps ordinary text, including paired surrogates and non-Latin scripts', () => {
    expect(printable('o3-2025 😀 Ωμέγα 模型')).toBe('o3-2025 😀 Ωμέγα 模型');
  });
});

describe('plain names', () => {
  it('refuses control, bidi and lone surrogates; accepts plain names', () => {
    expect(isPlainText('Lab A')).toBe(true);
    for (const bad of ['a\nb', 'a\u202eb', 'a\ud800', 'a\u0085', 'a\u2029']) {
      expect(isPlainText(bad)).toBe(false);
      expect(plainName(50).safeParse(bad).success).toBe(false);
    }
    expect(plainName(3).safeParse('abcd').success).toBe(false);
    expect(plainName(3).safeParse('').success).toBe(false);
  });
});

describe('printableJson', () => {
  it('escapes what JSON.stringify leaves raw, and the JSON still means the same', () => {
    const value = { name: 'a\u202eb\u0085c\u2028', n: 1 };
    const json = printableJson(JSON.stringify(value));
    expect(json).toBe('{"name":"a\\u202eb\\u0085c\\u2028","n":1}');
    expect(JSON.parse(json)).toEqual(value);
  });
});
