/**
 * Searching a text for a pattern of regex-syntax.ts in time linear in the text: every
 * position advances one set of NFA states (no backtracking), and the sets met are kept
 * as DFA states with a transition table, so most characters cost one array read. The
 * DFA is built lazily and bounded; when it is full it starts again, which costs time,
 * never correctness.
 */
import { compileNfa, isWordChar, lowerCase, type Nfa } from './regex-syntax';

export interface TextMatcher {
  /** True if the pattern matches anywhere in `text` (as RegExp.prototype.test does). */
  test(text: string): boolean;
}

/** Throws RegexError for a pattern outside the supported dialect. */
export function compileRegex(pattern: string, ignoreCase: boolean): TextMatcher {
  const nfa = compileNfa(pattern, ignoreCase);
  const literal = nfa.requiredLiteral?.slice(0, MAX_NATIVE_LITERAL);
  if (!literal) return new LazyDfa(nfa, ignoreCase);
  // Most patterns are or hold a word or two, which V8 finds several times faster than the
  // DFA reads: a text without it cannot match. A short literal cannot make V8 backtrack
  // (each try at a position stops within its length).
  const quick = new RegExp(literal.replace(/[\\^$.|?*+()[\]{}]/g, '\\$&'), ignoreCase ? 'i' : '');
  if (literal === pattern) return quick;
  const dfa = new LazyDfa(nfa, ignoreCase);
  return { test: (text) => quick.test(text) && dfa.test(text) };
}

const MAX_NATIVE_LITERAL = 32;
const MAX_DFA_STATES = 2000;
const MATCHED = -1;
const UNKNOWN = -2;
const ASCII = 128;
const MAX_WALK = 2 ** 31 - 1;

/** Where in the text a set of states stands: what the anchors and \b look at. */
interface Context {
  readonly atStart: boolean;
  readonly atEnd: boolean;
  readonly previousIsWord: boolean;
  readonly nextIsWord: boolean;
}

/** A DFA state: the NFA states reached after a character, and what that character was. */
interface DfaState {
  readonly kernel: readonly number[];
  readonly atStart: boolean;
  readonly previousIsWord: boolean;
  readonly ascii: Int32Array;
  readonly other: Map<number, number>;
  acceptsAtEnd?: boolean;
}

class LazyDfa implements TextMatcher {
  private states: DfaState[] = [];
  private ids = new Map<string, number>();
  /** Marks for the closure's walk: states[i] was seen in walk number seen[i]. */
  private readonly seen: Int32Array;
  private walk = 0;

  constructor(
    private readonly nfa: Nfa,
    private readonly ignoreCase: boolean,
  ) {
    this.seen = new Int32Array(nfa.states.length);
  }

  test(text: string): boolean {
    let state = this.intern([], true, false);
    for (let i = 0; i < text.length; i += 1) {
      const c = this.fold(text.charCodeAt(i));
      const current = this.states[state];
      if (!current) throw new Error('a DFA state id always names a state');
      let next = c < ASCII ? (current.ascii[c] ?? UNKNOWN) : (current.other.get(c) ?? UNKNOWN);
      if (next === UNKNOWN) next = this.transition(current, c);
      if (next === MATCHED) return true;
      state = next;
    }
    const last = this.states[state];
    if (!last) throw new Error('a DFA state id always names a state');
    last.acceptsAtEnd ??= this.closure(last.kernel, {
      atStart: last.atStart,
      atEnd: true,
      previousIsWord: last.previousIsWord,
      nextIsWord: false,
    }).matched;
    return last.acceptsAtEnd;
  }

  private fold(c: number): number {
    if (!this.ignoreCase) return c;
    if (c >= 65 && c <= 90) return c + 32;
    return c < ASCII ? c : lowerCase(c);
  }

  /** Computes and records where `from` goes on `c`: MATCHED, or the next state's id. */
  private transition(from: DfaState, c: number): number {
    const nextIsWord = isWordChar(c);
    const { chars, matched } = this.closure(from.kernel, {
      atStart: from.atStart,
      atEnd: false,
      previousIsWord: from.previousIsWord,
      nextIsWord,
    });
    let next = MATCHED;
    if (!matched) {
      const kernel = new Set<number>();
      for (const id of chars) {
        const state = this.nfa.states[id];
        if (state?.kind === 'char' && state.test(c)) kernel.add(state.next);
      }
      if (this.states.length >= MAX_DFA_STATES) this.forget();
      next = this.intern(
        [...kernel].sort((a, b) => a - b),
        false,
        nextIsWord,
      );
    }
    // After forget(), `from` is no longer in the table: recording on it is harmless.
    if (c < ASCII) from.ascii[c] = next;
    else from.other.set(c, next);
    return next;
  }

  private forget(): void {
    this.states = [];
    this.ids = new Map();
  }

  private intern(kernel: readonly number[], atStart: boolean, previousIsWord: boolean): number {
    const key = `${atStart ? 1 : 0}${previousIsWord ? 1 : 0}:${kernel.join(',')}`;
    const known = this.ids.get(key);
    if (known !== undefined) return known;
    const id =
      this.states.push({
        kernel,
        atStart,
        previousIsWord,
        ascii: new Int32Array(ASCII).fill(UNKNOWN),
        other: new Map(),
      }) - 1;
    this.ids.set(key, id);
    return id;
  }

  /**
   * The states reachable from `kernel` and from the start (a search may begin at any
   * position) without reading a character: the character-reading ones, and whether the
   * match state is among them.
   */
  private closure(
    kernel: readonly number[],
    context: Context,
  ): { chars: number[]; matched: boolean } {
    if (this.walk === MAX_WALK) {
      this.seen.fill(0);
      this.walk = 0;
    }
    this.walk += 1;
    const chars: number[] = [];
    let matched = false;
    const stack = [this.nfa.start, ...kernel];
    while (stack.length > 0) {
      const id = stack.pop() ?? 0;
      if (this.seen[id] === this.walk) continue;
      this.seen[id] = this.walk;
      const state = this.nfa.states[id];
      switch (state?.kind) {
        case 'match':
          matched = true;
          break;
        case 'char':
          chars.push(id);
          break;
        case 'split':
          stack.push(state.alt, state.next);
          break;
        case 'assert':
          if (holds(state.assertion, context)) stack.push(state.next);
          break;
        case undefined:
          throw new Error('an NFA state id always names a state');
      }
    }
    return { chars, matched };
  }
}

function holds(assertion: 'start' | 'end' | 'boundary' | 'notBoundary', at: Context): boolean {
  switch (assertion) {
    case 'start':
      return at.atStart;
    case 'end':
      return at.atEnd;
    case 'boundary':
      return at.previousIsWord !== at.nextIsWord;
    case 'notBoundary':
      return at.previousIsWord === at.nextIsWord;
  }
}
