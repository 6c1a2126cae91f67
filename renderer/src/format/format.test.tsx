import { describe, expect, test } from 'vitest';
import { formatCount, formatNumber, formatSigned, formatUtc, formatUtcDate } from '.';

describe('formatUtc', () => {
  test('writes an ISO timestamp as UTC date and time to the second', () => {
    expect(formatUtc('2026-11-22T09:30:00.123Z')).toBe('2026-11-22 09:30:00 UTC');
  });
  test('converts an offset to UTC', () => {
    expect(formatUtc('2026-11-22T23:30:00-02:00')).toBe('2026-11-23 01:30:00 UTC');
  });
  test('shows an unreadable timestamp as written rather than inventing one', () => {
    expect(formatUtc('last Tuesday')).toBe('last Tuesday');
  });
  test('date only', () => {
    expect(formatUtcDate('2026-10-03T23:59:59.999Z')).toBe('2026-10-03');
    expect(formatUtcDate('not a date')).toBe('not a date');
  });
});

describe('formatNumber', () => {
  test('three significant digits by default, more on request', () => {
    expect(formatNumber(0.666666)).toBe('0.667');
    expect(formatNumber(0.666666, { digits: 4 })).toBe('0.6667');
    expect(formatNumber(1)).toBe('1');
    expect(formatNumber(123456)).toBe('123000');
  });
  test('a true minus sign, and words for what is not a number', () => {
    expect(formatNumber(-0.25)).toBe('−0.25');
    expect(formatNumber(Number.NaN)).toBe('NaN');
    expect(formatNumber(Number.POSITIVE_INFINITY)).toBe('∞');
    expect(formatNumber(Number.NEGATIVE_INFINITY)).toBe('−∞');
  });
  test('a dash for a missing value', () => {
    expect(formatNumber(null)).toBe('—');
    expect(formatNumber(undefined)).toBe('—');
  });
});

describe('formatSigned', () => {
  test('signs margins on both sides of the threshold', () => {
    expect(formatSigned(0.1234)).toBe('+0.123');
    expect(formatSigned(-0.1234)).toBe('−0.123');
    expect(formatSigned(0)).toBe('+0');
    expect(formatSigned(null)).toBe('—');
  });
});

describe('formatCount', () => {
  test('thousands separators, no decimals', () => {
    expect(formatCount(100000)).toBe('100,000');
    expect(formatCount(27)).toBe('27');
    expect(formatCount(null)).toBe('—');
  });
});
