/**
 * Caps on single texts a reviewer reads whole: error messages, tracebacks, and names (solvers,
 * sandboxes, models, limit types). Transcripts are bounded only by the log's text limit, since
 * they are the evidence; these are labels and summaries, and a hostile log could otherwise put
 * a hundred megabytes in one of them. What is cut is said at the cut.
 */
import type { TextCounter } from './transcript';

/** An error message: Python's usually fit in a line; some carry a command's output. */
export const MAX_MESSAGE_CHARS = 16 * 1024;

/** A traceback: deep ones (asyncio, retries, chained exceptions) run to a few thousand lines. */
export const MAX_TRACEBACK_CHARS = 64 * 1024;

/** A name, a type or a file path. */
export const MAX_NAME_CHARS = 4096;

/** `text`, or its first `max` characters and a line saying how many more the log holds. */
export function capText(text: string, max: number): string {
  if (text.length <= max) return text;
  // Never split a surrogate pair: the kept part stays well-formed UTF-16.
  const end = isHighSurrogate(text.charCodeAt(max - 1)) ? max - 1 : max;
  return `${text.slice(0, end)}\n[cut: ${text.length - end} more characters in the log]`;
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

/** `text` capped to `max` and counted as stored text of the log. */
export function storeCapped(counter: TextCounter, text: string, max: number): string {
  return counter.stored(capText(text, max));
}
