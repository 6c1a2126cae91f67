/**
 * What a parsed filter is: a typed condition over one sample, with every name resolved
 * (a column, a scorer, a metadata key) and every operand's type settled, so the SQL
 * compiler (db/sample-filter-sql.ts) only translates and never has to judge.
 */
import { z } from 'zod';

/** Filters come through IPC from a renderer that may be compromised: both are bounded. */
export const MAX_FILTER_LENGTH = 2000;
export const MAX_FILTER_NESTING = 32;

/**
 * The sample's own values, by the names Inspect View's filter gives them
 * (apps/inspect/src/app/samples/sample-tools/filters.ts, `sampleVariables`), plus the
 * desk's other columns under names Inspect View does not use.
 */
export const SAMPLE_FIELD_TYPES = {
  id: 'text',
  epoch: 'number',
  input: 'text',
  target: 'text',
  error: 'text',
  limit: 'text',
  tokens: 'number',
  input_tokens: 'number',
  output_tokens: 'number',
  duration: 'number',
  working_time: 'number',
  messages: 'number',
  retries: 'number',
  /** invalidated, error, limit or complete: what the grid's Status column shows. */
  status: 'text',
  has_error: 'boolean',
  has_limit: 'boolean',
  has_retries: 'boolean',
  invalidated: 'boolean',
} as const satisfies Record<string, ValueType>;

export type ValueType = 'number' | 'text' | 'boolean';
export type SampleField = keyof typeof SAMPLE_FIELD_TYPES;
export const SAMPLE_FIELDS = Object.keys(SAMPLE_FIELD_TYPES) as [SampleField, ...SampleField[]];

export function isSampleField(name: string): name is SampleField {
  return Object.hasOwn(SAMPLE_FIELD_TYPES, name);
}

/** A scorer's name or a metadata key: data, so any text, but bounded. */
const DataName = z.string().min(1).max(500);

/**
 * One value of a sample: a column, the selected scorer's answer, a score (a scorer's
 * value, or one key of a dictionary value), or a metadata value. Also what a grid sorts by.
 */
export const SampleValueSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('field'), field: z.enum(SAMPLE_FIELDS) }),
  z.strictObject({ kind: z.literal('answer'), scorer: DataName }),
  z.strictObject({ kind: z.literal('score'), scorer: DataName, key: DataName.nullable() }),
  z.strictObject({ kind: z.literal('metadata'), key: DataName }),
]);
export type SampleValue = z.infer<typeof SampleValueSchema>;
/** A score or a metadata value: JSON, whose type depends on the sample. */
export type JsonSampleValue = Extract<SampleValue, { kind: 'score' | 'metadata' }>;

export const MATH_FUNCTIONS = [
  'abs',
  'ceil',
  'floor',
  'round',
  'sqrt',
  'log',
  'log2',
  'log10',
  'min',
  'max',
] as const;
export type MathFunction = (typeof MATH_FUNCTIONS)[number];

export type ArithmeticOperator = '+' | '-' | '*' | '/' | 'mod' | '^';
export type OrderOperator = '==' | '<' | '<=' | '>' | '>=';

export type NumberExpr =
  | { readonly kind: 'number'; readonly value: number }
  /** A number column, a score's numeric value, or a metadata value that is a JSON number. */
  | { readonly kind: 'read'; readonly as: 'number'; readonly value: SampleValue }
  | {
      readonly kind: 'arithmetic';
      readonly op: ArithmeticOperator;
      readonly left: NumberExpr;
      readonly right: NumberExpr;
    }
  | { readonly kind: 'negate'; readonly operand: NumberExpr }
  | { readonly kind: 'math'; readonly fn: MathFunction; readonly args: readonly NumberExpr[] };

export type TextExpr =
  | { readonly kind: 'text'; readonly value: string }
  /** A text column, the answer, or a score or metadata value that is a JSON string. */
  | { readonly kind: 'read'; readonly as: 'text'; readonly value: SampleValue };

/** A condition; `!=`, `not in` and `in` are written with `not`, `or` and `==`. */
export type SampleFilter =
  | { readonly kind: 'and' | 'or'; readonly operands: readonly SampleFilter[] }
  | { readonly kind: 'not'; readonly operand: SampleFilter }
  | { readonly kind: 'boolean'; readonly value: boolean }
  /** has_error, has_limit, or a score or metadata value that is JSON true. */
  | {
      readonly kind: 'read';
      readonly as: 'boolean';
      readonly value: Extract<SampleValue, { kind: 'field' }> | JsonSampleValue;
    }
  | {
      readonly kind: 'compare';
      readonly type: 'number';
      readonly op: OrderOperator;
      readonly left: NumberExpr;
      readonly right: NumberExpr;
    }
  | {
      readonly kind: 'compare';
      readonly type: 'text';
      readonly op: '==';
      readonly left: TextExpr;
      readonly right: TextExpr;
    }
  | {
      readonly kind: 'compare';
      readonly type: 'boolean';
      readonly op: '==';
      readonly left: SampleFilter;
      readonly right: SampleFilter;
    }
  /** `x == None`: the sample has no such value (a NULL column, no score, no key, JSON null). */
  | { readonly kind: 'missing'; readonly value: SampleValue }
  /** `~=` and the `*_contains` functions: a regular expression found in the text. */
  | {
      readonly kind: 'matches';
      readonly text: TextExpr;
      readonly pattern: string;
      readonly ignoreCase: boolean;
    };
