import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  MAX_FILTER_LENGTH,
  MAX_FILTER_NESTING,
  parseSampleFilter,
  type FilterNames,
  type SampleFilter,
} from '.';

const NAMES: FilterNames = {
  scorers: ['includes', 'grader', 'correct', 'my-scorer', "it's"],
  selectedScorer: 'includes',
};

function parse(text: string, names: FilterNames = NAMES): SampleFilter | null {
  const parsed = parseSampleFilter(text, names);
  if (!parsed.ok) throw new Error(`refused: ${parsed.error.message}`);
  return parsed.filter;
}

function refusal(text: string, names: FilterNames = NAMES): string {
  const parsed = parseSampleFilter(text, names);
  if (parsed.ok) throw new Error(`accepted: ${text}`);
  return parsed.error.message;
}

const field = (name: string) => ({ kind: 'field', field: name });
const num = (value: number) => ({ kind: 'number', value });
const text = (value: string) => ({ kind: 'text', value });
const readNumber = (value: object) => ({ kind: 'read', as: 'number', value });
const readText = (value: object) => ({ kind: 'read', as: 'text', value });
const compareNumber = (op: string, left: object, right: object) => ({
  kind: 'compare',
  type: 'number',
  op,
  left,
  right,
});
const compareText = (left: object, right: object) => ({
  kind: 'compare',
  type: 'text',
  op: '==',
  left,
  right,
});
const epochIs = (n: number) => compareNumber('==', readNumber(field('epoch')), num(n));
const hasError = { kind: 'read', as: 'boolean', value: field('has_error') };
const hasLimit = { kind: 'read', as: 'boolean', value: field('has_limit') };

