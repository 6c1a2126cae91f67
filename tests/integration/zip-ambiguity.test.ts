/**
 * One file, one meaning (issue 8 §2). Each hostile archive below reads one way to one zip
 * tool and another way to another; the desk must refuse it with a sentence naming the
 * rule, and where it matters the test shows what Python's zipfile (the reference reader,
 * run on the same bytes), a streaming extractor or yauzl (the desk's old reader, which
 * followed the end record's directory) would have taken from it. Archives the desk
 * accepts — its own bundles, Inspect's .eval files, zip64 — must read exactly as Python
 * reads them.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import yazl from 'yazl';
import { describe, expect, it } from 'vitest';
import { SafeZip, ZipRejection } from '../../main/zip';
import { makeBundle, makeKey } from '../support/lab';
import { pythonZipRead, pythonZipReadAll, type PythonReading } from '../support/python-zipfile';
import {
  directoryRecord,
  endRecord,
  localEntry,
  rawZip,
  writeSparseZip64,
  type RawEntry,
} from '../support/raw-zip';
import { sharedFixture } from '../support/shared-fixtures';
import { useTempDirs } from '../support/temp-dir';
import { rawZipEntries, streamingEntries } from '../support/zip-entries';

const honest: RawEntry = { name: 'results.json', data: Buffer.from('{"accuracy": 1.0}') };
const forged: RawEntry = { name: 'results.json', data: Buffer.from('{"accuracy": 0.0}') };
const notes: RawEntry = { name: 'notes.txt', data: Buffer.from('note '.repeat(60)), method: 8 };

/** Two directories, one file: yauzl follows the end record's offset, Python its size. */
function twoDirectories(): Buffer {
  const forgedLocal = localEntry(forged);
  const honestLocal = localEntry(honest);
  const forgedDirectory = directoryRecord(forged, 0);
  // Python reads the directory that ends at the end record and shifts every offset by the
  // gap it finds there (for self-extracting archives), so this record's offset is shifted back.
  const honestDirectory = directoryRecord(honest, forgedLocal.length - forgedDirectory.length);
  return Buffer.concat([
    forgedLocal,
    honestLocal,
    forgedDirectory,
    honestDirectory,
    endRecord({
      count: 1,
      size: honestDirectory.length,
      offset: forgedLocal.length + honestLocal.length,
    }),
  ]);
}

/** A second end record, and a directory for it, hidden in the archive comment. */
function endRecordInComment(): Buffer {
  const forgedLocal = localEntry(forged);
  const honestLocal = localEntry(honest);
  const honestDirectory = directoryRecord(honest, forgedLocal.length);
  const directoryAt = forgedLocal.length + honestLocal.length;
  const hiddenDirectory = directoryRecord(forged, 0);
  const hiddenAt = directoryAt + honestDirectory.length + 22;
  const comment = Buffer.concat([
    hiddenDirectory,
    endRecord({ count: 1, size: hiddenDirectory.length, offset: hiddenAt }),
  ]);
  return Buffer.concat([
    forgedLocal,
    honestLocal,
    honestDirectory,
    endRecord({ count: 1, size: honestDirectory.length, offset: directoryAt, comment }),
  ]);
}

/** An entry whose stored data holds a whole second local entry, listed on its own too. */
function overlapping(): Buffer {
  const inner = localEntry(honest);
  const cover: RawEntry = { name: 'cover.txt', data: Buffer.concat([Buffer.from('x'), inner]) };
  const coverLocal = localEntry(cover);
  const records = Buffer.concat([
    directoryRecord(cover, 0),
    directoryRecord(honest, 30 + 'cover.txt'.length + 1),
  ]);
  return Buffer.concat([
    coverLocal,
    records,
    endRecord({ count: 2, size: records.length, offset: coverLocal.length }),
  ]);
}

function sha256(bytes: Buffer): string {
  return crypto.createHash('sha256').update(bytes).digest('hex');
}

function patched(bytes: Buffer, offset: number, value: number): Buffer {
  const copy = Buffer.from(bytes);
  copy.writeUInt16LE(value, offset);
  return copy;
}

