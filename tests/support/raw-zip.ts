/**
 * A deliberately permissive zip writer for building hostile archives in tests: any entry
 * name (absolute, "..", duplicates, raw non-UTF-8 bytes), any file type bits (symlinks),
 * any declared size, a local name that differs from the directory's, lying data
 * descriptors, bytes hidden after a deflate stream, entries no directory lists, prefixes,
 * comments and end records that lie. Real zip libraries refuse to write these, which is
 * why the tests need their own. The pieces (localEntry, directoryRecord, endRecord) are
 * exported for layouts rawZip does not make, such as two central directories.
 */
import fs from 'node:fs';
import zlib from 'node:zlib';

export interface RawEntry {
  readonly name: string | Buffer;
  readonly data: Buffer;
  /** 0 stored (default), 8 deflate. */
  readonly method?: 0 | 8;
  /** Unix mode for the external attributes, e.g. 0o120777 for a symlink. */
  readonly unixMode?: number;
  /** Lie about the uncompressed size in both headers. */
  readonly declaredSize?: number;
  /** The name in the local header, if it should differ from the directory's. */
  readonly localName?: string | Buffer;
  /** General-purpose flags; default 0x0800 (UTF-8 name), plus 0x0008 with a descriptor. */
  readonly flags?: number;
  /** Write CRC-32 and sizes in a data descriptor after the data, with these values changed. */
  readonly descriptor?: Partial<Sums>;
  /** Bytes after the compressed data that its compressed size still counts. */
  readonly hidden?: Buffer;
}

interface Sums {
  readonly crc32: number;
  readonly compressedSize: number;
  readonly uncompressedSize: number;
}

export interface EndFields {
  readonly count: number;
  readonly size: number;
  readonly offset: number;
  readonly countOnDisk?: number;
  readonly disk?: number;
  readonly comment?: Buffer;
}

export interface RawZipOptions {
  /** Bytes before the first entry; the directory's offsets count them. */
  readonly prefix?: Buffer;
  /** Entries written after the listed ones, before the directory, which no record lists. */
  readonly unlisted?: readonly RawEntry[];
  /** Values in the end record to replace. */
  readonly end?: Partial<EndFields>;
}

const UTF8_NAME = 0x0800;
const DATA_DESCRIPTOR = 0x0008;

function bytesOf(name: string | Buffer): Buffer {
  return typeof name === 'string' ? Buffer.from(name, 'utf8') : name;
}

function bodyOf(entry: RawEntry): { body: Buffer; sums: Sums; flags: number } {
  const compressed = entry.method === 8 ? zlib.deflateRawSync(entry.data) : entry.data;
  const body = Buffer.concat([compressed, entry.hidden ?? Buffer.alloc(0)]);
  const sums = {
    crc32: zlib.crc32(entry.data),
    compressedSize: body.length,
    uncompressedSize: entry.declaredSize ?? entry.data.length,
  };
  const flags = (entry.flags ?? UTF8_NAME) | (entry.descriptor ? DATA_DESCRIPTOR : 0);
  return { body, sums, flags };
}

/** Local header, name, data and (if asked for) data descriptor. */
export function localEntry(entry: RawEntry): Buffer {
  const { body, sums, flags } = bodyOf(entry);
  const name = bytesOf(entry.localName ?? entry.name);
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(20, 4);
  local.writeUInt16LE(flags, 6);
  local.writeUInt16LE(entry.method ?? 0, 8);
  if (!entry.descriptor) {
    local.writeUInt32LE(sums.crc32, 14);
    local.writeUInt32LE(sums.compressedSize, 18);
    local.writeUInt32LE(sums.uncompressedSize, 22);
  }
  local.writeUInt16LE(name.length, 26);
  const parts = [local, name, body];
  if (entry.descriptor) {
    const told = { ...sums, ...entry.descriptor };
    const descriptor = Buffer.alloc(16);
    descriptor.writeUInt32LE(0x08074b50, 0);
    descriptor.writeUInt32LE(told.crc32, 4);
    descriptor.writeUInt32LE(told.compressedSize, 8);
    descriptor.writeUInt32LE(told.uncompressedSize, 12);
    parts.push(descriptor);
  }
  return Buffer.concat(parts);
}

/** The entry's central directory record, pointing at a local header at `offset`. */
export function directoryRecord(entry: RawEntry, offset: number): Buffer {
  const { sums, flags } = bodyOf(entry);
  const name = bytesOf(entry.name);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE((3 << 8) | 20, 4); // made by Unix
  central.writeUInt16LE(20, 6);
  central.writeUInt16LE(flags, 8);
  central.writeUInt16LE(entry.method ?? 0, 10);
  central.writeUInt32LE(sums.crc32, 16);
  central.writeUInt32LE(sums.compressedSize, 20);
  central.writeUInt32LE(sums.uncompressedSize, 24);
  central.writeUInt16LE(name.length, 28);
  central.writeUInt32LE(((entry.unixMode ?? 0o100644) << 16) >>> 0, 38);
  central.writeUInt32LE(offset, 42);
  return Buffer.concat([central, name]);
}

