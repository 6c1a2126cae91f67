/**
 * Inspect's `value_to_float` (inspect_ai/scorer/_metric.py), the rule every built-in
 * metric and reducer uses to turn a score value into a number:
 *
 *   numbers and booleans        → themselves (true → 1)
 *   "C" (CORRECT)               → 1      "P" (PARTIAL) → 0.5
 *   "I" (INCORRECT), "N" (NOANSWER) → 0
 *   "yes"/"true" → 1, "no"/"false" → 0  (any letter case)
 *   a string Python's float() reads as a finite number → that number
 *
 * The C/I/P/N comparison is case-sensitive, as in Inspect. Anything else (other strings,
 * lists, dicts) is not a number: `valueToFloat` returns null, where Inspect logs a warning
 * and uses 0 (`inspectFloat` reproduces that for recomputation).
 */

/** Python float() syntax, ASCII only: sign, digits with single underscores, fraction, exponent. */
const DIGITS = String.raw`\d(?:_?\d)*`;
const PYTHON_FLOAT = new RegExp(
  String.raw`^\s*[+-]?(?:${DIGITS}(?:\.(?:${DIGITS})?)?|\.${DIGITS})(?:[eE][+-]?${DIGITS})?\s*$`,
);

/** The number Inspect would use for `value`, or null where Inspect would warn and use 0. */
export function valueToFloat(value: unknown): number | null {
  if (typeof value === 'number') return value;
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value !== 'string') return null;
  if (value === 'C') return 1;
  if (value === 'P') return 0.5;
  if (value === 'I' || value === 'N') return 0;
  const lower = value.toLowerCase();
  if (lower === 'yes' || lower === 'true') return 1;
  if (lower === 'no' || lower === 'false') return 0;
  if (PYTHON_FLOAT.test(value)) {
    const parsed = Number(value.replaceAll('_', '').trim());
    if (Number.isFinite(parsed)) return parsed;
  }
  return null;
}

/** `value_to_float` exactly as Inspect applies it in metrics: unconvertible values count as 0. */
export function inspectFloat(value: unknown): number {
  return valueToFloat(value) ?? 0;
}
