import { printable } from '../text';

/** A filter the desk refuses: one sentence, and where in the filter (0-based) it went wrong. */
export class FilterError extends Error {
  override readonly name = 'FilterError';
  constructor(
    message: string,
    readonly position: number,
  ) {
    super(message);
  }
}

/** "at 12": positions in messages count characters from 1, as an editor's columns do. */
export function at(position: number): string {
  return `at ${position + 1}`;
}

/** Text from the filter or the data, quoted for a message, control characters escaped. */
export function quoted(text: string): string {
  return `"${printable(text)}"`;
}
