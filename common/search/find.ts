/**
 * What a find looks for, the same in the sample view, the Search screen and `desk search`:
 * the words between spaces, each to occur, case-insensitively, in any order.
 */
export function wordsOf(text: string): string[] {
  return text.split(/\s+/u).filter((w) => w !== '');
}

/** A pattern for one word, as typed (no character of it is special). */
export function wordPattern(word: string, flags = 'iu'): RegExp {
  return new RegExp(word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), flags);
}

/** How many of `words` occur in `text`. */
export function wordsHeld(text: string, words: readonly string[]): number {
  return words.filter((w) => wordPattern(w).test(text)).length;
}
