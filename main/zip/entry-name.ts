/**
 * Entry names from hostile archives. A bundle's entry names become paths in reports and
 * keys in the evidence store, so only plain relative POSIX paths are accepted:
 * no absolute paths, drive letters, backslashes, `.`/`..` or empty segments, no control
 * characters, valid UTF-8, and no two names that collide when case and Unicode form are
 * ignored (they would overwrite each other on macOS or Windows).
 */
const MAX_NAME_BYTES = 1024;
const utf8 = new TextDecoder('utf-8', { fatal: true });

/** The problem with a raw entry name, as a phrase, or null if the name is safe. */
export function entryNameProblem(raw: Uint8Array): { name: string; problem: string | null } {
  let name: string;
  try {
    name = utf8.decode(raw);
  } catch {
    return { name: Buffer.from(raw).toString('latin1'), problem: 'is not valid UTF-8' };
  }
  return { name, problem: nameProblem(name, raw.length) };
}

function nameProblem(name: string, bytes: number): string | null {
  if (bytes === 0) return 'is empty';
  if (bytes > MAX_NAME_BYTES) return `is longer than ${MAX_NAME_BYTES} bytes`;
  // eslint-disable-next-line no-control-regex -- control characters are exactly what we refuse
  if (/[\u0000-\u001f\u007f]/.test(name)) return 'contains a control character';
  if (name.includes('\\')) return 'contains a backslash';
  if (name.startsWith('/')) return 'is an absolute path';
  if (/^[a-zA-Z]:/.test(name)) return 'starts with a drive letter';
  if (name.endsWith('/')) return 'is a directory';
  const segments = name.split('/');
  if (segments.includes('..')) return 'climbs out of the archive with ".."';
  if (segments.includes('.')) return 'contains a "." segment';
  if (segments.includes('')) return 'contains an empty path segment';
  return null;
}

/** The key under which two names collide on a case-insensitive, normalising file system. */
export function collisionKey(name: string): string {
  return name.normalize('NFC').toLowerCase();
}
