/**
 * `npm run prove-offline`: the evidence an accreditor can rerun that Designation Desk needs
 * no network. Each phase (the CLI flows, then the Chromium end-to-end suite) runs in a fresh
 * network namespace (`unshare --net`: no interface but a loopback that is down) under
 * `strace --seccomp-bpf -f -ff -yy -e trace=network`; the traces are then judged by network-trace.ts and
 * the run fails if any phase failed or any call touched an Internet-family socket.
 * Needs root (or unprivileged user namespaces), strace and a build (the npm script builds).
 * Traces and the summary are kept in reports/prove-offline/.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describeJudgement, judge, parseTrace, type NetworkCall } from './network-trace.ts';

const repo = path.resolve(import.meta.dirname, '../..');
const REPORT = path.join(repo, 'reports/prove-offline');
const PLAYWRIGHT = path.join(repo, 'node_modules/@playwright/test/cli.js');

interface Phase {
  readonly name: string;
  readonly command: readonly string[];
}

const PHASES: readonly Phase[] = [
  {
    name: 'cli-flows',
    command: [process.execPath, path.join(import.meta.dirname, 'cli-flows.ts')],
  },
  /*
   * The whole suite as `npx playwright test` runs it (the electron project skips without a
   * binary). strace stops a thread at each of some 300,000 socket calls, so a test takes
   * several times longer: the per-test timeout is raised, nothing else changes.
   */
  { name: 'e2e', command: [process.execPath, PLAYWRIGHT, 'test', '--timeout', '120000'] },
];

function fail(message: string): never {
  process.stderr.write(`prove-offline: ${message}\n`);
  process.exit(1);
}

function preflight(): void {
  for (const tool of ['unshare', 'strace']) {
    if (spawnSync(tool, ['--version'], { stdio: 'ignore' }).status !== 0)
      fail(
        `${tool} is not installed (apt-get install -y ${tool === 'strace' ? 'strace' : 'util-linux'}).`,
      );
  }
  if (spawnSync('unshare', ['--net', 'true'], { stdio: 'ignore' }).status !== 0)
    fail(
      'cannot create a network namespace: run as root (or enable unprivileged user namespaces).',
    );
  for (const built of ['out/main/cli.js', 'out/renderer/index.html']) {
    if (!fs.existsSync(path.join(repo, built)))
      fail(`${built} is missing: run "npm run build" first (npm run prove-offline does).`);
  }
}

/**
 * The namespace's interfaces, read inside it before the phase starts: the proof is only
 * as good as the claim that nothing but a down loopback was there.
 */
const SHOW_INTERFACES =
  'if command -v ip >/dev/null; then ip -o link show; else cat /proc/net/dev; fi > "$0"; exec "$@"';

function runPhase(phase: Phase): {
  status: number | null;
  calls: NetworkCall[];
  interfaces: string;
} {
  const dir = path.join(REPORT, phase.name);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  const interfacesFile = path.join(dir, 'interfaces.txt');
  process.stdout.write(`\nprove-offline: ${phase.name}: ${phase.command.join(' ')}\n`);
  const result = spawnSync(
    'unshare',
    [
      '--net',
      '--',
      'sh',
      '-c',
      SHOW_INTERFACES,
      interfacesFile,
      'strace',
      // Stop threads only at the traced calls, not at every system call (strace 5.3+).
      '--seccomp-bpf',
      '-f',
      '-ff',
      '-yy',
      '-qq',
      '-s',
      '256',
      '-e',
      'trace=network',
      '-o',
      path.join(dir, 'trace'),
      '--',
      ...phase.command,
    ],
    { stdio: 'inherit', cwd: repo, env: { ...process.env, CI: process.env.CI ?? '' } },
  );
  const calls = fs
    .readdirSync(dir)
    .filter((f) => f.startsWith('trace.'))
    .flatMap((f) => parseTrace(fs.readFileSync(path.join(dir, f), 'utf8'), `${phase.name}/${f}`));
  const interfaces = fs.existsSync(interfacesFile) ? fs.readFileSync(interfacesFile, 'utf8') : '';
  return { status: result.status, calls, interfaces };
}

/** Only "lo", and (where ip shows it) down. */
function onlyDownLoopback(interfaces: string): boolean {
  const lines = interfaces.split('\n').filter((l) => l.trim() !== '');
  if (lines.some((l) => l.includes('link/'))) {
    return (
      lines.length === 1 &&
      /^1: lo: <LOOPBACK>/.test(lines[0] ?? '') &&
      /state DOWN/.test(lines[0] ?? '')
    );
  }
  const names = lines.slice(2).map((l) => l.split(':')[0]?.trim());
  return names.length === 1 && names[0] === 'lo';
}

preflight();
const outcomes = PHASES.map((phase) => ({ phase, ...runPhase(phase) }));
const judgement = judge(outcomes.flatMap((o) => o.calls));

const report: string[] = ['', 'prove-offline summary'];
for (const o of outcomes) {
  const isolated = onlyDownLoopback(o.interfaces);
  report.push(
    `  ${o.phase.name}: exit ${String(o.status)}, ${String(o.calls.length)} network system calls traced, ` +
      `namespace ${isolated ? 'had only a down loopback' : `had: ${o.interfaces.trim()}`}`,
  );
}
report.push(describeJudgement(judgement));
const failures = [
  ...outcomes
    .filter((o) => o.status !== 0)
    .map((o) => `${o.phase.name} exited ${String(o.status)}`),
  ...outcomes
    .filter((o) => !onlyDownLoopback(o.interfaces))
    .map((o) => `${o.phase.name} ran with a network interface`),
  ...outcomes
    .filter((o) => o.calls.length === 0)
    .map((o) => `${o.phase.name} left no trace (strace did not run)`),
  ...(judgement.violations.length > 0
    ? [`${String(judgement.violations.length)} Internet-family or unattributable calls`]
    : []),
];
report.push(
  failures.length === 0
    ? 'Verdict: PASS: no network system call left the machine (none on an Internet-family socket).'
    : `Verdict: FAIL: ${failures.join('; ')}.`,
);
const text = report.join('\n') + '\n';
fs.writeFileSync(path.join(REPORT, 'summary.txt'), text);
process.stdout.write(text);
process.exit(failures.length === 0 ? 0 : 1);
