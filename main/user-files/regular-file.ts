/**
 * Files a user names (a bundle, a key file, a passphrase file, a threshold set) are
 * hostile paths: a FIFO blocks `open` forever, /dev/zero never ends, a directory is not a
 * file. So a path is stat'ed first and only a regular file is opened; it is opened with
 * O_NONBLOCK (a FIFO swapped in after the stat cannot block the open) and checked again
 * through the descriptor. Symbolic links are followed: what they point to is what is checked.
 */
import fs from 'node:fs';

/** Why the file cannot be used, completing "the file …". */
export class FileProblem extends Error {
  override readonly name = 'FileProblem';
}

export const OPEN_FLAGS = fs.constants.O_RDONLY | fs.constants.O_NONBLOCK | fs.constants.O_NOCTTY;

export async function statOrExplain(file: string): Promise<fs.Stats> {
  try {
    return await fs.promises.stat(file);
  } catch (error) {
    throw explained(error);
  }
}

/** A regular file as opened: the same file as `seen`, or a FileProblem. */
export function requireSameRegular(seen: fs.Stats, opened: fs.Stats): void {
  requireRegular(opened);
  if (opened.dev !== seen.dev || opened.ino !== seen.ino) {
    throw new FileProblem('changed while it was being opened');
  }
}

export function requireRegular(stats: fs.Stats): void {
  if (stats.isFile()) return;
  const what = stats.isDirectory()
    ? 'a directory'
    : stats.isFIFO()
      ? 'a named pipe (FIFO)'
      : stats.isCharacterDevice() || stats.isBlockDevice()
        ? 'a device'
        : stats.isSocket()
          ? 'a socket'
          : 'not a file';
  throw new FileProblem(`is ${what}, not a regular file`);
}

/**
 * The bytes of a small regular file (a key, a passphrase, a signed document), at most
 * `maxBytes`: read synchronously, for the CLI and the tools that read one file and go on.
 */
export function readRegularFile(file: string, maxBytes: number): Buffer {
  let seen: fs.Stats;
  try {
    seen = fs.statSync(file);
  } catch (error) {
    throw explained(error);
  }
  requireRegular(seen);
  const fd = openOrExplain(file);
  try {
    const opened = fs.fstatSync(fd);
    requireSameRegular(seen, opened);
    if (opened.size > maxBytes) {
      throw new FileProblem(
        `is ${opened.size} bytes, more than the ${maxBytes} such a file may be`,
      );
    }
    // No more than the size seen at opening: a file that grows while it is read ends there.
    const bytes = Buffer.alloc(opened.size);
    let done = 0;
    while (done < bytes.length) {
      const read = fs.readSync(fd, bytes, done, bytes.length - done, done);
      if (read === 0) throw new FileProblem('became shorter while it was being read');
      done += read;
    }
    return bytes;
  } finally {
    fs.closeSync(fd);
  }
}

function openOrExplain(file: string): number {
  try {
    return fs.openSync(file, OPEN_FLAGS);
  } catch (error) {
    throw explained(error);
  }
}

function explained(error: unknown): unknown {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT' || code === 'ENOTDIR') return new FileProblem('does not exist');
  if (code === 'EACCES' || code === 'EPERM')
    return new FileProblem('cannot be read (permission denied)');
  if (code === 'ELOOP') return new FileProblem('is a loop of symbolic links');
  if (code === 'EISDIR') return new FileProblem('is a directory, not a regular file');
  return error;
}
