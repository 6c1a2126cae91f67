import type Database from 'better-sqlite3';
import { LATEST_SCHEMA_VERSION, MIGRATIONS } from './migrations';

export class SchemaTooNewError extends Error {
  override readonly name = 'SchemaTooNewError';
}

/**
 * Brings the database to the latest schema version, one migration per transaction.
 * Forward-only: a database from a newer build is refused rather than guessed at.
 */
export function migrate(db: Database.Database): { from: number; to: number } {
  const from = db.pragma('user_version', { simple: true }) as number;
  if (from > LATEST_SCHEMA_VERSION) {
    throw new SchemaTooNewError(
      `The database has schema version ${from} but this build knows only up to ${LATEST_SCHEMA_VERSION}; use a newer Designation Desk.`,
    );
  }
  for (const migration of MIGRATIONS.slice(from)) {
    db.transaction(() => {
      db.exec(migration.sql);
      db.pragma(`user_version = ${migration.version}`);
    })();
  }
  return { from, to: LATEST_SCHEMA_VERSION };
}

/** For a second connection: the owner's connection has migrated, so the version must match. */
export function requireMigrated(db: Database.Database): void {
  const version = db.pragma('user_version', { simple: true }) as number;
  if (version !== LATEST_SCHEMA_VERSION) {
    throw new Error(
      `The database has schema version ${version}, not ${LATEST_SCHEMA_VERSION}: it must be opened (and migrated) by the workstation first.`,
    );
  }
}
