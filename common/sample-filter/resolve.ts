/**
 * From a syntax tree to a SampleFilter: names become columns, scores or metadata, and
 * every operand gets its type. Where Inspect View's filtrex is loose (JavaScript's
 * truthiness, `null < 10`, comparing text with numbers) this refuses with a sentence,
 * so a filter means one thing. Inspect View's names are from
 * apps/inspect/src/app/samples/sample-tools/filters.ts and sample-filter/language.ts.
 */
import {
  isSampleField,
  MATH_FUNCTIONS,
  type JsonSampleValue,
  SAMPLE_FIELD_TYPES,
  SAMPLE_FIELDS,
  type MathFunction,
  type NumberExpr,
  type SampleFilter,
  type SampleValue,
  type TextExpr,
} from './ast';
import { at, FilterError, quoted } from './error';
import { compileRegex } from './regex';
import { RegexError } from './regex-syntax';
import type { CompareOperator, Syntax } from './syntax';

export interface FilterNames {
  /** The scorers of the samples filtered: a bare name that is no field must be one of them. */
  readonly scorers: readonly string[];
  /** The scorer whose answer `answer` and answer_contains() read (Inspect View's selected scorer). */
  readonly selectedScorer?: string | null;
}

/** What each `*_contains` function searches, case-insensitively as Inspect View does. */
const CONTAINS_FUNCTIONS = {
  input_contains: 'input',
  target_contains: 'target',
  error_contains: 'error',
  answer_contains: 'answer',
} as const;

/** Inspect View's names for what the desk does not store, each with why. */
const NOT_STORED: Readonly<Record<string, string>> = {
  has_fallbacks: 'the desk does not keep model fallbacks',
  fallbacks: 'the desk does not keep model fallbacks',
  uuid: 'the desk does not keep sample UUIDs',
  completed: 'every sample of an imported log is complete; leave it out',
  is_nan: 'the desk stores no NaN score (it is kept as no numeric value: write score == None)',
};

const MAX_NAMES_LISTED = 20;

/** An operand with its type; `dynamic` is a score or metadata value, typed by its use. */
type Typed = { readonly at: number; readonly what: string } & (
  | { readonly type: 'number'; readonly expr: NumberExpr }
  | { readonly type: 'text'; readonly expr: TextExpr }
  | { readonly type: 'boolean'; readonly expr: SampleFilter }
  | { readonly type: 'dynamic'; readonly value: JsonSampleValue }
  | { readonly type: 'none' }
);

export function resolveFilter(tree: Syntax, names: FilterNames): SampleFilter {
  const resolver = new Resolver(names);
  return resolver.condition(resolver.typed(tree));
}

class Resolver {
  constructor(private readonly names: FilterNames) {}

  typed(node: Syntax): Typed {
    switch (node.kind) {
      case 'number':
        return {
          type: 'number',
          expr: { kind: 'number', value: node.value },
          at: node.at,
          what: `the number ${node.value}`,
        };
      case 'string':
        return {
          type: 'text',
          expr: { kind: 'text', value: node.value },
          at: node.at,
          what: `the string ${quoted(node.value)}`,
        };
      case 'constant':
        return node.value === null
          ? { type: 'none', at: node.at, what: 'None' }
          : {
              type: 'boolean',
              expr: { kind: 'boolean', value: node.value },
              at: node.at,
              what: node.value ? 'True' : 'False',
            };
      case 'name':
        return this.named(node);
      case 'negate': {
        const operand = this.number(this.typed(node.operand));
        const expr: NumberExpr =
          operand.kind === 'number'
            ? { kind: 'number', value: -operand.value }
            : { kind: 'negate', operand };
        return { type: 'number', expr, at: node.at, what: 'a number' };
      }
      case 'arithmetic': {
        const left = this.number(this.typed(node.left));
        const right = this.number(this.typed(node.right));
        const expr: NumberExpr = { kind: 'arithmetic', op: node.op, left, right };
        return { type: 'number', expr, at: node.at, what: 'a number' };
      }
      case 'call':
        return this.call(node);
      case 'logical': {
        const operands = node.operands.map((operand) => this.condition(this.typed(operand)));
        return this.conditionOf({ kind: node.op, operands }, node.at);
      }
      case 'not':
        return this.conditionOf(
          { kind: 'not', operand: this.condition(this.typed(node.operand)) },
          node.at,
        );
      case 'compare':
        return this.conditionOf(
          this.compare(node.op, this.typed(node.left), node.right, node.at),
          node.at,
        );
      case 'in': {
        const operand = this.typed(node.operand);
        const matches = node.values.map((value) => this.compare('==', operand, value, node.at));
        const anyOf: SampleFilter =
          matches.length === 1 && matches[0] ? matches[0] : { kind: 'or', operands: matches };
        return this.conditionOf(node.negated ? { kind: 'not', operand: anyOf } : anyOf, node.at);
      }
    }
  }

