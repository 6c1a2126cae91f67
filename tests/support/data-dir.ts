/**
 * "As after a rejection": the checks every test of an interrupted import makes on the data
 * directory. Every table as it was, the evidence store as it was, nothing staged, and one
 * bundle.rejected audit event naming the reason.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { expect } from 'vitest';
import { dumpDatabase } from './lab';
import { snapshotTree } from './temp-dir';

export type DataDirState = ReturnType<typeof dataDirState>;

/** A copy of the workstation `dataDir` in `parent` (a temp dir), for a test to change. */
export function copyDataDir(dataDir: string, parent: string): string {
  const copy = path.join(parent, 'data');
  fs.cpSync(dataDir, copy, { recursive: true });
  return copy;
}

export function dataDirState(dataDir: string) {
  return {
    ...dumpDatabase(dataDir),
    evidence: snapshotTree(path.join(dataDir, 'evidence')),
    staging: fs.readdirSync(path.join(dataDir, 'staging')),
  };
}

/** Rows of bundles still importing, as another connection sees them. */
export function pendingRows(dataDir: string): { bundles: number; samples: number } {
  return readDatabase(dataDir, (db) => {
    const count = (sql: string) => (db.prepare(sql).get() as { n: number }).n;
    return {
      bundles: count(`SELECT count(*) AS n FROM bundle WHERE import_state = 'importing'`),
      samples: count(
        `SELECT count(*) AS n FROM sample s JOIN eval_log l ON l.id = s.log_id
           JOIN bundle b ON b.id = l.bundle_id WHERE b.import_state = 'importing'`,
      ),
    };
  });
}

export function expectAsAfterRejection(
  before: DataDirState,
  dataDir: string,
  reason: string | RegExp,
): void {
  const after = dataDirState(dataDir);
  expect(after.tables).toEqual(before.tables);
  expect(after.evidence).toEqual(before.evidence);
  expect(after.staging).toEqual([]);
  expect(after.auditCount).toBe(before.auditCount + 1);
  const event = readDatabase(dataDir, (db) =>
    db
      .prepare<[], { kind: string; details: string }>(
        `SELECT kind, details FROM audit_event ORDER BY seq DESC LIMIT 1`,
      )
      .get(),
  );
  expect(event?.kind).toBe('bundle.rejected');
  expect((JSON.parse(event?.details ?? '{}') as { reason?: string }).reason).toMatch(reason);
  expect(pendingRows(dataDir)).toEqual({ bundles: 0, samples: 0 });
}

function readDatabase<T>(dataDir: string, read: (db: Database.Database) => T): T {
  const db = new Database(path.join(dataDir, 'desk.sqlite3'), { readonly: true });
  try {
    return read(db);
  } finally {
    db.close();
  }
}
