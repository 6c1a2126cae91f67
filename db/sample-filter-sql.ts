/**
 * A SampleFilter as a WHERE condition over `sample s`. Nothing of the filter is ever
 * spliced into the SQL: values (numbers, strings, scorer names, metadata keys, patterns)
 * are bound parameters, and every identifier comes from the tables below, so the SQL's
 * shape depends only on the filter's structure.
 *
 * Every condition is 0 or 1, never NULL (a comparison with a missing value is false), so
 * `not` is the plain complement: `not duration > 60` keeps samples without a duration.
 */
import type {
  JsonSampleValue,
  MathFunction,
  NumberExpr,
  SampleField,
  SampleFilter,
  SampleValue,
  TextExpr,
} from '../common/sample-filter';

export type SqlParam = string | number;

export interface SqlFragment {
  readonly sql: string;
  readonly params: readonly SqlParam[];
}

/** The function desk_regexp(pattern, ignoreCase, text) that db/samples.ts registers. */
export const REGEXP_FUNCTION = 'desk_regexp';

const COLUMNS: Readonly<Record<SampleField, string>> = {
  id: 's.sample_id',
  epoch: 's.epoch',
  input: 's.input',
  target: 's.target',
  error: 's.error',
  limit: 's.limit_type',
  tokens: 's.total_tokens',
  input_tokens: 's.input_tokens',
  output_tokens: 's.output_tokens',
  duration: 's.total_time',
  working_time: 's.working_time',
  messages: 's.message_count',
  retries: 's.error_retries',
  status: `(CASE WHEN s.invalidation IS NOT NULL THEN 'invalidated' WHEN s.error IS NOT NULL THEN 'error' WHEN s.limit_hit IS NOT NULL THEN 'limit' ELSE 'complete' END)`,
  has_error: '(s.error IS NOT NULL)',
  has_limit: '(s.limit_hit IS NOT NULL)',
  // A sample imported before 0012 counts as not retried (retries itself is missing there).
  has_retries: '(coalesce(s.error_retries, 0) > 0)',
  invalidated: '(s.invalidation IS NOT NULL)',
};

const MATH: Readonly<Record<Exclude<MathFunction, 'round'>, string>> = {
  abs: 'abs',
  ceil: 'ceil',
  floor: 'floor',
  sqrt: 'sqrt',
  log: 'ln',
  log2: 'log2',
  log10: 'log10',
  min: 'min',
  max: 'max',
};

const COMPARISONS = { '==': '=', '<': '<', '<=': '<=', '>': '>', '>=': '>=' } as const;

/** How a JSON value is read: as a number, a string or a boolean only if it is one. */
type JsonView = 'number' | 'text' | 'boolean';

export function compileSampleFilter(filter: SampleFilter): SqlFragment {
  const sql = new SqlWriter();
  return { sql: sql.condition(filter), params: sql.params };
}

/** What a grid sorts by: the value itself, NULL where the sample has none. */
export function compileSortKey(value: SampleValue): SqlFragment {
  const sql = new SqlWriter();
  return { sql: sql.sortKey(value), params: sql.params };
}

/**
 * Writes SQL left to right and binds each parameter as its `?` is written, so the
 * parameters are in the order of their placeholders.
 */
class SqlWriter {
  readonly params: SqlParam[] = [];

  private bind(value: SqlParam): string {
    this.params.push(value);
    return '?';
  }

  condition(filter: SampleFilter): string {
    switch (filter.kind) {
      case 'and':
      case 'or':
        return `(${filter.operands.map((operand) => this.condition(operand)).join(filter.kind === 'and' ? ' AND ' : ' OR ')})`;
      case 'not':
        return `(NOT ${this.condition(filter.operand)})`;
      case 'boolean':
        return this.bind(filter.value ? 1 : 0);
      case 'read':
        return filter.value.kind === 'field'
          ? column(filter.value.field)
          : `coalesce(${this.booleanValue(filter)}, 0)`;
      case 'compare':
        return `coalesce(${this.comparison(filter)}, 0)`;
      case 'missing':
        return this.missing(filter.value);
      case 'matches':
        return `${REGEXP_FUNCTION}(${this.bind(filter.pattern)}, ${this.bind(filter.ignoreCase ? 1 : 0)}, ${this.text(filter.text)})`;
    }
  }

  private comparison(filter: SampleFilter & { kind: 'compare' }): string {
    switch (filter.type) {
      case 'number':
        return `${this.number(filter.left)} ${COMPARISONS[filter.op]} ${this.number(filter.right)}`;
      case 'text':
        return `${this.text(filter.left)} = ${this.text(filter.right)}`;
      case 'boolean':
        return `${this.booleanValue(filter.left)} = ${this.booleanValue(filter.right)}`;
    }
  }

  /**
   * A condition as an operand of `==`: a score or metadata value stays NULL where it is
   * not a JSON boolean, so `correct == False` is not true of a sample without one.
   */
  private booleanValue(filter: SampleFilter): string {
    if (filter.kind === 'read' && filter.value.kind !== 'field') {
      return this.dynamic(filter.value, 'boolean');
    }
    return this.condition(filter);
  }

