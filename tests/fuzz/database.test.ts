/**
 * Fuzzing the insider: one cell of a workstation's database changed with SQL (its guarding
 * trigger dropped where there is one), then `desk doctor` run on it. The check must answer
 * (exit 0 or 1 with its JSON report, never INTERNAL), change nothing it reads, and find
 * every change to what a rule is decided on: a metric row's claimed or recomputed value.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { copyDataDir } from '../support/data-dir';
import { desk } from '../support/desk-cli';
import {
  dumpDatabase,
  fixtureLogs,
  makeBundle,
  makeWorkstation,
  type TestWorkstation,
} from '../support/lab';
import { snapshotTree, useTempDirs } from '../support/temp-dir';
import { fuzz, fuzzTimeout } from './fuzz-settings';

// The doctor re-reads every log in a worker: a few seconds a case.
const RUNS = 8;
const PER_CASE_MS = 3_000;
const DECIDING = new Set(['log_metric.claimed', 'log_metric.recomputed']);

type NewValue = 'null' | 'zero' | 'bump' | 'huge' | 'surrogate' | 'negative';

interface Edit {
  /** A table by name (those a rule is decided from), or the n-th table of the schema. */
  readonly table: string | number;
  readonly row: number;
  readonly column: number;
  readonly value: NewValue;
}

const edit: fc.Arbitrary<Edit> = fc.record({
  table: fc.oneof(fc.constantFrom('log_metric', 'sample', 'eval_log'), fc.nat()),
  row: fc.nat(),
  column: fc.nat(),
  value: fc.constantFrom<NewValue>('null', 'zero', 'bump', 'huge', 'surrogate', 'negative'),
});

function newValue(old: unknown, kind: NewValue): unknown {
  switch (kind) {
    case 'null':
      return null;
    case 'zero':
      return typeof old === 'string' ? '' : 0;
    case 'negative':
      return typeof old === 'number' ? -old - 1 : '-';
    case 'bump':
      if (typeof old === 'number') return Number.isInteger(old) ? old + 1 : old + 0.125;
      if (typeof old === 'string') return `${old}x`;
      return 1;
    case 'huge':
      return 'A'.repeat(1 << 20);
    case 'surrogate':
      return typeof old === 'string' ? `${old}\ud800` : '\ud800';
  }
}

/** Changes one cell as an insider with sqlite3 would; says which, or null if SQLite refused. */
function applyEdit(dataDir: string, e: Edit): string | null {
  const db = new Database(path.join(dataDir, 'desk.sqlite3'));
  try {
    const tables = db
      .prepare<[], { name: string }>(
        `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '%fts%' ORDER BY name`,
      )
      .all()
      .map((t) => t.name);
    const table = typeof e.table === 'string' ? e.table : (tables[e.table % tables.length] ?? '');
    if (!tables.includes(table)) return null;
    const rows = db
      .prepare<[], { rowid: number }>(`SELECT rowid FROM "${table}" ORDER BY rowid`)
      .all();
    const columns = db
      .prepare<[], { name: string }>(`SELECT name FROM pragma_table_info('${table}')`)
      .all();
    const target = rows[e.row % Math.max(rows.length, 1)];
    const column = columns[e.column % columns.length]?.name;
    if (target === undefined || column === undefined) return null;
    const found = db
      .prepare(`SELECT "${column}" AS v FROM "${table}" WHERE rowid = ?`)
      .get(target.rowid) as { v: unknown } | undefined;
    if (found === undefined) return null;
    const old = found.v;
    const value = newValue(old, e.value);
    if (value === old) return null;
    // An insider drops the table's guarding triggers first (the doctor checks they exist).
    for (const { name } of db
      .prepare<[string], { name: string }>(
        `SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = ?`,
      )
      .all(table))
      db.exec(`DROP TRIGGER "${name}"`);
    try {
      db.prepare(`UPDATE "${table}" SET "${column}" = ? WHERE rowid = ?`).run(value, target.rowid);
    } catch {
      return null; // a type, NOT NULL, CHECK or key constraint refused it
    }
    return `${table}.${column}`;
  } finally {
    db.close();
  }
}

/**
 * What the directory holds: its files (but SQLite's -wal and -shm, which even a read-only
 * connection may create) and every row.
 */
function contents(dataDir: string) {
  const files = [...snapshotTree(dataDir)].filter(([name]) => !/-(?:wal|shm)$/.test(name));
  return { files, database: dumpDatabase(dataDir) };
}

describe('fuzz: a database edited by an insider', () => {
  const tempDir = useTempDirs();
  let station: TestWorkstation;
  let imported: string;

  beforeAll(async () => {
    const work = fs.mkdtempSync(path.join(process.env.TMPDIR ?? '/tmp', 'desk-fuzz-db-'));
    station = await makeWorkstation(work);
    const logs = fixtureLogs().filter((f) => /log_formats\.(?:eval|json)$/.test(f));
    const bundle = await makeBundle(path.join(work, 'small.evbundle'), station.lab.unlocked, {
      logs,
    });
    imported = path.join(work, 'imported');
    fs.cpSync(station.dataDir, imported, { recursive: true });
    expect((await desk('import', '--data', imported, bundle)).code).toBe(0);
  });

  it('the doctor finds nothing on the untouched workstation (so its findings mean something)', async () => {
    const report = await desk('doctor', '--data', imported, '--json');
    expect(report.code, report.stdout).toBe(0);
  });

  it(
    'any one cell changed: the doctor answers, changes nothing, and finds every changed metric value',
    async () => {
      await fuzz(
        fc.asyncProperty(edit, async (e) => {
          const dataDir = copyDataDir(imported, tempDir());
          const changed = applyEdit(dataDir, e);
          const before = contents(dataDir);
          const result = await desk('doctor', '--data', dataDir, '--json');
          expect([0, 1], result.stderr).toContain(result.code);
          const report = JSON.parse(result.stdout) as { ok?: boolean; error?: { code: string } };
          expect(report.error?.code, result.stderr).not.toBe('INTERNAL');
          expect(contents(dataDir), 'the doctor changed the directory').toEqual(before);
          if (changed !== null && DECIDING.has(changed)) expect(report.ok, changed).toBe(false);
        }),
        RUNS,
        tempDir,
      );
    },
    fuzzTimeout(RUNS, PER_CASE_MS),
  );
});
