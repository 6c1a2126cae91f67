import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileRegex } from './regex';
import { RegexError } from './regex-syntax';

/** Patterns of every construct the dialect has, each checked against JavaScript's RegExp. */
const PATTERNS = [
  'abc',
  'a|b|',
  '^ab',
  'b$',
  '^$',
  '^a|b$',
  'a*',
  'a+b',
  'a?b',
  'a*?b',
  'a{2}',
  'a{2,}',
  'a{1,3}b',
  'a{0}',
  '(ab|cd)*e',
  '(?:x|y){2}',
  '(?<name>q)b',
  '()',
  '(a*)*b',
  '(a|aa)+$',
  '[a-c]+',
  '[^a-c]',
  '[\\d_]',
  '[-a]',
  '[a-]',
  '[\\]]',
  '[\\b]',
  '[]',
  '[^]',
  '[.]',
  '.',
  'a.c',
  '\\d+',
  '\\D',
  '\\w\\s\\W',
  '\\S\\S',
  '\\bab',
  'b\\b',
  '\\Bb',
  '\\.',
  '\\t|\\n',
  '\\x41',
  '\\u00e9',
  'x{',
  '{',
  'a}',
  ']',
  'é',
  'Q.*_',
  // Literals through the linear matcher (a bare one goes to V8).
  '(?:é)',
  '(?:aB)',
  `(?:${'a'.repeat(40)})`,
];

const ALPHABET = [
  'a',
  'b',
  'c',
  'd',
  'e',
  'q',
  'x',
  'y',
  '_',
  ' ',
  'A',
  'B',
  '\n',
  '.',
  '-',
  '0',
  '1',
  '9',
  'é',
  '\t',
  'Q',
  ']',
];

describe('compileRegex: a linear-time search with JavaScript RegExp semantics', () => {
  it('matches as RegExp.prototype.test does, with and without ignoring case', () => {
    const text = fc.array(fc.constantFrom(...ALPHABET), { maxLength: 12 }).map((c) => c.join(''));
    for (const pattern of PATTERNS) {
      for (const ignoreCase of [false, true]) {
        const ours = compileRegex(pattern, ignoreCase);
        const theirs = new RegExp(pattern, ignoreCase ? 'i' : '');
        fc.assert(
          fc.property(text, (t) => {
            expect(
              ours.test(t),
              `/${pattern}/${ignoreCase ? 'i' : ''} on ${JSON.stringify(t)}`,
            ).toBe(theirs.test(t));
          }),
          { numRuns: 300 },
        );
      }
    }
  });

  it('stays right when its DFA outgrows its table and starts again', () => {
    // "The 13th character from the end is an a": the DFA must tell apart every ending of 13
    // characters, 2^13 of them, over its table's 2,000; a text of 3,000 meets most of them.
    const pattern = 'a(a|b){12}$';
    const ours = compileRegex(pattern, false);
    const theirs = new RegExp(pattern);
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom('a', 'b'), { minLength: 3000, maxLength: 4000 }),
        (c) => {
          const t = c.join('');
          expect(ours.test(t)).toBe(theirs.test(t));
          expect(ours.test(`${t}a${'b'.repeat(12)}`)).toBe(true);
        },
      ),
      { numRuns: 20 },
    );
  });

  it('searches 100,000 characters with patterns that make a backtracking engine hang', () => {
    // V8 takes about 10 s for /.*x/i on 100,000 a's. The x up front gets these past the
    // quick check for their literal, so the DFA reads every character; each is one pass.
    const text = `x${'a'.repeat(100_000)}`;
    for (const pattern of [
      '.*x$',
      '(a+)+x$',
      '(a|aa)*x$',
      '(a*)*x$',
      '\\w*\\w*\\w*x$',
      'a{0,100}x$',
    ]) {
      expect(compileRegex(pattern, true).test(text), pattern).toBe(false);
    }
    expect(compileRegex('(a|aa)*$', false).test(text)).toBe(true);
  });

  it('refuses what needs backtracking or is malformed, saying what and where in the pattern', () => {
    const refusals: [string, string, number][] = [
      ['(a)\\1', 'uses a backreference, which is not supported', 3],
      ['(?<x>a)\\k<x>', 'uses a backreference, which is not supported', 7],
      ['a(?=b)', 'uses lookahead or lookbehind, which is not supported', 1],
      ['a(?!b)', 'uses lookahead or lookbehind, which is not supported', 1],
      ['(?<=a)b', 'uses lookahead or lookbehind, which is not supported', 0],
      ['(?<!a)b', 'uses lookahead or lookbehind, which is not supported', 0],
      ['(?i)a', 'has an unknown kind of group "(?"', 0],
      ['(?<1>a)', 'has a group name that is not a name', 0],
      ['(a', 'has a "(" that is never closed', 0],
      ['a)', 'has a ")" that opens no group', 1],
      ['[ab', 'has a "[" that is never closed', 0],
      ['[z-a]', 'has a range out of order', 1],
      ['[\\d-z]', 'has a range with a class such as \\d at one end', 1],
      ['[\\B]', 'has \\B inside [...]', 1],
      ['*a', 'has a quantifier with nothing to repeat', 0],
      ['a|+', 'has a quantifier with nothing to repeat', 2],
      ['{2}', 'has a quantifier with nothing to repeat', 0],
      ['a**', 'has two quantifiers in a row', 2],
      ['a{2}{3}', 'has two quantifiers in a row', 4],
      ['^*', 'repeats an anchor or \\b', 0],
      ['a{101}', 'repeats something more than 100 times', 1],
      ['a{3,2}', 'has a {n,m} with n above m', 1],
      ['(a{100}){100}', 'is too large once its repetitions are written out (over 2000 steps)', 0],
      ['a\\', 'ends with a lone backslash', 1],
      ['\\x4', 'has a \\x without 2 hexadecimal digits', 0],
      ['\\u12', 'has a \\u without 4 hexadecimal digits', 0],
      ['\\p{L}', 'uses a Unicode property escape (\\p{…}), which is not supported', 0],
      ['\\q', 'has an unknown escape "\\q"', 0],
      ['\\c', 'has an unknown escape "\\c"', 0],
      ['\\01', 'has an unknown escape "\\0"', 0],
      [`${'('.repeat(33)}a${')'.repeat(33)}`, 'nests groups more than 32 deep', 32],
      ['a'.repeat(501), 'is longer than 500 characters', 500],
    ];
    for (const [pattern, message, offset] of refusals) {
      let thrown: unknown;
      try {
        compileRegex(pattern, false);
      } catch (error) {
        thrown = error;
      }
      expect(thrown, pattern).toBeInstanceOf(RegexError);
      expect((thrown as RegexError).message, pattern).toBe(message);
      expect((thrown as RegexError).offset, pattern).toBe(offset);
    }
  });
});
