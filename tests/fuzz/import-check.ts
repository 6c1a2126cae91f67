/**
 * The one property every hostile bundle is held to: imported with the original's meaning
 * (where the mutation should not change it), or rejected with a sentence that leaves the
 * data directory as a rejection leaves it — within a time and memory bound, never a throw.
 */
import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'vitest';
import type { BundleSummary } from '../../common/bundles';
import { openWorkspace } from '../../main/workspace';
import { dataDirState, expectAsAfterRejection } from '../support/data-dir';

/** Long enough for a slow machine's worst honest import of the small bundle; a hang is far past it. */
const IMPORT_BOUND_MS = 30_000;
/** The bundle worker's heap: the small bundle needs a fraction; exhaustion must reject, not crash. */
const WORKER_LIMITS = { maxOldGenerationSizeMb: 384, maxYoungGenerationSizeMb: 32, stackSizeMb: 4 };
/** What the main process may grow by over one case (it holds no evidence; the worker does). */
const MAIN_GROWTH_BOUND = 256 * 1024 * 1024;

/** What a bundle's listing says that is not its meaning: when, under which name, row ids. */
const INCIDENTAL = ['id', 'fileName', 'importedAt', 'checks', 'digest'] as const;
type Incidental = (typeof INCIDENTAL)[number];

/** What a bundle means once imported: everything else it lists, and the evidence it stored. */
export type Meaning = Omit<BundleSummary, Incidental> & {
  readonly evidence: readonly string[];
};

function evidenceFiles(dataDir: string): string[] {
  return fs
    .readdirSync(path.join(dataDir, 'evidence'), { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => e.name)
    .sort();
}

function meaningOf(summary: BundleSummary, dataDir: string): Meaning {
  const incidental: ReadonlySet<string> = new Set(INCIDENTAL);
  const meaning = Object.fromEntries(
    Object.entries(summary).filter(([key]) => !incidental.has(key)),
  ) as Omit<BundleSummary, Incidental>;
  return { ...meaning, evidence: evidenceFiles(dataDir) };
}

export type Verdict =
  | { readonly status: 'imported'; readonly meaning: Meaning }
  | { readonly status: 'rejected'; readonly message: string };

async function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      reject(new Error(`${what} did not finish within ${String(ms)} ms (a hang)`));
    }, ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Imports hostile bundles one after another into a workstation copy made by `fresh`. */
export interface HostileImporter {
  /** Imports `bytes` as a bundle, checks the outcome's invariants, and says what it was. */
  run(bytes: Uint8Array): Promise<Verdict>;
  close(): void;
}

/**
 * A rejection leaves the workstation as it was (the property checks exactly that), so the
 * next case reuses it; only after an import does the next case get a fresh copy. This keeps a
 * case to one worker's import, so thousands of cases fit in a local run.
 */
export function hostileImporter(fresh: () => string): HostileImporter {
  const open = () => {
    const dataDir = fresh();
    return {
      dataDir,
      workspace: openWorkspace({ dataDir, importWorker: { resourceLimits: WORKER_LIMITS } }),
    };
  };
  let current = open();
  let cases = 0;
  /** The next case's copy; the last one's folder goes, or a long run piles up thousands. */
  const reopen = () => {
    current.workspace.close();
    fs.rmSync(path.dirname(current.dataDir), { recursive: true, force: true });
    current = open();
  };
  return {
    run: async (bytes) => {
      const { dataDir, workspace } = current;
      const file = path.join(dataDir, '..', `hostile-${String(++cases)}.evbundle`);
      fs.writeFileSync(file, bytes);
      const before = dataDirState(dataDir);
      const rssBefore = process.memoryUsage().rss;
      try {
        const outcome = await within(
          workspace.services.bundles.importBundle(file),
          IMPORT_BOUND_MS,
          'the import',
        );
        expect(process.memoryUsage().rss - rssBefore, 'main-process memory growth').toBeLessThan(
          MAIN_GROWTH_BOUND,
        );
        if (outcome.status === 'imported') {
          const [summary, ...others] = workspace.services.bundles.list();
          expect(others).toEqual([]);
          if (summary === undefined) throw new Error('imported, yet no bundle is listed');
          const meaning = meaningOf(summary, dataDir);
          reopen();
          return { status: 'imported', meaning };
        }
        expect(outcome.status, outcome.message).toBe('rejected');
        // One sentence naming what was wrong and that nothing changed; never an internal failure.
        expect(outcome.message).toMatch(/^Bundle ".+" was rejected: .+\. Nothing was imported\.$/s);
        expect(outcome.message).not.toMatch(
          /INTERNAL|unexpected failure|worker failed|Cannot read prop|undefined|\[object /,
        );
        expectAsAfterRejection(before, dataDir, /./);
        return { status: 'rejected', message: outcome.message };
      } catch (error) {
        // A failed case may have left anything behind: the next one starts afresh.
        reopen();
        throw error;
      } finally {
        fs.rmSync(file, { force: true });
      }
    },
    close: () => {
      current.workspace.close();
    },
  };
}
