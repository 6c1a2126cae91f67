/**
 * A bundle file as the user named it, read exactly once: one sequential pass hashes it
 * while writing a private copy into the import's staging folder, and everything after
 * (verification, the evidence) reads only that copy. So the digest is the digest of what
 * is verified, whatever happens to the original meanwhile.
 *
 * The path is hostile too: a FIFO would block `open` (and a libuv thread) forever, a
 * device like /dev/zero never ends, a directory is not a bundle. So the path is stat'ed
 * first and only a regular file is opened; it is opened with O_NONBLOCK (a FIFO swapped in
 * after the stat cannot block the open) and the descriptor is fstat'ed to be the same
 * regular file. Symbolic links are followed (a bundle reached through a link is still a
 * bundle; what it points to is what is checked), which is why O_NOFOLLOW is not used.
 * Each read has a timeout (a file on a hung network mount), and no more than the size seen
 * at opening is read, so a file that grows while being read cannot keep the import going.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';

/** Why the file cannot be imported, completing "the file …" (or "it …"). */
export class SourceFileProblem extends Error {
  override readonly name = 'SourceFileProblem';
}

export interface CopyOptions {
  /** Bytes copied so far, and the file's size. */
  readonly onProgress?: (done: number, total: number) => void;
  readonly signal?: AbortSignal;
  /** How long one read of the file may take. */
  readonly readTimeoutMs?: number;
}

export interface CopiedSource {
  /** SHA-256 of the bytes copied, hex. */
  readonly sha256: string;
  readonly size: number;
}

const CHUNK_BYTES = 1024 * 1024;
const DEFAULT_READ_TIMEOUT_MS = 30_000;

/** Copies `source` to `copy` (a new file, 0600 then read-only), hashing what it copies. */
export async function copySource(
  source: string,
  copy: string,
  options: CopyOptions = {},
): Promise<CopiedSource> {
  const seen = await statOrExplain(source);
  requireRegular(seen);
  const input = await fs.promises.open(
    source,
    fs.constants.O_RDONLY | fs.constants.O_NONBLOCK | fs.constants.O_NOCTTY,
  );
  // The read in flight: one that timed out still holds the descriptor until it ends.
  const reading: { last: Promise<unknown>; timedOut: boolean } = {
    last: Promise.resolve(),
    timedOut: false,
  };
  try {
    const opened = await input.stat();
    requireRegular(opened);
    if (opened.dev !== seen.dev || opened.ino !== seen.ino) {
      throw new SourceFileProblem('changed while it was being opened');
    }
    const output = await fs.promises.open(copy, 'wx', 0o600);
    try {
      const sha256 = await copyBytes(input, output, opened.size, options, reading);
      await output.chmod(0o400);
      return { sha256, size: opened.size };
    } finally {
      await output.close();
    }
  } finally {
    const close = () => input.close();
    if (reading.timedOut) void reading.last.then(close, close);
    else await close();
  }
}

async function copyBytes(
  input: fs.promises.FileHandle,
  output: fs.promises.FileHandle,
  size: number,
  options: CopyOptions,
  reading: { last: Promise<unknown>; timedOut: boolean },
): Promise<string> {
  const hash = crypto.createHash('sha256');
  const buffer = Buffer.alloc(Math.min(CHUNK_BYTES, Math.max(1, size)));
  const timeout = options.readTimeoutMs ?? DEFAULT_READ_TIMEOUT_MS;
  let done = 0;
  options.onProgress?.(0, size);
  while (done < size) {
    options.signal?.throwIfAborted();
    const read = input.read(buffer, 0, Math.min(buffer.length, size - done), done);
    reading.last = read;
    const { bytesRead } = await withTimeout(read, timeout, () => {
      reading.timedOut = true;
    });
    if (bytesRead === 0) throw new SourceFileProblem('became shorter while it was being read');
    const chunk = buffer.subarray(0, bytesRead);
    hash.update(chunk);
    await output.write(chunk, 0, bytesRead);
    done += bytesRead;
    options.onProgress?.(done, size);
  }
  return hash.digest('hex');
}

async function withTimeout<T>(work: Promise<T>, ms: number, onExpiry: () => void): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => {
      onExpiry();
      reject(new SourceFileProblem(`could not be read within ${ms / 1000} seconds`));
    }, ms);
  });
  try {
    return await Promise.race([work, expired]);
  } finally {
    clearTimeout(timer);
  }
}

async function statOrExplain(source: string): Promise<fs.Stats> {
  try {
    return await fs.promises.stat(source);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') throw new SourceFileProblem('does not exist');
    if (code === 'EACCES') throw new SourceFileProblem('cannot be read (permission denied)');
    if (code === 'ELOOP') throw new SourceFileProblem('is a loop of symbolic links');
    throw error;
  }
}

function requireRegular(stats: fs.Stats): void {
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
  throw new SourceFileProblem(`is ${what}, not a regular file`);
}
