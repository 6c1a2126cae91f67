/**
 * A bundle file as the user named it, read exactly once: one sequential pass hashes it
 * while writing a private copy into the import's staging folder, and everything after
 * (verification, the evidence) reads only that copy. So the digest is the digest of what
 * is verified, whatever happens to the original meanwhile.
 *
 * The path is hostile too: only a regular file is opened, and it is checked again through
 * the descriptor (main/user-files). Each read has a timeout (a file on a hung network mount), and no more than the size seen
 * at opening is read, so a file that grows while being read cannot keep the import going.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import {
  FileProblem,
  OPEN_FLAGS,
  requireRegular,
  requireSameRegular,
  statOrExplain,
} from '../user-files';

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
  const input = await fs.promises.open(source, OPEN_FLAGS);
  // The read in flight: one that timed out still holds the descriptor until it ends.
  const reading: { last: Promise<unknown>; timedOut: boolean } = {
    last: Promise.resolve(),
    timedOut: false,
  };
  try {
    const opened = await input.stat();
    requireSameRegular(seen, opened);
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
    // A read that timed out may end in ENOTCONN when its mount goes; closing may fail alike.
    if (reading.timedOut) void reading.last.then(close, close).catch(() => undefined);
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
    if (bytesRead === 0) throw new FileProblem('became shorter while it was being read');
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
      reject(new FileProblem(`could not be read within ${ms / 1000} seconds`));
    }, ms);
  });
  try {
    return await Promise.race([work, expired]);
  } finally {
    clearTimeout(timer);
  }
}
