import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach } from 'vitest';

/** Fresh temporary directories; each made by a test is removed after it. */
export interface TempDirs {
  (): string;
  /** How many are alive: `removeSince(mark())` removes those made after this point. */
  mark(): number;
  removeSince(mark: number): void;
}

/** A fresh temporary directory per call, removed after the test. Call at the top of a describe. */
export function useTempDirs(): TempDirs {
  const made: string[] = [];
  const removeSince = (mark: number) => {
    for (const dir of made.splice(mark)) fs.rmSync(dir, { recursive: true, force: true });
  };
  afterEach(() => {
    removeSince(0);
  });
  const make = () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'desk-test-'));
    made.push(dir);
    return dir;
  };
  return Object.assign(make, { mark: () => made.length, removeSince });
}

/** Every file under `dir` with its bytes, for "nothing was changed" assertions. */
export function snapshotTree(dir: string): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  if (!fs.existsSync(dir)) return files;
  for (const entry of fs.readdirSync(dir, { recursive: true, withFileTypes: true })) {
    const full = path.join(entry.parentPath, entry.name);
    files.set(
      path.relative(dir, full) + (entry.isDirectory() ? '/' : ''),
      entry.isFile() ? fs.readFileSync(full) : Buffer.alloc(0),
    );
  }
  return files;
}
