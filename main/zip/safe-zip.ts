/**
 * Reads zip archives that may be hostile: entry names, types, counts, sizes and
 * compression ratios are checked before any entry is read, and the bytes actually
 * inflated are counted while reading (declared sizes can lie). Problems are reported as
 * ZipRejection with one phrase naming the entry and the rule it broke.
 */
import type { Readable } from 'node:stream';
import yauzl from 'yauzl';
import { collisionKey, entryNameProblem } from './entry-name';

export interface ZipLimits {
  readonly maxEntries: number;
  readonly maxEntryBytes: number;
  readonly maxTotalBytes: number;
  /** Largest accepted uncompressed/compressed ratio for entries over `ratioFloorBytes`. */
  readonly maxRatio: number;
  readonly ratioFloorBytes: number;
}

export const DEFAULT_ZIP_LIMITS: ZipLimits = {
  maxEntries: 10_000,
  maxEntryBytes: 4 * 1024 ** 3,
  maxTotalBytes: 16 * 1024 ** 3,
  // Inspect logs compress well (JSON, often 10-30x); a zip bomb goes to 1000x and more.
  maxRatio: 200,
  ratioFloorBytes: 1024 * 1024,
};

export class ZipRejection extends Error {
  override readonly name = 'ZipRejection';
}

export interface ZipEntry {
  readonly name: string;
  readonly uncompressedSize: number;
  readonly compressedSize: number;
}

const S_IFMT = 0o170000;
const S_IFREG = 0o100000;
const S_IFLNK = 0o120000;
const UNIX_HOST = 3;
const STORED = 0;
const DEFLATED = 8;
const INFO_ZIP_UNICODE_PATH = 0x7075;

export class SafeZip {
  private constructor(
    private readonly zip: yauzl.ZipFile,
    private readonly byName: ReadonlyMap<string, yauzl.Entry>,
    readonly entries: readonly ZipEntry[],
  ) {}

  /** Opens `file` and checks every entry's metadata; throws ZipRejection on the first problem. */
  static async open(file: string, limits: ZipLimits = DEFAULT_ZIP_LIMITS): Promise<SafeZip> {
    let zip: yauzl.ZipFile;
    try {
      zip = await yauzl.openPromise(file, {
        lazyEntries: true,
        autoClose: false,
        decodeStrings: false,
        validateEntrySizes: true,
      });
    } catch (error) {
      throw new ZipRejection(`it is not a zip archive or it is truncated (${describe(error)})`);
    }
    try {
      const byName = await readCentralDirectory(zip, limits);
      const entries = [...byName.entries()].map(([name, e]) => ({
        name,
        uncompressedSize: e.uncompressedSize,
        compressedSize: e.compressedSize,
      }));
      return new SafeZip(zip, byName, entries);
    } catch (error) {
      zip.close();
      throw error;
    }
  }

  /** A stream of the entry's bytes; fails if it inflates past its declared size. */
  async openEntry(name: string): Promise<Readable> {
    const entry = this.byName.get(name);
    if (entry === undefined) throw new ZipRejection(`entry "${name}" does not exist`);
    try {
      return await this.zip.openReadStreamPromise(entry);
    } catch (error) {
      throw new ZipRejection(`entry "${name}" cannot be read (${describe(error)})`);
    }
  }

  /** The whole entry in memory, for small entries only (the caller sets the cap). */
  async readEntry(name: string, maxBytes: number): Promise<Buffer> {
    const entry = this.byName.get(name);
    if (entry !== undefined && entry.uncompressedSize > maxBytes) {
      throw new ZipRejection(`entry "${name}" is larger than ${maxBytes} bytes`);
    }
    const chunks: Buffer[] = [];
    try {
      for await (const chunk of await this.openEntry(name)) chunks.push(chunk as Buffer);
    } catch (error) {
      if (error instanceof ZipRejection) throw error;
      throw new ZipRejection(`entry "${name}" is corrupt (${describe(error)})`);
    }
    return Buffer.concat(chunks);
  }

