/**
 * The samples grid's filter language: Inspect View's filter expressions (filtrex), read
 * strictly, into a typed SampleFilter that db/samples.ts compiles to SQL. Grammar, fields
 * and the differences from Inspect View: docs/evidence-browser.md, "Filtering samples".
 */
import { MAX_FILTER_LENGTH, type SampleFilter } from './ast';
import { at, FilterError } from './error';
import { resolveFilter, type FilterNames } from './resolve';
import { parseSyntax } from './syntax';

export {
  MATH_FUNCTIONS,
  MAX_FILTER_LENGTH,
  MAX_FILTER_NESTING,
  SAMPLE_FIELD_TYPES,
  SAMPLE_FIELDS,
  SampleValueSchema,
  type ArithmeticOperator,
  type JsonSampleValue,
  type MathFunction,
  type NumberExpr,
  type OrderOperator,
  type SampleField,
  type SampleFilter,
  type SampleValue,
  type TextExpr,
  type ValueType,
} from './ast';
export { compileRegex, type TextMatcher } from './regex';
export type { FilterNames } from './resolve';
export {
  SAMPLE_PAGE_LIMIT,
  SampleScopeSchema,
  SampleSortSchema,
  type SampleScope,
  type SampleSort,
} from './query';

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

export type ParsedFilter =
  /** `filter` is null for a filter of only whitespace: every sample. */
  | { readonly ok: true; readonly filter: SampleFilter | null }
  | { readonly ok: false; readonly error: { readonly message: string; readonly position: number } };

/**
 * Reads a filter the user typed. `names` are the scorers of the samples it filters (a
 * bare name that is not a field must be one) and the selected scorer, whose answer
 * `answer` reads. Never throws for any text: a filter it refuses comes back as one
 * sentence and the 0-based position it names.
 */
export function parseSampleFilter(text: string, names: FilterNames): ParsedFilter {
  try {
    if (text.length > MAX_FILTER_LENGTH) {
      throw new FilterError(
        `The filter is ${text.length.toLocaleString('en-GB')} characters long; the most is ${MAX_FILTER_LENGTH.toLocaleString('en-GB')}.`,
        MAX_FILTER_LENGTH,
      );
    }
    const surrogate = LONE_SURROGATE.exec(text);
    if (surrogate) {
      throw new FilterError(
        `The filter has an unpaired surrogate ${at(surrogate.index)}.`,
        surrogate.index,
      );
    }
    if (text.trim() === '') return { ok: true, filter: null };
    return { ok: true, filter: resolveFilter(parseSyntax(text), names) };
  } catch (error) {
    if (!(error instanceof FilterError)) throw error;
    return { ok: false, error: { message: error.message, position: error.position } };
  }
}
