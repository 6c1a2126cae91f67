/**
 * The content-addressed evidence store: `evidence/sha256/ab/cdef…` holds the bytes whose
 * SHA-256 is `abcdef…`, read-only. Files arrive through a staging folder inside the data
 * directory (same file system, so moving them in is an atomic rename) and become evidence
 * only when the import that references them completes. A staging folder lives as long as
 * its import, so it also tells other processes that the import is still running. At
 * start-up `clearStaging()` and `collect()` remove what a crash left behind: staging
 * folders and store files nothing references.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export const STAGING_DIR = 'staging';

export interface StagingArea {
  readonly dir: string;
  /** A path in the staging area for a new file. */
  file(name: string): string;
  discard(): void;
}

export interface EvidenceStore {
  /** Where the store lives, for a worker that opens the same store. */
  readonly dataDir: string;
  readonly evidenceDir: string;
  pathOf(sha256: string): string;
  stage(): StagingArea;
  /** The staging area `stage()` made, as a worker of the same process sees it. */
  stagingAt(dir: string): StagingArea;
  /** Moves a staged file whose digest has been verified into the store (no-op if present). */
  adopt(stagedFile: string, sha256: string): void;
  /** Removes a stored file (used to undo an adoption whose rows did not commit). */
  evict(sha256: string): void;
  /**
   * Removes the staging folders of imports that are no longer running. Another process's
   * import may still be running (its folder is kept): then nothing else may be recovered.
   */
  clearStaging(): { liveImports: number };
  /** Removes store files for which `isReferenced` is false; only with no import running. */
  collect(isReferenced: (sha256: string) => boolean): number;
}

const DIGEST = /^[0-9a-f]{64}$/;

export function createEvidenceStore(dataDir: string, evidenceDir: string): EvidenceStore {
  const root = path.join(evidenceDir, 'sha256');
  const stagingRoot = path.join(dataDir, STAGING_DIR);

  const pathOf = (sha256: string): string => {
    if (!DIGEST.test(sha256)) throw new Error(`Not a SHA-256 digest: ${sha256}`);
    return path.join(root, sha256.slice(0, 2), sha256.slice(2));
  };

  return {
    dataDir,
    evidenceDir,
    pathOf,

    stage: () => {
      fs.mkdirSync(stagingRoot, { recursive: true, mode: 0o700 });
      // The pid in the name lets recovery tell a live import's staging from a dead one's.
      return stagingArea(fs.mkdtempSync(path.join(stagingRoot, `import-${process.pid}-`)));
    },

    stagingAt: (dir) => {
      if (path.dirname(path.resolve(dir)) !== stagingRoot || !fs.statSync(dir).isDirectory()) {
        throw new Error(`${dir} is not a staging folder of this evidence store.`);
      }
      return stagingArea(dir);
    },

    adopt: (stagedFile, sha256) => {
      const target = pathOf(sha256);
      if (fs.existsSync(target)) {
        fs.rmSync(stagedFile, { force: true });
        return;
      }
      fs.chmodSync(stagedFile, 0o400);
      fsyncPath(stagedFile);
      const moveIn = () => {
        fs.mkdirSync(path.dirname(target), { recursive: true, mode: 0o700 });
        fs.renameSync(stagedFile, target);
      };
      try {
        moveIn();
      } catch (error) {
        // Another import's evict() may have removed the folder just made: make it again.
        if (!isCode(error, 'ENOENT')) throw error;
        moveIn();
      }
      fsyncPath(path.dirname(target));
    },

    evict: (sha256) => {
      const file = pathOf(sha256);
      fs.rmSync(file, { force: true });
      // Folders the adoption made go too, so an undone import leaves the store as it was.
      if (removeIfEmpty(path.dirname(file))) removeIfEmpty(root);
    },

    clearStaging: () => {
      let liveImports = 0;
      for (const leftover of fs.existsSync(stagingRoot) ? fs.readdirSync(stagingRoot) : []) {
        if (isLiveImport(leftover)) liveImports += 1;
        else fs.rmSync(path.join(stagingRoot, leftover), { recursive: true, force: true });
      }
      return { liveImports };
    },

    collect: (isReferenced) => {
      let removedFiles = 0;
      if (!fs.existsSync(root)) return removedFiles;
      for (const prefix of fs.readdirSync(root)) {
        for (const rest of fs.readdirSync(path.join(root, prefix))) {
          const digest = prefix + rest;
          if (DIGEST.test(digest) && isReferenced(digest)) continue;
          fs.rmSync(path.join(root, prefix, rest), { force: true });
          removedFiles += 1;
        }
        removeIfEmpty(path.join(root, prefix));
      }
      removeIfEmpty(root);
      return removedFiles;
    },
  };
}

function stagingArea(dir: string): StagingArea {
  let counter = 0;
  return {
    dir,
    file: (name) =>
      path.join(
        dir,
        `${String(counter++).padStart(6, '0')}-${name.replace(/[^A-Za-z0-9._-]/g, '_').slice(-80)}`,
      ),
    discard: () => {
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A staging folder whose importing process is still running (another window or the CLI). */
function isLiveImport(stagingName: string): boolean {
  const pid = Number(/^import-(\d+)-/.exec(stagingName)?.[1]);
  if (!Number.isInteger(pid) || pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

export interface HashOptions {
  /** Bytes hashed so far, and the file's size. */
  readonly onProgress?: (done: number, total: number) => void;
  readonly signal?: AbortSignal;
}

/** SHA-256 of a file, streamed. */
export async function sha256OfFile(file: string, options: HashOptions = {}): Promise<string> {
  const hash = crypto.createHash('sha256');
  const total = (await fs.promises.stat(file)).size;
  let done = 0;
  const stream = fs.createReadStream(file, options.signal ? { signal: options.signal } : {});
  for await (const chunk of stream) {
    hash.update(chunk as Buffer);
    done += (chunk as Buffer).length;
    options.onProgress?.(done, total);
  }
  return hash.digest('hex');
}

/** fsync a file or a directory, so a rename into the store survives power loss. */
function fsyncPath(target: string): void {
  const fd = fs.openSync(target, 'r');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/** Removes `dir` if nothing is in it; whether it is gone. */
function removeIfEmpty(dir: string): boolean {
  try {
    fs.rmdirSync(dir);
    return true;
  } catch (error) {
    if (isCode(error, 'ENOTEMPTY') || isCode(error, 'EEXIST')) return false;
    if (isCode(error, 'ENOENT')) return true;
    throw error;
  }
}

function isCode(error: unknown, code: string): boolean {
  return error instanceof Error && (error as NodeJS.ErrnoException).code === code;
}
