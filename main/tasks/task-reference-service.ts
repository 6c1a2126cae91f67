/**
 * Task references: the human expert time of each task, which a time horizon is fitted
 * over (docs/formats.md, "Task reference (v1)"). An authority or a reviewer signs each
 * version as it is imported; versions are append-only and the latest of an id supersedes
 * the ones before it.
 *
 * Nothing stored is believed: every read re-verifies the signature against the current
 * roster's authority and reviewer keys, and checks the task rows against the signed
 * document, because whoever can write the data directory can edit the database.
 */
import type { DeskDatabase, TaskReferenceVersionRow } from '../../db';
import { DeskError } from '../../common/errors';
import {
  TASK_REFERENCE_SIGNER_ROLES,
  type TaskReference,
  type TimeSource,
} from '../../common/tasks';
import { printable } from '../../common/text';
import type { AuditLog } from '../audit';
import type { PublicKey, UnlockedKey } from '../crypto';
import type { TrustService } from '../trust';
import { parseTaskReference } from './parse-document';
import {
  canonicalReference,
  checkStoredVersion,
  rowsProblem,
  signReference,
  taskRowsOf,
  verifyStoredReference,
  type StoredCheck,
} from './signed-reference';

/** What is known of a stored version without reading its document. */
export interface StoredReference {
  readonly id: string;
  readonly version: number;
  /** SHA-256 of the canonical document. */
  readonly digest: string;
  /** `name` from the current roster, null if the key is no longer listed. */
  readonly signer: { readonly keyid: string; readonly name: string | null };
  readonly importedAt: string;
}

export interface BenchmarkCount {
  readonly benchmark: string;
  readonly tasks: number;
}

/** A version whose signature and rows verified: its facts are the signed document's. */
export interface VerifiedReference extends StoredReference {
  readonly verified: true;
  readonly name: string;
  readonly benchmarks: readonly BenchmarkCount[];
}

/** A version that did not verify: only where it is and why it cannot be used. */
export interface UnverifiedReference extends StoredReference {
  readonly verified: false;
  readonly problem: string;
}

export type TaskReferenceMeta = (VerifiedReference | UnverifiedReference) & {
  /** Whether this is its id's latest version, the one that counts. */
  readonly latest: boolean;
};

export interface ImportedReference {
  readonly reference: VerifiedReference;
  /** True when this very document was stored already: nothing was changed. */
  readonly alreadyStored: boolean;
  /** What was stored (or that nothing was), one sentence for people. */
  readonly summary: string;
}

export interface TaskTime {
  readonly minutes: number;
  readonly family: string;
  readonly source: TimeSource;
  readonly sourceNote: string | null;
}

export interface BenchmarkTasks {
  readonly benchmark: string;
  /** The reference version the times come from. */
  readonly reference: StoredReference;
  /** By Inspect sample id. */
  readonly tasks: ReadonlyMap<string, TaskTime>;
}

export interface TaskReferenceService {
  /**
   * Validates `document`, signs it as `signer` (an authority or reviewer of the roster) and
   * stores it with its audit event, all or nothing. The same document again changes nothing.
   */
  importReference(document: unknown, signer: UnlockedKey): ImportedReference;
  /** Every stored version, by id then version, each verified. */
  list(): TaskReferenceMeta[];
  /**
   * The human times of `benchmark`'s tasks from the latest version of the reference that
   * lists it (the one imported last, if several do), or null if none does. Throws
   * TASK_REFERENCE_UNVERIFIED if a latest version fails verification.
   */
  tasksFor(benchmark: string): BenchmarkTasks | null;
}

export interface TaskReferenceServiceDeps {
  readonly db: DeskDatabase;
  readonly trust: TrustService;
  readonly audit: AuditLog;
  readonly now: () => Date;
}

