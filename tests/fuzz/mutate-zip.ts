/**
 * Hostile variants of a zip archive (a bundle, or an .eval inside one), at two levels:
 * bytes (bit flips, truncation, a header field set to an edge value, bytes prepended or
 * appended) and entries (reordered, renamed, duplicated, dropped, recompressed), rebuilt
 * with the permissive writer in tests/support/raw-zip.ts.
 */
import zlib from 'node:zlib';
import fc from 'fast-check';
import { rawZip } from '../support/raw-zip';

/** Where the headers are, read the way every zip reader starts: from the end record. */
interface Layout {
  readonly locals: readonly number[];
  readonly centrals: readonly number[];
  readonly end: number;
}

const FIELDS = {
  // offset within the header, width in bytes
  local: [
    [4, 2],
    [6, 2],
    [8, 2],
    [14, 4],
    [18, 4],
    [22, 4],
    [26, 2],
    [28, 2],
  ],
  central: [
    [6, 2],
    [8, 2],
    [10, 2],
    [16, 4],
    [20, 4],
    [24, 4],
    [28, 2],
    [30, 2],
    [32, 2],
    [34, 2],
    [38, 4],
    [42, 4],
  ],
  end: [
    [4, 2],
    [6, 2],
    [8, 2],
    [10, 2],
    [12, 4],
    [16, 4],
    [20, 2],
  ],
} as const satisfies Record<string, readonly (readonly [number, 2 | 4])[]>;

function layout(zip: Buffer): Layout {
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (end < 0) throw new Error('not a zip: no end record');
  const count = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  const centrals: number[] = [];
  const locals: number[] = [];
  for (let i = 0; i < count; i++) {
    centrals.push(at);
    locals.push(zip.readUInt32LE(at + 42));
    at += 46 + zip.readUInt16LE(at + 28) + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
  }
  return { locals, centrals, end };
}

export type ZipMutation =
  | { readonly kind: 'flip'; readonly bits: readonly number[] }
  | { readonly kind: 'truncate'; readonly fraction: number }
  | {
      readonly kind: 'header';
      readonly where: 'local' | 'central' | 'end';
      readonly entry: number;
      readonly field: number;
      readonly value: 'zero' | 'max' | 'plus-one' | 'minus-one' | number;
    }
  | { readonly kind: 'prepend' | 'append'; readonly bytes: Uint8Array }
  | { readonly kind: 'reorder'; readonly order: readonly number[] }
  | { readonly kind: 'rename'; readonly entry: number; readonly to: RenameTo }
  | { readonly kind: 'duplicate' | 'drop'; readonly entry: number }
  | { readonly kind: 'recompress'; readonly entry: number };

type RenameTo =
  'dot-dot' | 'absolute' | 'upper' | 'long-s' | 'backslash' | 'trailing-dot' | 'nul' | 'nfd';

export const zipMutation: fc.Arbitrary<ZipMutation> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('flip' as const),
      bits: fc.array(fc.nat(), { minLength: 1, maxLength: 8 }),
    }),
  },
  fc.record({
    kind: fc.constant('truncate' as const),
    fraction: fc.double({ min: 0, max: 1, noNaN: true }),
  }),
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('header' as const),
      where: fc.constantFrom('local' as const, 'central' as const, 'end' as const),
      entry: fc.nat(),
      field: fc.nat(),
      value: fc.oneof(
        fc.constantFrom('zero' as const, 'max' as const, 'plus-one' as const, 'minus-one' as const),
        fc.nat(),
      ),
    }),
  },
  fc.record({
    kind: fc.constantFrom('prepend' as const, 'append' as const),
    bytes: fc.uint8Array({ minLength: 1, maxLength: 64 }),
  }),
  fc.record({
    kind: fc.constant('reorder' as const),
    order: fc.array(fc.nat(), { minLength: 2, maxLength: 16 }),
  }),
  fc.record({
    kind: fc.constant('rename' as const),
    entry: fc.nat(),
    to: fc.constantFrom<RenameTo>(
      'dot-dot',
      'absolute',
      'upper',
      'long-s',
      'backslash',
      'trailing-dot',
      'nul',
      'nfd',
    ),
  }),
  fc.record({ kind: fc.constantFrom('duplicate' as const, 'drop' as const), entry: fc.nat() }),
  fc.record({ kind: fc.constant('recompress' as const), entry: fc.nat() }),
);

