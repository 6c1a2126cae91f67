/**
 * Test support only (imported by the *.test.ts files beside it, never by the app): builds
 * small `.eval` archives and takes real ones apart, so tests can make the awkward logs
 * that real runs produce rarely (duplicate members, a missing header, zip bombs).
 */
import { buffer } from 'node:stream/consumers';
import zlib from 'node:zlib';
import yauzl from 'yauzl';
import yazl from 'yazl';

export interface Member {
  readonly name: string;
  readonly data: Buffer;
}

/** A zip of `members`, in order (duplicates allowed), deflated unless `stored`. */
export async function buildZip(
  members: readonly Member[],
  options: { stored?: boolean } = {},
): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  for (const member of members) {
    zip.addBuffer(member.data, member.name, { compress: options.stored !== true });
  }
  zip.end();
  return buffer(zip.outputStream);
}

/** The members of a deflate or stored zip, duplicates and order kept. */
export async function readZip(bytes: Buffer): Promise<Member[]> {
  const zip = await yauzl.fromBufferPromise(bytes, { lazyEntries: true });
  const members: Member[] = [];
  for await (const entry of zip.eachEntry()) {
    const stream = await zip.openReadStreamPromise(entry);
    members.push({ name: entry.fileName, data: await buffer(stream) });
  }
  return members;
}

export function json(value: unknown): Buffer {
  return Buffer.from(JSON.stringify(value, null, 2));
}

/** A minimal header.json in the shape Inspect writes. */
export function header(overrides: {
  scores?: unknown[];
  total?: number;
  config?: Record<string, unknown>;
  status?: string;
}): Record<string, unknown> {
  return {
    version: 2,
    status: overrides.status ?? 'success',
    eval: {
      run_id: 'run-1',
      created: '2026-01-01T00:00:00+00:00',
      task: 'synthetic',
      task_id: 'task-1',
      task_version: 0,
      dataset: { name: 'synthetic', samples: 3 },
      model: 'test/model',
      config: overrides.config ?? {},
    },
    results: {
      total_samples: overrides.total ?? 0,
      completed_samples: overrides.total ?? 0,
      scores: overrides.scores ?? [],
    },
  };
}

/** An accuracy + stderr claimed score for `scorer`. */
export function claimed(scorer: string, metrics: Record<string, number>, extra: object = {}) {
  return {
    name: scorer,
    scorer,
    params: {},
    metrics: Object.fromEntries(
      Object.entries(metrics).map(([name, value]) => [name, { name, value, params: {} }]),
    ),
    ...extra,
  };
}

/** A minimal sample in the shape Inspect writes. */
export function sample(
  id: string | number,
  epoch: number,
  scores: Record<string, unknown>,
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    id,
    epoch,
    input: `question ${String(id)}`,
    target: 'answer',
    messages: [
      { role: 'user', content: `question ${String(id)}` },
      { role: 'assistant', content: 'reply' },
    ],
    scores: Object.fromEntries(Object.entries(scores).map(([k, value]) => [k, { value }])),
    model_usage: { 'test/model': { input_tokens: 10, output_tokens: 5, total_tokens: 15 } },
    ...extra,
  };
}

export function sampleMember(s: Record<string, unknown>): Member {
  return { name: `samples/${String(s.id)}_epoch_${String(s.epoch)}.json`, data: json(s) };
}

/** A header.json member plus one member per sample. */
export function evalMembers(
  head: Record<string, unknown>,
  samples: readonly Record<string, unknown>[],
): Member[] {
  return [{ name: 'header.json', data: json(head) }, ...samples.map(sampleMember)];
}

/**
 * Rewrites a field of every central-directory record for `name` (and its local header):
 * lets a test make an archive lie about a member's size or checksum, or label stored
 * bytes as another compression method.
 */
export function patchMember(
  zipBytes: Buffer,
  name: string,
  field: 'uncompressedSize' | 'crc32' | 'compressionMethod',
  value: number,
): Buffer {
  const bytes = Buffer.from(zipBytes);
  const eocd = bytes.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const count = bytes.readUInt16LE(eocd + 10);
  let at = bytes.readUInt32LE(eocd + 16);
  for (let i = 0; i < count; i += 1) {
    const nameLength = bytes.readUInt16LE(at + 28);
    const extraLength = bytes.readUInt16LE(at + 30);
    const commentLength = bytes.readUInt16LE(at + 32);
    const entryName = bytes.toString('utf8', at + 46, at + 46 + nameLength);
    if (entryName === name) {
      const local = bytes.readUInt32LE(at + 42);
      if (field === 'uncompressedSize') {
        bytes.writeUInt32LE(value, at + 24);
        bytes.writeUInt32LE(value, local + 22);
      } else if (field === 'crc32') {
        bytes.writeUInt32LE(value, at + 16);
        bytes.writeUInt32LE(value, local + 14);
      } else {
        bytes.writeUInt16LE(value, at + 10);
        bytes.writeUInt16LE(value, local + 8);
      }
    }
    at += 46 + nameLength + extraLength + commentLength;
  }
  return bytes;
}

/**
 * A zip whose member `name` holds `data` compressed with zstd (zip method 93), as recent
 * Inspect writes; yazl cannot, so the zstd bytes are stored and then relabelled.
 */
export async function zstdMemberZip(
  members: readonly Member[],
  name: string,
  data: Buffer,
  declaredSize: number = data.length,
): Promise<Buffer> {
  const stored = await buildZip([...members, { name, data: zlib.zstdCompressSync(data) }], {
    stored: true,
  });
  const relabelled = patchMember(stored, name, 'compressionMethod', 93);
  const sized = patchMember(relabelled, name, 'uncompressedSize', declaredSize);
  return patchMember(sized, name, 'crc32', zlib.crc32(data));
}