export function createTaskReferenceService(deps: TaskReferenceServiceDeps): TaskReferenceService {
  const { db, trust, audit, now } = deps;

  /** The keys whose signature makes a stored reference count: the current roster's. */
  const signerKeys = (): PublicKey[] => TASK_REFERENCE_SIGNER_ROLES.flatMap((r) => trust.keys(r));

  const rosterNames = (): Map<string, string> =>
    new Map((trust.current()?.document.keys ?? []).map((k) => [k.keyid, k.name]));

  const stored = (row: TaskReferenceVersionRow, names = rosterNames()): StoredReference => ({
    id: row.referenceId,
    version: row.version,
    digest: row.digest,
    signer: { keyid: row.signerKeyid, name: names.get(row.signerKeyid) ?? null },
    importedAt: row.importedAt,
  });

  const verifiedMeta = (
    row: TaskReferenceVersionRow,
    document: TaskReference,
    names = rosterNames(),
  ): VerifiedReference => ({
    ...stored(row, names),
    verified: true,
    name: document.name,
    benchmarks: document.benchmarks.map((b) => ({ benchmark: b.benchmark, tasks: b.tasks.length })),
  });

  /** The version's signed document, with all its task rows checked against it. */
  const check = (row: TaskReferenceVersionRow, keys: readonly PublicKey[]): StoredCheck =>
    checkStoredVersion(row, db.taskReferences.tasks(row.referenceId, row.version), keys);

  const unverified = (row: TaskReferenceVersionRow, problem: string): DeskError =>
    new DeskError(
      'TASK_REFERENCE_UNVERIFIED',
      `The stored task reference "${printable(row.referenceId)}" version ${row.version} failed verification: ${problem}. Its human times cannot be used until an authority or reviewer imports a later version. Nothing was changed.`,
    );

  const requireSigner = (signer: UnlockedKey): void => {
    if (trust.current() === null) {
      throw new DeskError(
        'NO_TRUST_ROSTER',
        'No trust roster is pinned on this workstation, so no one may sign a task reference. Nothing was changed.',
      );
    }
    // The roster's copy of the key, not just its keyid: other bytes under a listed keyid are not it.
    const listed = signerKeys().some(
      (k) => k.keyid === signer.keyid && Buffer.from(k.publicKey).equals(signer.publicKey),
    );
    if (!listed) {
      throw new DeskError(
        'FORBIDDEN',
        `"${printable(signer.name)}" does not hold the authority or reviewer role in the trust roster, which signing a task reference needs. Nothing was changed.`,
      );
    }
  };

  return {
    importReference: (input, signer) => {
      requireSigner(signer);
      const document = parseTaskReference(input);
      const { id, version } = document;
      return db.transaction(() => {
        const existing = db.taskReferences.version(id, version);
        if (existing !== undefined) {
          if (existing.document !== canonicalReference(document)) {
            throw new DeskError(
              'TASK_REFERENCE_INVALID',
              `Task reference "${id}" version ${version} is stored already with other content; a changed reference needs a later version. Nothing was changed.`,
            );
          }
          const verified = check(existing, signerKeys());
          if (!verified.ok) throw unverified(existing, verified.problem);
          const reference = verifiedMeta(existing, verified.document);
          const by = reference.signer.name ?? `key ${existing.signerKeyid}`;
          return {
            reference,
            alreadyStored: true,
            summary: `Task reference ${id} version ${version} is stored already, identical, signed by ${by}; nothing was changed.`,
          };
        }
        const latest = db.taskReferences.latestVersion(id);
        if (latest !== undefined && version < latest) {
          throw new DeskError(
            'TASK_REFERENCE_INVALID',
            `Task reference "${id}" is at version ${latest} on this workstation; version ${version} would not supersede it, so it must be later. Nothing was changed.`,
          );
        }
        const signed = signReference(document, signer);
        const row: TaskReferenceVersionRow = {
          referenceId: id,
          version,
          ...signed,
          signerKeyid: signer.keyid,
          importedAt: now().toISOString(),
        };
        db.taskReferences.insert(row, taskRowsOf(document));
        const reference = verifiedMeta(row, document);
        const tasks = reference.benchmarks.reduce((sum, b) => sum + b.tasks, 0);
        const summary = `Task reference ${id} version ${version} signed by ${signer.name}: ${countOf(reference.benchmarks.length, 'benchmark')}, ${countOf(tasks, 'task')}.`;
        audit.record({
          kind: 'tasks.reference-imported',
          actor: signer.name,
          summary,
          details: {
            id,
            version,
            digest: signed.digest,
            signer: signer.keyid,
            benchmarks: reference.benchmarks.map((b) => ({ ...b })),
            tasks,
          },
        });
        return { reference, alreadyStored: false, summary };
      });
    },

    list: () => {
      const keys = signerKeys();
      const names = rosterNames();
      const latest = new Set(
        db.taskReferences.latest().map((r) => `${r.referenceId}@${r.version}`),
      );
      return db.taskReferences.all().map((row) => {
        const verified = check(row, keys);
        const meta = verified.ok
          ? verifiedMeta(row, verified.document, names)
          : { ...stored(row, names), verified: false as const, problem: verified.problem };
        return { ...meta, latest: latest.has(`${row.referenceId}@${row.version}`) };
      });
    },

    tasksFor: (benchmark) => {
      const keys = signerKeys();
      // Every latest version is verified, not only those whose rows name the benchmark:
      // which references list it is the signed documents' to say, not the rows'.
      const listing = db.taskReferences.latest().flatMap((row) => {
        const verified = verifyStoredReference(row, keys);
        if (!verified.ok) throw unverified(row, verified.problem);
        const entry = verified.document.benchmarks.find((b) => b.benchmark === benchmark);
        return entry === undefined ? [] : [{ row, document: verified.document, entry }];
      });
      const chosen = listing.at(-1);
      if (chosen === undefined) return null;
      const { row, document, entry } = chosen;
      const problem = rowsProblem(
        taskRowsOf(document, benchmark),
        db.taskReferences.tasks(row.referenceId, row.version, benchmark),
      );
      if (problem !== null) throw unverified(row, problem);
      return {
        benchmark,
        reference: stored(row),
        tasks: new Map(
          entry.tasks.map((t) => [
            t.taskId,
            {
              minutes: t.minutes,
              family: t.family,
              source: t.source,
              sourceNote: t.sourceNote ?? null,
            },
          ]),
        ),
      };
    },
  };
}

function countOf(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
