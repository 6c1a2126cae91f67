/**
 * An entry's bytes as a stream, checked as they pass: never more than the declared size,
 * and at the end exactly that size, the declared CRC-32, and for deflate a stream that
 * ends on the entry's last compressed byte. Python's zipfile refuses a CRC mismatch, and a
 * streaming extractor takes the end of the deflate stream for the end of the entry, so
 * bytes hidden after it would be read by such a tool as the next header.
 */
import fs from 'node:fs';
import { pipeline, Readable, Transform, type TransformCallback } from 'node:stream';
import zlib from 'node:zlib';
import type { LaidOutEntry } from './layout';
import { ZipRejection } from './rejection';

const DEFLATED = 8;

export function entryStream(fd: number, entry: LaidOutEntry): Readable {
  const stored =
    entry.compressedSize === 0
      ? Readable.from([])
      : fs.createReadStream('', {
          fd,
          autoClose: false,
          start: entry.dataOffset,
          end: entry.dataOffset + entry.compressedSize - 1,
        });
  const inflate = entry.method === DEFLATED ? zlib.createInflateRaw() : null;
  const check = new EntryCheck(entry, inflate);
  const stages = inflate === null ? [stored, check] : [stored, inflate, check];
  return pipeline(stages, () => undefined) as unknown as Readable;
}

class EntryCheck extends Transform {
  private bytes = 0;
  private crc = 0;
  private readonly subject: string;

  constructor(
    private readonly entry: LaidOutEntry,
    private readonly inflate: zlib.InflateRaw | null,
  ) {
    super();
    this.subject = `entry ${entry.name.shown}`;
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    this.bytes += chunk.length;
    if (this.bytes > this.entry.uncompressedSize) {
      done(
        new ZipRejection(
          `${this.subject} inflates past its declared ${this.entry.uncompressedSize} bytes`,
        ),
      );
      return;
    }
    this.crc = zlib.crc32(chunk, this.crc);
    done(null, chunk);
  }

  override _flush(done: TransformCallback): void {
    if (this.bytes !== this.entry.uncompressedSize) {
      done(
        new ZipRejection(
          `${this.subject} holds ${this.bytes} bytes, not the ${this.entry.uncompressedSize} it declares`,
        ),
      );
    } else if (this.crc !== this.entry.crc32) {
      done(new ZipRejection(`${this.subject} does not match its CRC-32`));
    } else if (this.inflate !== null && this.inflate.bytesWritten !== this.entry.compressedSize) {
      done(
        new ZipRejection(
          `${this.subject}'s deflate stream ends ${this.entry.compressedSize - this.inflate.bytesWritten} bytes before its data does (hidden bytes)`,
        ),
      );
    } else {
      done();
    }
  }
}
