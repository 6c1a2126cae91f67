import Database from 'better-sqlite3';
import { auditStatements, type AuditStatements } from './audit';
import { bundleStatements, type BundleStatements } from './bundles';
import { identityStatements, type IdentityStatements } from './identities';
import { migrate, requireMigrated } from './migrate';
import { modelStatements, type ModelStatements } from './models';
import { reviewStatements, type ReviewStatements } from './review';
import { rosterStatements, type RosterStatements } from './roster';
import { sampleStatements, type SampleStatements } from './samples';
import { searchStatements, type SearchStatements } from './search';
import { taskReferenceStatements, type TaskReferenceStatements } from './task-references';
import { thresholdSetStatements, type ThresholdSetStatements } from './threshold-sets';
import { workstationStatements, type WorkstationStatements } from './workstation';

/** The only handle on the database the rest of the app gets: statements, not SQL. */
export interface DeskDatabase {
  /** The database file, for a worker's own connection to it. */
  readonly file: string;
  readonly workstation: WorkstationStatements;
  readonly audit: AuditStatements;
  readonly roster: RosterStatements;
  readonly bundles: BundleStatements;
  /** The read side of imported evidence, by model (evaluation). */
  readonly models: ModelStatements;
  /** The samples grid: filtered, sorted pages of a log's, bundle's or model's samples. */
  readonly samples: SampleStatements;
  /** Full-text search over every transcript (FTS5). */
  readonly search: SearchStatements;
  /** Quarantines and accepted benchmark mappings. */
  readonly review: ReviewStatements;
  readonly identities: IdentityStatements;
  readonly thresholdSets: ThresholdSetStatements;
  /** Signed human expert times per task, for time horizons. */
  readonly taskReferences: TaskReferenceStatements;
  /** Runs `fn` in one SQLite transaction: all of its writes land, or none. */
  transaction<T>(fn: () => T): T;
  /** Copies the write-ahead log into the database, so the next small commit stays small. */
  checkpoint(): void;
  close(): void;
}

export interface OpenDatabaseOptions {
  /** Refuse to create the file: the caller expects an existing workstation. */
  readonly mustExist?: boolean;
  /**
   * A second connection to a database its owner has already migrated (the import worker's):
   * one at any other schema version is refused, never migrated from here.
   */
  readonly migrated?: boolean;
  /**
   * 'normal' only for writes that no read sees until a later FULL commit of the owner's
   * connection makes them visible: that commit's WAL fsync covers every earlier frame
   * (docs/decisions/0001-workers.md). Everything else is 'full'.
   */
  readonly synchronous?: 'full' | 'normal';
}

/**
 * How long a write waits for another connection's transaction. Both connections keep
 * theirs short (the import worker's last about 20 ms), so this is a backstop, not a wait.
 */
const BUSY_TIMEOUT_MS = 5000;

export function openDatabase(file: string, options: OpenDatabaseOptions = {}): DeskDatabase {
  const db = new Database(file, {
    fileMustExist: options.mustExist ?? false,
    timeout: BUSY_TIMEOUT_MS,
  });
  try {
    db.pragma('journal_mode = WAL');
    // FULL: an acknowledged audit event or import survives power loss, not just a crash.
    db.pragma(`synchronous = ${options.synchronous === 'normal' ? 'NORMAL' : 'FULL'}`);
    db.pragma('foreign_keys = ON');
    // Freed pages are zeroed, so deleted rows do not linger in the file.
    db.pragma('secure_delete = ON');
    if (options.migrated) requireMigrated(db);
    else migrate(db);
    return {
      file: db.name,
      workstation: workstationStatements(db),
      audit: auditStatements(db),
      roster: rosterStatements(db),
      bundles: bundleStatements(db),
      models: modelStatements(db),
      samples: sampleStatements(db),
      search: searchStatements(db),
      review: reviewStatements(db),
      identities: identityStatements(db),
      thresholdSets: thresholdSetStatements(db),
      taskReferences: taskReferenceStatements(db),
      transaction: (fn) => db.transaction(fn)(),
      checkpoint: () => {
        db.pragma('wal_checkpoint(PASSIVE)');
      },
      close: () => {
        db.close();
      },
    };
  } catch (error) {
    db.close();
    throw error;
  }
}
