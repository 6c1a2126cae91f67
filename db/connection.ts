import Database from 'better-sqlite3';
import { auditStatements, type AuditStatements } from './audit';
import { bundleStatements, type BundleStatements } from './bundles';
import { identityStatements, type IdentityStatements } from './identities';
import { migrate } from './migrate';
import { modelStatements, type ModelStatements } from './models';
import { rosterStatements, type RosterStatements } from './roster';
import { thresholdSetStatements, type ThresholdSetStatements } from './threshold-sets';
import { workstationStatements, type WorkstationStatements } from './workstation';

/** The only handle on the database the rest of the app gets: statements, not SQL. */
export interface DeskDatabase {
  readonly workstation: WorkstationStatements;
  readonly audit: AuditStatements;
  readonly roster: RosterStatements;
  readonly bundles: BundleStatements;
  /** The read side of imported evidence, by model (evaluation). */
  readonly models: ModelStatements;
  readonly identities: IdentityStatements;
  readonly thresholdSets: ThresholdSetStatements;
  /** Runs `fn` in one SQLite transaction: all of its writes land, or none. */
  transaction<T>(fn: () => T): T;
  close(): void;
}

export interface OpenDatabaseOptions {
  /** Refuse to create the file: the caller expects an existing workstation. */
  readonly mustExist?: boolean;
}

export function openDatabase(file: string, options: OpenDatabaseOptions = {}): DeskDatabase {
  const db = new Database(file, { fileMustExist: options.mustExist ?? false });
  try {
    db.pragma('journal_mode = WAL');
    // FULL: an acknowledged audit event or import survives power loss, not just a crash.
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    // Freed pages are zeroed, so deleted rows do not linger in the file.
    db.pragma('secure_delete = ON');
    migrate(db);
    return {
      workstation: workstationStatements(db),
      audit: auditStatements(db),
      roster: rosterStatements(db),
      bundles: bundleStatements(db),
      models: modelStatements(db),
      identities: identityStatements(db),
      thresholdSets: thresholdSetStatements(db),
      transaction: (fn) => db.transaction(fn)(),
      close: () => {
        db.close();
      },
    };
  } catch (error) {
    db.close();
    throw error;
  }
}