  private number(expr: NumberExpr): string {
    switch (expr.kind) {
      case 'number':
        return this.bind(expr.value);
      case 'read':
        return this.read(expr.value, 'number');
      case 'negate':
        return `(- ${this.number(expr.operand)})`;
      case 'arithmetic':
        return this.arithmetic(expr);
      case 'math': {
        const args = expr.args.map((arg) => this.number(arg)).join(', ');
        // Math.round: halves go up (SQLite's round() takes -2.5 to -3).
        return expr.fn === 'round' ? `floor(${args} + 0.5)` : `${MATH[expr.fn]}(${args})`;
      }
    }
  }

  private arithmetic(expr: NumberExpr & { kind: 'arithmetic' }): string {
    const left = this.number(expr.left);
    const right = this.number(expr.right);
    switch (expr.op) {
      case '+':
      case '-':
      case '*':
        return `(${left} ${expr.op} ${right})`;
      // Division as in JavaScript, not SQLite's integer division; by 0 it is NULL.
      case '/':
        return `(CAST(${left} AS REAL) / ${right})`;
      case 'mod':
        return `mod(${left}, ${right})`;
      case '^':
        return `pow(${left}, ${right})`;
    }
  }

  private text(expr: TextExpr): string {
    return expr.kind === 'text' ? this.bind(expr.value) : this.read(expr.value, 'text');
  }

  private read(value: SampleValue, view: JsonView): string {
    switch (value.kind) {
      case 'field':
        return column(value.field);
      case 'answer':
        return `(SELECT sc.answer ${this.fromScore(value.scorer)})`;
      case 'score':
      case 'metadata':
        return this.dynamic(value, view);
    }
  }

  /** A score's or metadata value's SQL value, NULL unless its JSON type is the view's. */
  private dynamic(value: JsonSampleValue, view: JsonView): string {
    // A whole score as a number is the import's reading of it ("C" is 1, "I" is 0).
    if (value.kind === 'score' && value.key === null && view === 'number') {
      return `(SELECT sc.numeric ${this.fromScore(value.scorer)})`;
    }
    const { type, atom, from } = this.jsonSource(value);
    const read =
      view === 'number'
        ? `CASE WHEN ${type} IN ('integer', 'real') THEN ${atom} END`
        : view === 'text'
          ? `CASE WHEN ${type} = 'text' THEN ${atom} END`
          : `CASE ${type} WHEN 'true' THEN 1 WHEN 'false' THEN 0 END`;
    return `(SELECT ${read} ${from()})`;
  }

  /** `x == None`: no column value, no score, no key, or JSON null. */
  private missing(value: SampleValue): string {
    switch (value.kind) {
      case 'field':
        return `(${column(value.field)} IS NULL)`;
      case 'answer':
        return `((SELECT sc.answer ${this.fromScore(value.scorer)}) IS NULL)`;
      case 'score':
      case 'metadata': {
        const { type, from } = this.jsonSource(value);
        return `(coalesce((SELECT ${type} ${from()}), 'null') = 'null')`;
      }
    }
  }

  /**
   * Where a score's or a metadata key's JSON value is: its type and SQL value, and the
   * FROM of a subquery that finds it. Keys are matched by json_each with a bound key, never
   * written into a JSON path, so any key, quotes and dots included, is only data.
   */
  private jsonSource(value: JsonSampleValue): {
    type: string;
    atom: string;
    from: () => string;
  } {
    if (value.kind === 'metadata') {
      return {
        type: 'j.type',
        atom: 'j.atom',
        from: () => `FROM json_each(s.metadata) j WHERE j.key = ${this.bind(value.key)}`,
      };
    }
    const { scorer, key } = value;
    if (key === null) {
      return {
        type: 'json_type(sc.value)',
        atom: "(sc.value ->> '$')",
        from: () => this.fromScore(scorer),
      };
    }
    return {
      type: 'j.type',
      atom: 'j.atom',
      from: () =>
        `FROM sample_score sc, json_each(sc.value) j WHERE sc.sample_id = s.id AND sc.scorer = ${this.bind(scorer)} AND j.key = ${this.bind(key)}`,
    };
  }

  private fromScore(scorer: string): string {
    return `FROM sample_score sc WHERE sc.sample_id = s.id AND sc.scorer = ${this.bind(scorer)}`;
  }

  sortKey(value: SampleValue): string {
    switch (value.kind) {
      case 'field':
        return column(value.field);
      case 'answer':
        return this.read(value, 'text');
      case 'score':
        // A whole score sorts by its number where it has one, else by its text.
        if (value.key === null) {
          return `(SELECT coalesce(sc.numeric, sc.value ->> '$') ${this.fromScore(value.scorer)})`;
        }
        return `(SELECT j.atom ${this.jsonSource(value).from()})`;
      case 'metadata':
        return `(SELECT j.atom ${this.jsonSource(value).from()})`;
    }
  }
}

/** The column of a field; the filter's AST was typed, but a name outside the table is still refused here. */
function column(field: SampleField): string {
  if (!Object.hasOwn(COLUMNS, field)) throw new Error(`"${field}" is not a sample field`);
  return COLUMNS[field];
}
