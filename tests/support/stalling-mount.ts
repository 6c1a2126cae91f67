/**
 * A mount whose file reads hang, as a dead network share's do (stalling-fuse.py, a FUSE
 * server on /dev/fuse). Mounting needs Linux, /dev/fuse, python3 and the right to mount
 * (root, or a user namespace that allows it); where one is missing, `mountStalling` says
 * which instead of mounting.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

export interface StallingMount {
  /** A regular file whose reads are answered: shows the mount itself works. */
  readonly served: string;
  /** A regular file of the same size whose reads never answer. */
  readonly stalled: string;
  /** Stops the server; the kernel then fails the reads still waiting, and the mount goes. */
  unmount(): Promise<void>;
}

const SERVER = path.join(import.meta.dirname, 'stalling-fuse.py');
const MOUNT_WAIT_MS = 10_000;

/** Mounts at the empty folder `dir` two files of `size` bytes; a string says why it cannot. */
export async function mountStalling(dir: string, size: number): Promise<StallingMount | string> {
  if (process.platform !== 'linux') return 'FUSE mounts are tried on Linux only';
  if (!fs.existsSync('/dev/fuse')) return 'this machine has no /dev/fuse';
  const server = spawn('python3', [SERVER, dir, String(size)], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const problem = await mounted(server);
  if (problem !== null) return problem;
  return {
    served: path.join(dir, 'served.evbundle'),
    stalled: path.join(dir, 'stalled.evbundle'),
    unmount: () => stop(server),
  };
}

function mounted(server: ChildProcess): Promise<string | null> {
  return new Promise((resolve) => {
    let stderr = '';
    const timer = setTimeout(() => {
      server.kill('SIGKILL');
      resolve(`the FUSE server did not mount within ${MOUNT_WAIT_MS / 1000} s`);
    }, MOUNT_WAIT_MS);
    server.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    server.stdout?.on('data', (chunk: Buffer) => {
      if (!chunk.toString().includes('mounted')) return;
      clearTimeout(timer);
      resolve(null);
    });
    server.once('error', (error) => {
      clearTimeout(timer);
      resolve(`python3 cannot be started (${error.message})`);
    });
    server.once('exit', (code) => {
      clearTimeout(timer);
      resolve(`the FUSE server exited (${String(code)}): ${stderr.trim() || 'no reason given'}`);
    });
  });
}

function stop(server: ChildProcess): Promise<void> {
  if (server.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    server.once('exit', () => {
      resolve();
    });
    server.kill('SIGTERM');
  });
}