describe('the sample filter language: constructs', () => {
  it('reads comparisons of number fields, and != as not ==', () => {
    expect(parse('epoch == 2')).toEqual(epochIs(2));
    expect(parse('epoch != 2')).toEqual({ kind: 'not', operand: epochIs(2) });
    for (const op of ['<', '<=', '>', '>=']) {
      expect(parse(`tokens ${op} 1000`)).toEqual(
        compareNumber(op, readNumber(field('tokens')), num(1000)),
      );
    }
    expect(parse('duration >= 1.5 and working_time < messages')).toEqual({
      kind: 'and',
      operands: [
        compareNumber('>=', readNumber(field('duration')), num(1.5)),
        compareNumber('<', readNumber(field('working_time')), readNumber(field('messages'))),
      ],
    });
  });

  it('binds and tighter than or, and not tighter than and but looser than a comparison', () => {
    expect(parse('has_error or has_limit and epoch == 1')).toEqual({
      kind: 'or',
      operands: [hasError, { kind: 'and', operands: [hasLimit, epochIs(1)] }],
    });
    expect(parse('(has_error or has_limit) and epoch == 1')).toEqual({
      kind: 'and',
      operands: [{ kind: 'or', operands: [hasError, hasLimit] }, epochIs(1)],
    });
    expect(parse('not epoch == 1 and has_error')).toEqual({
      kind: 'and',
      operands: [{ kind: 'not', operand: epochIs(1) }, hasError],
    });
    expect(parse('not not has_error')).toEqual({
      kind: 'not',
      operand: { kind: 'not', operand: hasError },
    });
    expect(parse('a_chain', { scorers: ['a_chain'] })).toEqual({
      kind: 'read',
      as: 'boolean',
      value: { kind: 'score', scorer: 'a_chain', key: null },
    });
    // A chain of or is one node, however long.
    expect(parse('epoch == 1 or epoch == 2 or epoch == 3')).toEqual({
      kind: 'or',
      operands: [epochIs(1), epochIs(2), epochIs(3)],
    });
  });

  it('reads in and not in as == joined by or', () => {
    expect(parse('epoch in (1, 2)')).toEqual({ kind: 'or', operands: [epochIs(1), epochIs(2)] });
    expect(parse('epoch in (3)')).toEqual(epochIs(3));
    expect(parse('epoch not in (1, 2)')).toEqual({
      kind: 'not',
      operand: { kind: 'or', operands: [epochIs(1), epochIs(2)] },
    });
    expect(parse('limit in ("token", "time")')).toEqual({
      kind: 'or',
      operands: [
        compareText(readText(field('limit')), text('token')),
        compareText(readText(field('limit')), text('time')),
      ],
    });
  });

  it("compares a sample id with a number as Inspect's integer ids are kept: as text", () => {
    expect(parse('id == 3')).toEqual(compareText(readText(field('id')), text('3')));
    expect(parse('3 == id')).toEqual(compareText(readText(field('id')), text('3')));
    expect(parse('id in ("a-1", 7)')).toEqual({
      kind: 'or',
      operands: [
        compareText(readText(field('id')), text('a-1')),
        compareText(readText(field('id')), text('7')),
      ],
    });
  });

  it('reads strings with \\" and \\\\ as their escapes, and quoted names with \\\' and \\\\', () => {
    expect(parse('input == "say \\"hi\\" \\\\ now"')).toEqual(
      compareText(readText(field('input')), text('say "hi" \\ now')),
    );
    expect(parse("'it\\'s' == 1")).toEqual(
      compareNumber('==', readNumber({ kind: 'score', scorer: "it's", key: null }), num(1)),
    );
    expect(parse('target == ""')).toEqual(compareText(readText(field('target')), text('')));
  });

  it('reads a scorer by name: as a number, as text or as a condition, by how it is used', () => {
    const includes = { kind: 'score', scorer: 'includes', key: null };
    expect(parse('includes == "C"')).toEqual(compareText(readText(includes), text('C')));
    expect(parse('includes >= 0.5')).toEqual(compareNumber('>=', readNumber(includes), num(0.5)));
    expect(parse("'my-scorer' < 1")).toEqual(
      compareNumber('<', readNumber({ kind: 'score', scorer: 'my-scorer', key: null }), num(1)),
    );
    expect(parse('grader.accuracy > 0.7')).toEqual(
      compareNumber(
        '>',
        readNumber({ kind: 'score', scorer: 'grader', key: 'accuracy' }),
        num(0.7),
      ),
    );
    const correct = { kind: 'score', scorer: 'correct', key: null };
    expect(parse('correct')).toEqual({ kind: 'read', as: 'boolean', value: correct });
    expect(parse('correct == False')).toEqual({
      kind: 'compare',
      type: 'boolean',
      op: '==',
      left: { kind: 'read', as: 'boolean', value: correct },
      right: { kind: 'boolean', value: false },
    });
    expect(parse('has_error == True')).toEqual({
      kind: 'compare',
      type: 'boolean',
      op: '==',
      left: hasError,
      right: { kind: 'boolean', value: true },
    });
  });

  it('reads metadata keys, quoted when they hold odd characters, and any word after a dot', () => {
    expect(parse('metadata.category == "web"')).toEqual(
      compareText(readText({ kind: 'metadata', key: 'category' }), text('web')),
    );
    expect(parse("metadata.'odd key.v2' >= 2")).toEqual(
      compareNumber('>=', readNumber({ kind: 'metadata', key: 'odd key.v2' }), num(2)),
    );
    expect(parse('metadata.in == True')).toMatchObject({
      left: { kind: 'read', as: 'boolean', value: { kind: 'metadata', key: 'in' } },
    });
  });

  it('reads None as a missing value', () => {
    expect(parse('error == None')).toEqual({ kind: 'missing', value: field('error') });
    expect(parse('None != limit')).toEqual({
      kind: 'not',
      operand: { kind: 'missing', value: field('limit') },
    });
    expect(parse('metadata.k == None')).toEqual({
      kind: 'missing',
      value: { kind: 'metadata', key: 'k' },
    });
    expect(parse('includes == None')).toEqual({
      kind: 'missing',
      value: { kind: 'score', scorer: 'includes', key: null },
    });
  });

  it('reads regular expressions: ~= as it is, *_contains ignoring case', () => {
    expect(parse('input ~= "^Solve"')).toEqual({
      kind: 'matches',
      text: readText(field('input')),
      pattern: '^Solve',
      ignoreCase: false,
    });
    for (const [fn, name] of [
      ['input_contains', 'input'],
      ['target_contains', 'target'],
      ['error_contains', 'error'],
    ] as const) {
      expect(parse(`${fn}("fl\\\\wg")`)).toEqual({
        kind: 'matches',
        text: readText(field(name)),
        pattern: 'fl\\wg',
        ignoreCase: true,
      });
    }
    expect(parse('answer_contains("yes")')).toEqual({
      kind: 'matches',
      text: readText({ kind: 'answer', scorer: 'includes' }),
      pattern: 'yes',
      ignoreCase: true,
    });
    expect(parse('answer == "A"')).toEqual(
      compareText(readText({ kind: 'answer', scorer: 'includes' }), text('A')),
    );
  });

  it('reads arithmetic with its precedence, ^ from the right, and math functions', () => {
    const tokens = readNumber(field('tokens'));
    expect(parse('tokens / 1000 > 2 + 3 * 2 ^ 2 ^ 1')).toEqual(
      compareNumber(
        '>',
        { kind: 'arithmetic', op: '/', left: tokens, right: num(1000) },
        {
          kind: 'arithmetic',
          op: '+',
          left: num(2),
          right: {
            kind: 'arithmetic',
            op: '*',
            left: num(3),
            right: {
              kind: 'arithmetic',
              op: '^',
              left: num(2),
              right: { kind: 'arithmetic', op: '^', left: num(2), right: num(1) },
            },
          },
        },
      ),
    );
    expect(parse('tokens mod 2 == 0 - 0')).toEqual(
      compareNumber(
        '==',
        { kind: 'arithmetic', op: 'mod', left: tokens, right: num(2) },
        { kind: 'arithmetic', op: '-', left: num(0), right: num(0) },
      ),
    );
    expect(parse('-tokens < -5')).toEqual(
      compareNumber('<', { kind: 'negate', operand: tokens }, num(-5)),
    );
    expect(parse('abs(duration - 10) < 1 and max(tokens, 10, epoch) >= round(1.5)')).toEqual({
      kind: 'and',
      operands: [
        compareNumber(
          '<',
          {
            kind: 'math',
            fn: 'abs',
            args: [
              { kind: 'arithmetic', op: '-', left: readNumber(field('duration')), right: num(10) },
            ],
          },
          num(1),
        ),
        compareNumber(
          '>=',
          { kind: 'math', fn: 'max', args: [tokens, num(10), readNumber(field('epoch'))] },
          { kind: 'math', fn: 'round', args: [num(1.5)] },
        ),
      ],
    });
  });

  it('takes True and False as conditions, and only whitespace as no filter', () => {
    expect(parse('True')).toEqual({ kind: 'boolean', value: true });
    expect(parse('not False')).toEqual({
      kind: 'not',
      operand: { kind: 'boolean', value: false },
    });
    expect(parse('')).toBeNull();
    expect(parse(' \t\r\n ')).toBeNull();
    expect(parse('\n  epoch\n==\t2 ')).toEqual(epochIs(2));
  });
});