function texts(reading: PythonReading): [string, string][] {
  if (!reading.ok) throw new Error(`Python could not read the archive: ${reading.error}`);
  return reading.entries.map((e) => [e.name, e.data.toString('utf8')]);
}

describe('zip archives with more than one reading', () => {
  const tempDir = useTempDirs();
  const write = (bytes: Buffer, name = 'b.zip') => {
    const file = path.join(tempDir(), name);
    fs.writeFileSync(file, bytes);
    return file;
  };
  const refusal = async (file: string): Promise<string> => {
    const outcome = await SafeZip.open(file).then(
      (zip) => {
        zip.close();
        return null;
      },
      (error: unknown) => error,
    );
    expect(outcome).toBeInstanceOf(ZipRejection);
    return (outcome as ZipRejection).message;
  };

  it('two central directories: yauzl read accuracy 0.0, Python reads 1.0; the desk refuses', async () => {
    const file = write(twoDirectories());
    expect(await refusal(file)).toBe(
      'its central directory ends 58 bytes before its end record (a second directory, or data prepended to the archive)',
    );
    expect(texts(pythonZipRead(file))).toEqual([['results.json', '{"accuracy": 1.0}']]);
    const old = await rawZipEntries(file);
    expect(old.map((e) => [e.name, e.raw.toString('utf8')])).toEqual([
      ['results.json', '{"accuracy": 0.0}'],
    ]);
  });

  it('a zip prepended to a zip: Python reads the second, a streaming extractor the first; the desk refuses', async () => {
    const file = write(Buffer.concat([rawZip([forged]), rawZip([honest])]));
    expect(await refusal(file)).toBe(
      'its central directory ends 139 bytes before its end record (a second directory, or data prepended to the archive)',
    );
    expect(texts(pythonZipRead(file))).toEqual([['results.json', '{"accuracy": 1.0}']]);
    const streamed = streamingEntries(fs.readFileSync(file));
    expect(streamed.map((e) => e.data.toString('utf8'))).toEqual(['{"accuracy": 0.0}']);
  });

  it('junk prepended, with every offset shifted to match: the desk refuses', async () => {
    const file = write(rawZip([honest], { prefix: Buffer.from('#!/bin/sh\nexec evil\n') }));
    expect(await refusal(file)).toBe(
      'its first entry "results.json" starts at offset 20: the bytes before it belong to no entry (data prepended to the archive)',
    );
    expect(texts(pythonZipRead(file))).toEqual([['results.json', '{"accuracy": 1.0}']]);
  });

  it('a local entry no directory lists (appended to a signed archive): streaming extractors extract it; the desk refuses', async () => {
    const smuggled: RawEntry = { name: 'logs/smuggled.eval', data: Buffer.from('unsigned') };
    const file = write(rawZip([honest], { unlisted: [smuggled] }));
    expect(await refusal(file)).toBe(
      'it holds a local entry "logs/smuggled.eval" at offset 59 that its central directory does not list (other tools would extract it)',
    );
    expect(texts(pythonZipRead(file))).toEqual([['results.json', '{"accuracy": 1.0}']]);
    expect(streamingEntries(fs.readFileSync(file)).map((e) => e.name)).toEqual([
      'results.json',
      'logs/smuggled.eval',
    ]);
  });

  it('bytes between two entries that no record accounts for: the desk refuses', async () => {
    const first = localEntry(honest);
    const gap = Buffer.from('hidden');
    const second = localEntry(notes);
    const records = Buffer.concat([
      directoryRecord(honest, 0),
      directoryRecord(notes, first.length + gap.length),
    ]);
    const end = first.length + gap.length + second.length;
    const file = write(
      Buffer.concat([
        first,
        gap,
        second,
        records,
        endRecord({ count: 2, size: records.length, offset: end }),
      ]),
    );
    expect(await refusal(file)).toBe('6 bytes at offset 59 belong to no entry its directory lists');
  });

  it('a local header whose name differs from the directory (../ for a streaming extractor): the desk refuses', async () => {
    const file = write(rawZip([{ ...honest, localName: '../evil.sh' }]));
    expect(await refusal(file)).toBe(
      'entry "results.json" is called "../evil.sh" in its local header (streaming extractors use that name)',
    );
    expect(streamingEntries(fs.readFileSync(file)).map((e) => e.name)).toEqual(['../evil.sh']);
    expect(pythonZipRead(file)).toMatchObject({ ok: false, error: /differ/ });
  });

  it('overlapping entries (one inside the data of another): the desk refuses', async () => {
    const file = write(overlapping());
    expect(await refusal(file)).toBe(
      'entry "results.json" starts at offset 40, inside entry "cover.txt" (overlapping entries)',
    );
  });

  it.each([
    [
      'uncompressed size',
      { uncompressedSize: 5 },
      'its uncompressed size is 5; its directory record says 300',
    ],
    [
      'compressed size',
      { compressedSize: 7 },
      'its compressed size is 7; its directory record says 11',
    ],
    ['CRC-32', { crc32: 0 }, 'its CRC-32 is 0; its directory record says'],
  ])(
    'a data descriptor that lies about the %s: Python ignores it; the desk refuses',
    async (_what, lie, said) => {
      const file = write(rawZip([{ ...notes, descriptor: lie }]));
      expect(await refusal(file)).toContain(
        `entry "notes.txt" says in its data descriptor that ${said}`,
      );
      expect(texts(pythonZipRead(file))).toEqual([['notes.txt', 'note '.repeat(60)]]);
    },
  );

  it('a data descriptor announced by the flags but missing: the desk refuses', async () => {
    const bytes = rawZip([honest, notes]);
    // Set bit 3 in both headers of the first entry; its data is followed by the next header.
    const directory = bytes.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
    const file = write(patched(patched(bytes, 6, 0x0808), directory + 8, 0x0808));
    expect(await refusal(file)).toBe(
      'entry "results.json" has no data descriptor after its data, though its flags announce one',
    );
  });

  it('local and directory headers that disagree on flags or method: the desk refuses', async () => {
    const bytes = rawZip([honest]);
    expect(await refusal(write(patched(bytes, 6, 0x0802)))).toBe(
      'entry "results.json" has different general-purpose flags in its local header and its directory record',
    );
    expect(await refusal(write(patched(bytes, 8, 8)))).toBe(
      'entry "results.json" has different compression methods in its local header and its directory record',
    );
    expect(await refusal(write(patched(bytes, 22, 99)))).toBe(
      'entry "results.json" says in its local header that its uncompressed size is 99; its directory record says 17',
    );
  });

  it('an entry that needs a newer zip version, or sets flags that change its meaning: Python refuses it, so does the desk', async () => {
    const bytes = rawZip([honest]);
    const directory = bytes.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
    const newer = write(patched(bytes, directory + 6, 64));
    expect(await refusal(newer)).toBe(
      'entry "results.json" needs zip version 6.4 to extract; the desk, like Python\'s zipfile, reads up to 6.3',
    );
    expect(pythonZipRead(newer)).toMatchObject({ ok: false, error: /version 6\.4/ });
    const patchedData = write(patched(patched(bytes, 6, 0x0820), directory + 8, 0x0820), 'c.zip');
    expect(await refusal(patchedData)).toBe(
      'entry "results.json" sets general-purpose flags 0x0820, which change how other tools read it',
    );
    expect(pythonZipRead(patchedData)).toMatchObject({ ok: false, error: /patched data/ });
  });

  it.each([
    [{ count: 1 }, 'its end record counts 1 entry but its central directory holds 2'],
    [{ countOnDisk: 3 }, 'its end record counts 3 entries on this disk but 2 in all'],
    [{ disk: 1 }, 'its end record describes a multi-disk archive'],
    [{ size: 1 }, 'its central directory, as its end record declares it, runs past the end record'],
    [{ count: 0xffff }, 'its end record refers to a zip64 end record that is not there'],
  ])(
    'an end record that disagrees with the directory (%o): the desk refuses',
    async (end, sentence) => {
      const good = rawZip([honest, notes]);
      const directorySize = good.readUInt32LE(good.length - 22 + 12);
      const lying = rawZip([honest, notes], {
        end: 'size' in end ? { size: directorySize + 1 } : end,
      });
      const file = write(lying);
      expect(await refusal(file)).toBe(sentence);
      if ('count' in end && end.count === 1) {
        // yauzl read as many records as the end record counts; Python reads them all.
        expect((await rawZipEntries(file)).map((e) => e.name)).toEqual(['results.json']);
        expect(texts(pythonZipRead(file)).map(([name]) => name)).toEqual([
          'results.json',
          'notes.txt',
        ]);
      }
    },
  );

  it('bytes after the end record and its declared comment: Python ignores them; the desk refuses', async () => {
    const file = write(Buffer.concat([rawZip([honest]), Buffer.from('trailing')]));
    expect(await refusal(file)).toBe(
      'it is truncated, or bytes were appended after its end record',
    );
    expect(texts(pythonZipRead(file))).toEqual([['results.json', '{"accuracy": 1.0}']]);
  });

  it('a file that is no zip and a zip cut short get different sentences', async () => {
    const zip = rawZip([honest]);
    expect(await refusal(write(Buffer.from('hello, this is a text file\n')))).toBe(
      'it is not a zip archive (a bundle is one), nor the start of one',
    );
    expect(await refusal(write(Buffer.alloc(0)))).toBe(
      'it is not a zip archive (a bundle is one), nor the start of one',
    );
    expect(await refusal(write(zip.subarray(0, zip.length - 30)))).toBe(
      'it is truncated or damaged: it begins as a zip archive but has no end record',
    );
  });

  it('an end record hidden in the comment: Python reads 0.0, and 1.0 once the comment is cut off; the desk refuses', async () => {
    const bytes = endRecordInComment();
    const file = write(bytes);
    expect(await refusal(file)).toBe(
      'its comment holds a second end-of-central-directory signature, which other tools would take for the end of the archive',
    );
    expect(texts(pythonZipRead(file))).toEqual([['results.json', '{"accuracy": 0.0}']]);
    const commentLength = 46 + 'results.json'.length + 22;
    const uncommented = Buffer.from(bytes.subarray(0, bytes.length - commentLength));
    uncommented.writeUInt16LE(0, uncommented.length - 2);
    expect(texts(pythonZipRead(write(uncommented, 'c.zip')))).toEqual([
      ['results.json', '{"accuracy": 1.0}'],
    ]);
  });

  it('a non-ASCII name not marked as UTF-8: Python reads it as code page 437; the desk refuses', async () => {
    const file = write(rawZip([{ name: 'résumé.txt', data: Buffer.from('x'), flags: 0 }]));
    expect(await refusal(file)).toBe(
      'entry "résumé.txt" has a non-ASCII name that is not marked as UTF-8 (other tools would read it as code page 437)',
    );
    expect(texts(pythonZipRead(file))).toEqual([['r├⌐sum├⌐.txt', 'x']]);
  });

  it('a stored entry whose two sizes differ: the desk refuses', async () => {
    const file = write(rawZip([{ ...honest, declaredSize: 99 }]));
    expect(await refusal(file)).toBe(
      'entry "results.json" is stored uncompressed but declares 17 stored and 99 uncompressed bytes',
    );
  });

  it('bytes hidden after a deflate stream (a streaming extractor reads them as the next entry): reading refuses', async () => {
    const evil = localEntry({ name: 'evil.sh', data: Buffer.from('rm -rf ~') });
    const fakeDescriptor = Buffer.alloc(16);
    fakeDescriptor.writeUInt32LE(0x08074b50, 0);
    const file = write(
      rawZip([{ ...notes, descriptor: {}, hidden: Buffer.concat([fakeDescriptor, evil]) }]),
    );
    expect(streamingEntries(fs.readFileSync(file)).map((e) => e.name)).toEqual([
      'notes.txt',
      'evil.sh',
    ]);
    expect(texts(pythonZipRead(file))).toEqual([['notes.txt', 'note '.repeat(60)]]);
    const zip = await SafeZip.open(file);
    try {
      await expect(zip.readEntry('notes.txt', 1 << 20)).rejects.toThrow(
        `entry "notes.txt"'s deflate stream ends ${16 + evil.length} bytes before its data does (hidden bytes)`,
      );
    } finally {
      zip.close();
    }
  });

  it('data that does not match its CRC-32: Python refuses it, and so does reading', async () => {
    const bytes = rawZip([honest]);
    const file = write(patched(bytes, 30 + 12 + 15, 0x3930)); // "1.0" → "0.9"
    expect(pythonZipRead(file)).toMatchObject({ ok: false, error: /CRC/ });
    const zip = await SafeZip.open(file);
    try {
      await expect(zip.readEntry('results.json', 1024)).rejects.toThrow(
        'entry "results.json" does not match its CRC-32',
      );
    } finally {
      zip.close();
    }
  });
});

