/**
 * Task references on a real workstation: signed at import by an authority or a reviewer,
 * stored append-only with their audit event, the latest version of an id winning, and
 * refused on read, in the service, the CLI and the doctor, once a stored row is edited.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { canonicalJson } from '../../main/canonical-json';
import {
  encodeBase64,
  initCrypto,
  sha256Hex,
  signEnvelope,
  verifyEnvelope,
} from '../../main/crypto';
import { IN_TOTO_PAYLOAD_TYPE, makeStatement } from '../../main/in-toto';
import {
  subjectName,
  TASK_REFERENCE_PREDICATE_TYPE,
  TASK_REFERENCE_TYPE,
  type TaskReferenceInput,
  type TimeSource,
} from '../../main/tasks';
import { DATABASE_FILE, openWorkspace, type Workspace } from '../../main/workspace';
import { copyDataDir } from '../support/data-dir';
import { desk } from '../support/desk-cli';
import { expectDeskError } from '../support/desk-error';
import { dumpDatabase, makeKey, makeWorkstation, type TestKey } from '../support/lab';
import { useTempDirs } from '../support/temp-dir';

const SOURCES: readonly TimeSource[] = ['baseline', 'first-solve', 'estimate', 'survey', 'other'];

/** 25 cybench tasks and 15 nyu-ctf tasks: 2 benchmarks, 40 tasks. */
function reference(overrides: Partial<TaskReferenceInput> = {}): TaskReferenceInput {
  const tasks = (benchmark: string, n: number, family: string) => ({
    benchmark,
    tasks: Array.from({ length: n }, (_, i) => ({
      taskId: String(i + 1),
      minutes: 2 ** (i % 10) * 1.5,
      family: `${family}-${i % 4}`,
      source: SOURCES[i % SOURCES.length] ?? 'other',
      ...(i === 0 ? { sourceNote: 'HKCert 2023 first blood' } : {}),
    })),
  });
  return {
    type: TASK_REFERENCE_TYPE,
    id: 'cyber-times',
    version: 1,
    name: 'Cyber task times',
    benchmarks: [tasks('cybench', 25, 'web'), tasks('nyu-ctf', 15, 'pwn')],
    ...overrides,
  };
}

/** Runs SQL on the workstation's database, around the append-only triggers, as an insider would. */
function tamper(dataDir: string, edit: (db: Database.Database) => void): void {
  const db = new Database(path.join(dataDir, DATABASE_FILE));
  try {
    const triggers = db
      .prepare<[], { name: string; sql: string }>(
        `SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name LIKE 'task_reference_%'`,
      )
      .all();
    for (const trigger of triggers) db.exec(`DROP TRIGGER ${trigger.name}`);
    edit(db);
    for (const trigger of triggers) db.exec(trigger.sql);
  } finally {
    db.close();
  }
}

function storedRow(dataDir: string, version = 1) {
  const db = new Database(path.join(dataDir, DATABASE_FILE), { readonly: true });
  try {
    const row = db
      .prepare<[number], { document: string; digest: string; signature: string; keyid: string }>(
        `SELECT document, digest, signature, signer_keyid AS keyid FROM task_reference_version
          WHERE reference_id = 'cyber-times' AND version = ?`,
      )
      .get(version);
    if (row === undefined) throw new Error('no stored version');
    return row;
  } finally {
    db.close();
  }
}

