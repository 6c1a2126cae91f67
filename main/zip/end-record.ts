/**
 * Finds the end of central directory record (APPNOTE 4.3.16) and, for zip64, the zip64
 * end record and its locator (4.3.14-15), and checks that they say one thing: a single
 * disk, entry counts that agree, a central directory that ends exactly where the end
 * records begin, and nothing after the declared comment. Readers search backwards from
 * the end for the signature, so the record must be the last signature in the file: one
 * hidden in the comment would be another tool's end record.
 */
import type { ByteSource } from './byte-source';
import { safeNumber, U16_MAX, U32_MAX } from './extra-fields';
import { counted, ZipRejection } from './rejection';

const END_SIGNATURE = 0x06054b50;
const END_BYTES = 22;
const ZIP64_END_SIGNATURE = 0x06064b50;
/** A zip64 end record with no extensible data sector. */
const ZIP64_END_BYTES = 56;
const ZIP64_LOCATOR_SIGNATURE = 0x07064b50;
const ZIP64_LOCATOR_BYTES = 20;
const MAX_COMMENT_BYTES = 0xffff;

export interface EndRecord {
  readonly entryCount: number;
  readonly directoryOffset: number;
  readonly directorySize: number;
  /** Where the central directory must end: the zip64 end record, or the end record. */
  readonly directoryEnd: number;
}

export async function readEndRecord(source: ByteSource): Promise<EndRecord> {
  const tailStart = Math.max(0, source.size - END_BYTES - MAX_COMMENT_BYTES);
  const tail = Buffer.from((await source.bytes(tailStart, source.size - tailStart)) ?? []);
  const signatures = signaturesIn(tail);
  const last = signatures.at(-1);
  if (last === undefined) {
    throw new ZipRejection(
      (await startsLikeZip(source))
        ? 'it is truncated or damaged: it begins as a zip archive but has no end record'
        : 'it is not a zip archive (a bundle is one), nor the start of one',
    );
  }
  // Records whose comment length reaches exactly to the end of the file: a reader may pick any.
  const candidates = signatures.filter(
    (at) => tail.readUInt16LE(at + 20) === tail.length - at - END_BYTES,
  );
  if (candidates.length > 1 || (candidates.length === 1 && candidates[0] !== last)) {
    throw new ZipRejection(
      'its comment holds a second end-of-central-directory signature, which other tools would take for the end of the archive',
    );
  }
  if (candidates.length === 0) {
    // A cut-off file and one with bytes appended look alike: no end record reaches the end.
    throw new ZipRejection(
      (await startsLikeZip(source))
        ? 'it is truncated, or bytes were appended after its end record'
        : 'it is not a zip archive (a bundle is one), nor the start of one',
    );
  }
  const at = tailStart + last;
  const end = tail.subarray(last, last + END_BYTES);
  const fields = {
    disk: end.readUInt16LE(4),
    directoryDisk: end.readUInt16LE(6),
    entriesOnDisk: end.readUInt16LE(8),
    entryCount: end.readUInt16LE(10),
    directorySize: end.readUInt32LE(12),
    directoryOffset: end.readUInt32LE(16),
  };
  const locatorAt = at - ZIP64_LOCATOR_BYTES;
  const locator = await source.bytes(locatorAt, ZIP64_LOCATOR_BYTES);
  if (locator?.readUInt32LE(0) === ZIP64_LOCATOR_SIGNATURE) {
    return readZip64End(source, Buffer.from(locator), locatorAt, fields);
  }
  if (Object.values(fields).some((v) => v === U16_MAX || v === U32_MAX)) {
    throw new ZipRejection('its end record refers to a zip64 end record that is not there');
  }
  return checked({ ...fields, directoryEnd: at });
}

/** Offsets in `tail` where an end-record signature starts, in file order. */
function signaturesIn(tail: Buffer): number[] {
  const found: number[] = [];
  const signature = Buffer.alloc(4);
  signature.writeUInt32LE(END_SIGNATURE);
  for (let at = tail.indexOf(signature); at !== -1; at = tail.indexOf(signature, at + 1)) {
    if (at + END_BYTES <= tail.length) found.push(at);
  }
  return found;
}

