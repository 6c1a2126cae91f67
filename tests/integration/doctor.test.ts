/**
 * `desk doctor` over a real workstation with an imported bundle, after the edits an
 * attacker with file access makes with SQL: each is reported by name, the exit code is 1,
 * and the check itself changes nothing.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { beforeAll, describe, expect, it } from 'vitest';
import { canonicalJson } from '../../main/canonical-json';
import { sha256Hex } from '../../main/crypto';
import { copyDataDir, dataDirState } from '../support/data-dir';
import { desk } from '../support/desk-cli';
import { makeBundle, makeWorkstation, type TestWorkstation } from '../support/lab';
import { useTempDirs } from '../support/temp-dir';

function editDatabase<T>(dataDir: string, edit: (db: Database.Database) => T): T {
  const db = new Database(path.join(dataDir, 'desk.sqlite3'));
  try {
    return edit(db);
  } finally {
    db.close();
  }
}

describe('desk doctor', () => {
  const tempDir = useTempDirs();
  let station: TestWorkstation;
  let bundleName: string;

  beforeAll(async () => {
    const work = fs.mkdtempSync(path.join(process.env.TMPDIR ?? '/tmp', 'desk-doctor-'));
    station = await makeWorkstation(work);
    expect(
      (await desk('user', 'add', '--data', station.dataDir, '--key', station.reviewer.secretFile))
        .code,
    ).toBe(0);
    const bundle = await makeBundle(path.join(work, 'cyber.evbundle'), station.lab.unlocked);
    bundleName = path.basename(bundle);
    expect((await desk('import', '--data', station.dataDir, bundle)).code).toBe(0);
  });

  /** A fresh copy of the station's data directory for one test to edit. */
  function copy(): string {
    return copyDataDir(station.dataDir, tempDir());
  }

  async function doctor(dataDir: string) {
    const before = dataDirState(dataDir);
    const result = await desk('doctor', '--data', dataDir);
    expect(dataDirState(dataDir)).toEqual(before);
    return result;
  }

  it('passes an untouched workstation, check by check, and changes nothing', async () => {
    const result = await doctor(copy());
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    const lines = result.stdout.split('\n');
    expect(lines.filter((l) => l.startsWith('ok  '))).toEqual([
      'ok    roster chain: 3 version(s), each verified from the root pinned at set-up',
      'ok    identities: 1 identity row(s), each sealed key its own',
      expect.stringMatching(
        /^ok {4}schema: schema version \d+: \d+ tables, indexes and triggers as the migrations create them$/,
      ),
      expect.stringMatching(/^ok {4}audit log: \d+ event\(s\), ids contiguous$/),
      'ok    task references: 0 version(s), each signed by an authority or reviewer and matching its task rows',
      expect.stringMatching(
        /^ok {4}evidence: \d+ file\(s\), each named by its SHA-256; all \d+ referenced present$/,
      ),
      expect.stringMatching(
        /^ok {4}derived rows: \d+ log\(s\) re-read from the evidence store: their log, metric, sample and score rows are as stored$/,
      ),
    ]);
    expect(result.stdout).toMatch(/No findings\.\n$/);
  });

  it('names the bundle, log and metric of a log_metric value flipped by SQL, and escapes names', async () => {
    const dataDir = copy();
    const flipped = editDatabase(dataDir, (db) => {
      const row = db
        .prepare(
          `SELECT m.log_id AS logId, m.scorer, m.metric, m.claimed, l.path FROM log_metric m
             JOIN eval_log l ON l.id = m.log_id WHERE m.claimed IS NOT NULL
            ORDER BY l.path, m.scorer, m.metric LIMIT 1`,
        )
        .get() as { logId: number; scorer: string; metric: string; claimed: number; path: string };
      db.prepare(
        `UPDATE log_metric SET claimed = ? WHERE log_id = ? AND scorer = ? AND metric = ?`,
      ).run(row.claimed + 0.5, row.logId, row.scorer, row.metric);
      // A hostile name must reach the terminal escaped.
      db.prepare(`UPDATE bundle SET file_name = ?`).run(`${bundleName}\u001b[2J`);
      return row;
    });
    const result = await doctor(dataDir);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/^FAIL {2}derived rows: 1 finding\(s\)$/m);
    expect(result.stdout).toContain(`Bundle "${bundleName}\\u{001B}[2J" (`);
    expect(result.stdout).toContain(
      `log "${flipped.path}": the metric ${flipped.metric} of scorer ${flipped.scorer} has claimed ${flipped.claimed + 0.5} stored, but the log gives ${flipped.claimed}.`,
    );
    expect(result.stdout).not.toContain('\u001b');
    expect(result.stdout).toMatch(/1 finding\(s\): this data directory was changed outside/);
  });

  it('reports a sample and a score edited by SQL', async () => {
    const dataDir = copy();
    editDatabase(dataDir, (db) => {
      db.prepare(
        `UPDATE sample SET target = 'forged' WHERE id = (SELECT min(id) FROM sample)`,
      ).run();
      db.prepare(
        `UPDATE sample_score SET numeric = 1 - coalesce(numeric, 0)
          WHERE rowid = (SELECT max(rowid) FROM sample_score)`,
      ).run();
    });
    const result = await doctor(dataDir);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/^FAIL {2}derived rows: 2 finding\(s\)$/m);
    expect(result.stdout).toMatch(
      /the sample \S+ epoch \d+ has target "forged" stored, but the log gives /,
    );
    expect(result.stdout).toMatch(
      /the score of sample \S+ epoch \d+ by \S+ has numeric \S+ stored, but the log gives /,
    );
  });

  it('reports a dropped no-delete trigger and deleted audit events', async () => {
    const dataDir = copy();
    editDatabase(dataDir, (db) => {
      db.exec(`DROP TRIGGER audit_event_no_delete`);
      db.exec(`DELETE FROM audit_event WHERE seq IN (3, 4)`);
      db.exec(`DELETE FROM audit_event WHERE seq = (SELECT max(seq) FROM audit_event)`);
    });
    const result = await doctor(dataDir);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(
      'The trigger audit_event_no_delete that the migrations create is missing (dropped).',
    );
    expect(result.stdout).toContain('Audit events 3 to 4 are missing (deleted).');
    expect(result.stdout).toMatch(/Audit event \d+ is missing \(deleted\)\./);
  });

  it('reports an added trigger and an altered one', async () => {
    const dataDir = copy();
    editDatabase(dataDir, (db) => {
      db.exec(`DROP TRIGGER threshold_set_version_no_update`);
      db.exec(
        `CREATE TRIGGER threshold_set_version_no_update BEFORE UPDATE ON threshold_set_version WHEN 0 BEGIN SELECT 1; END`,
      );
      db.exec(`CREATE TRIGGER sneaky AFTER INSERT ON audit_event BEGIN SELECT 1; END`);
    });
    const result = await doctor(dataDir);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(
      'The trigger threshold_set_version_no_update is not as the migrations create it (altered).',
    );
    expect(result.stdout).toContain('There is a trigger sneaky that no migration creates (added).');
  });

  it('reports a forged roster version and a sealed key moved into another identity row, without failing to run', async () => {
    const dataDir = copy();
    editDatabase(dataDir, (db) => {
      const text = canonicalJson({ forged: true });
      db.prepare(
        `INSERT INTO roster_version (version, document, digest, envelope, installed_at) VALUES (99, ?, ?, NULL, '2026-11-22T10:00:00.000Z')`,
      ).run(text, sha256Hex(new TextEncoder().encode(text)));
      db.prepare('UPDATE identity SET sealed_key = ? WHERE keyid = ?').run(
        fs.readFileSync(station.lab.secretFile, 'utf8'),
        station.reviewer.unlocked.keyid,
      );
    });
    const result = await doctor(dataDir);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(
      'The stored roster does not verify: version 4 is missing (the next stored version is 99); versions must have no gaps.',
    );
    expect(result.stdout).toContain(
      `Identity "reviewer" (${station.reviewer.unlocked.keyid}): its sealed key is the key ${station.lab.unlocked.keyid} ("lab"), not its own.`,
    );
  });

  it('reports an evidence file whose bytes no longer match its name', async () => {
    const dataDir = copy();
    const sha = editDatabase(
      dataDir,
      (db) =>
        (
          db.prepare(`SELECT sha256 FROM eval_log ORDER BY path LIMIT 1`).get() as {
            sha256: string;
          }
        ).sha256,
    );
    const file = path.join(dataDir, 'evidence', 'sha256', sha.slice(0, 2), sha.slice(2));
    fs.chmodSync(file, 0o600);
    fs.appendFileSync(file, 'x');
    const result = await doctor(dataDir);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(
      new RegExp(
        `The evidence file ${sha} holds bytes whose SHA-256 is [0-9a-f]{64} \\(altered\\)\\.`,
      ),
    );
    expect(result.stdout).toContain(
      'its file in the evidence store is altered, so its rows cannot be re-derived.',
    );
  });

  it('refuses, with a sentence, a database at another schema version', async () => {
    const dataDir = copy();
    editDatabase(dataDir, (db) => db.pragma('user_version = 1'));
    const result = await doctor(dataDir);
    expect(result).toMatchObject({ code: 1, stdout: '' });
    expect(result.stderr).toMatch(
      /^desk: The database has schema version 1, not \d+: open it with this version of Designation Desk first, which migrates it\. Nothing was checked or changed\.\n$/,
    );
  });

  it('prints a machine-readable report with --json', async () => {
    const result = await desk('doctor', '--data', copy(), '--json');
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout) as { ok: boolean; checks: { name: string }[] };
    expect(report.ok).toBe(true);
    expect(report.checks.map((c) => c.name)).toEqual([
      'roster chain',
      'identities',
      'schema',
      'audit log',
      'task references',
      'evidence',
      'derived rows',
    ]);
  });
});
