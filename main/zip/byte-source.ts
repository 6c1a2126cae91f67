/**
 * Positional reads from an archive file through one small window: the structural scan
 * walks headers from offset 0 to the end record, and bundles run to gigabytes, so the
 * file is never loaded whole; sequential header reads mostly hit the window. The
 * descriptor stays open for the entries' streams until close().
 */
import fs from 'node:fs';
import { promisify } from 'node:util';

const WINDOW_BYTES = 64 * 1024;
const open = promisify(fs.open);
const fstat = promisify(fs.fstat);
const read = promisify(fs.read);

export class ByteSource {
  private window = Buffer.alloc(0);
  private windowStart = 0;

  private constructor(
    readonly fd: number,
    readonly size: number,
  ) {}

  static async open(file: string): Promise<ByteSource> {
    const fd = await open(file, 'r');
    try {
      const stat = await fstat(fd);
      if (!stat.isFile()) throw new Error('it is not a regular file');
      return new ByteSource(fd, stat.size);
    } catch (error) {
      fs.closeSync(fd);
      throw error;
    }
  }

  /** `length` bytes at `offset`, or null if the file ends first. The view is valid until the next call. */
  async bytes(offset: number, length: number): Promise<Buffer | null> {
    if (offset < 0 || length < 0 || offset + length > this.size) return null;
    const inWindow = offset - this.windowStart;
    if (inWindow >= 0 && inWindow + length <= this.window.length) {
      return this.window.subarray(inWindow, inWindow + length);
    }
    const wanted = Math.min(Math.max(length, WINDOW_BYTES), this.size - offset);
    const buffer =
      this.window.buffer.byteLength >= wanted
        ? Buffer.from(this.window.buffer, 0, wanted)
        : Buffer.alloc(wanted);
    this.window = Buffer.alloc(0); // until the read completes, nothing is cached
    let filled = 0;
    while (filled < wanted) {
      const { bytesRead } = await read(this.fd, buffer, filled, wanted - filled, offset + filled);
      if (bytesRead === 0) return null; // the file shrank while we read it
      filled += bytesRead;
    }
    this.window = buffer;
    this.windowStart = offset;
    return buffer.subarray(0, length);
  }

  close(): void {
    fs.closeSync(this.fd);
  }
}