export function endRecord(fields: EndFields): Buffer {
  const comment = fields.comment ?? Buffer.alloc(0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(fields.disk ?? 0, 4);
  end.writeUInt16LE(fields.countOnDisk ?? fields.count, 8);
  end.writeUInt16LE(fields.count, 10);
  end.writeUInt32LE(fields.size, 12);
  end.writeUInt32LE(fields.offset, 16);
  end.writeUInt16LE(comment.length, 20);
  return Buffer.concat([end, comment]);
}

/** Local entries (listed, then unlisted), the directory of the listed ones, the end record. */
export function rawZip(entries: readonly RawEntry[], options: RawZipOptions = {}): Buffer {
  const prefix = options.prefix ?? Buffer.alloc(0);
  const locals: Buffer[] = [];
  const records: Buffer[] = [];
  let offset = prefix.length;
  for (const entry of entries) {
    const local = localEntry(entry);
    records.push(directoryRecord(entry, offset));
    locals.push(local);
    offset += local.length;
  }
  for (const entry of options.unlisted ?? []) {
    const local = localEntry(entry);
    locals.push(local);
    offset += local.length;
  }
  const directory = Buffer.concat(records);
  const end = endRecord({
    count: entries.length,
    size: directory.length,
    offset,
    ...options.end,
  });
  return Buffer.concat([prefix, ...locals, directory, end]);
}

/**
 * Writes, as a sparse file, an archive past 4 GiB laid out as yazl lays it out: a stored
 * entry of `bigSize` zero bytes (CRC-32 not computed: the test never reads it), then a
 * small entry whose offset needs zip64, then a directory and end records that need it
 * too. Only the headers take disk space.
 */
export function writeSparseZip64(file: string, bigSize: number, small: RawEntry): void {
  const bigName = Buffer.from('logs/big.eval');
  const bigLocal = Buffer.alloc(30);
  bigLocal.writeUInt32LE(0x04034b50, 0);
  bigLocal.writeUInt16LE(20, 4);
  bigLocal.writeUInt16LE(UTF8_NAME, 6);
  bigLocal.writeUInt32LE(bigSize, 18);
  bigLocal.writeUInt32LE(bigSize, 22);
  bigLocal.writeUInt16LE(bigName.length, 26);
  const smallAt = 30 + bigName.length + bigSize;
  const smallLocal = localEntry(small);
  const bigRecord = directoryRecord({ name: bigName, data: Buffer.alloc(0) }, 0);
  bigRecord.writeUInt32LE(0, 16); // CRC-32 of nothing; the sizes are the big entry's
  bigRecord.writeUInt32LE(bigSize, 20);
  bigRecord.writeUInt32LE(bigSize, 24);
  const smallRecord = withZip64Offset(directoryRecord(small, 0), smallAt);
  const directory = Buffer.concat([bigRecord, smallRecord]);
  const directoryAt = smallAt + smallLocal.length;
  const zip64EndAt = directoryAt + directory.length;
  const zip64End = Buffer.alloc(56);
  zip64End.writeUInt32LE(0x06064b50, 0);
  zip64End.writeBigUInt64LE(44n, 4);
  zip64End.writeUInt16LE(45, 12);
  zip64End.writeUInt16LE(45, 14);
  zip64End.writeBigUInt64LE(2n, 24);
  zip64End.writeBigUInt64LE(2n, 32);
  zip64End.writeBigUInt64LE(BigInt(directory.length), 40);
  zip64End.writeBigUInt64LE(BigInt(directoryAt), 48);
  const locator = Buffer.alloc(20);
  locator.writeUInt32LE(0x07064b50, 0);
  locator.writeBigUInt64LE(BigInt(zip64EndAt), 8);
  locator.writeUInt32LE(1, 16);
  const end = endRecord({ count: 2, size: directory.length, offset: 0xffffffff });
  const fd = fs.openSync(file, 'wx');
  try {
    fs.writeSync(fd, Buffer.concat([bigLocal, bigName]), 0, 30 + bigName.length, 0);
    const tail = Buffer.concat([smallLocal, directory, zip64End, locator, end]);
    fs.writeSync(fd, tail, 0, tail.length, smallAt);
  } finally {
    fs.closeSync(fd);
  }
}

/** A directory record whose local header offset moves into a zip64 extra field. */
function withZip64Offset(record: Buffer, offset: number): Buffer {
  const extra = Buffer.alloc(12);
  extra.writeUInt16LE(0x0001, 0);
  extra.writeUInt16LE(8, 2);
  extra.writeBigUInt64LE(BigInt(offset), 4);
  const copy = Buffer.from(record);
  copy.writeUInt32LE(0xffffffff, 42);
  copy.writeUInt16LE(extra.length, 30);
  return Buffer.concat([copy, extra]);
}
