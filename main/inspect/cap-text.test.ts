import { describe, expect, it } from 'vitest';
import { capText } from './cap-text';

describe('capText', () => {
  it('leaves a text within the cap as it is', () => {
    expect(capText('abc', 3)).toBe('abc');
  });

  it('cuts past the cap and says how many characters were cut', () => {
    expect(capText('abcdef', 4)).toBe('abcd\n[cut: 2 more characters in the log]');
  });

  it('never splits a surrogate pair', () => {
    // '😀' is two UTF-16 code units; a cut between them would leave a lone surrogate.
    expect(capText('ab😀cd', 3)).toBe('ab\n[cut: 4 more characters in the log]');
  });
});
