/**
 * The structural scan that makes an archive mean one thing to every reader. Readers
 * disagree on a zip in well-known ways: some follow the end record's directory offset,
 * others (Python's zipfile, Info-ZIP) trust its size and treat a gap as a prefix; streaming
 * extractors never read the directory and walk local headers from offset 0, taking the
 * names and sizes they find there. So an archive is accepted only if all of those views
 * coincide: from offset 0, every byte belongs to exactly one local header + data (+ data
 * descriptor), in directory order, each agreeing with its directory record (name bytes,
 * flags, method, CRC-32, sizes); then the directory, then the end records, then the
 * declared comment and nothing more. Positional reads through a small window keep the
 * scan's memory flat for bundles of gigabytes.
 */
import type { ByteSource } from './byte-source';
import { DATA_DESCRIPTOR_FLAG, readDirectory, type DirectoryRecord } from './directory';
import { readEndRecord } from './end-record';
import { entryName, quoted } from './entry-name';
import { extraFields, resolveZip64, U32_MAX } from './extra-fields';
import { counted, ZipRejection } from './rejection';

const LOCAL_SIGNATURE = 0x04034b50;
const LOCAL_BYTES = 30;
const DESCRIPTOR_SIGNATURE = 0x08074b50;

export interface LaidOutEntry extends DirectoryRecord {
  /** Where the entry's stored bytes begin; they run for `compressedSize` bytes. */
  readonly dataOffset: number;
}

export async function readLayout(source: ByteSource, maxEntries: number): Promise<LaidOutEntry[]> {
  const end = await readEndRecord(source);
  if (end.entryCount > maxEntries) {
    throw new ZipRejection(`it has ${end.entryCount} entries; at most ${maxEntries} are accepted`);
  }
  const records = await readDirectory(source, end, maxEntries);
  const entries: LaidOutEntry[] = [];
  let cursor = 0;
  for (const record of records) {
    const previous = entries.at(-1);
    checkPlacement(record, cursor, previous);
    if (previous !== undefined && record.localHeaderOffset > cursor) {
      await refuseUnlisted(source, cursor, record.localHeaderOffset - cursor);
    }
    const { dataOffset, next } = await readLocalEntry(source, record, end.directoryOffset);
    entries.push({ ...record, dataOffset });
    cursor = next;
  }
  if (cursor < end.directoryOffset)
    await refuseUnlisted(source, cursor, end.directoryOffset - cursor);
  return entries;
}

function checkPlacement(record: DirectoryRecord, cursor: number, previous?: LaidOutEntry): void {
  const entry = `entry ${record.name.shown}`;
  const at = record.localHeaderOffset;
  if (at === cursor) return;
  if (previous === undefined) {
    throw new ZipRejection(
      `its first entry ${record.name.shown} starts at offset ${at}: the bytes before it belong to no entry (data prepended to the archive)`,
    );
  }
  if (at < cursor) {
    throw new ZipRejection(
      `${entry} starts at offset ${at}, inside entry ${previous.name.shown} (overlapping entries)`,
    );
  }
}

