/**
 * What Inspect itself recorded in each log's header, read independently of main/inspect
 * (raw zip members, zstd or deflate), so import tests compare against the source rather
 * than against our own reader.
 */
import path from 'node:path';
import zlib from 'node:zlib';
import fs from 'node:fs';
// With its extension: tests/offline/cli-flows.ts loads this in plain Node.
import { rawZipEntries } from './zip-entries.ts';

export interface RecordedHeader {
  /** Sample records Inspect completed: one per sample per epoch. */
  readonly samples: number;
  /** "scorer/metric" → value as recorded (NaN → null). */
  readonly metrics: Readonly<Record<string, number | null>>;
  /** The model the run was on, as Inspect named it (eval.model). */
  readonly model: string | null;
}

interface HeaderJson {
  eval?: { model?: string };
  results?: {
    completed_samples?: number;
    total_samples?: number;
    scores?: { name: string; metrics: Record<string, { value: number | null }> }[];
  } | null;
  samples?: unknown[];
}

function parse(text: string): HeaderJson {
  // Python's json writes bare NaN / Infinity; the header's numbers never sit inside strings here.
  return JSON.parse(text.replace(/\bNaN\b|-?\bInfinity\b/g, 'null')) as HeaderJson;
}

/** The members the header and sample count come from, inflated (deflate or zstd). */
async function members(file: string): Promise<Map<string, Buffer>> {
  const wanted = (name: string) =>
    name === 'header.json' || name === '_journal/start.json' || name.startsWith('samples/');
  const entries = await rawZipEntries(file, wanted);
  return new Map(entries.map((e) => [e.name, inflate(e.method, e.raw)]));
}

function inflate(method: number, raw: Buffer): Buffer {
  if (method === 93) return zlib.zstdDecompressSync(raw);
  return method === 8 ? zlib.inflateRawSync(raw) : raw;
}

export async function inspectHeaders(
  files: readonly string[],
): Promise<Map<string, RecordedHeader>> {
  const result = new Map<string, RecordedHeader>();
  for (const file of files) {
    let header: HeaderJson;
    let sampleRecords: number;
    if (file.endsWith('.eval')) {
      const m = await members(file);
      const text = (m.get('header.json') ?? m.get('_journal/start.json'))?.toString('utf8') ?? '{}';
      header = parse(text);
      sampleRecords = new Set([...m.keys()].filter((k) => k.startsWith('samples/'))).size;
    } else {
      header = parse(fs.readFileSync(file, 'utf8'));
      sampleRecords = header.samples?.length ?? 0;
    }
    const metrics: Record<string, number | null> = {};
    for (const score of header.results?.scores ?? []) {
      for (const [name, metric] of Object.entries(score.metrics))
        metrics[`${score.name}/${name}`] = metric.value;
    }
    // Inspect counts a sample once per epoch (doomla_3epochs: 1 sample × 3 epochs = 3).
    result.set(path.basename(file), {
      samples: header.results?.completed_samples ?? sampleRecords,
      metrics,
      model: header.eval?.model ?? null,
    });
  }
  return result;
}
