/**
 * The filter's words, as Inspect View's filtrex language spells them
 * (apps/inspect/src/app/samples/sample-tools/sample-filter/tokenize.ts): "strings" in
 * double quotes with \" and \\ as their only escapes, 'quoted names' in single quotes for
 * names with odd characters, numbers without a sign or exponent, and the keywords and,
 * or, not, in and mod.
 */
import { at, FilterError, quoted } from './error';

export const KEYWORDS = ['and', 'or', 'not', 'in', 'mod'] as const;
export type Keyword = (typeof KEYWORDS)[number];

export const OPERATORS = [
  '==',
  '!=',
  '<=',
  '>=',
  '~=',
  '<',
  '>',
  '+',
  '-',
  '*',
  '/',
  '^',
  '(',
  ')',
  ',',
  '.',
] as const;
export type Operator = (typeof OPERATORS)[number];

export type Token = { readonly at: number; readonly text: string } & (
  | { readonly kind: 'number'; readonly value: number }
  | { readonly kind: 'string'; readonly value: string }
  | { readonly kind: 'name'; readonly value: string; readonly quoted: boolean }
  | { readonly kind: 'keyword'; readonly value: Keyword }
  | { readonly kind: 'operator'; readonly value: Operator }
  | { readonly kind: 'end' }
);

const WHITESPACE = /[ \t\r\n]+/y;
const NUMBER = /[0-9]+(?:\.[0-9]+)?/y;
const IDENTIFIER = /[A-Za-z_][A-Za-z0-9_]*/y;
const IDENTIFIER_CHAR = /[A-Za-z0-9_]/;

/** What people coming from other languages type, and what this one spells instead. */
const HINTS: Readonly<Record<string, string>> = {
  '=': 'write == to compare',
  '&': 'write and',
  '|': 'write or',
  '!': 'write not',
};

export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let pos = 0;
  const match = (pattern: RegExp): string | undefined => {
    pattern.lastIndex = pos;
    return pattern.exec(text)?.[0];
  };
  while (pos < text.length) {
    const space = match(WHITESPACE);
    if (space) {
      pos += space.length;
      continue;
    }
    const token = numberAt(text, pos, match(NUMBER)) ?? wordAt(pos, match(IDENTIFIER));
    if (token) {
      tokens.push(token);
      pos += token.text.length;
      continue;
    }
    const quote = text[pos];
    if (quote === '"' || quote === "'") {
      const literal = quotedAt(text, pos, quote);
      tokens.push(literal);
      pos += literal.text.length;
      continue;
    }
    const operator = OPERATORS.find((op) => text.startsWith(op, pos));
    if (!operator) throw unexpectedCharacter(text, pos);
    tokens.push({ kind: 'operator', value: operator, at: pos, text: operator });
    pos += operator.length;
  }
  tokens.push({ kind: 'end', at: text.length, text: '' });
  return tokens;
}

function numberAt(text: string, pos: number, digits: string | undefined): Token | undefined {
  if (digits === undefined) return undefined;
  const next = text[pos + digits.length];
  if (next !== undefined && IDENTIFIER_CHAR.test(next)) {
    throw new FilterError(
      `Unexpected ${quoted(text.slice(pos, pos + digits.length + 1))} ${at(pos)}: a name cannot start with a digit (quote it: 'name').`,
      pos,
    );
  }
  const value = Number(digits);
  if (!Number.isFinite(value)) {
    throw new FilterError(`The number ${at(pos)} is too large.`, pos);
  }
  return { kind: 'number', value, at: pos, text: digits };
}

function wordAt(pos: number, word: string | undefined): Token | undefined {
  if (word === undefined) return undefined;
  const keyword = KEYWORDS.find((k) => k === word);
  return keyword
    ? { kind: 'keyword', value: keyword, at: pos, text: word }
    : { kind: 'name', value: word, quoted: false, at: pos, text: word };
}

/** A "string" or a 'quoted name': backslash escapes only its own quote and itself. */
function quotedAt(text: string, start: number, quote: '"' | "'"): Token {
  const what = quote === '"' ? 'string' : 'quoted name';
  let value = '';
  let pos = start + 1;
  for (;;) {
    const c = text[pos];
    if (c === undefined) {
      throw new FilterError(
        `Unterminated ${what} starting ${at(start)}; end it with ${quote}.`,
        start,
      );
    }
    if (c === quote) break;
    if (c === '\\') {
      const escaped = text[pos + 1];
      if (escaped !== quote && escaped !== '\\') {
        throw new FilterError(
          `Unknown escape ${quoted(`\\${escaped ?? ''}`)} ${at(pos)}: in a ${what} only \\${quote} and \\\\ are escapes` +
            (quote === '"' ? ' (a regular expression\'s \\d is written "\\\\d").' : '.'),
          pos,
        );
      }
      value += escaped;
      pos += 2;
      continue;
    }
    value += c;
    pos += 1;
  }
  const source = text.slice(start, pos + 1);
  if (quote === '"') return { kind: 'string', value, at: start, text: source };
  if (value === '') throw new FilterError(`Empty quoted name ${at(start)}.`, start);
  return { kind: 'name', value, quoted: true, at: start, text: source };
}

function unexpectedCharacter(text: string, pos: number): FilterError {
  const c = String.fromCodePoint(text.codePointAt(pos) ?? 0);
  const hint = HINTS[c];
  return new FilterError(
    `Unexpected character ${quoted(c)} ${at(pos)}${hint ? `; ${hint}` : ''}.`,
    pos,
  );
}