  close(): void {
    this.zip.close();
  }
}

async function readCentralDirectory(
  zip: yauzl.ZipFile,
  limits: ZipLimits,
): Promise<Map<string, yauzl.Entry>> {
  if (zip.entryCount > limits.maxEntries) {
    throw new ZipRejection(
      `it has ${zip.entryCount} entries; at most ${limits.maxEntries} are accepted`,
    );
  }
  const byName = new Map<string, yauzl.Entry>();
  const byCollisionKey = new Map<string, string>();
  let total = 0;
  for (;;) {
    const entry = await nextEntry(zip);
    if (entry === null) break;
    const { name, problem } = entryNameProblem(entry.fileName as unknown as Buffer);
    if (problem !== null) throw new ZipRejection(`entry "${name}" ${problem}`);
    checkEntryType(name, entry);
    if (byName.has(name)) throw new ZipRejection(`entry "${name}" appears twice`);
    const twin = byCollisionKey.get(collisionKey(name));
    if (twin !== undefined) {
      throw new ZipRejection(
        `entries "${twin}" and "${name}" differ only in letter case or Unicode form`,
      );
    }
    checkEntrySize(name, entry, limits);
    total += entry.uncompressedSize;
    if (total > limits.maxTotalBytes) {
      throw new ZipRejection(`its entries add up to more than ${limits.maxTotalBytes} bytes`);
    }
    byName.set(name, entry);
    byCollisionKey.set(collisionKey(name), name);
  }
  return byName;
}

function nextEntry(zip: yauzl.ZipFile): Promise<yauzl.Entry | null> {
  return new Promise((resolve, reject) => {
    const cleanup = () => {
      zip.removeAllListeners('entry');
      zip.removeAllListeners('end');
      zip.removeAllListeners('error');
    };
    zip.once('entry', (entry: yauzl.Entry) => {
      cleanup();
      resolve(entry);
    });
    zip.once('end', () => {
      cleanup();
      resolve(null);
    });
    zip.once('error', (error: unknown) => {
      cleanup();
      reject(new ZipRejection(`its central directory is corrupt (${describe(error)})`));
    });
    zip.readEntry();
  });
}

function checkEntryType(name: string, entry: yauzl.Entry): void {
  if (entry.isEncrypted()) throw new ZipRejection(`entry "${name}" is encrypted`);
  if (entry.compressionMethod !== STORED && entry.compressionMethod !== DEFLATED) {
    throw new ZipRejection(
      `entry "${name}" uses compression method ${entry.compressionMethod}; only stored and deflate are accepted`,
    );
  }
  if (entry.extraFields.some((field) => field.id === INFO_ZIP_UNICODE_PATH)) {
    // A second, different name for the same entry: tools disagree on which one to use.
    throw new ZipRejection(`entry "${name}" carries an alternative Unicode file name`);
  }
  const madeBy = entry.versionMadeBy >> 8;
  const mode = (entry.externalFileAttributes >>> 16) & S_IFMT;
  if (madeBy === UNIX_HOST && mode === S_IFLNK) {
    throw new ZipRejection(`entry "${name}" is a symbolic link`);
  }
  if (madeBy === UNIX_HOST && mode !== 0 && mode !== S_IFREG) {
    throw new ZipRejection(`entry "${name}" is not a regular file`);
  }
}

function checkEntrySize(name: string, entry: yauzl.Entry, limits: ZipLimits): void {
  if (entry.uncompressedSize > limits.maxEntryBytes) {
    throw new ZipRejection(`entry "${name}" is larger than ${limits.maxEntryBytes} bytes`);
  }
  const ratio = entry.uncompressedSize / Math.max(1, entry.compressedSize);
  if (entry.uncompressedSize > limits.ratioFloorBytes && ratio > limits.maxRatio) {
    throw new ZipRejection(
      `entry "${name}" inflates ${Math.round(ratio)}-fold, more than the ${limits.maxRatio}-fold limit (a zip bomb?)`,
    );
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
