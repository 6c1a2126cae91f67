/**
 * The central directory (APPNOTE 4.3.12): one record per entry, read in order from the
 * offset the end record gives up to the end record, which it must fill exactly, with as
 * many records as the end record counts. Each record's values are resolved through its
 * zip64 field and checked for what would let two readers disagree.
 */
import type { ByteSource } from './byte-source';
import type { EndRecord } from './end-record';
import { entryName, type EntryName } from './entry-name';
import { extraFields, resolveZip64, U16_MAX, U32_MAX } from './extra-fields';
import { counted, ZipRejection } from './rejection';

const RECORD_SIGNATURE = 0x02014b50;
const RECORD_BYTES = 46;
const ENCRYPTED = 0x0001;
const STRONG_ENCRYPTION = 0x0040;
const MASKED_HEADERS = 0x2000;
/** Deflate option hints (bits 1-2), data descriptor (3), UTF-8 name (11): the rest change meaning. */
const KNOWN_FLAGS = 0x0002 | 0x0004 | 0x0008 | 0x0800;
export const DATA_DESCRIPTOR_FLAG = 0x0008;
const UTF8_FLAG = 0x0800;
export const STORED = 0;
/** APPNOTE 6.3, the version this reader (and Python's zipfile) implements. */
const MAX_VERSION_NEEDED = 63;

export interface DirectoryRecord {
  readonly rawName: Buffer;
  readonly name: EntryName;
  readonly versionMadeBy: number;
  readonly flags: number;
  readonly method: number;
  readonly crc32: number;
  readonly compressedSize: number;
  readonly uncompressedSize: number;
  readonly localHeaderOffset: number;
  readonly externalAttributes: number;
  /** Sizes or offset came from a zip64 field, so a data descriptor has 8-byte sizes. */
  readonly zip64: boolean;
}

export async function readDirectory(
  source: ByteSource,
  end: EndRecord,
  maxEntries: number,
): Promise<DirectoryRecord[]> {
  const records: DirectoryRecord[] = [];
  let at = end.directoryOffset;
  while (at < end.directoryEnd && records.length <= maxEntries) {
    const { record, next } = await readRecord(source, at, end.directoryEnd, records.length + 1);
    records.push(record);
    at = next;
  }
  if (records.length > maxEntries) {
    throw new ZipRejection(
      `it has more than ${maxEntries} entries; at most ${maxEntries} are accepted`,
    );
  }
  if (records.length !== end.entryCount) {
    throw new ZipRejection(
      `its end record counts ${counted(end.entryCount, 'entry', 'entries')} but its central directory holds ${records.length}`,
    );
  }
  return records;
}

async function readRecord(
  source: ByteSource,
  at: number,
  directoryEnd: number,
  ordinal: number,
): Promise<{ record: DirectoryRecord; next: number }> {
  const fixed = await source.bytes(at, RECORD_BYTES);
  if (
    fixed === null ||
    at + RECORD_BYTES > directoryEnd ||
    fixed.readUInt32LE(0) !== RECORD_SIGNATURE
  ) {
    throw new ZipRejection(`its central directory is damaged at record ${ordinal}`);
  }
  const f = {
    versionMadeBy: fixed.readUInt16LE(4),
    versionNeeded: fixed.readUInt8(6), // the upper byte is reserved
    flags: fixed.readUInt16LE(8),
    method: fixed.readUInt16LE(10),
    crc32: fixed.readUInt32LE(16),
    compressedSize: fixed.readUInt32LE(20),
    uncompressedSize: fixed.readUInt32LE(24),
    nameBytes: fixed.readUInt16LE(28),
    extraBytes: fixed.readUInt16LE(30),
    commentBytes: fixed.readUInt16LE(32),
    disk: fixed.readUInt16LE(34),
    externalAttributes: fixed.readUInt32LE(38),
    localHeaderOffset: fixed.readUInt32LE(42),
  };
  const next = at + RECORD_BYTES + f.nameBytes + f.extraBytes + f.commentBytes;
  const variable =
    next > directoryEnd ? null : await source.bytes(at + RECORD_BYTES, next - at - RECORD_BYTES);
  if (variable === null) {
    throw new ZipRejection(
      `its central directory record ${ordinal} runs past the end of the directory`,
    );
  }
  const rawName = Buffer.from(variable.subarray(0, f.nameBytes));
  const name = entryName(rawName);
  const extra = extraFields(
    Buffer.from(variable.subarray(f.nameBytes, f.nameBytes + f.extraBytes)),
    name.shown,
    'directory record',
  );
  const { values, zip64 } = resolveZip64(
    [
      { value: f.uncompressedSize, marker: U32_MAX },
      { value: f.compressedSize, marker: U32_MAX },
      { value: f.localHeaderOffset, marker: U32_MAX },
      { value: f.disk, marker: U16_MAX },
    ],
    extra,
    name.shown,
    'directory record',
  );
  const [uncompressedSize = 0, compressedSize = 0, localHeaderOffset = 0, disk = 0] = values;
  const record: DirectoryRecord = {
    rawName,
    name,
    versionMadeBy: f.versionMadeBy,
    flags: f.flags,
    method: f.method,
    crc32: f.crc32,
    compressedSize,
    uncompressedSize,
    localHeaderOffset,
    externalAttributes: f.externalAttributes,
    zip64,
  };
  checkRecord(record, disk, f.versionNeeded);
  return { record, next };
}

function checkRecord(record: DirectoryRecord, disk: number, versionNeeded: number): void {
  const entry = `entry ${record.name.shown}`;
  if (versionNeeded > MAX_VERSION_NEEDED) {
    throw new ZipRejection(
      `${entry} needs zip version ${versionNeeded / 10} to extract; the desk, like Python's zipfile, reads up to 6.3`,
    );
  }
  if ((record.flags & (ENCRYPTED | STRONG_ENCRYPTION | MASKED_HEADERS)) !== 0) {
    throw new ZipRejection(`${entry} is encrypted`);
  }
  if ((record.flags & ~KNOWN_FLAGS) !== 0) {
    throw new ZipRejection(
      `${entry} sets general-purpose flags 0x${record.flags.toString(16).padStart(4, '0')}, which change how other tools read it`,
    );
  }
  if ((record.flags & UTF8_FLAG) === 0 && record.rawName.some((byte) => byte > 0x7f)) {
    throw new ZipRejection(
      `${entry} has a non-ASCII name that is not marked as UTF-8 (other tools would read it as code page 437)`,
    );
  }
  if (disk !== 0) throw new ZipRejection(`${entry} starts on another disk`);
  if (record.method === STORED && record.compressedSize !== record.uncompressedSize) {
    throw new ZipRejection(
      `${entry} is stored uncompressed but declares ${record.compressedSize} stored and ${record.uncompressedSize} uncompressed bytes`,
    );
  }
}