interface EndFields {
  readonly disk: number;
  readonly directoryDisk: number;
  readonly entriesOnDisk: number;
  readonly entryCount: number;
  readonly directorySize: number;
  readonly directoryOffset: number;
}

async function readZip64End(
  source: ByteSource,
  locator: Buffer,
  locatorAt: number,
  end: EndFields,
): Promise<EndRecord> {
  const subject = 'its zip64 end locator';
  if (locator.readUInt32LE(4) !== 0 || locator.readUInt32LE(16) !== 1) {
    throw new ZipRejection('its zip64 end locator describes a multi-disk archive');
  }
  const recordAt = safeNumber(locator.readBigUInt64LE(8), subject);
  if (recordAt + ZIP64_END_BYTES !== locatorAt) {
    throw new ZipRejection(
      'its zip64 end record is not immediately before its locator (or it has an extensible data sector)',
    );
  }
  const record = await source.bytes(recordAt, ZIP64_END_BYTES);
  if (record?.readUInt32LE(0) !== ZIP64_END_SIGNATURE) {
    throw new ZipRejection(
      'its zip64 end locator points at something other than a zip64 end record',
    );
  }
  if (safeNumber(record.readBigUInt64LE(4), subject) !== ZIP64_END_BYTES - 12) {
    throw new ZipRejection('its zip64 end record has an extensible data sector');
  }
  const zip64: EndFields = {
    disk: record.readUInt32LE(16),
    directoryDisk: record.readUInt32LE(20),
    entriesOnDisk: safeNumber(record.readBigUInt64LE(24), subject),
    entryCount: safeNumber(record.readBigUInt64LE(32), subject),
    directorySize: safeNumber(record.readBigUInt64LE(40), subject),
    directoryOffset: safeNumber(record.readBigUInt64LE(48), subject),
  };
  // The classic record may write all ones for a value that needs zip64; any other value
  // must be the zip64 record's, or readers that ignore zip64 would see another archive.
  for (const key of Object.keys(zip64) as (keyof EndFields)[]) {
    const marker = key === 'directorySize' || key === 'directoryOffset' ? U32_MAX : U16_MAX;
    if (end[key] !== marker && end[key] !== zip64[key]) {
      throw new ZipRejection(
        `its end record and its zip64 end record disagree on the ${describeField(key)}`,
      );
    }
  }
  return checked({ ...zip64, directoryEnd: recordAt });
}

function describeField(key: keyof EndFields): string {
  return {
    disk: 'disk number',
    directoryDisk: 'disk of the central directory',
    entriesOnDisk: 'number of entries on this disk',
    entryCount: 'number of entries',
    directorySize: 'size of the central directory',
    directoryOffset: 'offset of the central directory',
  }[key];
}

function checked(end: EndFields & { readonly directoryEnd: number }): EndRecord {
  if (end.disk !== 0 || end.directoryDisk !== 0) {
    throw new ZipRejection('its end record describes a multi-disk archive');
  }
  if (end.entriesOnDisk !== end.entryCount) {
    throw new ZipRejection(
      `its end record counts ${counted(end.entriesOnDisk, 'entry', 'entries')} on this disk but ${end.entryCount} in all`,
    );
  }
  const declaredEnd = end.directoryOffset + end.directorySize;
  if (declaredEnd < end.directoryEnd) {
    throw new ZipRejection(
      `its central directory ends ${counted(end.directoryEnd - declaredEnd, 'byte')} before its end record (a second directory, or data prepended to the archive)`,
    );
  }
  if (declaredEnd > end.directoryEnd) {
    throw new ZipRejection(
      'its central directory, as its end record declares it, runs past the end record',
    );
  }
  return {
    entryCount: end.entryCount,
    directoryOffset: end.directoryOffset,
    directorySize: end.directorySize,
    directoryEnd: end.directoryEnd,
  };
}

/** A local file header at offset 0, as every zip a lab's tools write begins. */
async function startsLikeZip(source: ByteSource): Promise<boolean> {
  const head = await source.bytes(0, Math.min(4, source.size));
  return head !== null && Buffer.from(head).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04]));
}
