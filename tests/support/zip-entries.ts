/** Reads every entry of a zip into memory, for tests: decoded, raw with its method, or as a streaming extractor would. */
import zlib from 'node:zlib';
import yauzl from 'yauzl';

export interface RawZipEntry {
  readonly name: string;
  readonly method: number;
  /** The stored bytes, still compressed unless the method is 0. */
  readonly raw: Buffer;
}

export async function rawZipEntries(
  file: string,
  include: (name: string) => boolean = () => true,
): Promise<RawZipEntry[]> {
  const zip = await yauzl.openPromise(file, { lazyEntries: true, autoClose: false });
  const entries: RawZipEntry[] = [];
  try {
    for (;;) {
      const entry = await new Promise<yauzl.Entry | null>((resolve, reject) => {
        zip.once('entry', resolve);
        zip.once('end', () => {
          resolve(null);
        });
        zip.once('error', reject);
        zip.readEntry();
      });
      zip.removeAllListeners();
      if (entry === null) break;
      if (!include(entry.fileName)) continue;
      const chunks: Buffer[] = [];
      const options = { decodeFileData: false } as yauzl.ZipFileOptions;
      for await (const chunk of await zip.openReadStreamPromise(entry, options))
        chunks.push(chunk as Buffer);
      entries.push({
        name: entry.fileName,
        method: entry.compressionMethod,
        raw: Buffer.concat(chunks),
      });
    }
  } finally {
    zip.close();
  }
  return entries;
}

/**
 * What a streaming extractor (Java's ZipInputStream, `bsdtar -xf -`, unzip libraries that
 * read a pipe) takes from the bytes: it never sees the central directory, walks local
 * headers from offset 0, takes their names, and finds the end of a deflated entry with a
 * data descriptor by inflating until the deflate stream ends.
 */
export function streamingEntries(bytes: Buffer): { name: string; data: Buffer }[] {
  const entries: { name: string; data: Buffer }[] = [];
  let at = 0;
  while (at + 30 <= bytes.length && bytes.readUInt32LE(at) === 0x04034b50) {
    const flags = bytes.readUInt16LE(at + 6);
    const method = bytes.readUInt16LE(at + 8);
    const nameEnd = at + 30 + bytes.readUInt16LE(at + 26);
    const dataStart = nameEnd + bytes.readUInt16LE(at + 28);
    const name = bytes.subarray(at + 30, nameEnd).toString('utf8');
    let data: Buffer;
    let dataEnd: number;
    if (method === 8) {
      const rest = bytes.subarray(dataStart);
      const { buffer, engine } = zlib.inflateRawSync(rest, { info: true }) as unknown as {
        buffer: Buffer;
        engine: zlib.InflateRaw;
      };
      data = buffer;
      dataEnd =
        (flags & 0x0008) !== 0
          ? dataStart + engine.bytesWritten
          : dataStart + bytes.readUInt32LE(at + 18);
    } else {
      dataEnd = dataStart + bytes.readUInt32LE(at + 18);
      data = bytes.subarray(dataStart, dataEnd);
    }
    entries.push({ name, data: Buffer.from(data) });
    at = dataEnd + ((flags & 0x0008) !== 0 ? 16 : 0);
  }
  return entries;
}
