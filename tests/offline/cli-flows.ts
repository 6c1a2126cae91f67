/**
 * The workstation's command-line flows, as an operator runs them, for `npm run prove-offline`:
 * every step is the installed `desk` command (bin/desk.mjs on the built CLI) in its own
 * process, so the trace around this script sees exactly what the shipped CLI does. A step
 * that exits otherwise than expected, or prints something other than expected, stops the run
 * with exit 1: a proof that skipped its flows would prove nothing.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { inspectHeaders } from '../support/inspect-headers.ts';
import { EXAMPLE_THRESHOLD_SET as SET } from '../support/threshold-set.ts';

const repo = path.resolve(import.meta.dirname, '../..');
const BIN = path.join(repo, 'bin/desk.mjs');
const LOGS = path.resolve(repo, '../shared/fixtures/inspect');
const MODEL = 'Acme AI/frontier-1@2026-10';

let steps = 0;
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'desk-offline-'));

/** Runs one desk command, expecting its exit code and what it prints (stdout, or stderr on exit 1). */
function desk(args: readonly string[], code: number, printed: RegExp): string {
  steps += 1;
  const shown = `desk ${args.map((a) => a.replaceAll(work, '$WORK')).join(' ')}`;
  const result = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8' });
  if (result.status !== code || !printed.test(code === 0 ? result.stdout : result.stderr)) {
    process.stderr.write(
      `cli-flows: "${shown}" exited ${String(result.status)} (expected ${String(code)})\n` +
        `--- stdout\n${result.stdout}--- stderr\n${result.stderr}`,
    );
    process.exit(1);
  }
  process.stdout.write(`  ok  ${shown}\n`);
  return result.stdout;
}

try {
  const keys = path.join(work, 'keys');
  const data = path.join(work, 'data');
  const file = (name: string) => path.join(work, name);
  const passphrase = (name: string) => {
    const f = path.join(work, `${name}.passphrase`);
    fs.writeFileSync(f, `${name} has a long passphrase\n`);
    return f;
  };
  const people = ['root', 'lab', 'alex', 'dana'] as const;
  const pass = Object.fromEntries(people.map((p) => [p, passphrase(p)])) as Record<
    (typeof people)[number],
    string
  >;

  // The security officer, a lab and two people make their keys.
  for (const name of people) {
    desk(['keygen', '--name', name, '--out', keys, '--passphrase-file', pass[name]], 0, /Key id/);
  }
  const pub = (name: string) => path.join(keys, `${name}.pub.json`);
  const sec = (name: string) => path.join(keys, `${name}.key.json`);
  const asRoot = ['--sign-with', sec('root'), '--passphrase-file', pass.root];

  // The workstation pins the root and trusts the lab, an authority and a reviewer.
  desk(
    ['init', '--data', data, '--classification', 'SECRET//NOFORN', '--root', pub('root')],
    0,
    /SECRET\/\/NOFORN/,
  );
  for (const [name, role] of [
    ['lab', 'lab'],
    ['alex', 'authority'],
    ['dana', 'reviewer'],
  ] as const) {
    desk(['roster', 'add', '--data', data, '--role', role, '--key', pub(name), ...asRoot], 0, /./);
  }
  desk(['roster', 'show', '--data', data, '--json'], 0, /"reviewer"/);

  // The lab signs the real Inspect logs; the workstation verifies and imports them.
  const logs = fs
    .readdirSync(LOGS)
    .filter((f) => f.endsWith('.eval') || f.endsWith('.json'))
    .map((f) => path.join(LOGS, f));
  // The lab vouches for the models its logs were run on, as Inspect names them.
  const inspectModels = [
    ...new Set([...(await inspectHeaders(logs)).values()].flatMap((h) => h.model ?? [])),
  ].flatMap((model) => ['--inspect-model', model]);
  const bundle = file('run.evbundle');
  desk(
    [
      'bundle',
      'create',
      '--key',
      sec('lab'),
      '--passphrase-file',
      pass.lab,
      '--model-developer',
      'Acme AI',
      '--model-name',
      'frontier-1',
      '--model-version',
      '2026-10',
      '--suite',
      'cyber-core',
      '--out',
      bundle,
      ...inspectModels,
      ...logs,
    ],
    0,
    /./,
  );
  desk(['bundle', 'verify', '--data', data, bundle], 0, /verifies/);

  // A tampered copy (one byte flipped in the middle) is rejected, leaving nothing imported.
  const tampered = file('tampered.evbundle');
  const bytes = fs.readFileSync(bundle);
  const middle = Math.floor(bytes.length / 2);
  bytes[middle] = (bytes[middle] ?? 0) ^ 0xff;
  fs.writeFileSync(tampered, bytes);
  desk(['import', '--data', data, tampered], 1, /was rejected: .*Nothing was imported\./);
  desk(['import', '--data', data, bundle], 0, /imported/);
  desk(['bundles', '--data', data, '--json'], 0, /"frontier-1"/);

  // People enrol; the authority seals a threshold set for the reviewer, who evaluates.
  desk(['user', 'add', '--data', data, '--key', sec('alex')], 0, /./);
  desk(['user', 'add', '--data', data, '--key', sec('dana')], 0, /./);
  desk(['user', 'list', '--data', data, '--json'], 0, /"dana"/);
  fs.writeFileSync(file('set.json'), JSON.stringify(SET));
  desk(
    [
      'thresholds',
      'import',
      '--data',
      data,
      '--file',
      file('set.json'),
      '--user',
      'alex',
      '--passphrase-file',
      pass.alex,
      '--grant',
      'dana',
    ],
    0,
    /stored encrypted for 2 reader/,
  );
  desk(['thresholds', 'list', '--data', data, '--json'], 0, /"cyber-core"/);
  const show = ['--user', 'dana', '--passphrase-file', pass.dana];
  desk(['thresholds', 'show', '--data', data, '--id', 'cyber-core', ...show], 0, /RULE-POP/);
  desk(['evaluate', '--data', data, '--model', MODEL, ...show, '--json'], 0, /"outcome":"meets"/);
  process.stdout.write(`cli-flows: ${String(steps)} desk commands behaved as expected.\n`);
} finally {
  fs.rmSync(work, { recursive: true, force: true });
}
