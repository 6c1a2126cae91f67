import type Database from 'better-sqlite3';

export interface RosterVersionRow {
  readonly version: number;
  /** Canonical JSON of the roster document. */
  readonly document: string;
  readonly digest: string;
  /** DSSE envelope JSON; null for the pinned first version. */
  readonly envelope: string | null;
  readonly installedAt: string;
}

export interface RosterStatements {
  latest(): RosterVersionRow | undefined;
  all(): RosterVersionRow[];
  insert(row: RosterVersionRow): void;
  /** What each `trust.pinned` and `trust.updated` audit event recorded, oldest first. */
  installs(): RosterInstallRow[];
}

/** An installation as the append-only audit log recorded it. */
export interface RosterInstallRow {
  readonly seq: number;
  readonly kind: string;
  readonly version: number | null;
  readonly digest: string | null;
}

export function rosterStatements(db: Database.Database): RosterStatements {
  const columns = `version, document, digest, envelope, installed_at AS installedAt`;
  const latest = db.prepare<[], RosterVersionRow>(
    `SELECT ${columns} FROM roster_version ORDER BY version DESC LIMIT 1`,
  );
  const all = db.prepare<[], RosterVersionRow>(
    `SELECT ${columns} FROM roster_version ORDER BY version`,
  );
  const insert = db.prepare<[number, string, string, string | null, string]>(
    `INSERT INTO roster_version (version, document, digest, envelope, installed_at) VALUES (?, ?, ?, ?, ?)`,
  );
  const installs = db.prepare<[], RosterInstallRow>(
    `SELECT seq, kind, json_extract(details, '$.version') AS version,
            json_extract(details, '$.digest') AS digest
       FROM audit_event WHERE kind IN ('trust.pinned', 'trust.updated') ORDER BY seq`,
  );
  return {
    latest: () => latest.get(),
    installs: () => installs.all(),
    all: () => all.all(),
    insert: (row) => {
      insert.run(row.version, row.document, row.digest, row.envelope, row.installedAt);
    },
  };
}
