/**
 * C2SP tlog-checkpoint bodies (c2sp.org/tlog-checkpoint): the log's origin, its size in
 * decimal and its root hash in base64, each on a line, then optional extension lines. A
 * checkpoint is signed as a signed note (signed-note.ts).
 */
import { decodeStandardBase64, encodeBase64 } from '../crypto';
import { HASH_BYTES } from './merkle';

export interface Checkpoint {
  readonly origin: string;
  readonly size: number;
  readonly root: Uint8Array;
  /** Lines after the root, each non-empty; none by default. */
  readonly extensions: readonly string[];
}

export function formatCheckpoint({ origin, size, root, extensions }: Checkpoint): string {
  if (origin === '' || /[\n\r]/.test(origin))
    throw new RangeError('an origin is one non-empty line');
  if (!Number.isSafeInteger(size) || size < 0) throw new RangeError('a size is a whole number');
  if (root.length !== HASH_BYTES) throw new RangeError('a root is a SHA-256 hash');
  const lines = [origin, String(size), encodeBase64(root), ...extensions];
  return `${lines.join('\n')}\n`;
}

export type ParsedCheckpoint =
  | { readonly ok: true; readonly checkpoint: Checkpoint }
  | { readonly ok: false; readonly problem: string };

/** A checkpoint body, refused unless every line is as the spec writes it. */
export function parseCheckpoint(text: string): ParsedCheckpoint {
  if (!text.endsWith('\n')) return { ok: false, problem: 'a checkpoint ends in a newline' };
  const [origin, size, root, ...extensions] = text.slice(0, -1).split('\n');
  if (origin === undefined || origin === '')
    return { ok: false, problem: 'the origin line is empty' };
  // Decimal without leading zeros, so one size has one spelling.
  if (
    size === undefined ||
    !/^(0|[1-9][0-9]{0,15})$/.test(size) ||
    !Number.isSafeInteger(Number(size))
  )
    return { ok: false, problem: 'the size line is not a decimal number' };
  const hash = root === undefined ? null : decodeStandardBase64(root);
  if (hash?.length !== HASH_BYTES)
    return { ok: false, problem: 'the root line is not the base64 of a SHA-256 hash' };
  if (extensions.some((line) => line === ''))
    return { ok: false, problem: 'an extension line is empty' };
  return { ok: true, checkpoint: { origin, size: Number(size), root: hash, extensions } };
}
