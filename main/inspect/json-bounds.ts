/**
 * What JSON.parse would build from a JSON text, measured on its bytes before it runs.
 * V8 ends the whole process, workers included, on an array past 2^27 elements, and a
 * member of a few hundred MiB of `{},{},…` builds gigabytes of objects; neither can be
 * caught once parsing has started. So the UTF-8 bytes are scanned once first: strings are
 * skipped with the native `indexOf` and count as a value each; outside them each `{`, `[`,
 * `,` and `:` counts as one (never fewer than the values, at most about twice as many, and
 * never fewer than the elements of any one array), and the brackets count as nesting.
 * Malformed text is left for JSON.parse to reject with its own message.
 */

export interface JsonShape {
  /** Deepest nesting of arrays and objects seen before the scan stopped. */
  readonly depth: number;
  /** Values counted before the scan stopped. */
  readonly values: number;
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_BRACE = 0x7b;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACE = 0x7d;
const CLOSE_BRACKET = 0x5d;
const COMMA = 0x2c;
const COLON = 0x3a;

/**
 * The shape of `bytes` as JSON; the scan stops as soon as a bound is passed, so the
 * result then exceeds it (and costs no more than the bytes up to that point).
 */
export function jsonShape(
  bytes: Uint8Array,
  bounds: { readonly maxDepth: number; readonly maxValues: number },
): JsonShape {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let depth = 0;
  let deepest = 0;
  let values = 0;
  for (let i = 0; i < buffer.length; i++) {
    const byte = buffer[i];
    if (byte === QUOTE) {
      i = closingQuote(buffer, i + 1);
      if (i < 0) break;
      values += 1;
    } else if (byte === OPEN_BRACE || byte === OPEN_BRACKET) {
      depth += 1;
      values += 1;
      if (depth > deepest) deepest = depth;
    } else if (byte === CLOSE_BRACE || byte === CLOSE_BRACKET) {
      depth -= 1;
    } else if (byte === COMMA || byte === COLON) {
      values += 1;
    } else {
      continue;
    }
    if (deepest > bounds.maxDepth || values > bounds.maxValues) break;
  }
  return { depth: deepest, values };
}

/** Index of the quote that closes a string whose content starts at `from`, or -1. */
function closingQuote(buffer: Buffer, from: number): number {
  let search = from;
  for (;;) {
    const quote = buffer.indexOf(QUOTE, search);
    if (quote < 0) return -1;
    let backslashes = 0;
    while (buffer[quote - 1 - backslashes] === BACKSLASH) backslashes += 1;
    if (backslashes % 2 === 0) return quote;
    search = quote + 1;
  }
}
