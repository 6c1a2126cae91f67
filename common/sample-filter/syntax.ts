/**
 * Recursive descent from tokens to a syntax tree, names not yet resolved. Precedence,
 * loosest first: or, and, not, comparisons and in, + -, * / mod, ^ (right to left),
 * unary -. That is the order of Inspect View's own parser of its filter text
 * (apps/inspect/src/app/samples/sample-tools/filterAst.ts): `not a == b` is
 * `not (a == b)`, and a comparison does not chain (`a < b < c` is refused).
 */
import { MAX_FILTER_NESTING } from './ast';
import { at, FilterError, quoted } from './error';
import { tokenize, type Operator, type Token } from './tokens';

export type CompareOperator = '==' | '!=' | '<' | '<=' | '>' | '>=' | '~=';
export type ArithmeticSyntaxOperator = '+' | '-' | '*' | '/' | 'mod' | '^';

export interface NameSegment {
  readonly value: string;
  readonly quoted: boolean;
}

/** A node, where it starts in the filter, and how deep the tree below it goes. */
export type Syntax = { readonly at: number; readonly height: number } & (
  | { readonly kind: 'logical'; readonly op: 'and' | 'or'; readonly operands: readonly Syntax[] }
  | { readonly kind: 'not'; readonly operand: Syntax }
  | {
      readonly kind: 'compare';
      readonly op: CompareOperator;
      readonly left: Syntax;
      readonly right: Syntax;
    }
  | {
      readonly kind: 'in';
      readonly operand: Syntax;
      readonly values: readonly Syntax[];
      readonly negated: boolean;
    }
  | {
      readonly kind: 'arithmetic';
      readonly op: ArithmeticSyntaxOperator;
      readonly left: Syntax;
      readonly right: Syntax;
    }
  | { readonly kind: 'negate'; readonly operand: Syntax }
  | { readonly kind: 'call'; readonly name: string; readonly args: readonly Syntax[] }
  | { readonly kind: 'number'; readonly value: number }
  | { readonly kind: 'string'; readonly value: string }
  | { readonly kind: 'constant'; readonly value: boolean | null }
  /** `source` is the name as written, for messages. */
  | { readonly kind: 'name'; readonly segments: readonly NameSegment[]; readonly source: string }
);

type Node = Syntax extends infer S ? (S extends unknown ? Omit<S, 'height'> : never) : never;

const COMPARE_OPERATORS: readonly CompareOperator[] = ['==', '!=', '<', '<=', '>', '>=', '~='];
const CONSTANTS: Readonly<Record<string, boolean | null>> = {
  True: true,
  False: false,
  None: null,
};

export function parseSyntax(text: string): Syntax {
  return new Parser(text).parse();
}

class Parser {
  private readonly tokens: Token[];
  private index = 0;
  /** Recursive entries under way: parentheses, not, unary minus, calls, ^. */
  private depth = 0;

  constructor(private readonly text: string) {
    this.tokens = tokenize(text);
  }

  parse(): Syntax {
    const tree = this.or();
    const next = this.peek();
    if (next.kind !== 'end') {
      if (next.kind === 'operator' && isCompareOperator(next.value)) {
        throw new FilterError(
          `Comparisons do not chain ${at(next.at)}: write a < b and b < c.`,
          next.at,
        );
      }
      throw new FilterError(
        `Unexpected ${quoted(next.text)} ${at(next.at)}; expected and, or, an operator or the end of the filter.`,
        next.at,
      );
    }
    return tree;
  }

  private or(): Syntax {
    return this.logical('or', () => this.and());
  }

  private and(): Syntax {
    return this.logical('and', () => this.not());
  }

  /** a or b or c is one node of three operands, so a long chain stays shallow. */
  private logical(op: 'and' | 'or', operand: () => Syntax): Syntax {
    const first = operand();
    const operands = [first];
    while (this.isKeyword(op)) {
      this.index += 1;
      operands.push(operand());
    }
    return operands.length === 1
      ? first
      : this.node({ kind: 'logical', op, operands, at: first.at });
  }

