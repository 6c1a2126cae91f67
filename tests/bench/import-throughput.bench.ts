/**
 * `npm run bench`: import throughput of a large, realistic result bundle (DESIGN.md §7:
 * performance is measured by a benchmark that writes its figures, never by timed tests).
 *
 * 1. Generates synthetic Inspect CTF logs (synthetic-inspect.ts) into a temp dir until
 *    they make a bundle of at least 200 MB (MB = 10^6 bytes), makes a lab key and a
 *    workstation that trusts it (tests/support/lab.ts), and signs the bundle.
 * 2. Times `sha256sum` over the bundle as a yardstick for reading and hashing it once,
 *    then `bundles.verify` (verify only) and `bundles.importBundle` on that workstation.
 * 3. Writes its section ("import") of bench/results.json and prints a summary; removes
 *    every temp file.
 *
 * Phases of the import come from its onProgress callback: the whole-file digest before
 * "opening", then opening, signature, entry digests (copied to staging), reading logs, and
 * the commit (evidence store and one SQLite transaction). The commit reports no progress,
 * so it and the last log's parse are estimated: the last log is charged at the average
 * parse rate of the others, by size, and the commit is what remains.
 *
 * Environment: BENCH_MIN_MB (default 200) for a quicker run; BENCH_OUT to write the
 * figures elsewhere than bench/results.json.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from 'vitest';
import { createBundle, type BundleProgress } from '../../main/bundles';
import { makeWorkstation } from '../support/lab';
import { RESULTS_FILE, recordResults } from './results';
import { writeSyntheticEvalLog } from './synthetic-inspect';

const MB = 1_000_000;
const MIN_BUNDLE_BYTES = Number(process.env.BENCH_MIN_MB ?? '200') * MB;
const REPO = path.resolve(import.meta.dirname, '../..');

interface GeneratedLog {
  readonly file: string;
  readonly bytes: number;
  readonly inflatedBytes: number;
  readonly samples: number;
}

test('import throughput of a 200 MB bundle of Inspect logs', async () => {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'desk-bench-'));
  try {
    await run(work);
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
});

async function run(work: string): Promise<void> {
  const logsDir = path.join(work, 'logs');
  fs.mkdirSync(logsDir);
  const logs: GeneratedLog[] = [];

  // 1. Logs, a lab and a workstation, the bundle.
  const station = await makeWorkstation(path.join(work, 'station'));
  const bundle = path.join(work, 'cyber-suite.evbundle');
  const generation = stopwatch();
  let createSeconds = 0;
  let bundleBytes = 0;
  for (;;) {
    while (sum(logs, (l) => l.bytes) < MIN_BUNDLE_BYTES) {
      logs.push(await generateLog(logsDir, logs.length));
    }
    fs.rmSync(bundle, { force: true });
    const creation = stopwatch();
    await createBundle({
      out: bundle,
      logs: logs.map((l) => l.file),
      evaluator: { id: 'bench-lab', name: 'Benchmark Evaluation Lab' },
      model: { developer: 'Acme AI', name: 'frontier-1', version: '2026-10' },
      suite: { name: 'cyber-ctf', version: '1.0' },
      signers: [station.lab.unlocked],
      now: () => new Date('2026-10-03T12:00:00.000Z'),
    });
    createSeconds = creation();
    bundleBytes = fs.statSync(bundle).size;
    // The bundle stores each .eval as is, so it is never smaller than the logs together.
    if (bundleBytes >= MIN_BUNDLE_BYTES) break;
    logs.push(await generateLog(logsDir, logs.length));
  }
  const generateSeconds = generation() - createSeconds;
  const samples = sum(logs, (l) => l.samples);
  const inflatedBytes = sum(logs, (l) => l.inflatedBytes);
  const afterCreate = peakRssMB();
  say(
    `bundle: ${mb(bundleBytes)} MB, ${logs.length} logs, ${samples} samples, ${mb(inflatedBytes)} MB of JSON inflated; generated in ${round(generateSeconds, 1)} s, signed in ${round(createSeconds, 1)} s`,
  );

  // 2. The yardstick: read and hash the file once with the system's sha256sum.
  const hashing = stopwatch();
  const sha256sum = execFileSync('sha256sum', [bundle], { encoding: 'utf8' }).split(' ')[0];
  const sha256Seconds = hashing();

  const workspace = station.open();
  let verifySeconds: number;
  let importSeconds: number;
  let afterVerify: number;
  let checks: Record<string, string> = {};
  const marks: { phase: BundleProgress['phase']; done: number; at: number }[] = [];
  try {
    const verifying = stopwatch();
    const verified = await workspace.services.bundles.verify(bundle);
    verifySeconds = verifying();
    if (!verified.ok) throw new Error(`The benchmark bundle does not verify: ${verified.message}`);
    afterVerify = peakRssMB();

    const importing = stopwatch();
    let lastPhase: string | null = null;
    let lastDone = -1;
    const outcome = await workspace.services.bundles.importBundle(bundle, {
      onProgress: (progress) => {
        // Digest progress comes per chunk; keep phase changes and each log's start.
        if (
          progress.phase !== lastPhase ||
          (progress.phase === 'reading logs' && progress.done !== lastDone)
        ) {
          marks.push({ phase: progress.phase, done: progress.done, at: importing.elapsed() });
          lastPhase = progress.phase;
          lastDone = progress.done;
        }
      },
    });
    importSeconds = importing();
    if (outcome.status !== 'imported') {
      throw new Error(
        `The benchmark bundle was not imported (${outcome.status}): ${outcome.message}`,
      );
    }
    expect(outcome.digest).toBe(sha256sum);
    // The generated logs are honest: any check short of a pass means a broken benchmark.
    checks = Object.fromEntries(outcome.checks.map((c) => [c.id, c.status]));
    for (const c of outcome.checks) {
      if (c.status !== 'pass')
        throw new Error(`Import check "${c.id}" is ${c.status}: ${c.detail}`);
    }
    const listed = workspace.services.bundles.list();
    expect(listed.map((b) => b.sampleCount)).toEqual([samples]);
    for (const log of listed[0]?.logs ?? []) {
      expect(
        log.metrics.map((m) => m.status),
        log.path,
      ).toEqual(['match', 'match']);
    }
  } finally {
    workspace.close();
  }
  const afterImport = peakRssMB();
  const workstationBytes = treeBytes(station.dataDir);
  const phases = importPhases(marks, importSeconds, logs);

  // 3. Figures.
  const results = {
    bundle: {
      bytes: bundleBytes,
      logs: logs.length,
      samples,
      inflatedLogBytes: inflatedBytes,
      createSeconds: round(createSeconds, 3),
    },
    sha256sum: {
      seconds: round(sha256Seconds, 3),
      mbPerSecond: round(bundleBytes / MB / sha256Seconds, 1),
    },
    verify: {
      seconds: round(verifySeconds, 3),
      mbPerSecond: round(bundleBytes / MB / verifySeconds, 1),
      samplesPerSecond: round(samples / verifySeconds, 1),
    },
    import: {
      seconds: round(importSeconds, 3),
      mbPerSecond: round(bundleBytes / MB / importSeconds, 1),
      samplesPerSecond: round(samples / importSeconds, 1),
      phases,
      checks,
      workstationBytesAfter: workstationBytes,
    },
    memory: {
      peakRssMBAfterCreate: afterCreate,
      peakRssMBAfterVerify: afterVerify,
      peakRssMBAfterImport: afterImport,
    },
    note: `One run on a warm page cache; MB = 10^6 bytes of bundle file; ${logs.length} synthetic Inspect CTF logs (tests/bench/synthetic-inspect.ts); commit and last-log phases estimated from onProgress.`,
  };
  recordResults('import', results);

  say('');
  say(
    `sha256sum      ${pad(results.sha256sum.seconds)} s  ${pad(results.sha256sum.mbPerSecond)} MB/s`,
  );
  say(
    `verify         ${pad(results.verify.seconds)} s  ${pad(results.verify.mbPerSecond)} MB/s  ${results.verify.samplesPerSecond} samples/s`,
  );
  say(
    `import         ${pad(results.import.seconds)} s  ${pad(results.import.mbPerSecond)} MB/s  ${results.import.samplesPerSecond} samples/s`,
  );
  for (const [phase, seconds] of Object.entries(phases))
    say(`  ${phase.padEnd(13)}${pad(seconds)} s`);
  say(`workstation after import: ${mb(workstationBytes)} MB; peak RSS ${afterImport} MB`);
  say(`figures written to ${path.relative(REPO, RESULTS_FILE)}`);
}

/** Log i of the suite: 30 to 60 challenges, 5 or 10 epochs, its own seed. */
async function generateLog(dir: string, i: number): Promise<GeneratedLog> {
  const partial = path.join(dir, `log-${i}.partial`);
  const stats = await writeSyntheticEvalLog(partial, {
    seed: 0x5eed + i,
    challenges: 30 + ((i * 17) % 31),
    epochs: i % 3 === 0 ? 10 : 5,
    created: new Date(Date.UTC(2026, 8, 1 + i, 9, 0, 0)),
  });
  const file = path.join(dir, `${String(i + 1).padStart(3, '0')}-${stats.task}.eval`);
  fs.renameSync(partial, file);
  const bytes = fs.statSync(file).size;
  say(`  log ${i + 1}: ${stats.task}, ${stats.samples} samples, ${mb(bytes)} MB`);
  return { file, bytes, inflatedBytes: stats.inflatedBytes, samples: stats.samples };
}

