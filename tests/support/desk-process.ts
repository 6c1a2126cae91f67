/**
 * `desk import --progress` as a real child process (bin/desk.mjs on the built CLI), for
 * tests that interrupt it mid-import: each progress line on stderr is handed to `onProgress`,
 * which may signal the child.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { ImportProgress } from '../../common/bundles';

const repo = path.resolve(import.meta.dirname, '../..');
const BIN = path.join(repo, 'bin/desk.mjs');

export interface Exited {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  /** Everything but the progress lines. */
  readonly stderr: string;
}

/** Fails clearly when the CLI has not been built (npm test builds it first). */
export function requireBuiltCli(): void {
  if (!fs.existsSync(path.join(repo, 'out/main/cli.js'))) {
    throw new Error(
      'out/main/cli.js is missing: run "npm run build" before this test (npm test does).',
    );
  }
}

export function spawnDeskImport(
  dataDir: string,
  bundle: string,
  onProgress: (progress: ImportProgress, child: ChildProcess) => void,
  /** Every other line desk writes to stderr, as it comes. */
  onMessage: (line: string, child: ChildProcess) => void = () => undefined,
): { child: ChildProcess; exited: Promise<Exited> } {
  const child = spawn(process.execPath, [BIN, 'import', '--data', dataDir, '--progress', bundle], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<Exited>((resolve, reject) => {
    let stdout = '';
    let stderr = '';
    let partial = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      stdout += chunk;
    });
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => {
      const lines = (partial + chunk).split('\n');
      partial = lines.pop() ?? '';
      for (const line of lines) {
        if (line.startsWith('{')) {
          onProgress(JSON.parse(line) as ImportProgress, child);
        } else {
          stderr += `${line}\n`;
          onMessage(line, child);
        }
      }
    });
    child.on('error', reject);
    child.on('close', (code, signal) => {
      resolve({ code, signal, stdout, stderr: stderr + partial });
    });
  });
  return { child, exited };
}

/**
 * Resolves once every thread of the process is stopped (state T in /proc), since `kill`
 * returns when SIGSTOP is sent, not when the process has stopped: until then its worker may
 * still commit rows.
 */
export async function stopped(child: ChildProcess): Promise<void> {
  const { pid } = child;
  if (pid === undefined) throw new Error('the process was never started');
  const states = () =>
    fs.readdirSync(`/proc/${pid}/task`).map((task) => {
      const stat = fs.readFileSync(`/proc/${pid}/task/${task}/stat`, 'utf8');
      // The state follows the command name, which is in parentheses and may hold spaces.
      return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
    });
  for (let attempt = 0; attempt < 500; attempt += 1) {
    if (states().every((state) => state === 'T')) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`process ${pid} did not stop within 5 s of SIGSTOP: ${states().join('')}`);
}
