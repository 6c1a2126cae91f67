import type { ReactNode } from 'react';

/** `text` with each case-insensitive occurrence of `find` marked; text nodes only. */
export function highlighted(text: string, find: string | undefined): ReactNode {
  if (!find) return text;
  const pattern = new RegExp(`(${escapeRegExp(find)})`, 'giu');
  return text.split(pattern).map((piece, i) =>
    // split with one capture group puts the matches at the odd indexes.
    i % 2 === 1 ? <mark key={i}>{piece}</mark> : piece,
  );
}

/** Whether `text` holds `find`, as highlighted() matches it. */
export function contains(text: string, find: string): boolean {
  return new RegExp(escapeRegExp(find), 'iu').test(text);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