/** Checks the local header (and data descriptor) against the record; returns where the next entry starts. */
async function readLocalEntry(
  source: ByteSource,
  record: DirectoryRecord,
  directoryOffset: number,
): Promise<{ dataOffset: number; next: number }> {
  const entry = `entry ${record.name.shown}`;
  const at = record.localHeaderOffset;
  const fixed = at + LOCAL_BYTES <= directoryOffset ? await source.bytes(at, LOCAL_BYTES) : null;
  if (fixed?.readUInt32LE(0) !== LOCAL_SIGNATURE) {
    throw new ZipRejection(`${entry} has no local header where its directory record points`);
  }
  const local = {
    flags: fixed.readUInt16LE(6),
    method: fixed.readUInt16LE(8),
    crc32: fixed.readUInt32LE(14),
    compressedSize: fixed.readUInt32LE(18),
    uncompressedSize: fixed.readUInt32LE(22),
    nameBytes: fixed.readUInt16LE(26),
    extraBytes: fixed.readUInt16LE(28),
  };
  const dataOffset = at + LOCAL_BYTES + local.nameBytes + local.extraBytes;
  const variable =
    dataOffset <= directoryOffset
      ? await source.bytes(at + LOCAL_BYTES, local.nameBytes + local.extraBytes)
      : null;
  if (variable === null)
    throw new ZipRejection(`${entry} has a local header that runs into the central directory`);
  const localName = variable.subarray(0, local.nameBytes);
  if (!localName.equals(record.rawName)) {
    throw new ZipRejection(
      `${entry} is called ${entryName(localName).shown} in its local header (streaming extractors use that name)`,
    );
  }
  if (local.flags !== record.flags) {
    throw new ZipRejection(
      `${entry} has different general-purpose flags in its local header and its directory record`,
    );
  }
  if (local.method !== record.method) {
    throw new ZipRejection(
      `${entry} has different compression methods in its local header and its directory record`,
    );
  }
  const extra = extraFields(
    Buffer.from(variable.subarray(local.nameBytes)),
    record.name.shown,
    'local header',
  );
  const sizes = resolveZip64(
    [
      { value: local.uncompressedSize, marker: U32_MAX },
      { value: local.compressedSize, marker: U32_MAX },
    ],
    extra,
    record.name.shown,
    'local header',
  );
  const [uncompressedSize = 0, compressedSize = 0] = sizes.values;
  const deferred = (record.flags & DATA_DESCRIPTOR_FLAG) !== 0;
  checkValues(
    entry,
    'local header',
    record,
    { crc32: local.crc32, compressedSize, uncompressedSize },
    deferred,
  );
  const dataEnd = dataOffset + record.compressedSize;
  if (dataEnd > directoryOffset)
    throw new ZipRejection(`${entry}'s data runs into the central directory`);
  if (!deferred) return { dataOffset, next: dataEnd };
  const wide = record.zip64 || sizes.zip64;
  return {
    dataOffset,
    next: await checkDescriptor(source, record, dataEnd, wide, directoryOffset),
  };
}

interface Values {
  readonly crc32: number;
  readonly compressedSize: number;
  readonly uncompressedSize: number;
}

/**
 * A header's CRC-32 and sizes must be the directory's. With a data descriptor the local
 * header may leave them zero, as the spec says it should, but not hold other values.
 */
function checkValues(
  entry: string,
  where: string,
  record: DirectoryRecord,
  found: Values,
  zeroAllowed: boolean,
): void {
  const fields = [
    ['CRC-32', 'crc32'],
    ['compressed size', 'compressedSize'],
    ['uncompressed size', 'uncompressedSize'],
  ] as const;
  for (const [label, key] of fields) {
    if (found[key] === record[key] || (zeroAllowed && found[key] === 0)) continue;
    throw new ZipRejection(
      `${entry} says in its ${where} that its ${label} is ${found[key]}; its directory record says ${record[key]}`,
    );
  }
}

async function checkDescriptor(
  source: ByteSource,
  record: DirectoryRecord,
  at: number,
  wide: boolean,
  directoryOffset: number,
): Promise<number> {
  const entry = `entry ${record.name.shown}`;
  const length = wide ? 24 : 16;
  const bytes = at + length <= directoryOffset ? await source.bytes(at, length) : null;
  // The signature is optional in the spec, but without it a reader has to guess whether the
  // first four bytes are a signature or the CRC-32; yazl and Python always write it.
  if (bytes?.readUInt32LE(0) !== DESCRIPTOR_SIGNATURE) {
    throw new ZipRejection(
      `${entry} has no data descriptor after its data, though its flags announce one`,
    );
  }
  const found = wide
    ? {
        crc32: bytes.readUInt32LE(4),
        compressedSize: Number(bytes.readBigUInt64LE(8)),
        uncompressedSize: Number(bytes.readBigUInt64LE(16)),
      }
    : {
        crc32: bytes.readUInt32LE(4),
        compressedSize: bytes.readUInt32LE(8),
        uncompressedSize: bytes.readUInt32LE(12),
      };
  checkValues(entry, 'data descriptor', record, found, false);
  return at + length;
}

/** Bytes no record accounts for, between entries or before the directory: named if they hold an entry. */
async function refuseUnlisted(source: ByteSource, at: number, length: number): Promise<never> {
  const header = await source.bytes(at, Math.min(length, LOCAL_BYTES));
  if (header?.length === LOCAL_BYTES && header.readUInt32LE(0) === LOCAL_SIGNATURE) {
    const nameBytes = header.readUInt16LE(26);
    const name = await source.bytes(at + LOCAL_BYTES, Math.min(nameBytes, length - LOCAL_BYTES));
    throw new ZipRejection(
      `it holds a local entry ${name === null ? quoted('') : entryName(name).shown} at offset ${at} that its central directory does not list (other tools would extract it)`,
    );
  }
  throw new ZipRejection(
    `${counted(length, 'byte')} at offset ${at} belong to no entry its directory lists`,
  );
}
