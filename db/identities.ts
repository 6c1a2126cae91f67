import type Database from 'better-sqlite3';

export interface IdentityRow {
  readonly keyid: string;
  readonly name: string;
  /** The sealed secret key file (JSON), exactly as enrolled. */
  readonly sealedKey: string;
  readonly enrolledAt: string;
  readonly failedAttempts: number;
  readonly lastFailedAt: string | null;
}

export interface IdentityStatements {
  all(): IdentityRow[];
  byKeyid(keyid: string): IdentityRow | undefined;
  insert(row: Pick<IdentityRow, 'keyid' | 'name' | 'sealedKey' | 'enrolledAt'>): void;
  recordFailure(keyid: string, at: string): void;
  clearFailures(keyid: string): void;
}

export function identityStatements(db: Database.Database): IdentityStatements {
  const columns = `keyid, name, sealed_key AS sealedKey, enrolled_at AS enrolledAt,
    failed_attempts AS failedAttempts, last_failed_at AS lastFailedAt`;
  const all = db.prepare<[], IdentityRow>(`SELECT ${columns} FROM identity ORDER BY name, keyid`);
  const byKeyid = db.prepare<[string], IdentityRow>(
    `SELECT ${columns} FROM identity WHERE keyid = ?`,
  );
  const insert = db.prepare<[string, string, string, string]>(
    `INSERT INTO identity (keyid, name, sealed_key, enrolled_at) VALUES (?, ?, ?, ?)`,
  );
  const fail = db.prepare<[string, string]>(
    `UPDATE identity SET failed_attempts = failed_attempts + 1, last_failed_at = ? WHERE keyid = ?`,
  );
  const clear = db.prepare<[string]>(
    `UPDATE identity SET failed_attempts = 0, last_failed_at = NULL WHERE keyid = ?`,
  );
  return {
    all: () => all.all(),
    byKeyid: (keyid) => byKeyid.get(keyid),
    insert: (row) => {
      insert.run(row.keyid, row.name, row.sealedKey, row.enrolledAt);
    },
    recordFailure: (keyid, at) => {
      fail.run(at, keyid);
    },
    clearFailures: (keyid) => {
      clear.run(keyid);
    },
  };
}
