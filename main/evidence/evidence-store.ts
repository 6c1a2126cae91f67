/**
 * The content-addressed evidence store: `evidence/sha256/ab/cdef…` holds the bytes whose
 * SHA-256 is `abcdef…`, read-only. Files arrive through a staging folder inside the data
 * directory (same file system, so moving them in is an atomic rename) and become evidence
 * only when the database transaction that references them commits. `recover()` at start-up
 * removes what a crash left behind: staging folders and store files nothing references.
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
  pathOf(sha256: string): string;
  has(sha256: string): boolean;
  stage(): StagingArea;
  /** Moves a staged file whose digest has been verified into the store (no-op if present). */
  adopt(stagedFile: string, sha256: string): void;
  /** Removes a stored file (used to undo an adoption whose rows did not commit). */
  evict(sha256: string): void;
  /** Removes staging leftovers and store files for which `isReferenced` is false. */
  recover(isReferenced: (sha256: string) => boolean): { removedFiles: number };
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
    pathOf,
    has: (sha256) => fs.existsSync(pathOf(sha256)),

    stage: () => {
      fs.mkdirSync(stagingRoot, { recursive: true, mode: 0o700 });
      // The pid in the name lets recovery tell a live import's staging from a dead one's.
      const dir = fs.mkdtempSync(path.join(stagingRoot, `import-${process.pid}-`));
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
    },

    adopt: (stagedFile, sha256) => {
      const target = pathOf(sha256);
      if (fs.existsSync(target)) {
        fs.rmSync(stagedFile, { force: true });
        return;
      }
      fs.mkdirSync(path.dirname(target), { recursive: true, mode: 0o700 });
      fs.chmodSync(stagedFile, 0o400);
      fsyncPath(stagedFile);
      fs.renameSync(stagedFile, target);
      fsyncPath(path.dirname(target));
    },

    evict: (sha256) => {
      fs.rmSync(pathOf(sha256), { force: true });
    },

    recover: (isReferenced) => {
      let liveImports = 0;
      for (const leftover of fs.existsSync(stagingRoot) ? fs.readdirSync(stagingRoot) : []) {
        if (isLiveImport(leftover)) liveImports += 1;
        else fs.rmSync(path.join(stagingRoot, leftover), { recursive: true, force: true });
      }
      let removedFiles = 0;
      // A live import may have adopted files it has not committed yet: collect next time.
      if (liveImports > 0 || !fs.existsSync(root)) return { removedFiles };
      for (const prefix of fs.readdirSync(root)) {
        for (const rest of fs.readdirSync(path.join(root, prefix))) {
          const digest = prefix + rest;
          if (DIGEST.test(digest) && isReferenced(digest)) continue;
          fs.rmSync(path.join(root, prefix, rest), { force: true });
          removedFiles += 1;
        }
      }
      return { removedFiles };
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

/** SHA-256 of a file, streamed. */
export async function sha256OfFile(file: string): Promise<string> {
  const hash = crypto.createHash('sha256');
  for await (const chunk of fs.createReadStream(file)) hash.update(chunk as Buffer);
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
