/**
 * The regular expressions of `~=` and `*_contains`, read into a Thompson NFA. The dialect
 * is JavaScript's (Inspect View hands the pattern to `new RegExp`) without what needs
 * backtracking: no backreferences and no lookaround. What remains is matched in time
 * linear in the text (regex.ts), whatever the pattern: V8's own engine takes 10 s for
 * /.*x/ on one 100,000-character input, and a reviewer's pattern runs on every sample.
 */

export const MAX_PATTERN_LENGTH = 500;
/** The most `{n,m}` may repeat, and the most NFA states once repetitions are written out. */
const MAX_REPEAT = 100;
const MAX_STATES = 2000;
const MAX_GROUP_NESTING = 32;

/** A pattern the desk refuses, and where in it (0-based). */
export class RegexError extends Error {
  override readonly name = 'RegexError';
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

export type Assertion = 'start' | 'end' | 'boundary' | 'notBoundary';
type CharTest = (c: number) => boolean;

export type NfaState =
  | { readonly kind: 'char'; readonly test: CharTest; readonly next: number }
  | { readonly kind: 'split'; next: number; readonly alt: number }
  | { readonly kind: 'assert'; readonly assertion: Assertion; readonly next: number }
  | { readonly kind: 'match' };

export interface Nfa {
  readonly states: readonly NfaState[];
  readonly start: number;
  /** The longest run of literal characters every match contains, if any: a quick refusal. */
  readonly requiredLiteral: string | null;
}

type RegexNode =
  | { readonly t: 'empty' }
  /** `code`: the one code unit a literal matches (before case folding). */
  | { readonly t: 'char'; readonly test: CharTest; readonly code?: number }
  | { readonly t: 'sequence'; readonly items: readonly RegexNode[] }
  | { readonly t: 'alternation'; readonly options: readonly RegexNode[] }
  | { readonly t: 'repeat'; readonly node: RegexNode; readonly min: number; readonly max: number }
  | { readonly t: 'assert'; readonly assertion: Assertion };

export function compileNfa(pattern: string, ignoreCase: boolean): Nfa {
  if (pattern.length > MAX_PATTERN_LENGTH) {
    throw new RegexError(`is longer than ${MAX_PATTERN_LENGTH} characters`, MAX_PATTERN_LENGTH);
  }
  const tree = new RegexParser(pattern, ignoreCase).parse();
  const states: NfaState[] = [{ kind: 'match' }];
  const add = (state: NfaState): number => {
    if (states.length >= MAX_STATES) {
      throw new RegexError(
        `is too large once its repetitions are written out (over ${MAX_STATES} steps)`,
        0,
      );
    }
    return states.push(state) - 1;
  };
  // Built back to front: each node is compiled with the state that follows it.
  const build = (node: RegexNode, next: number): number => {
    switch (node.t) {
      case 'empty':
        return next;
      case 'char':
        return add({ kind: 'char', test: node.test, next });
      case 'assert':
        return add({ kind: 'assert', assertion: node.assertion, next });
      case 'sequence':
        return node.items.reduceRight((following, item) => build(item, following), next);
      case 'alternation':
        return node.options
          .map((option) => build(option, next))
          .reduceRight((alt, first) => add({ kind: 'split', next: first, alt }));
      case 'repeat': {
        let following = next;
        if (node.max === Infinity) {
          const loop = add({ kind: 'split', next: -1, alt: next });
          const body = build(node.node, loop);
          (states[loop] as { next: number }).next = body;
          following = loop;
        } else {
          for (let optional = node.max - node.min; optional > 0; optional -= 1) {
            following = add({ kind: 'split', next: build(node.node, following), alt: following });
          }
        }
        for (let required = node.min; required > 0; required -= 1) {
          following = build(node.node, following);
        }
        return following;
      }
    }
  };
  return { states, start: build(tree, 0), requiredLiteral: requiredLiteral(tree) };
}

/** In a pattern that is one sequence, each run of literals is in every match; the longest. */
function requiredLiteral(tree: RegexNode): string | null {
  if (tree.t !== 'sequence') return null;
  let longest: number[] = [];
  let run: number[] = [];
  for (const item of tree.items) {
    if (item.t === 'char' && item.code !== undefined) run.push(item.code);
    else run = [];
    if (run.length > longest.length) longest = [...run];
  }
  return longest.length > 0 ? String.fromCharCode(...longest) : null;
}

// JavaScript's classes (without the u flag: code units, ASCII \w and \d).
const isDigit: CharTest = (c) => c >= 48 && c <= 57;
export const isWordChar: CharTest = (c) =>
  isDigit(c) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
const isSpace: CharTest = (c) =>
  (c >= 9 && c <= 13) ||
  c === 32 ||
  c === 0xa0 ||
  c === 0x1680 ||
  (c >= 0x2000 && c <= 0x200a) ||
  c === 0x2028 ||
  c === 0x2029 ||
  c === 0x202f ||
  c === 0x205f ||
  c === 0x3000 ||
  c === 0xfeff;
const isLineTerminator: CharTest = (c) => c === 10 || c === 13 || c === 0x2028 || c === 0x2029;
const CLASS_ESCAPES: Readonly<Record<string, CharTest>> = {
  d: isDigit,
  D: (c) => !isDigit(c),
  w: isWordChar,
  W: (c) => !isWordChar(c),
  s: isSpace,
  S: (c) => !isSpace(c),
};
const CONTROL_ESCAPES: Readonly<Record<string, number>> = { t: 9, n: 10, v: 11, f: 12, r: 13 };

/** The one code unit `c` becomes in lower case, for case-insensitive matching. */
export function lowerCase(c: number): number {
  const lower = String.fromCharCode(c).toLowerCase();
  return lower.length === 1 ? lower.charCodeAt(0) : c;
}

function upperCase(c: number): number {
  const upper = String.fromCharCode(c).toUpperCase();
  return upper.length === 1 ? upper.charCodeAt(0) : c;
}

class RegexParser {
  private pos = 0;
  private depth = 0;