/**
 * Seconds per phase of the import, from the progress marks. The last log's parse and the
 * commit report nothing, so the last log is charged at the other logs' rate by size.
 */
function importPhases(
  marks: readonly { phase: BundleProgress['phase']; done: number; at: number }[],
  total: number,
  logs: readonly GeneratedLog[],
): Record<string, number> {
  const first = (phase: BundleProgress['phase']): number => {
    const mark = marks.find((m) => m.phase === phase);
    if (mark === undefined) throw new Error(`The import reported no "${phase}" progress`);
    return mark.at;
  };
  const opening = first('opening');
  const signature = first('verifying signature');
  const digests = first('checking digests');
  const reading = marks.filter((m) => m.phase === 'reading logs');
  const readStart = first('reading logs');
  const lastStart = reading[reading.length - 1]?.at ?? readStart;
  const readBeforeLast = lastStart - readStart;
  const bytesBeforeLast = sum(logs.slice(0, -1), (l) => l.bytes);
  const lastLog =
    logs.length > 1 ? (readBeforeLast * (logs[logs.length - 1]?.bytes ?? 0)) / bytesBeforeLast : 0;
  const readEnd = Math.min(total, lastStart + lastLog);
  return {
    fileDigest: round(opening, 3),
    openZip: round(signature - opening, 3),
    signature: round(digests - signature, 3),
    entryDigests: round(readStart - digests, 3),
    readLogs: round(readEnd - readStart, 3),
    commit: round(total - readEnd, 3),
  };
}

function stopwatch(): { (): number; elapsed(): number } {
  const start = performance.now();
  const elapsed = (): number => (performance.now() - start) / 1000;
  return Object.assign(() => elapsed(), { elapsed });
}

function peakRssMB(): number {
  // maxRSS is in kilobytes.
  return Math.round((process.resourceUsage().maxRSS * 1024) / MB);
}

function treeBytes(dir: string): number {
  let bytes = 0;
  for (const entry of fs.readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) bytes += fs.statSync(path.join(entry.parentPath, entry.name)).size;
  }
  return bytes;
}

function sum<T>(items: readonly T[], of: (item: T) => number): number {
  return items.reduce((total, item) => total + of(item), 0);
}

function round(value: number, digits: number): number {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}

function mb(bytes: number): string {
  return (bytes / MB).toFixed(1);
}

function pad(value: number): string {
  return String(value).padStart(8);
}

function say(line: string): void {
  process.stdout.write(`${line}\n`);
}