  /** A condition: and, or and not take only these (no truthiness of numbers or text). */
  condition(operand: Typed): SampleFilter {
    if (operand.type === 'boolean') return operand.expr;
    if (operand.type === 'dynamic') return { kind: 'read', as: 'boolean', value: operand.value };
    throw new FilterError(
      `Expected a condition ${at(operand.at)}, found ${operand.what}: compare it (==, !=, <, in, ~=) or use a function such as input_contains().`,
      operand.at,
    );
  }

  private conditionOf(expr: SampleFilter, position: number): Typed {
    return { type: 'boolean', expr, at: position, what: 'a condition' };
  }

  private number(operand: Typed): NumberExpr {
    if (operand.type === 'number') return operand.expr;
    if (operand.type === 'dynamic') return { kind: 'read', as: 'number', value: operand.value };
    throw new FilterError(
      `Expected a number ${at(operand.at)}, found ${operand.what}.`,
      operand.at,
    );
  }

  private text(operand: Typed): TextExpr {
    if (operand.type === 'text') return operand.expr;
    if (operand.type === 'dynamic') return { kind: 'read', as: 'text', value: operand.value };
    throw new FilterError(`Expected text ${at(operand.at)}, found ${operand.what}.`, operand.at);
  }

  private compare(
    op: CompareOperator,
    left: Typed,
    rightNode: Syntax,
    position: number,
  ): SampleFilter {
    if (op === '~=') {
      if (rightNode.kind !== 'string') {
        throw new FilterError(
          `~= needs a "regular expression" in a string on its right ${at(rightNode.at)}.`,
          rightNode.at,
        );
      }
      return this.matches(this.text(left), rightNode.value, false, rightNode.at);
    }
    const right = this.typed(rightNode);
    if (op === '!=') return { kind: 'not', operand: this.equals(left, right, position) };
    if (op === '==') return this.equals(left, right, position);
    for (const side of [left, right]) {
      if (side.type !== 'number' && side.type !== 'dynamic') {
        throw new FilterError(
          `Only numbers compare with ${quoted(op)} ${at(position)}: ${side.what} is not one (text and conditions take ==, != and in).`,
          position,
        );
      }
    }
    return {
      kind: 'compare',
      type: 'number',
      op,
      left: this.number(left),
      right: this.number(right),
    };
  }

  /** `==`: the types of the two sides decide what is compared; a score or metadata value takes the other's. */
  private equals(left: Typed, right: Typed, position: number): SampleFilter {
    if (left.type === 'none' || right.type === 'none') return this.missing(left, right, position);
    const idAndNumber = sampleIdWithNumber(left, right) ?? sampleIdWithNumber(right, left);
    if (idAndNumber) return idAndNumber;
    const types = new Set([left.type, right.type]);
    const mismatch = () =>
      new FilterError(
        `Cannot compare ${left.what} with ${right.what} ${at(position)}: they are not of one type.`,
        position,
      );
    if (types.has('number')) {
      if (types.has('text') || types.has('boolean')) throw mismatch();
      return {
        kind: 'compare',
        type: 'number',
        op: '==',
        left: this.number(left),
        right: this.number(right),
      };
    }
    if (types.has('text')) {
      if (types.has('boolean')) throw mismatch();
      return {
        kind: 'compare',
        type: 'text',
        op: '==',
        left: this.text(left),
        right: this.text(right),
      };
    }
    if (types.has('boolean')) {
      return {
        kind: 'compare',
        type: 'boolean',
        op: '==',
        left: this.condition(left),
        right: this.condition(right),
      };
    }
    throw new FilterError(
      `Cannot compare ${left.what} with ${right.what} ${at(position)}: compare a score or metadata value with a value or a field, whose type says how.`,
      position,
    );
  }