  constructor(
    private readonly pattern: string,
    private readonly ignoreCase: boolean,
  ) {}

  parse(): RegexNode {
    const tree = this.alternation();
    if (this.pos < this.pattern.length) throw this.error('has a ")" that opens no group');
    return tree;
  }

  private alternation(): RegexNode {
    const options = [this.sequence()];
    while (this.peek() === '|') {
      this.pos += 1;
      options.push(this.sequence());
    }
    return options.length === 1 ? (options[0] ?? { t: 'empty' }) : { t: 'alternation', options };
  }

  private sequence(): RegexNode {
    const items: RegexNode[] = [];
    for (let c = this.peek(); c !== undefined && c !== '|' && c !== ')'; c = this.peek()) {
      items.push(this.quantified());
    }
    return { t: 'sequence', items };
  }

  private quantified(): RegexNode {
    const start = this.pos;
    const atom = this.atom();
    const bounds = this.quantifier();
    if (!bounds) return atom;
    if (atom.t === 'assert') throw this.error('repeats an anchor or \\b', start);
    if (this.peek() === '?') this.pos += 1; // lazy: the same set of matches
    if (this.quantifierAhead()) throw this.error('has two quantifiers in a row');
    return { t: 'repeat', node: atom, min: bounds.min, max: bounds.max };
  }

  private quantifierAhead(): boolean {
    const mark = this.pos;
    const found = this.quantifier() !== undefined;
    this.pos = mark;
    return found;
  }

  /** `*`, `+`, `?`, `{n}`, `{n,}` or `{n,m}`; a `{` that is none of these is a literal. */
  private quantifier(): { min: number; max: number } | undefined {
    const c = this.peek();
    if (c === '*' || c === '+' || c === '?') {
      this.pos += 1;
      return { min: c === '+' ? 1 : 0, max: c === '?' ? 1 : Infinity };
    }
    if (c !== '{') return undefined;
    const braces = /\{([0-9]+)(,([0-9]*))?\}/y;
    braces.lastIndex = this.pos;
    const found = braces.exec(this.pattern);
    if (!found) return undefined;
    const min = Number(found[1]);
    const max = found[2] === undefined ? min : found[3] ? Number(found[3]) : Infinity;
    if (min > MAX_REPEAT || (max !== Infinity && max > MAX_REPEAT)) {
      throw this.error(`repeats something more than ${MAX_REPEAT} times`);
    }
    if (max < min) throw this.error('has a {n,m} with n above m');
    this.pos += found[0].length;
    return { min, max };
  }

  private atom(): RegexNode {
    const start = this.pos;
    const c = this.next();
    switch (c) {
      case '(':
        return this.group(start);
      case '[':
        return this.charClass(start);
      case '.':
        return { t: 'char', test: (code) => !isLineTerminator(code) };
      case '^':
        return { t: 'assert', assertion: 'start' };
      case '$':
        return { t: 'assert', assertion: 'end' };
      case '\\':
        return this.escape(start);
      case '*':
      case '+':
      case '?':
        throw this.error('has a quantifier with nothing to repeat', start);
      default:
        if (c === '{' && this.quantifierAheadAt(start)) {
          throw this.error('has a quantifier with nothing to repeat', start);
        }
        return this.literalCode(c.charCodeAt(0));
    }
  }

  private quantifierAheadAt(position: number): boolean {
    const mark = this.pos;
    this.pos = position;
    const found = this.quantifierAhead();
    this.pos = mark;
    return found;
  }

