import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach } from 'vitest';

/** A fresh temporary directory per test, removed afterwards. Call at the top of a describe. */
export function useTempDirs(): () => string {
  const made: string[] = [];
  afterEach(() => {
    for (const dir of made.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
  });
  return () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'desk-test-'));
    made.push(dir);
    return dir;
  };
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
