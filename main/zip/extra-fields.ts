/**
 * The extra fields of a zip header (APPNOTE 4.5): tagged blocks that must tile the extra
 * area exactly. The zip64 field replaces header values written as all ones; the spec says
 * which values it holds and in which order, and a reader that took them in another order
 * or from a field it should ignore would see other sizes, so anything else is refused.
 */
import { ZipRejection } from './rejection';

export const ZIP64_EXTRA = 0x0001;
// A second name for the entry (Info-ZIP): tools disagree on which of the two to use.
const INFO_ZIP_UNICODE_PATH = 0x7075;
export const U32_MAX = 0xffffffff;
export const U16_MAX = 0xffff;

export interface ExtraField {
  readonly id: number;
  readonly data: Buffer;
}

/** The extra area's fields; `entry` is how the sentence names the entry, `where` which header. */
export function extraFields(area: Buffer, entry: string, where: string): ExtraField[] {
  const fields: ExtraField[] = [];
  for (let at = 0; at < area.length;) {
    if (at + 4 > area.length) {
      throw new ZipRejection(`entry ${entry} has a truncated extra field in its ${where}`);
    }
    const id = area.readUInt16LE(at);
    const size = area.readUInt16LE(at + 2);
    if (at + 4 + size > area.length) {
      throw new ZipRejection(`entry ${entry} has an extra field that overruns its ${where}`);
    }
    if (id === INFO_ZIP_UNICODE_PATH) {
      throw new ZipRejection(`entry ${entry} carries an alternative Unicode file name`);
    }
    if (id === ZIP64_EXTRA && fields.some((f) => f.id === ZIP64_EXTRA)) {
      throw new ZipRejection(`entry ${entry} has two zip64 extra fields in its ${where}`);
    }
    fields.push({ id, data: Buffer.from(area.subarray(at + 4, at + 4 + size)) });
    at += 4 + size;
  }
  return fields;
}

/**
 * Resolves header values written as all ones (`marker`) from the zip64 field, which must
 * hold exactly those values, 8 bytes each (4 for a disk number), in the order given.
 */
export function resolveZip64(
  values: readonly { readonly value: number; readonly marker: number }[],
  fields: readonly ExtraField[],
  entry: string,
  where: string,
): { readonly values: number[]; readonly zip64: boolean } {
  const field = fields.find((f) => f.id === ZIP64_EXTRA);
  const marked = values.filter((v) => v.value === v.marker);
  const expected = marked.reduce((sum, v) => sum + (v.marker === U16_MAX ? 4 : 8), 0);
  if (field === undefined && marked.length === 0) {
    return { values: values.map((v) => v.value), zip64: false };
  }
  if (field?.data.length !== expected || expected === 0) {
    throw new ZipRejection(
      `entry ${entry} has a zip64 extra field in its ${where} that does not match the values it replaces`,
    );
  }
  let at = 0;
  const resolved = values.map(({ value, marker }) => {
    if (value !== marker) return value;
    if (marker === U16_MAX) {
      at += 4;
      return field.data.readUInt32LE(at - 4);
    }
    at += 8;
    return safeNumber(field.data.readBigUInt64LE(at - 8), `entry ${entry}`);
  });
  return { values: resolved, zip64: true };
}

/** A 64-bit size or offset as a number; anything past 2^53 is no real file. */
export function safeNumber(value: bigint, subject: string): number {
  if (value > BigInt(Number.MAX_SAFE_INTEGER)) {
    throw new ZipRejection(`${subject} declares a size or offset beyond any real file`);
  }
  return Number(value);
}
