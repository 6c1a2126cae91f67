/**
 * Text that came from outside (a bundle's names, a log's fields, a file name) and is
 * echoed to a terminal, the audit log or the UI. Control characters can move the cursor,
 * rewrite a terminal line or forge a log line; bidi controls make one name look like
 * another; lone surrogates let two different names print alike. Names a signer chose are
 * refused if they hold any of them; everything else is shown escaped.
 */
import { z } from 'zod';

// C0, DEL, C1, the Arabic letter mark, LRM/RLM, line and paragraph separators,
// bidi embeddings/overrides and isolates.
/* eslint-disable no-control-regex -- matching control characters is the point */
const UNSAFE =
  /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/u;
// As above, plus unpaired surrogates.
const UNSAFE_OR_LONE =
  /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/* eslint-enable no-control-regex */

/** True if `text` is well-formed Unicode with no control, separator or bidi character. */
export function isPlainText(text: string): boolean {
  return text.isWellFormed() && !UNSAFE.test(text);
}

/** `text` with every unsafe character and lone surrogate written as a visible `\u{…}` escape. */
export function printable(text: string): string {
  return text.replace(
    UNSAFE_OR_LONE,
    (c) => `\\u{${(c.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}}`,
  );
}

/**
 * Multi-line text (a transcript, a tool's output) as printable() writes it, but with line
 * feeds and tabs kept: they lay the text out and cannot move a cursor. A carriage return
 * can (it rewrites the line), so it is escaped like the rest.
 */
export function printableLines(text: string): string {
  return text
    .split('\n')
    .map((line) => line.split('\t').map(printable).join('\t'))
    .join('\n');
}

/**
 * JSON text (as JSON.stringify writes it, on one line) with every unsafe character written
 * as a JSON `\uXXXX` escape: the same JSON value, safe to print. Such characters can only
 * stand inside its strings, where the escape means the same character.
 */
export function printableJson(json: string): string {
  return json.replace(
    UNSAFE_OR_LONE,
    (c) => `\\u${(c.codePointAt(0) ?? 0).toString(16).padStart(4, '0')}`,
  );
}

/** A name a signer or a user chose (keys, models, evaluators): 1 to `max` plain characters. */
export function plainName(max: number): z.ZodString {
  const length = { message: `must be 1 to ${max} characters` };
  return z.string().min(1, length).max(max, length).refine(isPlainText, {
    message:
      'must not contain control, line-separator or text-direction characters, or unpaired surrogates',
  });
}

/** A document's id (a threshold set's, a task reference's): safe in a file name and a URL. */
export const SlugSchema = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, 'must be 1-64 letters, digits, ".", "_" or "-"');
