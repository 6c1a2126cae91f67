/**
 * Which message of a transcript a search hit is in: the first that holds every word, else
 * the first that holds the most of them (FTS5 matched the words across the transcript, not
 * in one message), else none. The sample view lands on the same message.
 */
import { z } from 'zod';
import { wordsHeld } from '../../common/search';

/** Offsets as the import wrote them; anything else (a tampered row) gives no message. */
const StartsSchema = z.array(z.number().int().nonnegative()).min(1);

export function hitMessage(
  transcript: string,
  messageStarts: string | null,
  words: readonly string[],
): number | null {
  const starts = parseStarts(messageStarts, transcript.length);
  if (starts === null) return null;
  let best: { index: number; held: number } | null = null;
  for (const [index, start] of starts.entries()) {
    const held = wordsHeld(transcript.slice(start, starts[index + 1]), words);
    if (held === words.length) return index;
    if (held > 0 && (best === null || held > best.held)) best = { index, held };
  }
  return best?.index ?? null;
}

function parseStarts(json: string | null, length: number): number[] | null {
  if (json === null) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    return null;
  }
  const starts = StartsSchema.safeParse(parsed);
  if (!starts.success) return null;
  const ascending = starts.data.every(
    (start, i, all) => start <= length && (i === 0 ? start === 0 : start > (all[i - 1] ?? 0)),
  );
  return ascending ? starts.data : null;
}