  private not(): Syntax {
    return this.prefixed(
      'not',
      () => this.not(),
      () => this.predicate(),
    );
  }

  /** A comparison, `x in (…)`, `x not in (…)`, or a lone value (has_error, a call). */
  private predicate(): Syntax {
    const left = this.sum();
    const token = this.peek();
    if (token.kind === 'operator' && isCompareOperator(token.value)) {
      this.index += 1;
      const right = this.sum();
      return this.node({ kind: 'compare', op: token.value, left, right, at: token.at });
    }
    const negated = token.kind === 'keyword' && token.value === 'not' && this.isKeyword('in', 1);
    if (negated || this.isKeyword('in')) {
      this.index += negated ? 2 : 1;
      const values = this.list(this.tokens[this.index - 1] ?? token);
      return this.node({ kind: 'in', operand: left, values, negated, at: token.at });
    }
    return left;
  }

  /** `(a, b, …)` after in or a function's name: at least one value. */
  private list(opener: Token): Syntax[] {
    this.expectOperator('(', opener);
    const open = this.tokens[this.index - 1] ?? opener;
    return this.nested(open.at, () => {
      const values = [this.or()];
      while (this.isOperator(',')) {
        this.index += 1;
        values.push(this.or());
      }
      this.expectOperator(')', open);
      return values;
    });
  }

  private sum(): Syntax {
    let left = this.product();
    for (let op = this.arithmetic('+', '-'); op; op = this.arithmetic('+', '-')) {
      left = this.node({ kind: 'arithmetic', op, left, right: this.product(), at: left.at });
    }
    return left;
  }

  private product(): Syntax {
    let left = this.power();
    for (let op = this.arithmetic('*', '/', 'mod'); op; op = this.arithmetic('*', '/', 'mod')) {
      left = this.node({ kind: 'arithmetic', op, left, right: this.power(), at: left.at });
    }
    return left;
  }

  private power(): Syntax {
    const base = this.unary();
    if (!this.arithmetic('^')) return base;
    const exponent = this.nested(base.at, () => this.power());
    return this.node({ kind: 'arithmetic', op: '^', left: base, right: exponent, at: base.at });
  }

  private unary(): Syntax {
    return this.prefixed(
      'negate',
      () => this.unary(),
      () => this.primary(),
    );
  }

  /** `not x` or `-x` if the next token is that prefix, else what `otherwise` reads. */
  private prefixed(kind: 'not' | 'negate', operand: () => Syntax, otherwise: () => Syntax): Syntax {
    const token = this.peek();
    const isPrefix =
      kind === 'not'
        ? token.kind === 'keyword' && token.value === 'not'
        : token.kind === 'operator' && token.value === '-';
    if (!isPrefix) return otherwise();
    this.index += 1;
    return this.nested(token.at, () => this.node({ kind, operand: operand(), at: token.at }));
  }

  private primary(): Syntax {
    const token = this.peek();
    switch (token.kind) {
      case 'number':
        this.index += 1;
        return this.node({ kind: 'number', value: token.value, at: token.at });
      case 'string':
        this.index += 1;
        return this.node({ kind: 'string', value: token.value, at: token.at });
      case 'name':
        this.index += 1;
        return this.named(token);
      case 'operator':
        if (token.value === '(') {
          this.index += 1;
          const inner = this.nested(token.at, () => this.or());
          this.expectOperator(')', token);
          return inner;
        }
        break;
      case 'keyword':
      case 'end':
        break;
    }
    throw this.expectedValue(token);
  }

