/** Reads every entry of a zip into memory, for tests: decoded, or raw with its method. */
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