describe('task references', () => {
  const tempDir = useTempDirs();
  let stationDir: string;
  let keys: Record<'root' | 'lab' | 'reviewer' | 'authority' | 'auditor' | 'outsider', TestKey>;
  const open: Workspace[] = [];
  afterEach(() => {
    for (const workspace of open.splice(0)) workspace.close();
  });

  beforeAll(async () => {
    await initCrypto();
    const work = fs.mkdtempSync(path.join(process.env.TMPDIR ?? '/tmp', 'desk-tasks-'));
    const station = await makeWorkstation(work);
    const keysDir = path.join(work, 'keys');
    const [authority, auditor, outsider] = await Promise.all(
      ['authority', 'auditor', 'outsider'].map((name) => makeKey(keysDir, name)),
    );
    if (!authority || !auditor || !outsider) throw new Error('a test key is missing');
    keys = {
      root: station.root,
      lab: station.lab,
      reviewer: station.reviewer,
      authority,
      auditor,
      outsider,
    };
    const workspace = station.open();
    try {
      const { trust } = workspace.services;
      for (const [key, role] of [
        [authority, 'authority'],
        [auditor, 'auditor'],
      ] as const)
        trust.signAndInstall(trust.propose({ add: { key: key.unlocked, roles: [role] } }), [
          station.root.unlocked,
        ]);
    } finally {
      workspace.close();
    }
    stationDir = station.dataDir;
  });

  /** A copy of the station for one test, opened. */
  function station(): { dataDir: string; workspace: Workspace } {
    const dataDir = copyDataDir(stationDir, tempDir());
    const workspace = openWorkspace({ dataDir });
    open.push(workspace);
    return { dataDir, workspace };
  }

  it('an authority imports a reference: signed, stored, audited, and read back by benchmark', () => {
    const { dataDir, workspace } = station();
    const tasks = workspace.services.tasks;
    const imported = tasks.importReference(reference(), keys.authority.unlocked);
    expect(imported.summary).toBe(
      'Task reference cyber-times version 1 signed by authority: 2 benchmarks, 40 tasks.',
    );
    expect(imported.alreadyStored).toBe(false);
    expect(imported.reference).toMatchObject({
      id: 'cyber-times',
      version: 1,
      verified: true,
      name: 'Cyber task times',
      signer: { keyid: keys.authority.unlocked.keyid, name: 'authority' },
      benchmarks: [
        { benchmark: 'cybench', tasks: 25 },
        { benchmark: 'nyu-ctf', tasks: 15 },
      ],
    });
    expect(tasks.list()).toEqual([{ ...imported.reference, latest: true }]);

    const cybench = tasks.tasksFor('cybench');
    expect(cybench?.reference).toMatchObject({ id: 'cyber-times', version: 1 });
    expect(cybench?.tasks.size).toBe(25);
    expect(cybench?.tasks.get('1')).toEqual({
      minutes: 1.5,
      family: 'web-0',
      source: 'baseline',
      sourceNote: 'HKCert 2023 first blood',
    });
    expect(cybench?.tasks.get('10')).toEqual({
      minutes: 768,
      family: 'web-1',
      source: 'other',
      sourceNote: null,
    });
    expect(tasks.tasksFor('intercode-ctf')).toBeNull();

    const [event, ...more] = workspace.services.audit.ofKind('tasks.reference-imported');
    expect(more).toEqual([]);
    expect(event?.actor).toBe('authority');
    expect(event?.summary).toBe(imported.summary);
    expect(event?.details).toEqual({
      id: 'cyber-times',
      version: 1,
      digest: imported.reference.digest,
      signer: keys.authority.unlocked.keyid,
      benchmarks: [
        { benchmark: 'cybench', tasks: 25 },
        { benchmark: 'nyu-ctf', tasks: 15 },
      ],
      tasks: 40,
    });

    // The stored form is the documented one: the canonical document, its digest, and a DSSE
    // signature over an in-toto statement whose predicate is the document.
    const row = storedRow(dataDir);
    const document = JSON.parse(row.document) as { notes: string };
    expect(document.notes).toBe('');
    expect(row.document).toBe(canonicalJson(document as never));
    expect(row.digest).toBe(sha256Hex(new TextEncoder().encode(row.document)));
    expect(row.digest).toBe(imported.reference.digest);
    expect(row.keyid).toBe(keys.authority.unlocked.keyid);
    const statement = makeStatement(
      [{ name: subjectName('cyber-times', 1), digest: { sha256: row.digest } }],
      TASK_REFERENCE_PREDICATE_TYPE,
      JSON.parse(row.document) as never,
    );
    const policy = (key: TestKey) => ({
      trustedKeys: [key.unlocked],
      threshold: 1,
      payloadTypes: [IN_TOTO_PAYLOAD_TYPE],
    });
    const envelope = {
      payload: encodeBase64(statement),
      payloadType: IN_TOTO_PAYLOAD_TYPE,
      signatures: [{ sig: row.signature }],
    };
    expect(verifyEnvelope(envelope, policy(keys.authority)).ok).toBe(true);
    expect(verifyEnvelope(envelope, policy(keys.reviewer)).ok).toBe(false);
  });

  it('a reviewer may sign one too', () => {
    const { workspace } = station();
    const imported = workspace.services.tasks.importReference(reference(), keys.reviewer.unlocked);
    expect(imported.reference.signer).toEqual({
      keyid: keys.reviewer.unlocked.keyid,
      name: 'reviewer',
    });
    expect(workspace.services.tasks.tasksFor('nyu-ctf')?.reference.signer.name).toBe('reviewer');
  });

  it.each([
    [
      'a lab',
      'lab',
      'FORBIDDEN',
      /^"lab" does not hold the authority or reviewer role in the trust roster, which signing a task reference needs\. Nothing was changed\.$/,
    ],
    [
      'an auditor',
      'auditor',
      'FORBIDDEN',
      /^"auditor" does not hold the authority or reviewer role/,
    ],
    [
      'a key not in the roster',
      'outsider',
      'FORBIDDEN',
      /^"outsider" does not hold the authority or reviewer role/,
    ],
  ] as const)('refuses %s as signer and writes nothing', async (_who, key, code, message) => {
    const { dataDir, workspace } = station();
    const before = dumpDatabase(dataDir);
    await expectDeskError(
      () => workspace.services.tasks.importReference(reference(), keys[key].unlocked),
      code,
      message,
    );
    expect(dumpDatabase(dataDir)).toEqual(before);
  });

  it('refuses an invalid document with the field and what it must be, and writes nothing', async () => {
    const { dataDir, workspace } = station();
    const before = dumpDatabase(dataDir);
    const bad = reference();
    const [first] = bad.benchmarks;
    if (first !== undefined) bad.benchmarks.push({ ...first });
    await expectDeskError(
      () => workspace.services.tasks.importReference(bad, keys.authority.unlocked),
      'TASK_REFERENCE_INVALID',
      "The task reference's benchmarks[2].benchmark is listed earlier too; each benchmark must appear once. Nothing was changed.",
    );
    expect(dumpDatabase(dataDir)).toEqual(before);
  });

  it('the same version again: identical says so and changes nothing; other content is refused', async () => {
    const { dataDir, workspace } = station();
    const tasks = workspace.services.tasks;
    const first = tasks.importReference(reference(), keys.authority.unlocked);
    const before = dumpDatabase(dataDir);

    // The same document, spelt differently (key order, notes given as the default): identical.
    const { benchmarks, ...rest } = reference();
    const again = tasks.importReference({ benchmarks, notes: '', ...rest }, keys.reviewer.unlocked);
    expect(again).toEqual({
      reference: first.reference,
      alreadyStored: true,
      summary:
        'Task reference cyber-times version 1 is stored already, identical, signed by authority; nothing was changed.',
    });
    expect(dumpDatabase(dataDir)).toEqual(before);

    await expectDeskError(
      () => tasks.importReference(reference({ name: 'Other times' }), keys.authority.unlocked),
      'TASK_REFERENCE_INVALID',
      'Task reference "cyber-times" version 1 is stored already with other content; a changed reference needs a later version. Nothing was changed.',
    );
    expect(dumpDatabase(dataDir)).toEqual(before);
  });

  it('the latest version wins: a benchmark it dropped is gone, an older version is refused, a newer reference of another id takes over', async () => {
    const { dataDir, workspace } = station();
    const tasks = workspace.services.tasks;
    tasks.importReference(reference(), keys.authority.unlocked);
    const [cybench] = reference().benchmarks;
    if (cybench === undefined) throw new Error('no cybench');
    const changed = {
      ...cybench,
      tasks: cybench.tasks.map((t) => (t.taskId === '2' ? { ...t, minutes: 90 } : t)),
    };
    tasks.importReference(reference({ version: 3, benchmarks: [changed] }), keys.reviewer.unlocked);

    expect(tasks.tasksFor('cybench')?.reference).toMatchObject({ version: 3 });
    expect(tasks.tasksFor('cybench')?.tasks.get('2')?.minutes).toBe(90);
    // Version 3 lists no nyu-ctf: version 1's times for it no longer count.
    expect(tasks.tasksFor('nyu-ctf')).toBeNull();
    expect(tasks.list().map((r) => [r.version, r.latest, r.verified])).toEqual([
      [1, false, true],
      [3, true, true],
    ]);

    const before = dumpDatabase(dataDir);
    await expectDeskError(
      () => tasks.importReference(reference({ version: 2 }), keys.authority.unlocked),
      'TASK_REFERENCE_INVALID',
      'Task reference "cyber-times" is at version 3 on this workstation; version 2 would not supersede it, so it must be later. Nothing was changed.',
    );
    expect(dumpDatabase(dataDir)).toEqual(before);

    // Another reference listing cybench, imported later, is the one that counts for it.
    tasks.importReference(
      reference({
        id: 'ctf-times',
        benchmarks: [{ ...cybench, tasks: cybench.tasks.slice(0, 3) }],
      }),
      keys.authority.unlocked,
    );
    expect(tasks.tasksFor('cybench')).toMatchObject({ reference: { id: 'ctf-times', version: 1 } });
    expect(tasks.tasksFor('cybench')?.tasks.size).toBe(3);
  });

  describe('a stored reference edited in the database is refused on read', () => {
    const forgedSignature = (dataDir: string) => {
      // A well-formed signature by the outsider over a statement of its own making.
      const row = storedRow(dataDir);
      const document = row.document.replace('"minutes":1.5', '"minutes":4000');
      const digest = sha256Hex(new TextEncoder().encode(document));
      const statement = makeStatement(
        [{ name: subjectName('cyber-times', 1), digest: { sha256: digest } }],
        TASK_REFERENCE_PREDICATE_TYPE,
        JSON.parse(document) as never,
      );
      const [signature] = signEnvelope(IN_TOTO_PAYLOAD_TYPE, statement, [
        keys.outsider.unlocked,
      ]).signatures;
      return { document, digest, sig: signature?.sig ?? '' };
    };

    it.each<[string, (dataDir: string) => void, RegExp, 'rows' | 'document']>([
      [
        "a task row's minutes",
        (dataDir) => {
          tamper(dataDir, (db) =>
            db.exec(
              `UPDATE task_reference_task SET minutes = 4000 WHERE benchmark = 'cybench' AND task_id = '1'`,
            ),
          );
        },
        /1 of its task rows is not the signed document's \(changed, added or removed\)/,
        'rows',
      ],
      [
        'a task row deleted',
        (dataDir) => {
          tamper(dataDir, (db) =>
            db.exec(
              `DELETE FROM task_reference_task WHERE benchmark = 'cybench' AND task_id = '7'`,
            ),
          );
        },
        /1 of its task rows is not the signed document's/,
        'rows',
      ],
      [
        'the document and its digest, with the rows to match',
        (dataDir) => {
          const document = storedRow(dataDir).document.replace('"minutes":1.5', '"minutes":4000');
          tamper(dataDir, (db) => {
            db.prepare(`UPDATE task_reference_version SET document = ?, digest = ?`).run(
              document,
              sha256Hex(new TextEncoder().encode(document)),
            );
            db.exec(`UPDATE task_reference_task SET minutes = 4000 WHERE minutes = 1.5`);
          });
        },
        /its signature is not valid for any authority or reviewer key of the trust roster/,
        'document',
      ],
      [
        'the document, keeping the digest',
        (dataDir) => {
          const document = storedRow(dataDir).document.replace('"minutes":1.5', '"minutes":4000');
          tamper(dataDir, (db) =>
            db.prepare(`UPDATE task_reference_version SET document = ?`).run(document),
          );
        },
        /its digest is not the SHA-256 of its document/,
        'document',
      ],
      [
        'the recorded signer, to a reviewer',
        (dataDir) => {
          tamper(dataDir, (db) =>
            db
              .prepare(`UPDATE task_reference_version SET signer_keyid = ?`)
              .run(keys.reviewer.unlocked.keyid),
          );
        },
        /its recorded signer did not sign it/,
        'document',
      ],
      [
        'a forgery signed by a key outside the roster',
        (dataDir) => {
          const forged = forgedSignature(dataDir);
          tamper(dataDir, (db) => {
            db.prepare(
              `UPDATE task_reference_version SET document = ?, digest = ?, signature = ?, signer_keyid = ?`,
            ).run(forged.document, forged.digest, forged.sig, keys.outsider.unlocked.keyid);
            db.exec(`UPDATE task_reference_task SET minutes = 4000 WHERE minutes = 1.5`);
          });
        },
        /its signature is not valid for any authority or reviewer key of the trust roster/,
        'document',
      ],
      [
        'a document that is not canonical',
        (dataDir) => {
          const document = ` ${storedRow(dataDir).document}`;
          tamper(dataDir, (db) =>
            db
              .prepare(`UPDATE task_reference_version SET document = ?, digest = ?`)
              .run(document, sha256Hex(new TextEncoder().encode(document))),
          );
        },
        /its document is not the canonical JSON that was signed/,
        'document',
      ],
    ])('%s', async (_what, edit, problem, edited) => {
      const { dataDir, workspace } = station();
      workspace.services.tasks.importReference(reference(), keys.authority.unlocked);
      workspace.close();
      edit(dataDir);
      const reopened = openWorkspace({ dataDir });
      open.push(reopened);
      const tasks = reopened.services.tasks;
      const before = dumpDatabase(dataDir);

      const error = await expectDeskError(
        () => tasks.tasksFor('cybench'),
        'TASK_REFERENCE_UNVERIFIED',
        /^The stored task reference "cyber-times" version 1 failed verification: .*\. Its human times cannot be used until an authority or reviewer imports a later version\. Nothing was changed\.$/,
      );
      expect(error.message).toMatch(problem);
      // An unverifiable document may list any benchmark, so it fails every one; edited rows
      // of a document that verifies fail only the benchmark they are rows of.
      if (edited === 'document')
        await expectDeskError(() => tasks.tasksFor('intercode-ctf'), 'TASK_REFERENCE_UNVERIFIED');
      else expect(tasks.tasksFor('intercode-ctf')).toBeNull();
      const listed = tasks.list().map((r) => (r.verified ? 'verified' : r.problem));
      expect(listed).toHaveLength(1);
      expect(listed[0]).toMatch(problem);

      const doctor = await desk('doctor', '--data', dataDir);
      expect(doctor.code).toBe(1);
      expect(doctor.stdout).toMatch(/^FAIL {2}task references: 1 finding\(s\)$/m);
      expect(doctor.stdout).toMatch(
        new RegExp(`^ {6}Task reference "cyber-times" version 1: ${problem.source}`, 'm'),
      );
      expect(dumpDatabase(dataDir)).toEqual(before);
    });

    it('a forged later version inserted by SQL', async () => {
      const { dataDir, workspace } = station();
      workspace.services.tasks.importReference(reference(), keys.authority.unlocked);
      workspace.close();
      const forged = forgedSignature(dataDir);
      tamper(dataDir, (db) => {
        db.prepare(
          `INSERT INTO task_reference_version (reference_id, version, document, digest, signer_keyid, signature, imported_at)
             VALUES ('cyber-times', 2, ?, ?, ?, ?, '2026-12-01T00:00:00.000Z')`,
        ).run(
          forged.document.replace('"version":1', '"version":2'),
          forged.digest,
          keys.authority.unlocked.keyid,
          forged.sig,
        );
      });
      const reopened = openWorkspace({ dataDir });
      open.push(reopened);
      await expectDeskError(
        () => reopened.services.tasks.tasksFor('cybench'),
        'TASK_REFERENCE_UNVERIFIED',
        /^The stored task reference "cyber-times" version 2 failed verification/,
      );
    });
  });

  it('a signer who leaves the roster: the reference no longer counts, and the doctor finds no tampering', async () => {
    const { dataDir, workspace } = station();
    workspace.services.tasks.importReference(reference(), keys.reviewer.unlocked);
    const { trust } = workspace.services;
    trust.signAndInstall(
      trust.propose({ remove: { keyid: keys.reviewer.unlocked.keyid, role: 'reviewer' } }),
      [keys.root.unlocked],
    );
    await expectDeskError(
      () => workspace.services.tasks.tasksFor('cybench'),
      'TASK_REFERENCE_UNVERIFIED',
      /its signature is not valid for any authority or reviewer key of the trust roster/,
    );
    workspace.close();
    const doctor = await desk('doctor', '--data', dataDir);
    expect(doctor.stdout).toMatch(/^ok {4}task references: 1 version\(s\)/m);
  });

  it('desk tasks import, list and show, end to end', async () => {
    const { dataDir, workspace } = station();
    workspace.close();
    const file = path.join(tempDir(), 'times.json');
    fs.writeFileSync(file, JSON.stringify(reference()));
    for (const person of [keys.authority, keys.auditor])
      expect((await desk('user', 'add', '--data', dataDir, '--key', person.secretFile)).code).toBe(
        0,
      );
    const as = (person: TestKey) => [
      '--user',
      person.name,
      '--passphrase-file',
      person.passphraseFile,
    ];

    const imported = await desk(
      'tasks',
      'import',
      '--data',
      dataDir,
      '--file',
      file,
      ...as(keys.authority),
    );
    expect(imported).toEqual({
      code: 0,
      stdout: 'Task reference cyber-times version 1 signed by authority: 2 benchmarks, 40 tasks.\n',
      stderr: '',
    });
    const again = await desk(
      'tasks',
      'import',
      '--data',
      dataDir,
      '--file',
      file,
      ...as(keys.authority),
      '--json',
    );
    expect(JSON.parse(again.stdout)).toMatchObject({
      ok: true,
      alreadyStored: true,
      reference: { id: 'cyber-times', version: 1 },
    });

    const refused = await desk(
      'tasks',
      'import',
      '--data',
      dataDir,
      '--file',
      file,
      ...as(keys.auditor),
    );
    expect(refused).toMatchObject({ code: 1, stdout: '' });
    expect(refused.stderr).toBe(
      'desk: "auditor" does not hold the authority or reviewer role in the trust roster, which signing a task reference needs. Nothing was changed.\n',
    );

    const listed = await desk('tasks', 'list', '--data', dataDir);
    expect(listed.code).toBe(0);
    expect(listed.stdout).toMatch(
      /^cyber-times@1 {2}signed by authority {2}\S+ {2}digest [0-9a-f]{64}\n {2}Cyber task times: cybench \(25 task\(s\)\), nyu-ctf \(15 task\(s\)\)\n$/,
    );

    const shown = await desk('tasks', 'show', '--data', dataDir, '--benchmark', 'nyu-ctf');
    expect(shown.code).toBe(0);
    const lines = shown.stdout.split('\n');
    expect(lines[0]).toBe(
      'Benchmark "nyu-ctf": 15 task(s) from task reference cyber-times version 1, signed by authority.',
    );
    expect(lines[1]).toBe('  1  1.5 min  family pwn-0  baseline (HKCert 2023 first blood)');
    expect(lines).toHaveLength(17);
    const json = await desk('tasks', 'show', '--data', dataDir, '--benchmark', 'nyu-ctf', '--json');
    const parsed = JSON.parse(json.stdout) as {
      found: { tasks: { taskId: string; minutes: number }[] };
    };
    expect(parsed.found.tasks[1]).toEqual({
      taskId: '2',
      minutes: 3,
      family: 'pwn-1',
      source: 'first-solve',
      sourceNote: null,
    });
    expect(await desk('tasks', 'show', '--data', dataDir, '--benchmark', 'swe-bench')).toEqual({
      code: 0,
      stdout: 'No task reference lists benchmark "swe-bench".\n',
      stderr: '',
    });

    const bad = path.join(tempDir(), 'bad.json');
    fs.writeFileSync(bad, JSON.stringify(reference({ version: 0 })));
    const invalid = await desk(
      'tasks',
      'import',
      '--data',
      dataDir,
      '--file',
      bad,
      ...as(keys.authority),
      '--json',
    );
    expect(invalid.code).toBe(1);
    expect(JSON.parse(invalid.stdout)).toEqual({
      ok: false,
      error: {
        code: 'TASK_REFERENCE_INVALID',
        message: "The task reference's version must be at least 1. Nothing was changed.",
      },
    });
    expect(await desk('tasks', 'import', '--data', dataDir, '--file', file)).toMatchObject({
      code: 2,
      stderr: 'desk: desk tasks import needs --user NAME.\n',
    });
    expect((await desk('tasks', 'forget', '--data', dataDir)).code).toBe(2);
  });
});
