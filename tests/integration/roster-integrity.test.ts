/**
 * The roster chain is re-verified from the pinned root at every start: a real workstation
 * whose database an attacker edited with SQL trusts nobody, says what is wrong, and
 * changes nothing.
 */
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../main/canonical-json';
import { sha256Hex, signEnvelope } from '../../main/crypto';
import { IN_TOTO_PAYLOAD_TYPE } from '../../main/in-toto';
import { openWorkspace } from '../../main/workspace';
import { desk } from '../support/desk-cli';
import { dumpDatabase, makeKey, makeWorkstation, type TestWorkstation } from '../support/lab';
import { useTempDirs } from '../support/temp-dir';

/** Runs SQL on the workstation's database file, as an attacker with file access would. */
function editDatabase(dataDir: string, edit: (db: Database.Database) => void): void {
  const db = new Database(path.join(dataDir, 'desk.sqlite3'));
  try {
    edit(db);
  } finally {
    db.close();
  }
}

function storedEnvelope(db: Database.Database, version: number): { payload: string } {
  const row = db.prepare('SELECT envelope FROM roster_version WHERE version = ?').get(version) as {
    envelope: string;
  };
  return JSON.parse(row.envelope) as { payload: string };
}

describe('roster chain at start', () => {
  const tempDir = useTempDirs();

  /** Every command refuses the edited workstation with the same alarm, and nothing changes. */
  async function expectAlarm(s: TestWorkstation, problem: RegExp): Promise<void> {
    const before = dumpDatabase(s.dataDir);
    for (const argv of [
      ['roster', 'show', '--data', s.dataDir],
      ['user', 'list', '--data', s.dataDir],
      ['bundles', '--data', s.dataDir],
    ]) {
      const result = await desk(...argv);
      expect(result.code).toBe(1);
      expect(result.stdout).toBe('');
      expect(result.stderr).toMatch(
        /^desk: The trust roster stored on this workstation does not verify from its pinned root: /,
      );
      expect(result.stderr).toMatch(problem);
      expect(result.stderr).toContain(
        'Nothing from the roster is trusted and nothing was changed.',
      );
      expect(result.stderr).toContain('desk doctor --data DIR');
    }
    expect(() => openWorkspace({ dataDir: s.dataDir })).toThrow(
      expect.objectContaining({ code: 'ROSTER_TAMPERED' }),
    );
    expect(dumpDatabase(s.dataDir)).toEqual(before);
  }

  it('refuses a forged version 99 row without an envelope that makes an attacker lab, authority and reviewer', async () => {
    const dir = tempDir();
    const s = await makeWorkstation(dir);
    const attacker = await makeKey(dir, 'attacker');
    const publicKey = Buffer.from(attacker.unlocked.publicKey).toString('base64');
    editDatabase(s.dataDir, (db) => {
      const latest = db
        .prepare('SELECT document FROM roster_version ORDER BY version DESC LIMIT 1')
        .get() as { document: string };
      const document = JSON.parse(latest.document) as {
        keys: { keyid: string; roles: string[] }[];
      };
      const forged = {
        ...document,
        version: 99,
        keys: [
          ...document.keys,
          {
            keyid: attacker.unlocked.keyid,
            publicKey,
            name: 'attacker',
            roles: ['lab', 'authority', 'reviewer'],
          },
        ],
      };
      const text = canonicalJson(forged);
      db.prepare(
        'INSERT INTO roster_version (version, document, digest, envelope, installed_at) VALUES (99, ?, ?, NULL, ?)',
      ).run(text, sha256Hex(new TextEncoder().encode(text)), '2026-11-22T10:00:00.000Z');
    });
    await expectAlarm(s, /version 4 is missing \(the next stored version is 99\)/);
  });

  it('refuses a stored document whose role was changed', async () => {
    const s = await makeWorkstation(tempDir());
    editDatabase(s.dataDir, (db) => {
      db.prepare(
        `UPDATE roster_version SET document = replace(document, '"reviewer"', '"authority"') WHERE version = 3`,
      ).run();
    });
    await expectAlarm(s, /version 3: the stored document is not the one that was signed/);
  });

  it('refuses a roster rolled back by deleting its newest version', async () => {
    const s = await makeWorkstation(tempDir());
    editDatabase(s.dataDir, (db) => {
      db.prepare('DELETE FROM roster_version WHERE version = 3').run();
    });
    await expectAlarm(s, /version 3 was installed \(audit event \d+\) but is no longer stored/);
  });

  it('refuses a chain with a middle version deleted', async () => {
    const s = await makeWorkstation(tempDir());
    editDatabase(s.dataDir, (db) => {
      db.prepare('DELETE FROM roster_version WHERE version = 2').run();
    });
    await expectAlarm(s, /version 2 is missing \(the next stored version is 3\)/);
  });

  it('refuses a version whose envelope a non-root key signed', async () => {
    const s = await makeWorkstation(tempDir());
    editDatabase(s.dataDir, (db) => {
      const payload = Buffer.from(storedEnvelope(db, 3).payload, 'base64');
      const forged = signEnvelope(IN_TOTO_PAYLOAD_TYPE, payload, [s.lab.unlocked]);
      db.prepare('UPDATE roster_version SET envelope = ? WHERE version = 3').run(
        JSON.stringify(forged),
      );
    });
    await expectAlarm(
      s,
      /version 3: version 2's root keys do not sign it: the envelope has no valid signature from a trusted key/,
    );
  });

  it('refuses a replaced first version whose digest is not the one pinned at set-up', async () => {
    const dir = tempDir();
    const s = await makeWorkstation(dir);
    const attacker = await makeKey(dir, 'attacker-root');
    editDatabase(s.dataDir, (db) => {
      const row = db.prepare('SELECT document FROM roster_version WHERE version = 1').get() as {
        document: string;
      };
      const document = JSON.parse(row.document) as Record<string, unknown>;
      const text = canonicalJson({
        ...document,
        keys: [
          {
            keyid: attacker.unlocked.keyid,
            publicKey: Buffer.from(attacker.unlocked.publicKey).toString('base64'),
            name: 'attacker-root',
            roles: ['root'],
          },
        ],
      });
      db.prepare('UPDATE roster_version SET document = ?, digest = ? WHERE version = 1').run(
        text,
        sha256Hex(new TextEncoder().encode(text)),
      );
    });
    await expectAlarm(
      s,
      /version 1: it is not the roster pinned at set-up \(digest [0-9a-f]{64}\)/,
    );
  });

  it('stops trusting the roster the moment a row is edited while the workstation is open', async () => {
    const s = await makeWorkstation(tempDir());
    const workspace = openWorkspace({ dataDir: s.dataDir });
    try {
      expect(workspace.services.trust.keys('lab').map((k) => k.name)).toEqual(['lab']);
      editDatabase(s.dataDir, (db) => {
        db.prepare('DELETE FROM roster_version WHERE version = 3').run();
      });
      for (const read of [
        () => workspace.services.trust.keys('lab'),
        () => workspace.services.trust.view(),
        () => workspace.services.trust.current(),
      ])
        expect(read).toThrow(
          /does not verify from its pinned root: version 3 was installed \(audit event \d+\) but is no longer stored\./,
        );
    } finally {
      workspace.close();
    }
  });

  it('opens an untouched workstation and keeps its roster', async () => {
    const s = await makeWorkstation(tempDir());
    const workspace = openWorkspace({ dataDir: s.dataDir });
    try {
      expect(workspace.services.trust.history().map((r) => r.document.version)).toEqual([1, 2, 3]);
    } finally {
      workspace.close();
    }
  });
});
