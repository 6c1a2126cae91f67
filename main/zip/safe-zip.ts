/**
 * Reads zip archives that may be hostile. Opening runs the structural scan (layout.ts),
 * which accepts an archive only if every reader would see the same entries, then checks
 * every entry's name, type, size and compression ratio before any entry is read; reading
 * counts the bytes actually inflated and checks their CRC-32 (declared sizes can lie).
 * Problems are reported as ZipRejection with one phrase naming the entry and the rule it
 * broke. The file stays open until close(), so entries are read from the file that was
 * scanned even if its path is replaced meanwhile.
 */
import type { Readable } from 'node:stream';
import { ByteSource } from './byte-source';
import { collisionKey, quoted } from './entry-name';
import { entryStream } from './entry-stream';
import { readLayout, type LaidOutEntry } from './layout';
import { ZipRejection } from './rejection';

export { ZipRejection } from './rejection';

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

export class SafeZip {
  private open = true;

  private constructor(
    private readonly source: ByteSource,
    private readonly byName: ReadonlyMap<string, LaidOutEntry>,
    readonly entries: readonly ZipEntry[],
  ) {}

  /** Opens `file` and checks its structure and every entry's metadata; throws ZipRejection on the first problem. */
  static async open(file: string, limits: ZipLimits = DEFAULT_ZIP_LIMITS): Promise<SafeZip> {
    let source: ByteSource;
    try {
      source = await ByteSource.open(file);
    } catch (error) {
      throw new ZipRejection(`it cannot be read (${describe(error)})`);
    }
    try {
      const byName = checkEntries(await readLayout(source, limits.maxEntries), limits);
      const entries = [...byName.entries()].map(([name, e]) => ({
        name,
        uncompressedSize: e.uncompressedSize,
        compressedSize: e.compressedSize,
      }));
      return new SafeZip(source, byName, entries);
    } catch (error) {
      source.close();
      // A read error mid-scan (EIO, a file that shrank) is a refusal too, not a crash.
      throw error instanceof ZipRejection
        ? error
        : new ZipRejection(`it cannot be read (${describe(error)})`);
    }
  }

  /** A stream of the entry's bytes; fails if they differ from its declared size or CRC-32. */
  openEntry(name: string): Promise<Readable> {
    const entry = this.byName.get(name);
    if (entry === undefined)
      return Promise.reject(new ZipRejection(`entry ${quoted(name)} does not exist`));
    if (!this.open) return Promise.reject(new ZipRejection('the archive is closed'));
    return Promise.resolve(entryStream(this.source.fd, entry));
  }

  /** The whole entry in memory, for small entries only (the caller sets the cap). */
  async readEntry(name: string, maxBytes: number): Promise<Buffer> {
    const entry = this.byName.get(name);
    if (entry !== undefined && entry.uncompressedSize > maxBytes) {
      throw new ZipRejection(`entry ${quoted(name)} is larger than ${maxBytes} bytes`);
    }
    const chunks: Buffer[] = [];
    try {
      for await (const chunk of await this.openEntry(name)) chunks.push(chunk as Buffer);
    } catch (error) {
      if (error instanceof ZipRejection) throw error;
      throw new ZipRejection(`entry ${quoted(name)} is corrupt (${describe(error)})`);
    }
    return Buffer.concat(chunks);
  }

  close(): void {
    if (!this.open) return;
    this.open = false;
    this.source.close();
  }
}

/** The policy checks on a structurally sound archive: names, types, methods, sizes. */
function checkEntries(
  layout: readonly LaidOutEntry[],
  limits: ZipLimits,
): Map<string, LaidOutEntry> {
  const byName = new Map<string, LaidOutEntry>();
  const byCollisionKey = new Map<string, string>();
  let total = 0;
  for (const entry of layout) {
    const { name, shown, problem } = entry.name;
    if (problem !== null || name === null)
      throw new ZipRejection(`entry ${shown} ${problem ?? ''}`);
    checkEntryType(shown, entry);
    if (byName.has(name)) throw new ZipRejection(`entry ${shown} appears twice`);
    const twin = byCollisionKey.get(collisionKey(name));
    if (twin !== undefined) {
      throw new ZipRejection(
        `entries ${quoted(twin)} and ${shown} differ only in letter case or Unicode form`,
      );
    }
    checkEntrySize(shown, entry, limits);
    total += entry.uncompressedSize;
    if (total > limits.maxTotalBytes) {
      throw new ZipRejection(`its entries add up to more than ${limits.maxTotalBytes} bytes`);
    }
    byName.set(name, entry);
    byCollisionKey.set(collisionKey(name), name);
  }
  return byName;
}

function checkEntryType(entry: string, record: LaidOutEntry): void {
  if (record.method !== STORED && record.method !== DEFLATED) {
    throw new ZipRejection(
      `entry ${entry} uses compression method ${record.method}; only stored and deflate are accepted`,
    );
  }
  const madeBy = record.versionMadeBy >> 8;
  const mode = (record.externalAttributes >>> 16) & S_IFMT;
  if (madeBy === UNIX_HOST && mode === S_IFLNK) {
    throw new ZipRejection(`entry ${entry} is a symbolic link`);
  }
  if (madeBy === UNIX_HOST && mode !== 0 && mode !== S_IFREG) {
    throw new ZipRejection(`entry ${entry} is not a regular file`);
  }
}

function checkEntrySize(entry: string, record: LaidOutEntry, limits: ZipLimits): void {
  if (record.uncompressedSize > limits.maxEntryBytes) {
    throw new ZipRejection(`entry ${entry} is larger than ${limits.maxEntryBytes} bytes`);
  }
  const ratio = record.uncompressedSize / Math.max(1, record.compressedSize);
  if (record.uncompressedSize > limits.ratioFloorBytes && ratio > limits.maxRatio) {
    throw new ZipRejection(
      `entry ${entry} inflates ${Math.round(ratio)}-fold, more than the ${limits.maxRatio}-fold limit (a zip bomb?)`,
    );
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
