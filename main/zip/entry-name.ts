/**
 * Entry names from hostile archives. A bundle's entry names become paths in reports and
 * keys in the evidence store, and another tool may extract them on Windows or macOS, so
 * only plain relative POSIX paths are accepted: no absolute paths, drive letters,
 * backslashes, `.`/`..` or empty segments, no control characters, no names Windows
 * reserves or rewrites, valid UTF-8 only, and no two names that collide once case and
 * Unicode compatibility forms are ignored (they would overwrite each other there).
 */
import { isPlainText, printable } from '../../common/text';

const MAX_NAME_BYTES = 1024;
// ignoreBOM keeps a leading U+FEFF in the name, as every other reader does, instead of dropping it.
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

// Device names Windows opens instead of a file, whatever the extension or case; the
// superscript digits are devices too.
const WINDOWS_DEVICE = /^(con|prn|aux|nul|com[1-9¹²³]|lpt[1-9¹²³])$/i;
// Characters Windows refuses in a file name (`:` also opens an NTFS alternate stream).
const WINDOWS_FORBIDDEN = /[<>:"|?*]/;

export interface EntryName {
  /** The decoded name, or null if the bytes are not UTF-8. */
  readonly name: string | null;
  /** How a sentence refers to the entry: the name quoted and escaped, or its bytes in hex. */
  readonly shown: string;
  /** What is wrong with the name, as a phrase completing "entry … ", or null if it is safe. */
  readonly problem: string | null;
}

/** Decodes and checks a raw entry name. */
export function entryName(raw: Uint8Array): EntryName {
  let name: string;
  try {
    name = utf8.decode(raw);
  } catch {
    // Never a latin1 fallback: it would turn bytes 0x80-0x9f into C1 terminal controls.
    return {
      name: null,
      shown: `with the name bytes ${hex(raw)} (hex)`,
      problem: 'is not valid UTF-8',
    };
  }
  return { name, shown: quoted(name), problem: nameProblem(name, raw.length) };
}

/** A decoded name as a sentence shows it: quoted, every unsafe character escaped. */
export function quoted(name: string): string {
  return `"${printable(name)}"`;
}

function hex(raw: Uint8Array): string {
  return Buffer.from(raw)
    .toString('hex')
    .replace(/(..)(?!$)/g, '$1 ');
}

function nameProblem(name: string, bytes: number): string | null {
  if (bytes === 0) return 'is empty';
  if (bytes > MAX_NAME_BYTES) return `is longer than ${MAX_NAME_BYTES} bytes`;
  if (!isPlainText(name)) return 'contains a control, line-separator or text-direction character';
  if (name.includes('\\')) return 'contains a backslash';
  if (name.startsWith('/')) return 'is an absolute path';
  if (/^[a-zA-Z]:/.test(name)) return 'starts with a drive letter';
  if (name.endsWith('/')) return 'is a directory';
  const segments = name.split('/');
  if (segments.includes('..')) return 'climbs out of the archive with ".."';
  if (segments.includes('.')) return 'contains a "." segment';
  if (segments.includes('')) return 'contains an empty path segment';
  return segments.map(windowsProblem).find((problem) => problem !== null) ?? null;
}

function windowsProblem(segment: string): string | null {
  const forbidden = WINDOWS_FORBIDDEN.exec(segment);
  if (forbidden !== null) return `contains "${forbidden[0]}", which Windows forbids in file names`;
  if (/[. ]$/.test(segment)) {
    return `has the segment ${quoted(segment)}, ending in a dot or space, which Windows drops`;
  }
  // "CON.txt" and "con .tar.gz" open the console too: the device is the part before the first dot.
  const base = segment.split('.')[0]?.trimEnd() ?? '';
  if (WINDOWS_DEVICE.test(base)) {
    return `has the segment ${quoted(segment)}, a device name Windows reserves`;
  }
  return null;
}

/**
 * The key under which two names collide on a case-insensitive, normalising file system.
 * It approximates Unicode's NFKC_Casefold (full case folding with NFKC, default-ignorable
 * code points removed): JavaScript has no case folding, and upper- then lower-casing
 * reaches the same folded form for the pairs that matter (ß/SS, ς/σ, ſ/s, ﬁ/fi, K/K,
 * full-width letters; entry-name.test.ts checks each). A few rare letters fold differently
 * in Unicode's table; the names they make are still refused if they collide here.
 */
export function collisionKey(name: string): string {
  return name
    .normalize('NFKC')
    .replace(/\p{Default_Ignorable_Code_Point}/gu, '')
    .toUpperCase()
    .toLowerCase()
    .normalize('NFKC');
}
