/**
 * JSON for signed documents and key files. JSON.parse keeps the last of two equal keys
 * (RFC 8259 §4 leaves duplicates to the parser), so a signer and a verifier that parse
 * differently can read one signed payload two ways; and TextDecoder drops a leading byte
 * order mark by default, so two different byte strings read as one document. Both are
 * refused here: the text must be exactly one JSON value whose every object has distinct
 * keys, with no BOM, nested at most MAX_JSON_DEPTH deep.
 */
import { printable } from '../../common/text';

export type StrictJson = { ok: true; value: unknown } | { ok: false; reason: string };

const BOM = '\ufeff';
const SHOWN_KEY_MAX = 60;
/** Our signed documents nest a few levels; deeper input only exhausts recursive readers later. */
export const MAX_JSON_DEPTH = 64;

/**
 * Parses `input` (UTF-8 bytes or text). A refusal's reason is a clause that completes
 * "…cannot be used: <reason>", e.g. `it has the key "a" twice in one object`.
 */
export function parseStrictJson(input: Uint8Array | string): StrictJson {
  let text: string;
  if (typeof input === 'string') {
    text = input;
  } else {
    try {
      // ignoreBOM keeps a leading BOM in the text, so it is refused below, not dropped.
      text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(input);
    } catch {
      return { ok: false, reason: 'it is not valid UTF-8' };
    }
  }
  if (text.startsWith(BOM)) {
    return { ok: false, reason: 'it starts with a byte order mark (U+FEFF), which is not allowed' };
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    // SyntaxError, or RangeError for nesting deeper than the stack.
    return { ok: false, reason: 'it is not JSON' };
  }
  const problem = structuralProblem(text);
  return problem === null ? { ok: true, value } : { ok: false, reason: problem };
}

/**
 * A key that repeats within one object, a key named __proto__, or nesting past the limit;
 * null if none.
 * `text` is already known to be valid JSON, so this only has to find strings and
 * brackets; keys are compared decoded ("a" and "\u0061" are the same key).
 */
function structuralProblem(text: string): string | null {
  // One entry per open container: the keys seen so far for an object, null for an array.
  const open: (Set<string> | null)[] = [];
  let expectingKey = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') {
      const end = stringEnd(text, i);
      const top = open.at(-1);
      if (expectingKey && top) {
        const key = JSON.parse(text.slice(i, end + 1)) as string;
        if (top.has(key)) return `it has the key ${showKey(key)} more than once in one object`;
        // zod's records and objects drop this key without a word, so a signed document holding
        // it would not mean what it says to every reader.
        if (key === '__proto__') return 'it has a key named "__proto__", which is not allowed';
        top.add(key);
        expectingKey = false;
      }
      i = end;
    } else if (c === '{' || c === '[') {
      if (open.length === MAX_JSON_DEPTH) return `it nests deeper than ${MAX_JSON_DEPTH} levels`;
      open.push(c === '{' ? new Set() : null);
      expectingKey = c === '{';
    } else if (c === '}' || c === ']') {
      open.pop();
    } else if (c === ',') {
      expectingKey = open.at(-1) instanceof Set;
    }
  }
  return null;
}

/** Index of the quote that closes the string opening at `start`. */
function stringEnd(text: string, start: number): number {
  let i = start + 1;
  while (text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
  return i;
}

function showKey(key: string): string {
  const cut = key.length > SHOWN_KEY_MAX ? `${key.slice(0, SHOWN_KEY_MAX)}…` : key;
  return `"${printable(cut)}"`;
}