describe('zip archives with one reading read as Python reads them', () => {
  const tempDir = useTempDirs();

  async function deskReading(file: string): Promise<[string, string][]> {
    const zip = await SafeZip.open(file);
    try {
      const read: [string, string][] = [];
      for (const entry of zip.entries)
        read.push([entry.name, sha256(await zip.readEntry(entry.name, 1 << 30))]);
      return read;
    } finally {
      zip.close();
    }
  }

  // Digests, not bytes: deep equality over megabytes of Buffer takes vitest half a minute.
  function digests(python: PythonReading): [string, string][] {
    if (!python.ok) throw new Error(`Python could not read the archive: ${python.error}`);
    return python.entries.map((e) => [e.name, sha256(e.data)]);
  }

  async function expectSameAsPython(file: string): Promise<void> {
    const python = digests(pythonZipRead(file));
    expect(python.length).toBeGreaterThan(0);
    expect(await deskReading(file)).toEqual(python);
  }

  async function yazlZip(
    file: string,
    build: (zip: yazl.ZipFile) => void,
    end: Partial<yazl.EndOptions> = {},
  ) {
    const zip = new yazl.ZipFile();
    build(zip);
    zip.end({ forceZip64Format: false, comment: '', ...end });
    await pipeline(zip.outputStream, fs.createWriteStream(file));
    return file;
  }

  it("a signed bundle made by the desk's own writer (yazl, data descriptors, stored .eval logs)", async () => {
    const dir = tempDir();
    const key = await makeKey(dir, 'lab');
    const bundle = await makeBundle(path.join(dir, 'valid.evbundle'), key.unlocked);
    await expectSameAsPython(bundle);
  });

  it('yazl archives with compressed, stored, empty and commented entries', async () => {
    const file = await yazlZip(
      path.join(tempDir(), 'mixed.zip'),
      (zip) => {
        zip.addBuffer(Buffer.from('deflated '.repeat(100)), 'a/deflated.txt', { compress: true });
        zip.addBuffer(Buffer.from('stored'), 'a/stored.txt', { compress: false });
        zip.addBuffer(Buffer.alloc(0), 'empty.txt');
        zip.addReadStream(
          fs.createReadStream(sharedFixture('inspect/log_formats.json')),
          'log.json',
        );
      },
      { comment: 're-wrapped with a comment' },
    );
    await expectSameAsPython(file);
  });

  it('a name that starts with a byte-order mark keeps it, as in Python', async () => {
    const file = path.join(tempDir(), 'bom.zip');
    fs.writeFileSync(file, rawZip([{ name: '\ufeffnotes.txt', data: Buffer.from('x') }]));
    await expectSameAsPython(file);
  });

  it('zip64 archives as yazl writes them (zip64 end record, locator, extra fields, wide descriptors)', async () => {
    const file = await yazlZip(
      path.join(tempDir(), 'zip64.zip'),
      (zip) => {
        zip.addBuffer(Buffer.from('zip64 '.repeat(50)), 'big.txt', { forceZip64Format: true });
        zip.addReadStream(
          fs.createReadStream(sharedFixture('inspect/log_formats.eval')),
          'log.eval',
          {
            forceZip64Format: true,
            compress: false,
          },
        );
      },
      { forceZip64Format: true },
    );
    await expectSameAsPython(file);
  });

  it('an archive past 4 GiB (zip64 offsets, laid out as yazl writes them) opens without being loaded: a sparse 4 GiB file', async () => {
    const file = path.join(tempDir(), 'big.zip');
    const small: RawEntry = { name: 'small.txt', data: Buffer.from('after 4 GiB') };
    writeSparseZip64(file, 0xfffffff0, small);
    expect(fs.statSync(file).size).toBeGreaterThan(2 ** 32);
    const zip = await SafeZip.open(file);
    try {
      expect(zip.entries).toEqual([
        { name: 'logs/big.eval', uncompressedSize: 0xfffffff0, compressedSize: 0xfffffff0 },
        { name: 'small.txt', uncompressedSize: 11, compressedSize: 11 },
      ]);
      expect((await zip.readEntry('small.txt', 1024)).toString()).toBe('after 4 GiB');
    } finally {
      zip.close();
    }
  });

  it('zip64 end records that disagree with the directory or with the end record are refused', async () => {
    const file = await yazlZip(
      path.join(tempDir(), 'zip64.zip'),
      (zip) => {
        zip.addBuffer(Buffer.from('one'), 'one.txt');
      },
      { forceZip64Format: true },
    );
    const bytes = fs.readFileSync(file);
    // The zip64 end record (56 bytes) and its locator (20) precede the 22-byte end record.
    const zip64End = bytes.length - 22 - 20 - 56;
    const counts = Buffer.from(bytes);
    counts.writeBigUInt64LE(2n, zip64End + 24);
    counts.writeBigUInt64LE(2n, zip64End + 32);
    fs.writeFileSync(file, counts);
    await expect(SafeZip.open(file)).rejects.toThrow(
      'its end record counts 2 entries but its central directory holds 1',
    );
    const classic = Buffer.from(bytes);
    classic.writeUInt16LE(5, bytes.length - 22 + 10);
    fs.writeFileSync(file, classic);
    await expect(SafeZip.open(file)).rejects.toThrow(
      'its end record and its zip64 end record disagree on the number of entries',
    );
  });

  it('mutated archives (bytes, flags, sizes, offsets changed): whatever the desk accepts and reads, Python reads alike', async () => {
    const base = rawZip([
      { name: 'a.json', data: Buffer.from('{"x":1}'.repeat(20)), method: 8, descriptor: {} },
      { name: 'b/c.txt', data: Buffer.from('hello') },
      { name: 'd.txt', data: Buffer.from('z'.repeat(300)), method: 8 },
    ]);
    let seed = 8;
    const random = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    const dir = tempDir();
    const accepted: { file: string; reading: [string, string][] }[] = [];
    for (let i = 0; i < 400; i++) {
      const bytes = Buffer.from(base);
      for (let changes = 1 + random(2); changes > 0; changes--) {
        const at = random(bytes.length - 4);
        const values = [0, 1, 8, 20, 63, 0x0800, 0x0808, 0xffff];
        [
          () => bytes.writeUInt8(random(256), at),
          () => bytes.writeUInt8(bytes.readUInt8(at) ^ (1 << random(8)), at),
          () => bytes.writeUInt16LE(values[random(values.length)] ?? 0, at),
          () => bytes.writeUInt32LE(random(2) === 0 ? 0xffffffff : random(400), at),
        ][random(4)]?.();
      }
      const file = path.join(dir, `m${i}.zip`);
      fs.writeFileSync(file, bytes);
      const reading = await deskReading(file).catch((error: unknown) => {
        if (error instanceof ZipRejection) return null;
        throw error; // anything but a refusal is a crash
      });
      if (reading !== null) accepted.push({ file, reading });
    }
    // Most mutations are refused; enough must pass for the comparison to mean something.
    expect(accepted.length).toBeGreaterThan(40);
    const python = pythonZipReadAll(accepted.map((a) => a.file));
    accepted.forEach(({ file, reading }, i) => {
      const theirs = python[i];
      expect([file, theirs && digests(theirs)]).toEqual([file, reading]);
    });
  });

  it.each(['doomla_3epochs.eval', 'log_formats.eval', 'log_streaming.eval', 'popularity.eval'])(
    "Inspect's own archive %s (written by Python's zipfile)",
    async (name) => {
      await expectSameAsPython(sharedFixture(`inspect/${name}`));
    },
  );

  it('a zstd-compressed Inspect archive passes the structural scan and is refused only for its method', async () => {
    await expect(SafeZip.open(sharedFixture('inspect/ais-decoder_zstd.eval'))).rejects.toThrow(
      /^entry "[^"]+" uses compression method 93; only stored and deflate are accepted$/,
    );
  });
});