function renamed(name: string, to: RenameTo): string {
  switch (to) {
    case 'dot-dot':
      return `../${name}`;
    case 'absolute':
      return `/${name}`;
    case 'upper':
      return name.toUpperCase();
    case 'long-s':
      return name.replace(/s/, 'ſ');
    case 'backslash':
      return name.replace('/', '\\');
    case 'trailing-dot':
      return `${name}.`;
    case 'nul':
      return `${name}\0.txt`;
    case 'nfd':
      return `${name}e\u0301`;
  }
}

export interface ZipEntry {
  readonly name: string;
  readonly data: Buffer;
  readonly method: 0 | 8;
}

/** Applies `mutation` to `zip`, whose decoded entries are `entries` (in archive order). */
export function mutateZip(
  zip: Buffer,
  entries: readonly ZipEntry[],
  mutation: ZipMutation,
): Buffer {
  const pick = (i: number) => i % entries.length;
  const rebuild = (list: readonly ZipEntry[]) => rawZip(list);
  switch (mutation.kind) {
    case 'flip': {
      const out = Buffer.from(zip);
      for (const bit of mutation.bits) {
        const i = Math.floor(bit / 8) % out.length;
        out[i] = (out[i] ?? 0) ^ (1 << (bit % 8));
      }
      return out;
    }
    case 'truncate':
      return zip.subarray(0, Math.floor(zip.length * mutation.fraction));
    case 'header': {
      const out = Buffer.from(zip);
      const { locals, centrals, end } = layout(zip);
      const fields = FIELDS[mutation.where];
      const [offset, width] = fields[mutation.field % fields.length] ?? [0, 2];
      const base =
        mutation.where === 'end'
          ? end
          : ((mutation.where === 'local' ? locals : centrals)[pick(mutation.entry)] ?? 0);
      const at = base + offset;
      const max = width === 2 ? 0xffff : 0xffffffff;
      const old = width === 2 ? out.readUInt16LE(at) : out.readUInt32LE(at);
      const value =
        mutation.value === 'zero'
          ? 0
          : mutation.value === 'max'
            ? max
            : mutation.value === 'plus-one'
              ? (old + 1) % (max + 1)
              : mutation.value === 'minus-one'
                ? (old + max) % (max + 1)
                : mutation.value % (max + 1);
      if (width === 2) out.writeUInt16LE(value, at);
      else out.writeUInt32LE(value, at);
      return out;
    }
    case 'prepend':
      return Buffer.concat([mutation.bytes, zip]);
    case 'append':
      return Buffer.concat([zip, mutation.bytes]);
    case 'reorder': {
      // A permutation from the drawn numbers: each takes the next unused entry at its index.
      const left = [...entries];
      const order: ZipEntry[] = [];
      for (const n of mutation.order)
        if (left.length > 0) order.push(...left.splice(n % left.length, 1));
      return rebuild([...order, ...left]);
    }
    case 'rename':
      return rebuild(
        entries.map((e, i) =>
          i === pick(mutation.entry) ? { ...e, name: renamed(e.name, mutation.to) } : e,
        ),
      );
    case 'duplicate': {
      const copy = entries[pick(mutation.entry)];
      return rebuild(copy ? [...entries, copy] : entries);
    }
    case 'drop':
      return rebuild(entries.filter((_, i) => i !== pick(mutation.entry)));
    case 'recompress':
      return rebuild(
        entries.map((e, i) =>
          i === pick(mutation.entry) ? { ...e, method: e.method === 8 ? 0 : 8 } : e,
        ),
      );
  }
}

/** The decoded entries of a zip written by the app (stored or deflated only). */
export function decodeEntries(
  raw: readonly { name: string; method: number; raw: Buffer }[],
): ZipEntry[] {
  return raw.map((e) => ({
    name: e.name,
    method: e.method === 8 ? 8 : 0,
    data: e.method === 8 ? zlib.inflateRawSync(e.raw) : e.raw,
  }));
}
