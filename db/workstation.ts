import type Database from 'better-sqlite3';

export interface WorkstationRow {
  readonly classification: string;
  readonly createdAt: string;
  readonly createdByVersion: string;
}

export interface WorkstationStatements {
  get(): WorkstationRow | undefined;
  insert(row: WorkstationRow): void;
}

export function workstationStatements(db: Database.Database): WorkstationStatements {
  const select = db.prepare<[], WorkstationRow>(
    `SELECT classification, created_at AS createdAt, created_by_version AS createdByVersion
       FROM workstation WHERE id = 1`,
  );
  const insert = db.prepare<[string, string, string]>(
    `INSERT INTO workstation (id, classification, created_at, created_by_version) VALUES (1, ?, ?, ?)`,
  );
  return {
    get: () => select.get(),
    insert: (row) => {
      insert.run(row.classification, row.createdAt, row.createdByVersion);
    },
  };
}
