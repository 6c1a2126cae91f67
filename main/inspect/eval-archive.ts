/**
 * The zip container of an `.eval` log, read defensively. Inspect writes members with
 * DEFLATE (method 8) or, in recent versions, zstd (method 93, which yauzl does not
 * decode), so yauzl only reads the directory and locates each member's bytes, and we
 * inflate them ourselves with Node's zlib. A member's declared size can lie and a small
 * member can inflate to gigabytes, so sizes and compression ratios are checked against the
 * limits (the same rules as the bundle's, main/zip) and the bundle's budget before
 * inflating, and zlib is told to stop as soon as the output passes the declared size
 * (`maxOutputLength`); the CRC-32 is checked at the end, so a damaged member is an error,
 * not garbage.
 *
 * Members are inflated synchronously from the bytes in memory: measured on a 110 MB log,
 * zlib's streams spent three times as long on per-chunk overhead as on inflating, and
 * JSON.parse of the member blocks for as long anyway. The reader yields between members.
 *
 * Inspect appends to the zip while a run is in progress, so the same member name can
 * occur twice; the last one in the central directory wins, as in Python's zipfile.
 */
import zlib from 'node:zlib';
import yauzl from 'yauzl';
import type { EvidenceBudget } from './budget';
import { formatBytes, type ReadLimits } from './limits';

const STORED = 0;
const DEFLATED = 8;
const ZSTD = 93;

/** A problem with the archive, as a phrase that completes "The Inspect log x.eval …". */
export class ArchiveProblem extends Error {
  override readonly name = 'ArchiveProblem';
}

export class EvalArchive {
  private inflatedSoFar = 0;

  private constructor(
    private readonly bytes: Buffer,
    private readonly zip: yauzl.ZipFile,
    private readonly entries: ReadonlyMap<string, yauzl.Entry>,
    private readonly limits: ReadLimits,
    private readonly budget: EvidenceBudget,
  ) {}

  static async open(
    bytes: Uint8Array,
    limits: ReadLimits,
    budget: EvidenceBudget,
  ): Promise<EvalArchive> {
    const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    let zip: yauzl.ZipFile;
    try {
      zip = await yauzl.fromBufferPromise(buffer, {
        lazyEntries: true,
        autoClose: false,
        decodeStrings: true,
        validateEntrySizes: true,
      });
    } catch (error) {
      throw new ArchiveProblem(
        `is not a complete zip archive; it may be truncated (${detail(error)})`,
      );
    }
    if (zip.entryCount > limits.maxMembers) {
      throw new ArchiveProblem(
        `has ${zip.entryCount} zip members, more than the limit of ${limits.maxMembers}`,
      );
    }
    const entries = new Map<string, yauzl.Entry>();
    try {
      for await (const entry of zip.eachEntry()) {
        if (entry.fileName.endsWith('/')) continue;
        entries.delete(entry.fileName);
        entries.set(entry.fileName, entry);
      }
    } catch (error) {
      throw new ArchiveProblem(`has a damaged zip directory (${detail(error)})`);
    }
    return new EvalArchive(buffer, zip, entries, limits, budget);
  }

  /** Member names, each once, in central-directory order of their last occurrence. */
  get names(): readonly string[] {
    return [...this.entries.keys()];
  }

  has(name: string): boolean {
    return this.entries.has(name);
  }

  /** The member's inflated bytes; throws ArchiveProblem if it breaks a limit or is damaged. */
  async read(name: string): Promise<Buffer> {
    const entry = this.entries.get(name);
    if (entry === undefined) throw new ArchiveProblem(`has no member ${name}`);
    this.checkBeforeInflating(name, entry);
    const raw = await this.rawBytes(name, entry);
    const declared = entry.uncompressedSize;
    let data: Buffer;
    try {
      data = inflate(entry.compressionMethod, raw, declared);
    } catch (error) {
      if (isOutputTooLarge(error)) {
        throw new ArchiveProblem(
          `has a member ${name} that inflates past its declared ${formatBytes(declared)} (a zip bomb?)`,
        );
      }
      throw new ArchiveProblem(`has a member ${name} that cannot be inflated (${detail(error)})`);
    }
    if (data.length !== declared) {
      throw new ArchiveProblem(
        `has a member ${name} of ${formatBytes(data.length)}, not the ${formatBytes(declared)} it declares`,
      );
    }
    if (zlib.crc32(data) !== entry.crc32) {
      throw new ArchiveProblem(`has a damaged member ${name} (its CRC-32 does not match)`);
    }
    this.inflatedSoFar += declared;
    return data;
  }

  private checkBeforeInflating(name: string, entry: yauzl.Entry): void {
    if (entry.isEncrypted()) throw new ArchiveProblem(`has an encrypted member ${name}`);
    const method = entry.compressionMethod;
    if (method !== STORED && method !== DEFLATED && method !== ZSTD) {
      throw new ArchiveProblem(
        `has a member ${name} compressed with zip method ${method}; only stored, deflate and zstd are read`,
      );
    }
    const declared = entry.uncompressedSize;
    if (declared > this.limits.maxMemberBytes) {
      throw new ArchiveProblem(
        `has a member ${name} of ${formatBytes(declared)} inflated, more than the per-member limit of ${formatBytes(this.limits.maxMemberBytes)}`,
      );
    }
    if (this.inflatedSoFar + declared > this.limits.maxTotalBytes) {
      throw new ArchiveProblem(
        `inflates to more than the total limit of ${formatBytes(this.limits.maxTotalBytes)} (at member ${name})`,
      );
    }
    const ratio = declared / Math.max(1, entry.compressedSize);
    if (declared > this.limits.ratioFloorBytes && ratio > this.limits.maxRatio) {
      throw new ArchiveProblem(
        `has a member ${name} that inflates ${Math.round(ratio)}-fold, more than the ${this.limits.maxRatio}-fold limit (a zip bomb?)`,
      );
    }
    this.budget.inflate(declared);
  }

  /** The member's stored bytes, a view into the archive (yauzl checks they are in bounds). */
  private async rawBytes(name: string, entry: yauzl.Entry): Promise<Buffer> {
    try {
      const { fileDataStart } = await this.zip.readLocalFileHeaderPromise(entry, { minimal: true });
      return this.bytes.subarray(fileDataStart, fileDataStart + entry.compressedSize);
    } catch (error) {
      throw new ArchiveProblem(`has a member ${name} that cannot be read (${detail(error)})`);
    }
  }
}

/** Inflates `raw`; zlib stops with ERR_BUFFER_TOO_LARGE once the output passes `declared`. */
function inflate(method: number, raw: Buffer, declared: number): Buffer {
  // maxOutputLength must be at least 1; a member declaring 0 bytes that inflates to 1 is
  // caught by the size check after.
  const options = { maxOutputLength: Math.max(1, declared) };
  if (method === STORED) return raw;
  if (method === ZSTD) return zlib.zstdDecompressSync(raw, options);
  return zlib.inflateRawSync(raw, options);
}

function isOutputTooLarge(error: unknown): boolean {
  return error instanceof RangeError && 'code' in error && error.code === 'ERR_BUFFER_TOO_LARGE';
}

function detail(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