describe('the sample filter language: every refusal, in one sentence naming where', () => {
  const fields =
    'id, epoch, input, target, error, limit, tokens, input_tokens, output_tokens, duration, working_time, messages, retries, status, has_error, has_limit, has_retries, invalidated, answer, metadata.<key>';

  it('names an unknown field, the fields and the scorers', () => {
    expect(refusal('scor > 1')).toBe(
      `Unknown field "scor" at 1; fields are ${fields}; scorers are "includes", "grader", "correct", "my-scorer", "it's".`,
    );
    expect(refusal('epoch == 1 and nope', { scorers: [] })).toBe(
      `Unknown field "nope" at 16; fields are ${fields}; no scorer scored these samples.`,
    );
    const many = Array.from({ length: 25 }, (_, i) => `s${i}`);
    expect(refusal('x.y > 1', { scorers: many })).toBe(
      `Unknown field "x" at 1; fields are ${fields}; scorers are ${many
        .slice(0, 20)
        .map((s) => `"${s}"`)
        .join(', ')} and 5 more.`,
    );
    expect(refusal("'a\u0007b' > 1")).toMatch(/^Unknown field "a\\u\{0007\}b" at 1;/);
  });

  it('says what was expected after what, and where', () => {
    expect(refusal('tokens >= ')).toBe('Expected a value after ">=" at 11.');
    expect(refusal('epoch == 1 and')).toBe('Expected a value after "and" at 15.');
    expect(refusal('epoch == )')).toBe('Expected a value after "==" at 10, found ")".');
    expect(refusal('and epoch')).toBe('Expected a value at 1, found "and".');
    expect(refusal('(epoch == 1')).toBe('Expected ")" at 12 to close the "(" at 1.');
    expect(refusal('(epoch == 1 epoch')).toBe(
      'Expected ")" at 13 to close the "(" at 1, found "epoch".',
    );
    expect(refusal('epoch in 1')).toBe('Expected "(" at 10 after "in", found "1".');
    expect(refusal('epoch in ()')).toBe('Expected a value after "(" at 11, found ")".');
    expect(refusal('epoch == 1 epoch')).toBe(
      'Unexpected "epoch" at 12; expected and, or, an operator or the end of the filter.',
    );
    expect(refusal('1 < epoch < 3')).toBe('Comparisons do not chain at 11: write a < b and b < c.');
    expect(refusal('metadata. == 1')).toBe(
      'Expected a key after "." at 11; quote a key with other characters: metadata.\'my key\'.',
    );
  });

  it('refuses characters the language has, with a hint for those of other languages', () => {
    expect(refusal('epoch = 1')).toBe('Unexpected character "=" at 7; write == to compare.');
    expect(refusal('has_error && has_limit')).toBe('Unexpected character "&" at 11; write and.');
    expect(refusal('has_error || has_limit')).toBe('Unexpected character "|" at 11; write or.');
    expect(refusal('!has_error')).toBe('Unexpected character "!" at 1; write not.');
    expect(refusal('epoch == 1 @')).toBe('Unexpected character "@" at 12.');
    expect(refusal('epoch == 1 \u0000')).toBe('Unexpected character "\\u{0000}" at 12.');
    expect(refusal('epoch ? 1 : 2')).toBe('Unexpected character "?" at 7.');
    expect(refusal('3abc == 1')).toBe(
      'Unexpected "3a" at 1: a name cannot start with a digit (quote it: \'name\').',
    );
    expect(refusal(`epoch == ${'9'.repeat(400)}`)).toBe('The number at 10 is too large.');
  });

  it('refuses unterminated strings and names, unknown escapes and empty names', () => {
    expect(refusal('input == "abc')).toBe('Unterminated string starting at 10; end it with ".');
    expect(refusal("'abc == 1")).toBe("Unterminated quoted name starting at 1; end it with '.");
    expect(refusal('input == "\\d"')).toBe(
      'Unknown escape "\\d" at 11: in a string only \\" and \\\\ are escapes (a regular expression\'s \\d is written "\\\\d").',
    );
    expect(refusal("'a\\\"' == 1")).toBe(
      'Unknown escape "\\"" at 3: in a quoted name only \\\' and \\\\ are escapes.',
    );
    expect(refusal("'' == 1")).toBe('Empty quoted name at 1.');
    expect(refusal('input == "\\')).toBe(
      'Unknown escape "\\" at 11: in a string only \\" and \\\\ are escapes (a regular expression\'s \\d is written "\\\\d").',
    );
  });

  it('refuses operands of the wrong type, never guessing a conversion', () => {
    expect(refusal('input > 1')).toBe(
      'Only numbers compare with ">" at 7: "input" (text) is not one (text and conditions take ==, != and in).',
    );
    expect(refusal('has_error <= 1')).toBe(
      'Only numbers compare with "<=" at 11: "has_error" (boolean) is not one (text and conditions take ==, != and in).',
    );
    expect(refusal('input == 1')).toBe(
      'Cannot compare "input" (text) with the number 1 at 7: they are not of one type.',
    );
    expect(refusal('has_error == 1')).toBe(
      'Cannot compare "has_error" (boolean) with the number 1 at 11: they are not of one type.',
    );
    expect(refusal('target == True')).toBe(
      'Cannot compare "target" (text) with True at 8: they are not of one type.',
    );
    expect(refusal('metadata.a == metadata.b')).toBe(
      'Cannot compare "metadata.a" with "metadata.b" at 12: compare a score or metadata value with a value or a field, whose type says how.',
    );
    expect(refusal('epoch')).toBe(
      'Expected a condition at 1, found "epoch" (number): compare it (==, !=, <, in, ~=) or use a function such as input_contains().',
    );
    expect(refusal('has_error and "yes"')).toBe(
      'Expected a condition at 15, found the string "yes": compare it (==, !=, <, in, ~=) or use a function such as input_contains().',
    );
    expect(refusal('tokens + "a" > 1')).toBe('Expected a number at 10, found the string "a".');
    expect(refusal('-input < 1')).toBe('Expected a number at 2, found "input" (text).');
    expect(refusal('input ~= 1')).toBe(
      '~= needs a "regular expression" in a string on its right at 10.',
    );
    expect(refusal('tokens ~= "1"')).toBe('Expected text at 1, found "tokens" (number).');
  });

  it('refuses None except against a value a sample may lack', () => {
    expect(refusal('has_error == None')).toBe(
      'None compares only with a field, a score or a metadata value that may be missing at 11, not with "has_error" (boolean).',
    );
    expect(refusal('None == None')).toBe(
      'None compares only with a field, a score or a metadata value that may be missing at 6, not with None.',
    );
    expect(refusal('tokens + 1 == None')).toBe(
      'None compares only with a field, a score or a metadata value that may be missing at 12, not with a number.',
    );
    expect(refusal('epoch < None')).toBe(
      'Only numbers compare with "<" at 7: None is not one (text and conditions take ==, != and in).',
    );
  });

  it('refuses names that are no value, or not in the desk', () => {
    expect(refusal('metadata == 1')).toBe('metadata needs a key at 1: metadata.<key>.');
    expect(refusal('metadata.a.b == 1')).toBe(
      '"metadata.a.b" at 1 reads a nested value, which the desk does not keep: metadata and score keys are one level deep (quote a key that holds dots: metadata.\'a.b\').',
    );
    expect(refusal('grader.a.b == 1')).toMatch(/^"grader\.a\.b" at 1 reads a nested value/);
    expect(refusal('epoch.x == 1')).toBe(
      '"epoch" has no keys at 1: only metadata and scores do (metadata.<key>, <scorer>.<key>).',
    );
    expect(refusal('has_fallbacks')).toBe(
      '"has_fallbacks" at 1 is not available: the desk does not keep model fallbacks.',
    );
    expect(refusal('uuid == "x"')).toBe(
      '"uuid" at 1 is not available: the desk does not keep sample UUIDs.',
    );
    expect(refusal('is_nan(includes)')).toBe(
      '"is_nan" at 1 is not available: the desk stores no NaN score (it is kept as no numeric value: write score == None).',
    );
    expect(refusal('answer == "A"', { scorers: ['includes'] })).toBe(
      '"answer" at 1 is the selected scorer\'s answer, and no scorer is selected.',
    );
    expect(refusal('answer_contains("A")', { scorers: ['includes'], selectedScorer: null })).toBe(
      '"answer" at 1 is the selected scorer\'s answer, and no scorer is selected.',
    );
  });

  it('refuses functions it does not have, or called wrongly', () => {
    expect(refusal('foo(1) > 0')).toBe(
      'Unknown function "foo" at 1; functions are input_contains, target_contains, error_contains, answer_contains, abs, ceil, floor, round, sqrt, log, log2, log10, min, max.',
    );
    expect(refusal('input_contains(input)')).toBe(
      'input_contains() takes one "regular expression" in a string at 1.',
    );
    expect(refusal('input_contains("a", "b")')).toBe(
      'input_contains() takes one "regular expression" in a string at 1.',
    );
    expect(refusal('abs(1, 2) > 0')).toBe('abs() takes one number at 1.');
    expect(refusal('min(tokens) > 0')).toBe('min() takes two or more numbers at 1.');
  });

  it('refuses a regular expression it cannot match in linear time, or that is malformed', () => {
    expect(refusal('input ~= "(a"')).toBe(
      'The regular expression at 10 has a "(" that is never closed (character 1 of the pattern).',
    );
    expect(refusal('input_contains("(a)\\\\1")')).toBe(
      'The regular expression at 16 uses a backreference, which is not supported (character 4 of the pattern).',
    );
    expect(refusal('error_contains("a(?=b)")')).toBe(
      'The regular expression at 16 uses lookahead or lookbehind, which is not supported (character 2 of the pattern).',
    );
    expect(refusal(`input ~= "${'a'.repeat(501)}"`)).toBe(
      'The regular expression at 10 is longer than 500 characters (character 501 of the pattern).',
    );
  });

  it(`refuses a filter over ${MAX_FILTER_LENGTH} characters or nested over ${MAX_FILTER_NESTING} deep`, () => {
    const longest = `input == "${'x'.repeat(MAX_FILTER_LENGTH - 11)}"`;
    expect(longest).toHaveLength(MAX_FILTER_LENGTH);
    expect(parseSampleFilter(longest, NAMES).ok).toBe(true);
    expect(refusal(`${longest} `)).toBe('The filter is 2,001 characters long; the most is 2,000.');
    expect(refusal('x'.repeat(1_000_000))).toBe(
      'The filter is 1,000,000 characters long; the most is 2,000.',
    );

    const parens = (n: number) => `${'('.repeat(n)}has_error${')'.repeat(n)}`;
    expect(parse(parens(MAX_FILTER_NESTING))).toEqual(hasError);
    expect(refusal(parens(MAX_FILTER_NESTING + 1))).toBe(
      'The filter nests more than 32 levels deep at 33.',
    );
    const nots = (n: number) => `${'not '.repeat(n)}has_error`;
    expect(parseSampleFilter(nots(MAX_FILTER_NESTING - 1), NAMES).ok).toBe(true);
    expect(refusal(nots(MAX_FILTER_NESTING + 1))).toBe(
      'The filter nests more than 32 levels deep at 129.',
    );
    // Operator chains count as nesting (they nest in the SQL), and/or chains do not.
    expect(refusal(`tokens > ${Array(40).fill('1').join(' + ')}`)).toBe(
      'The filter nests more than 32 levels deep at 10.',
    );
    expect(parseSampleFilter(Array(150).fill('has_error').join(' or '), NAMES).ok).toBe(true);
    expect(refusal(`epoch > ${'-'.repeat(40)}1`)).toBe(
      'The filter nests more than 32 levels deep at 41.',
    );
  });

  it('refuses an unpaired surrogate', () => {
    expect(refusal('input == "a\ud800"')).toBe('The filter has an unpaired surrogate at 12.');
    expect(parse('input == "a\ud83d\ude00"')).toEqual(
      compareText(readText(field('input')), text('a\ud83d\ude00')),
    );
  });

  it('answers every text, however malformed, with a filter or a sentence: never an exception', () => {
    const pieces = [
      'epoch',
      'id',
      'input',
      'has_error',
      'includes',
      'grader.x',
      "'my-scorer'",
      'metadata.k',
      'answer',
      'None',
      'True',
      '1',
      '-2.5',
      '"s"',
      '"\\"',
      '(',
      ')',
      ',',
      '.',
      'and',
      'or',
      'not',
      'in',
      'mod',
      '==',
      '!=',
      '<',
      '>=',
      '~=',
      '+',
      '*',
      '/',
      '^',
      '-',
      'abs(',
      'min(',
      'input_contains("a+")',
      '"(a"',
      '\u0000',
      "'",
      '"',
      '\\',
      ' ',
    ];
    const filterLike = fc
      .array(fc.constantFrom(...pieces), { maxLength: 30 })
      .map((p) => p.join(' '));
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 200 }), filterLike), (filter) => {
        const parsed = parseSampleFilter(filter, NAMES);
        if (!parsed.ok) {
          expect(parsed.error.message).toMatch(/^[A-Z"'~a-z].*\.$/s);
          expect(parsed.error.position).toBeGreaterThanOrEqual(0);
          expect(parsed.error.position).toBeLessThanOrEqual(filter.length);
        }
      }),
      { numRuns: 3000 },
    );
  });
});