  private group(start: number): RegexNode {
    if (this.pattern.startsWith('?', this.pos)) {
      const rest = this.pattern.slice(this.pos, this.pos + 3);
      if (rest.startsWith('?:')) this.pos += 2;
      else if (rest.startsWith('?=') || rest.startsWith('?!') || /^\?<[=!]/.test(rest)) {
        throw this.error('uses lookahead or lookbehind, which is not supported', start);
      } else if (rest.startsWith('?<')) {
        const name = /\?<[A-Za-z_$][A-Za-z0-9_$]*>/y;
        name.lastIndex = this.pos;
        const found = name.exec(this.pattern);
        if (!found) throw this.error('has a group name that is not a name', start);
        this.pos += found[0].length;
      } else throw this.error('has an unknown kind of group "(?"', start);
    }
    this.depth += 1;
    if (this.depth > MAX_GROUP_NESTING) {
      throw this.error(`nests groups more than ${MAX_GROUP_NESTING} deep`, start);
    }
    const inner = this.alternation();
    this.depth -= 1;
    if (this.next() !== ')') throw this.error('has a "(" that is never closed', start);
    return inner;
  }

  private charClass(start: number): RegexNode {
    const negated = this.peek() === '^';
    if (negated) this.pos += 1;
    const members: CharTest[] = [];
    for (;;) {
      const itemStart = this.pos;
      const c = this.next();
      if (c === '') throw this.error('has a "[" that is never closed', start);
      if (c === ']') break;
      const low = c === '\\' ? this.classEscape(itemStart) : c.charCodeAt(0);
      const isRange =
        this.peek() === '-' &&
        this.pattern[this.pos + 1] !== ']' &&
        this.pos + 1 < this.pattern.length;
      if (!isRange) {
        members.push(typeof low === 'number' ? (code) => code === low : low);
        continue;
      }
      this.pos += 1;
      const highStart = this.pos;
      const highChar = this.next();
      const high = highChar === '\\' ? this.classEscape(highStart) : highChar.charCodeAt(0);
      if (typeof low !== 'number' || typeof high !== 'number') {
        throw this.error('has a range with a class such as \\d at one end', itemStart);
      }
      if (high < low) throw this.error('has a range out of order', itemStart);
      members.push((code) => code >= low && code <= high);
    }
    // Case folds into the class before [^...] negates it, as in JavaScript.
    const inClass = this.caseless((code) => members.some((member) => member(code)));
    return { t: 'char', test: negated ? (code) => !inClass(code) : inClass };
  }

  /** An escape inside [...]: a class (\d), or one code unit (\b is backspace there). */
  private classEscape(start: number): number | CharTest {
    if (this.peek() === 'b') {
      this.pos += 1;
      return 8;
    }
    const escaped = this.escape(start);
    if (escaped.t !== 'char') throw this.error('has \\B inside [...]', start);
    return escaped.code ?? escaped.test;
  }

  private escape(start: number): RegexNode & { t: 'char' | 'assert'; code?: number } {
    const c = this.next();
    if (c === '') throw this.error('ends with a lone backslash', start);
    const named = CLASS_ESCAPES[c];
    if (named) return { t: 'char', test: named };
    if (c === 'b') return { t: 'assert', assertion: 'boundary' };
    if (c === 'B') return { t: 'assert', assertion: 'notBoundary' };
    const control = CONTROL_ESCAPES[c];
    if (control !== undefined) return this.literalCode(control);
    if (c === '0' && !isDigit(this.pattern.charCodeAt(this.pos))) return this.literalCode(0);
    if (c === 'x' || c === 'u') {
      const digits = c === 'x' ? 2 : 4;
      const hex = this.pattern.slice(this.pos, this.pos + digits);
      if (!new RegExp(`^[0-9A-Fa-f]{${digits}}$`).test(hex)) {
        throw this.error(`has a \\${c} without ${digits} hexadecimal digits`, start);
      }
      this.pos += digits;
      return this.literalCode(parseInt(hex, 16));
    }
    if (/[1-9k]/.test(c)) throw this.error('uses a backreference, which is not supported', start);
    if (c === 'p' || c === 'P') {
      throw this.error('uses a Unicode property escape (\\p{…}), which is not supported', start);
    }
    if (/[A-Za-z0-9]/.test(c)) throw this.error(`has an unknown escape "\\${c}"`, start);
    return this.literalCode(c.charCodeAt(0));
  }

  private literalCode(code: number): RegexNode & { t: 'char'; code: number } {
    return { t: 'char', test: this.caseless((c) => c === code), code };
  }

  /** Case-insensitively, a text's code unit is lower-cased first (regex.ts): accept any case. */
  private caseless(test: CharTest): CharTest {
    if (!this.ignoreCase) return test;
    return (c) => test(c) || test(upperCase(c)) || test(lowerCase(c));
  }

  private peek(): string | undefined {
    return this.pattern[this.pos];
  }

  /** The next character, consumed; '' at the end. */
  private next(): string {
    const c = this.pattern[this.pos] ?? '';
    if (c) this.pos += 1;
    return c;
  }

  private error(reason: string, offset = this.pos): RegexError {
    return new RegexError(reason, offset);
  }
}
