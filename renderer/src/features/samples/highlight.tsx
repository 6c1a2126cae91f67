import type { ReactNode } from 'react';
import { wordPattern, wordsHeld, wordsOf } from '../../../../common/search';
import type { MessageView } from '../../../../common/transcripts';

/** `text` with each occurrence of a word of `find` marked; text nodes only. */
export function highlighted(text: string, find: string | undefined): ReactNode {
  const words = find === undefined ? [] : wordsOf(find);
  if (words.length === 0) return text;
  const pattern = new RegExp(`(${words.map((w) => wordPattern(w).source).join('|')})`, 'giu');
  return text.split(pattern).map((piece, i) =>
    // split with one capture group puts the matches at the odd indexes.
    i % 2 === 1 ? <mark key={i}>{piece}</mark> : piece,
  );
}

/** Whether `text` holds every word of `find`. */
export function contains(text: string, find: string): boolean {
  const words = wordsOf(find);
  return words.length > 0 && wordsHeld(text, words) === words.length;
}

/** Everything of a message a reader sees, for finding. */
export function messageText(message: MessageView): string {
  const parts = message.parts.map((p) =>
    p.kind === 'media'
      ? p.label
      : p.kind === 'tool-use'
        ? `${p.name} ${p.arguments} ${p.result}`
        : p.text,
  );
  const calls = message.toolCalls.map((c) => `${c.function} ${c.arguments}`);
  return [message.role, ...parts, ...calls, message.error ?? ''].join('\n');
}