  /** `x == None`: x must be a value a sample may lack. */
  private missing(left: Typed, right: Typed, position: number): SampleFilter {
    const other = left.type === 'none' ? right : left;
    const value = sampleValueOf(other);
    if (!value || (value.kind === 'field' && SAMPLE_FIELD_TYPES[value.field] === 'boolean')) {
      throw new FilterError(
        `None compares only with a field, a score or a metadata value that may be missing ${at(position)}, not with ${other.what}.`,
        position,
      );
    }
    return { kind: 'missing', value };
  }

  private matches(
    text: TextExpr,
    pattern: string,
    ignoreCase: boolean,
    position: number,
  ): SampleFilter {
    try {
      compileRegex(pattern, ignoreCase);
    } catch (error) {
      if (!(error instanceof RegexError)) throw error;
      throw new FilterError(
        `The regular expression ${at(position)} ${error.message} (character ${error.offset + 1} of the pattern).`,
        position,
      );
    }
    return { kind: 'matches', text, pattern, ignoreCase };
  }

  private call(node: Syntax & { kind: 'call' }): Typed {
    const searched = Object.hasOwn(CONTAINS_FUNCTIONS, node.name)
      ? CONTAINS_FUNCTIONS[node.name as keyof typeof CONTAINS_FUNCTIONS]
      : undefined;
    if (searched) {
      const [pattern, ...rest] = node.args;
      if (pattern?.kind !== 'string' || rest.length > 0) {
        throw new FilterError(
          `${node.name}() takes one "regular expression" in a string ${at(node.at)}.`,
          node.at,
        );
      }
      const text: TextExpr = {
        kind: 'read',
        as: 'text',
        value: searched === 'answer' ? this.answer(node.at) : { kind: 'field', field: searched },
      };
      return this.conditionOf(this.matches(text, pattern.value, true, pattern.at), node.at);
    }
    const fn = MATH_FUNCTIONS.find((candidate) => candidate === node.name);
    if (fn) {
      const args = node.args.map((arg) => this.number(this.typed(arg)));
      checkArity(fn, args.length, node.at);
      return { type: 'number', expr: { kind: 'math', fn, args }, at: node.at, what: 'a number' };
    }
    const notStored = NOT_STORED[node.name];
    if (notStored) throw notAvailable(node.name, notStored, node.at);
    throw new FilterError(
      `Unknown function ${quoted(node.name)} ${at(node.at)}; functions are ${[...Object.keys(CONTAINS_FUNCTIONS), ...MATH_FUNCTIONS].join(', ')}.`,
      node.at,
    );
  }

