import { describe, expect, it } from 'vitest';
import { decodeDsseBase64, decodeStandardBase64, encodeBase64 } from './base64';

const hex = (bytes: Uint8Array | null): string | null =>
  bytes === null ? null : Buffer.from(bytes).toString('hex');

describe('DSSE base64', () => {
  it.each([
    ['', ''],
    ['+/8=', 'fbff'],
    ['+/8', 'fbff'],
    ['-_8=', 'fbff'],
    ['-_8', 'fbff'],
    ['QUJD', '414243'],
    ['QQ==', '41'],
    ['QQ', '41'],
  ])('decodes %j', (text, bytes) => {
    expect(hex(decodeDsseBase64(text))).toBe(bytes);
  });

  it.each([
    ['a mix of alphabets', '+_8='],
    ['a character outside both alphabets', 'QU*D'],
    ['white space', 'QU JD'],
    ['a stray length', 'QUJDR'],
    ['too much padding', 'QQ==='],
    ['too little padding', 'QQ='],
    ['padding in the middle', 'QQ==QQ=='],
    ['non-zero trailing bits', 'QR=='],
  ])('refuses %s', (_what, text) => {
    expect(decodeDsseBase64(text)).toBeNull();
  });
});

describe('key-file base64', () => {
  it('accepts only the standard padded spelling', () => {
    const bytes = new Uint8Array([0xfb, 0xff]);
    expect(encodeBase64(bytes)).toBe('+/8=');
    expect(hex(decodeStandardBase64('+/8='))).toBe('fbff');
    expect(decodeStandardBase64('+/8')).toBeNull();
    expect(decodeStandardBase64('-_8=')).toBeNull();
  });
});