  /** A name, a dotted name (metadata.key, scorer.key), a constant, or a function call. */
  private named(first: Token & { kind: 'name' }): Syntax {
    if (!first.quoted && this.isOperator('(')) {
      const args = this.list(first);
      return this.node({ kind: 'call', name: first.value, args, at: first.at });
    }
    const constant = first.quoted ? undefined : CONSTANTS[first.value];
    if (constant !== undefined)
      return this.node({ kind: 'constant', value: constant, at: first.at });
    const segments: NameSegment[] = [{ value: first.value, quoted: first.quoted }];
    while (this.isOperator('.')) {
      this.index += 1;
      const segment = this.peek();
      // After a dot any word is a key: metadata.in names the key "in".
      if (segment.kind !== 'name' && segment.kind !== 'keyword') {
        throw new FilterError(
          `Expected a key after "." ${at(segment.at)}; quote a key with other characters: metadata.'my key'.`,
          segment.at,
        );
      }
      this.index += 1;
      segments.push(
        segment.kind === 'name'
          ? { value: segment.value, quoted: segment.quoted }
          : { value: segment.value, quoted: false },
      );
    }
    const last = this.tokens[this.index - 1] ?? first;
    const source = this.text.slice(first.at, last.at + last.text.length);
    return this.node({ kind: 'name', segments, source, at: first.at });
  }

  private node(node: Node): Syntax {
    const height = 1 + Math.max(0, ...children(node).map((child) => child.height));
    if (height > MAX_FILTER_NESTING) throw this.tooDeep(node.at);
    return { ...node, height };
  }

  private nested<T>(position: number, parse: () => T): T {
    this.depth += 1;
    if (this.depth > MAX_FILTER_NESTING) throw this.tooDeep(position);
    try {
      return parse();
    } finally {
      this.depth -= 1;
    }
  }

  private tooDeep(position: number): FilterError {
    return new FilterError(
      `The filter nests more than ${MAX_FILTER_NESTING} levels deep ${at(position)}.`,
      position,
    );
  }

  private expectedValue(token: Token): FilterError {
    const previous = this.tokens[this.index - 1];
    const after = previous ? ` after ${quoted(previous.text)}` : '';
    const found = token.kind === 'end' ? '' : `, found ${quoted(token.text)}`;
    return new FilterError(`Expected a value${after} ${at(token.at)}${found}.`, token.at);
  }

  private expectOperator(op: '(' | ')', opener: Token): void {
    const token = this.peek();
    if (token.kind === 'operator' && token.value === op) {
      this.index += 1;
      return;
    }
    const found = token.kind === 'end' ? '' : `, found ${quoted(token.text)}`;
    const why = op === ')' ? `to close the "(" ${at(opener.at)}` : `after ${quoted(opener.text)}`;
    throw new FilterError(`Expected "${op}" ${at(token.at)} ${why}${found}.`, token.at);
  }

  private arithmetic<T extends ArithmeticSyntaxOperator>(...ops: T[]): T | undefined {
    const token = this.peek();
    const op = ops.find((candidate) =>
      candidate === 'mod'
        ? token.kind === 'keyword' && token.value === 'mod'
        : token.kind === 'operator' && token.value === candidate,
    );
    if (op) this.index += 1;
    return op;
  }

  private peek(offset = 0): Token {
    const token = this.tokens[Math.min(this.index + offset, this.tokens.length - 1)];
    if (!token) throw new Error('a token list always ends with an end token');
    return token;
  }

  private isKeyword(word: string, offset = 0): boolean {
    const token = this.peek(offset);
    return token.kind === 'keyword' && token.value === word;
  }

  private isOperator(op: Operator): boolean {
    const token = this.peek();
    return token.kind === 'operator' && token.value === op;
  }
}

function isCompareOperator(op: Operator): op is CompareOperator {
  return (COMPARE_OPERATORS as readonly string[]).includes(op);
}

function children(node: Node): readonly Syntax[] {
  switch (node.kind) {
    case 'logical':
      return node.operands;
    case 'not':
    case 'negate':
      return [node.operand];
    case 'compare':
    case 'arithmetic':
      return [node.left, node.right];
    case 'in':
      return [node.operand, ...node.values];
    case 'call':
      return node.args;
    case 'number':
    case 'string':
    case 'constant':
    case 'name':
      return [];
  }
}
