/**
 * JSON as Python writes it. Inspect's legacy `.json` logs come from `json.dumps`, which
 * writes the bare tokens `NaN`, `Infinity` and `-Infinity` for non-finite floats (an
 * unscored sample's value, a metric over no samples). Standard JSON has no such tokens,
 * so before `JSON.parse` we swap each one that stands outside a string for a string
 * sentinel and turn the sentinels back into numbers with a reviver. The sentinels carry a
 * random nonce, so no string in a hostile log can pass for one. Nothing is ever evaluated.
 */
import { randomUUID } from 'node:crypto';

const NON_FINITE: Readonly<Record<string, number>> = {
  NaN: Number.NaN,
  Infinity: Number.POSITIVE_INFINITY,
  '-Infinity': Number.NEGATIVE_INFINITY,
};

/** Parses `text` as JSON that may hold Python's NaN/Infinity tokens; throws SyntaxError if invalid. */
export function parseLenientJson(text: string): unknown {
  // Fast path: most members have no such token anywhere, not even inside strings.
  if (!text.includes('NaN') && !text.includes('Infinity')) return JSON.parse(text);
  const nonce = randomUUID();
  const { text: rewritten, replaced } = replaceNonFiniteTokens(text, nonce);
  if (!replaced) return JSON.parse(text);
  const sentinels = new Map(
    Object.entries(NON_FINITE).map(([token, value]) => [sentinel(nonce, token), value]),
  );
  return JSON.parse(rewritten, (_key, value: unknown) =>
    typeof value === 'string' ? (sentinels.get(value) ?? value) : value,
  );
}

function sentinel(nonce: string, token: string): string {
  return `${nonce}:${token}`;
}

/**
 * Replaces the tokens outside strings with quoted sentinels. Strings are skipped with
 * indexOf (a closing quote counts when an even number of backslashes precedes it), so the
 * scan costs little more than one pass of native searching even for very large members.
 * Anything malformed is left for JSON.parse to reject with its own message.
 */
function replaceNonFiniteTokens(text: string, nonce: string): { text: string; replaced: boolean } {
  const parts: string[] = [];
  const interesting = /["NI]/g;
  let copiedUpTo = 0;
  let position = 0;
  for (;;) {
    interesting.lastIndex = position;
    const match = interesting.exec(text);
    if (match === null) break;
    const at = match.index;
    if (text[at] === '"') {
      const end = closingQuote(text, at + 1);
      if (end < 0) break;
      position = end + 1;
      continue;
    }
    const token = text.startsWith('NaN', at)
      ? 'NaN'
      : text.startsWith('Infinity', at)
        ? 'Infinity'
        : null;
    if (token === null) {
      position = at + 1;
      continue;
    }
    const negative = token === 'Infinity' && text[at - 1] === '-';
    const start = negative ? at - 1 : at;
    parts.push(
      text.slice(copiedUpTo, start),
      JSON.stringify(sentinel(nonce, negative ? '-Infinity' : token)),
    );
    copiedUpTo = at + token.length;
    position = copiedUpTo;
  }
  if (parts.length === 0) return { text, replaced: false };
  parts.push(text.slice(copiedUpTo));
  return { text: parts.join(''), replaced: true };
}

/** Index of the quote that closes a string whose content starts at `from`, or -1. */
function closingQuote(text: string, from: number): number {
  let search = from;
  for (;;) {
    const quote = text.indexOf('"', search);
    if (quote < 0) return -1;
    let backslashes = 0;
    while (text[quote - 1 - backslashes] === '\\') backslashes += 1;
    if (backslashes % 2 === 0) return quote;
    search = quote + 1;
  }
}