  private named(node: Syntax & { kind: 'name' }): Typed {
    const [first, second, third] = node.segments;
    if (!first) throw new Error('a name has at least one segment');
    const dynamic = (value: JsonSampleValue): Typed => ({
      type: 'dynamic',
      value,
      at: node.at,
      what: quoted(node.source),
    });
    if (third) {
      if (first.value === 'metadata' || this.names.scorers.includes(first.value)) {
        throw new FilterError(
          `${quoted(node.source)} ${at(node.at)} reads a nested value, which the desk does not keep: metadata and score keys are one level deep (quote a key that holds dots: metadata.'a.b').`,
          node.at,
        );
      }
      throw this.unknown(first.value, node.at);
    }
    if (second) {
      if (first.value === 'metadata') return dynamic({ kind: 'metadata', key: second.value });
      if (this.names.scorers.includes(first.value)) {
        return dynamic({ kind: 'score', scorer: first.value, key: second.value });
      }
      if (isSampleField(first.value) || first.value === 'answer') {
        throw new FilterError(
          `${quoted(first.value)} has no keys ${at(node.at)}: only metadata and scores do (metadata.<key>, <scorer>.<key>).`,
          node.at,
        );
      }
      throw this.unknown(first.value, node.at);
    }
    const name = first.value;
    if (isSampleField(name)) {
      const value: SampleValue = { kind: 'field', field: name };
      const what = `${quoted(name)} (${SAMPLE_FIELD_TYPES[name]})`;
      switch (SAMPLE_FIELD_TYPES[name]) {
        case 'number':
          return { type: 'number', expr: { kind: 'read', as: 'number', value }, at: node.at, what };
        case 'text':
          return { type: 'text', expr: { kind: 'read', as: 'text', value }, at: node.at, what };
        case 'boolean':
          return {
            type: 'boolean',
            expr: { kind: 'read', as: 'boolean', value },
            at: node.at,
            what,
          };
      }
    }
    if (name === 'answer') {
      return {
        type: 'text',
        expr: { kind: 'read', as: 'text', value: this.answer(node.at) },
        at: node.at,
        what: '"answer" (text)',
      };
    }
    if (name === 'metadata') {
      throw new FilterError(`metadata needs a key ${at(node.at)}: metadata.<key>.`, node.at);
    }
    if (this.names.scorers.includes(name))
      return dynamic({ kind: 'score', scorer: name, key: null });
    const notStored = NOT_STORED[name];
    if (notStored) throw notAvailable(name, notStored, node.at);
    throw this.unknown(name, node.at);
  }

  private answer(position: number): SampleValue {
    const scorer = this.names.selectedScorer;
    if (!scorer) {
      throw new FilterError(
        `"answer" ${at(position)} is the selected scorer's answer, and no scorer is selected.`,
        position,
      );
    }
    return { kind: 'answer', scorer };
  }

  private unknown(name: string, position: number): FilterError {
    const fields = [...SAMPLE_FIELDS, 'answer', 'metadata.<key>'].join(', ');
    const { scorers } = this.names;
    const listed = scorers.slice(0, MAX_NAMES_LISTED).map(quoted).join(', ');
    const more =
      scorers.length > MAX_NAMES_LISTED ? ` and ${scorers.length - MAX_NAMES_LISTED} more` : '';
    const scorerList =
      scorers.length === 0 ? 'no scorer scored these samples' : `scorers are ${listed}${more}`;
    return new FilterError(
      `Unknown field ${quoted(name)} ${at(position)}; fields are ${fields}; ${scorerList}.`,
      position,
    );
  }
}

/** Inspect's sample ids are numbers or strings; the desk keeps them as text, so `id == 3` is `id == "3"`. */
function sampleIdWithNumber(id: Typed, number: Typed): SampleFilter | undefined {
  if (id.type !== 'text' || id.expr.kind !== 'read' || number.type !== 'number') return undefined;
  if (id.expr.value.kind !== 'field' || id.expr.value.field !== 'id') return undefined;
  if (number.expr.kind !== 'number') return undefined;
  return {
    kind: 'compare',
    type: 'text',
    op: '==',
    left: id.expr,
    right: { kind: 'text', value: String(number.expr.value) },
  };
}

function sampleValueOf(operand: Typed): SampleValue | undefined {
  if (operand.type === 'dynamic') return operand.value;
  if (operand.type === 'none') return undefined;
  return operand.expr.kind === 'read' ? operand.expr.value : undefined;
}

function checkArity(fn: MathFunction, count: number, position: number): void {
  const variadic = fn === 'min' || fn === 'max';
  if (variadic ? count >= 2 : count === 1) return;
  throw new FilterError(
    `${fn}() takes ${variadic ? 'two or more numbers' : 'one number'} ${at(position)}.`,
    position,
  );
}

function notAvailable(name: string, why: string, position: number): FilterError {
  return new FilterError(`${quoted(name)} ${at(position)} is not available: ${why}.`, position);
}
