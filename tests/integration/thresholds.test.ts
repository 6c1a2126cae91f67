/**
 * Threshold sets on a real workstation: encrypted and signed at rest, readable only by the
 * recipients of a version, refused with a clear reason when anything about a stored
 * version is wrong, and never written to disk in any readable form.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import sodium from 'libsodium-wrappers-sumo';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { canonicalJson, type JsonValue } from '../../main/canonical-json';
import {
  decryptWithDataKey,
  encryptWithDataKey,
  generateKeyPair,
  padToBlock,
  sha256Hex,
  signEnvelope,
  unpadFromBlock,
  type PublicKey,
  type UnlockedKey,
} from '../../main/crypto';
import { sealSecretKey, unsealSecretKey } from '../../main/key-files';
import { DeskError, type ErrorCode } from '../../common/errors';
import { IN_TOTO_PAYLOAD_TYPE, makeStatement } from '../../main/in-toto';
import {
  THRESHOLD_SET_PREDICATE_TYPE,
  THRESHOLD_SET_TYPE,
  type ThresholdSetInput,
} from '../../main/thresholds';
import type { Role, TrustService } from '../../main/trust';
import { DATABASE_FILE, initWorkspace, openWorkspace, type Workspace } from '../../main/workspace';
import { dumpDatabase, makeKey, type TestKey } from '../support/lab';
import {
  bytesNeedles,
  filesUnder,
  numberNeedles,
  scanFiles,
  scanText,
  textNeedles,
  type Finding,
  type Needle,
} from '../support/leak-scan';
import { useTempDirs } from '../support/temp-dir';
import { expectDeskError } from '../support/desk-error';

/** Distinctive, so that finding one anywhere can only mean a leak. */
const SECRET = {
  ruleId: 'RULE-ZEBRA-7731',
  name: 'Operation Kumquat Ω',
  notes: 'ultraviolet-kumquat "Ω-7" — do not disclose',
  benchmark: 'cyb3r-xyzzy-bench',
  scorer: 'scorer-quux-wibble',
  value: 0.73519,
} as const;

function thresholdSet(overrides: Partial<ThresholdSetInput> = {}): ThresholdSetInput {
  return {
    type: THRESHOLD_SET_TYPE,
    id: 'cyber-core',
    version: 1,
    name: SECRET.name,
    notes: SECRET.notes,
    rules: [
      {
        id: SECRET.ruleId,
        benchmark: SECRET.benchmark,
        metric: 'accuracy',
        scorer: SECRET.scorer,
        operator: '>=',
        value: SECRET.value,
        basis: 'lower95',
        minSamples: 40,
      },
      {
        id: 'exploit-dev',
        benchmark: 'exploit-bench',
        metric: 'mean',
        operator: '>',
        value: 0.25,
        basis: 'point',
        minSamples: 10,
      },
    ],
    designation: { kind: 'atLeast', k: 1 },
    ...overrides,
  };
}

/** A value as plain JSON (optional fields that are absent have no place in JSON). */
const asJson = (value: object) => JSON.parse(JSON.stringify(value)) as Record<string, JsonValue>;

const publicOf = (key: PublicKey): PublicKey => ({
  name: key.name,
  keyid: key.keyid,
  publicKey: key.publicKey,
});

function addToRoster(trust: TrustService, root: TestKey, key: PublicKey, role: Role): void {
  trust.signAndInstall(trust.propose({ add: { key: publicOf(key), roles: [role] } }), [
    root.unlocked,
  ]);
}

async function expectRefusal(
  action: () => unknown,
  code: ErrorCode,
  message: RegExp,
): Promise<DeskError> {
  const error = await expectDeskError(action, code, message);
  // No refusal ever carries the set's content.
  expect(scanText(error.message, secretNeedles())).toEqual([]);
  return error;
}

function secretNeedles(): Needle[] {
  return [
    ...textNeedles('rule id', SECRET.ruleId),
    ...textNeedles('name', SECRET.name),
    ...textNeedles('notes', SECRET.notes),
    ...textNeedles('notes word', 'ultraviolet-kumquat'),
    ...textNeedles('benchmark', SECRET.benchmark),
    ...textNeedles('scorer', SECRET.scorer),
    ...numberNeedles('value', SECRET.value),
  ];
}

/** Reads (or, for tampering, writes) the workstation's database behind the app's back. */
function rawDatabase<T>(dataDir: string, use: (db: Database.Database) => T): T {
  const db = new Database(path.join(dataDir, DATABASE_FILE));
  try {
    return use(db);
  } finally {
    db.close();
  }
}

/** Edits version rows the way an attacker with the file would: around the triggers. */
function tamperWithVersions(dataDir: string, edit: (db: Database.Database) => void): void {
  rawDatabase(dataDir, (db) => {
    const triggers = db
      .prepare<[], { name: string; sql: string }>(
        `SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'threshold_set_version'`,
      )
      .all();
    for (const trigger of triggers) db.exec(`DROP TRIGGER ${trigger.name}`);
    edit(db);
    for (const trigger of triggers) db.exec(trigger.sql);
  });
}

interface StoredVersion {
  nonce: Buffer;
  ciphertext: Buffer;
  commitment: string;
}

function storedVersion(dataDir: string, id: string, version: number): StoredVersion {
  const row = rawDatabase(dataDir, (db) =>
    db
      .prepare<[string, number], StoredVersion>(
        `SELECT nonce, ciphertext, commitment FROM threshold_set_version WHERE set_id = ? AND version = ?`,
      )
      .get(id, version),
  );
  if (row === undefined) throw new Error(`no stored version ${id}@${version}`);
  return row;
}

function storedWrappedKey(dataDir: string, id: string, version: number, keyid: string): Buffer {
  const row = rawDatabase(dataDir, (db) =>
    db
      .prepare<[string, number, string], { wrapped: Buffer }>(
        `SELECT wrapped_key AS wrapped FROM threshold_set_key WHERE set_id = ? AND version = ? AND recipient_keyid = ?`,
      )
      .get(id, version, keyid),
  );
  if (row === undefined) throw new Error(`no wrapped key for ${keyid} on ${id}@${version}`);
  return row.wrapped;
}

const ad = (id: string, version: number) =>
  new TextEncoder().encode(canonicalJson({ id, version }));

/** What the test can learn as a recipient with the file: the data key and the content. */
function decryptAs(dataDir: string, key: UnlockedKey, id: string, version: number) {
  const stored = storedVersion(dataDir, id, version);
  const dataKey = key.openSealed(storedWrappedKey(dataDir, id, version, key.keyid));
  const padded = decryptWithDataKey(stored, ad(id, version), dataKey);
  const plaintext = padded === null ? null : unpadFromBlock(padded, 4096);
  if (plaintext === null) throw new Error('the test could not decrypt as a recipient');
  const content = JSON.parse(new TextDecoder().decode(plaintext)) as {
    envelope: { payload: string };
    salt: string;
  };
  return { stored, dataKey, content };
}

describe('threshold sets', () => {
  const tempDir = useTempDirs();
  const open: Workspace[] = [];
  afterEach(() => {
    for (const workspace of open.splice(0)) workspace.close();
  });

  async function setUp() {
    const dir = tempDir();
    const keysDir = path.join(dir, 'keys');
    fs.mkdirSync(keysDir);
    const [root, authority, authority2, reviewer, auditor, lab, outsider] = await Promise.all(
      ['root', 'authority', 'authority-2', 'reviewer', 'auditor', 'lab', 'outsider'].map((name) =>
        makeKey(keysDir, name),
      ),
    );
    if (!root || !authority || !authority2 || !reviewer || !auditor || !lab || !outsider) {
      throw new Error('a test key is missing');
    }
    const dataDir = path.join(dir, 'data');
    const workspace = initWorkspace({ dataDir, classification: 'SECRET//NOFORN' });
    open.push(workspace);
    const { trust } = workspace.services;
    trust.pin([root.unlocked], 1);
    addToRoster(trust, root, authority.unlocked, 'authority');
    addToRoster(trust, root, authority2.unlocked, 'authority');
    addToRoster(trust, root, reviewer.unlocked, 'reviewer');
    addToRoster(trust, root, auditor.unlocked, 'auditor');
    addToRoster(trust, root, lab.unlocked, 'lab');
    const reopen = (): Workspace => {
      const index = open.indexOf(current);
      current.close();
      current = openWorkspace({ dataDir });
      open.splice(index, 1, current);
      return current;
    };
    let current = workspace;
    return {
      dir,
      dataDir,
      root,
      authority: authority.unlocked,
      authority2: authority2.unlocked,
      reviewer: reviewer.unlocked,
      auditor: auditor.unlocked,
      lab: lab.unlocked,
      outsider: outsider.unlocked,
      get workspace() {
        return current;
      },
      get thresholds() {
        return current.services.thresholds;
      },
      reopen,
    };
  }

  it('round-trips: an authority imports, the authority and a granted reviewer open it', async () => {
    const t = await setUp();
    const meta = t.thresholds.importSet(thresholdSet(), t.authority, [t.reviewer.keyid]);
    expect(meta).toMatchObject({
      id: 'cyber-core',
      version: 1,
      author: { keyid: t.authority.keyid, name: 'authority' },
      recipients: [t.authority.keyid, t.reviewer.keyid].sort(),
    });
    expect(meta.commitment).toMatch(/^[0-9a-f]{64}$/);

    const byAuthority = t.thresholds.open('cyber-core', 'latest', t.authority);
    const byReviewer = t.thresholds.open('cyber-core', 1, t.reviewer);
    expect(byAuthority.document).toEqual({ ...thresholdSet() });
    expect(byReviewer.document).toEqual(byAuthority.document);
    expect(byReviewer.meta).toEqual(meta);
    // Stable for the same version: every open, every reader, the listing, the audit log.
    expect(byAuthority.commitment).toBe(meta.commitment);
    expect(byReviewer.commitment).toBe(meta.commitment);
    expect(t.thresholds.list()).toEqual([meta]);
    // Each open is an access to the values: audited with who read which version.
    expect(
      t.workspace.services.audit.ofKind('thresholds.opened').map((e) => [e.actor, e.details]),
    ).toEqual([
      ['authority', { id: 'cyber-core', version: 1, reader: t.authority.keyid }],
      ['reviewer', { id: 'cyber-core', version: 1, reader: t.reviewer.keyid }],
    ]);
    const [changed] = t.workspace.services.audit.ofKind('thresholds.changed');
    expect(changed?.details).toEqual({
      id: 'cyber-core',
      version: 1,
      author: t.authority.keyid,
      recipients: meta.recipients,
      commitment: meta.commitment,
      reason: 'import',
    });
    expect(changed?.actor).toBe('authority');

    // Still there after the workspace is closed and opened again.
    t.reopen();
    expect(t.thresholds.open('cyber-core', 1, t.reviewer).commitment).toBe(meta.commitment);

    // The next version: another commitment, even for the very same rules.
    const v2 = t.thresholds.importSet(thresholdSet({ version: 2 }), t.authority2, [
      t.reviewer.keyid,
    ]);
    expect(v2.commitment).not.toBe(meta.commitment);
    expect(t.thresholds.open('cyber-core', 'latest', t.reviewer).document.version).toBe(2);
    expect(t.thresholds.open('cyber-core', 1, t.reviewer).document.version).toBe(1);
    expect(t.thresholds.list().map((m) => [m.version, m.author.name])).toEqual([
      [1, 'authority'],
      [2, 'authority-2'],
    ]);
  });

  it('grants the author even when not listed, and each grantee once', async () => {
    const t = await setUp();
    const meta = t.thresholds.importSet(thresholdSet(), t.authority, [
      t.reviewer.keyid,
      t.reviewer.keyid,
      t.auditor.keyid,
    ]);
    expect(meta.recipients).toEqual([t.authority.keyid, t.reviewer.keyid, t.auditor.keyid].sort());
    expect(t.thresholds.open('cyber-core', 1, t.auditor).document.name).toBe(SECRET.name);
  });

  it('writes nothing readable to disk: not the values, names, notes, rule ids, salt, data key or secret keys', async () => {
    const t = await setUp();
    const consoleSpies = (['log', 'info', 'warn', 'error', 'debug'] as const).map((method) =>
      vi.spyOn(console, method),
    );
    // Keys whose secret bytes the test knows, so it can search for them too.
    const known = async (name: string) => {
      const pair = await generateKeyPair();
      const passphrase = new TextEncoder().encode(`${name} passphrase`);
      const file = await sealSecretKey(name, pair, passphrase, { opslimit: 1, memlimit: 8192 });
      return { key: await unsealSecretKey(file, passphrase), secretKey: pair.secretKey };
    };
    const author = await known('known-authority');
    const reader = await known('known-reviewer');
    addToRoster(t.workspace.services.trust, t.root, author.key, 'authority');
    addToRoster(t.workspace.services.trust, t.root, reader.key, 'reviewer');

    // Every path that writes: import, grant, revoke (a re-keyed version), a second import.
    t.thresholds.importSet(thresholdSet(), author.key, [reader.key.keyid, t.reviewer.keyid]);
    t.thresholds.grant('cyber-core', author.key, t.auditor.keyid);
    t.thresholds.revoke('cyber-core', author.key, t.reviewer.keyid);
    t.thresholds.importSet(thresholdSet({ version: 3 }), author.key, [reader.key.keyid]);
    for (const version of [1, 2, 3]) t.thresholds.open('cyber-core', version, reader.key);
    await expectRefusal(
      () => t.thresholds.open('cyber-core', 'latest', t.reviewer),
      'NOT_A_RECIPIENT',
      /is not a recipient/,
    );

    // Secrets the test can recover as a recipient: every data key and salt.
    const recovered = [1, 2, 3].flatMap((version) => {
      const { dataKey, content } = decryptAs(t.dataDir, reader.key, 'cyber-core', version);
      return [
        ...bytesNeedles(`data key v${version}`, dataKey),
        ...bytesNeedles(`salt v${version}`, Buffer.from(content.salt, 'base64')),
      ];
    });
    const secretKeys = [author, reader].flatMap(({ key, secretKey }) => [
      ...bytesNeedles(`${key.name} secret key`, secretKey),
      ...bytesNeedles(`${key.name} seed`, secretKey.subarray(0, 32)),
      ...bytesNeedles(
        `${key.name} X25519 secret key`,
        sodium.crypto_sign_ed25519_sk_to_curve25519(secretKey),
      ),
    ]);
    // The signed statement as it would look in a plaintext envelope (base64 payload).
    const document = t.thresholds.open('cyber-core', 1, reader.key).document;
    const documentBytes = new TextEncoder().encode(canonicalJson(asJson(document)));
    const statement = makeStatement(
      [{ name: 'threshold-set/cyber-core@1', digest: { sha256: sha256Hex(documentBytes) } }],
      THRESHOLD_SET_PREDICATE_TYPE,
      asJson(document),
    );
    const needles = [
      ...secretNeedles(),
      ...bytesNeedles('canonical document', documentBytes),
      ...bytesNeedles('signed statement', statement),
      ...recovered,
      ...secretKeys,
    ];

    // The search works: a deliberately plaintext control finds every secret in every form
    // a careless implementation would write.
    const control = path.join(t.dir, 'control');
    fs.mkdirSync(control);
    const json = JSON.stringify(document);
    const memo = [
      SECRET.name,
      SECRET.notes,
      SECRET.ruleId,
      SECRET.benchmark,
      SECRET.scorer,
      String(SECRET.value),
    ].join('\n');
    fs.writeFileSync(path.join(control, 'memo.txt'), memo);
    fs.writeFileSync(path.join(control, 'memo-utf16.txt'), Buffer.from(memo, 'utf16le'));
    fs.writeFileSync(path.join(control, 'plain.json'), json);
    fs.writeFileSync(path.join(control, 'canonical.json'), documentBytes);
    fs.writeFileSync(path.join(control, 'statement.json'), statement);
    fs.writeFileSync(
      path.join(control, 'ascii.json'),
      json.replace(
        /[^\x20-\x7e]/gu,
        (c) => `\\u${(c.codePointAt(0) ?? 0).toString(16).padStart(4, '0')}`,
      ),
    );
    fs.writeFileSync(
      path.join(control, 'envelope.json'),
      JSON.stringify(signEnvelope(IN_TOTO_PAYLOAD_TYPE, statement, [author.key])),
    );
    fs.writeFileSync(path.join(control, 'memo.b64'), Buffer.from(memo).toString('base64'));
    fs.writeFileSync(path.join(control, 'memo.hex'), Buffer.from(memo).toString('hex'));
    fs.writeFileSync(
      path.join(control, 'document.hex'),
      Buffer.from(documentBytes).toString('hex'),
    );
    fs.writeFileSync(path.join(control, 'statement.hex'), Buffer.from(statement).toString('hex'));
    fs.writeFileSync(
      path.join(control, 'keys.bin'),
      Buffer.concat(
        [...recovered, ...secretKeys]
          .filter((n) => n.form === 'raw')
          .flatMap((n) => [
            n.bytes,
            Buffer.from(n.bytes.toString('hex')),
            Buffer.from(n.bytes.toString('base64')),
          ]),
      ),
    );
    const controlDb = new Database(path.join(control, 'plain.sqlite3'));
    controlDb.exec(`CREATE TABLE rule (id TEXT, value REAL)`);
    controlDb.prepare(`INSERT INTO rule VALUES (?, ?)`).run(SECRET.ruleId, SECRET.value);
    controlDb.close();
    const controlFindings = scanFiles(control, needles);
    const found = (secret: string, form: string | RegExp) =>
      controlFindings.some(
        (f) =>
          f.secret === secret && (typeof form === 'string' ? f.form === form : form.test(f.form)),
      );
    for (const secret of new Set(needles.map((n) => n.secret))) {
      const forms = needles.filter((n) => n.secret === secret).map((n) => n.form);
      for (const form of forms.filter((f) => !f.startsWith('base64'))) {
        if (secret === 'value' && form === 'float64le') continue; // SQLite writes big-endian
        expect(found(secret, form), `control: ${secret} as ${form}`).toBe(true);
      }
      expect(found(secret, /^base64@/), `control: ${secret} as base64`).toBe(true);
    }

    // While the workspace is open (database, -wal and -shm all present) …
    const whileOpen = filesUnder(t.dataDir).map((f) => path.basename(f));
    expect(whileOpen).toEqual(expect.arrayContaining([DATABASE_FILE, `${DATABASE_FILE}-wal`]));
    expect(scanFiles(t.dataDir, needles)).toEqual<Finding[]>([]);
    // … in the audit log as the app reads it …
    const audit = t.workspace.services.audit.page(1000, null).events;
    expect(audit.map((e) => e.kind)).toEqual(
      expect.arrayContaining(['thresholds.changed', 'thresholds.granted', 'thresholds.revoked']),
    );
    expect(scanText(JSON.stringify(audit), needles)).toEqual([]);
    // … in the listing, which is metadata only …
    expect(scanText(JSON.stringify(t.thresholds.list()), needles)).toEqual([]);
    // … and after it is closed, every file left in the data directory.
    t.workspace.close();
    open.splice(0);
    expect(scanFiles(t.dataDir, needles)).toEqual<Finding[]>([]);
    // Nothing was printed that carries a secret either.
    for (const spy of consoleSpies) {
      expect(scanText(JSON.stringify(spy.mock.calls), needles)).toEqual([]);
      spy.mockRestore();
    }
  });

  describe('refuses, says why, and changes nothing', () => {
    it('a set written by a reviewer key', async () => {
      const t = await setUp();
      const before = dumpDatabase(t.dataDir);
      await expectRefusal(
        () => t.thresholds.importSet(thresholdSet(), t.reviewer, []),
        'FORBIDDEN',
        /^"reviewer" does not hold the authority role in the trust roster, which writing a threshold set needs\. Nothing was changed\.$/,
      );
      expect(dumpDatabase(t.dataDir)).toEqual(before);
    });

    it('a stored set re-signed by a reviewer who could decrypt it (with a changed value)', async () => {
      const t = await setUp();
      t.thresholds.importSet(thresholdSet(), t.authority, [t.reviewer.keyid]);
      // The reviewer holds the data key, so it can write a ciphertext that authenticates:
      // only the signature shows that no authority wrote it.
      const { stored, dataKey, content } = decryptAs(t.dataDir, t.reviewer, 'cyber-core', 1);
      const statement = JSON.parse(
        Buffer.from(content.envelope.payload, 'base64').toString('utf8'),
      ) as { predicate: { rules: { value: number }[] } };
      const first = statement.predicate.rules[0];
      if (first) first.value = 0.99;
      const forged = signEnvelope(
        IN_TOTO_PAYLOAD_TYPE,
        new TextEncoder().encode(JSON.stringify(statement)),
        [t.reviewer],
      );
      const reSealed = encryptWithDataKey(
        padToBlock(
          new TextEncoder().encode(canonicalJson({ envelope: asJson(forged), salt: content.salt })),
          4096,
        ),
        ad('cyber-core', 1),
        dataKey,
      );
      expect(stored.nonce).not.toEqual(Buffer.from(reSealed.nonce));
      t.workspace.close();
      open.splice(0);
      tamperWithVersions(t.dataDir, (db) => {
        db.prepare(
          `UPDATE threshold_set_version SET nonce = ?, ciphertext = ? WHERE set_id = 'cyber-core'`,
        ).run(reSealed.nonce, reSealed.ciphertext);
      });
      const workspace = openWorkspace({ dataDir: t.dataDir });
      open.push(workspace);
      const before = dumpDatabase(t.dataDir);
      for (const reader of [t.authority, t.reviewer]) {
        await expectRefusal(
          () => workspace.services.thresholds.open('cyber-core', 1, reader),
          'THRESHOLD_SET_UNTRUSTED',
          /^The stored threshold set "cyber-core" version 1 is not signed by an authority of the current trust roster; it cannot be used\. Nothing was changed\.$/,
        );
      }
      expect(dumpDatabase(t.dataDir)).toEqual(before);
    });

    it('a set whose author has since lost the authority role', async () => {
      const t = await setUp();
      t.thresholds.importSet(thresholdSet(), t.authority2, [t.reviewer.keyid]);
      const { trust } = t.workspace.services;
      trust.signAndInstall(
        trust.propose({ remove: { keyid: t.authority2.keyid, role: 'authority' } }),
        [t.root.unlocked],
      );
      await expectRefusal(
        () => t.thresholds.open('cyber-core', 1, t.reviewer),
        'THRESHOLD_SET_UNTRUSTED',
        /is not signed by an authority of the current trust roster/,
      );
      expect(t.thresholds.list()[0]?.author).toEqual({ keyid: t.authority2.keyid, name: null });
    });

    it('one flipped byte of the ciphertext', async () => {
      const t = await setUp();
      t.thresholds.importSet(thresholdSet(), t.authority, [t.reviewer.keyid]);
      t.workspace.close();
      open.splice(0);
      tamperWithVersions(t.dataDir, (db) => {
        const { ciphertext } = db
          .prepare<[], { ciphertext: Buffer }>(`SELECT ciphertext FROM threshold_set_version`)
          .get() ?? { ciphertext: Buffer.alloc(0) };
        const flipped = Buffer.from(ciphertext);
        const middle = Math.floor(flipped.length / 2);
        flipped[middle] = (flipped[middle] ?? 0) ^ 0x01;
        db.prepare(`UPDATE threshold_set_version SET ciphertext = ?`).run(flipped);
      });
      const workspace = openWorkspace({ dataDir: t.dataDir });
      open.push(workspace);
      const before = dumpDatabase(t.dataDir);
      await expectRefusal(
        () => workspace.services.thresholds.open('cyber-core', 1, t.reviewer),
        'THRESHOLD_SET_ALTERED',
        /^The stored threshold set "cyber-core" version 1 has been altered \(its encryption does not authenticate\); it cannot be opened\. Nothing was changed\.$/,
      );
      expect(dumpDatabase(t.dataDir)).toEqual(before);
      // Nor can it be passed on: granting needs a version that opens.
      await expectRefusal(
        () => workspace.services.thresholds.grant('cyber-core', t.authority, t.auditor.keyid),
        'THRESHOLD_SET_ALTERED',
        /has been altered/,
      );
      expect(dumpDatabase(t.dataDir)).toEqual(before);
    });

    it('versions swapped in the database (the ciphertext is bound to its id and version)', async () => {
      const t = await setUp();
      t.thresholds.importSet(thresholdSet(), t.authority, [t.reviewer.keyid]);
      t.thresholds.importSet(thresholdSet({ version: 2, notes: 'relaxed' }), t.authority, [
        t.reviewer.keyid,
      ]);
      t.workspace.close();
      open.splice(0);
      tamperWithVersions(t.dataDir, (db) => {
        // Roll version 2 back to version 1's content, wrapped keys and commitment.
        db.exec(`
          UPDATE threshold_set_version AS v2 SET (nonce, ciphertext, commitment) =
            (SELECT nonce, ciphertext, commitment FROM threshold_set_version WHERE version = 1)
          WHERE v2.version = 2;
          DELETE FROM threshold_set_key WHERE version = 2;
          INSERT INTO threshold_set_key SELECT set_id, 2, recipient_keyid, wrapped_key
            FROM threshold_set_key WHERE version = 1;
        `);
      });
      const workspace = openWorkspace({ dataDir: t.dataDir });
      open.push(workspace);
      await expectRefusal(
        () => workspace.services.thresholds.open('cyber-core', 'latest', t.reviewer),
        'THRESHOLD_SET_ALTERED',
        /version 2 has been altered \(its encryption does not authenticate\)/,
      );
      expect(workspace.services.thresholds.open('cyber-core', 1, t.reviewer).document.version).toBe(
        1,
      );
    });

    it('a revoked reader, at the latest version and every older one', async () => {
      const t = await setUp();
      t.thresholds.importSet(thresholdSet(), t.authority, [t.reviewer.keyid, t.auditor.keyid]);
      const v1 = t.thresholds.open('cyber-core', 1, t.auditor);
      const oldWrapped = storedWrappedKey(t.dataDir, 'cyber-core', 1, t.auditor.keyid);

      const meta = t.thresholds.revoke('cyber-core', t.authority, t.auditor.keyid);
      expect(meta.version).toBe(2);
      expect(meta.recipients).toEqual([t.authority.keyid, t.reviewer.keyid].sort());
      expect(meta.commitment).not.toBe(v1.commitment);

      const before = dumpDatabase(t.dataDir);
      for (const version of ['latest', 1, 2] as const) {
        await expectRefusal(
          () => t.thresholds.open('cyber-core', version, t.auditor),
          'NOT_A_RECIPIENT',
          /^"auditor" is not a recipient of threshold set "cyber-core" version [12]: access was never granted or has been revoked\.$/,
        );
      }
      expect(dumpDatabase(t.dataDir)).toEqual(before);

      // Not only refused by the app: the data key the auditor once held does not open the
      // new version, which is encrypted under a fresh one.
      const oldDataKey = t.auditor.openSealed(oldWrapped);
      expect(
        decryptWithDataKey(
          storedVersion(t.dataDir, 'cyber-core', 2),
          ad('cyber-core', 2),
          oldDataKey,
        ),
      ).toBeNull();

      // Those who remain read the same rules, now as version 2, re-signed by the revoker.
      const v2 = t.thresholds.open('cyber-core', 'latest', t.reviewer);
      expect(v2.document).toEqual({ ...v1.document, version: 2 });
      expect(v2.meta.author.keyid).toBe(t.authority.keyid);
      expect(t.workspace.services.audit.ofKind('thresholds.revoked')[0]?.details).toEqual({
        id: 'cyber-core',
        by: t.authority.keyid,
        revoked: t.auditor.keyid,
        versions: [1],
        newVersion: 2,
      });
      // Revoking again finds nothing to revoke.
      await expectRefusal(
        () => t.thresholds.revoke('cyber-core', t.authority, t.auditor.keyid),
        'INVALID_ARGUMENT',
        /is not a recipient of any version/,
      );
    });

    it('a revoked reader who held only an older version (no new version is needed)', async () => {
      const t = await setUp();
      t.thresholds.importSet(thresholdSet(), t.authority, [t.auditor.keyid]);
      const v2 = t.thresholds.importSet(thresholdSet({ version: 2 }), t.authority, []);
      expect(t.thresholds.revoke('cyber-core', t.authority, t.auditor.keyid)).toEqual(v2);
      await expectRefusal(
        () => t.thresholds.open('cyber-core', 1, t.auditor),
        'NOT_A_RECIPIENT',
        /"auditor" is not a recipient of threshold set "cyber-core" version 1/,
      );
      expect(t.thresholds.list().map((m) => [m.version, m.recipients])).toEqual([
        [1, [t.authority.keyid]],
        [2, [t.authority.keyid]],
      ]);
      expect(t.workspace.services.audit.ofKind('thresholds.revoked')[0]?.details).toMatchObject({
        versions: [1],
        newVersion: null,
      });
    });

    it('a reader who was never granted it, or is not in the roster as a reader', async () => {
      const t = await setUp();
      t.thresholds.importSet(thresholdSet(), t.authority, [t.reviewer.keyid]);
      const before = dumpDatabase(t.dataDir);
      await expectRefusal(
        () => t.thresholds.open('cyber-core', 1, t.auditor),
        'NOT_A_RECIPIENT',
        /"auditor" is not a recipient/,
      );
      await expectRefusal(
        () => t.thresholds.open('cyber-core', 1, t.authority2),
        'NOT_A_RECIPIENT',
        /"authority-2" is not a recipient/,
      );
      await expectRefusal(
        () => t.thresholds.open('cyber-core', 1, t.outsider),
        'NOT_IN_ROSTER',
        /"outsider" is not in the trust roster as a reviewer, authority or auditor/,
      );
      await expectRefusal(
        () => t.thresholds.open('cyber-core', 1, t.lab),
        'NOT_IN_ROSTER',
        /"lab" is not in the trust roster/,
      );
      await expectRefusal(
        () => t.thresholds.open('no-such-set', 'latest', t.reviewer),
        'THRESHOLD_SET_NOT_FOUND',
        /^There is no threshold set "no-such-set" on this workstation\.$/,
      );
      await expectRefusal(
        () => t.thresholds.open('cyber-core', 7, t.reviewer),
        'THRESHOLD_SET_NOT_FOUND',
        /no version 7 of threshold set "cyber-core"/,
      );
      expect(dumpDatabase(t.dataDir)).toEqual(before);
    });

    it('a recipient whose key has left the roster, who also gets no key for the next version', async () => {
      const t = await setUp();
      t.thresholds.importSet(thresholdSet(), t.authority, [t.reviewer.keyid, t.auditor.keyid]);
      const { trust } = t.workspace.services;
      trust.signAndInstall(
        trust.propose({ remove: { keyid: t.reviewer.keyid, role: 'reviewer' } }),
        [t.root.unlocked],
      );
      await expectRefusal(
        () => t.thresholds.open('cyber-core', 1, t.reviewer),
        'NOT_IN_ROSTER',
        /"reviewer" is not in the trust roster/,
      );
      const meta = t.thresholds.revoke('cyber-core', t.authority, t.auditor.keyid);
      expect(meta.recipients).toEqual([t.authority.keyid]);
    });

    it('a version that does not follow the last one', async () => {
      const t = await setUp();
      await expectRefusal(
        () => t.thresholds.importSet(thresholdSet({ version: 2 }), t.authority, []),
        'THRESHOLD_SET_INVALID',
        /^The threshold set "cyber-core" must be version 1 to follow nothing \(it is new\), but it is version 2\. Nothing was changed\.$/,
      );
      t.thresholds.importSet(thresholdSet(), t.authority, []);
      const before = dumpDatabase(t.dataDir);
      for (const version of [1, 3]) {
        await expectRefusal(
          () => t.thresholds.importSet(thresholdSet({ version }), t.authority, []),
          'THRESHOLD_SET_INVALID',
          new RegExp(`must be version 2 to follow version 1, but it is version ${version}\\.`),
        );
      }
      expect(dumpDatabase(t.dataDir)).toEqual(before);
    });

    it('an invalid document, without repeating any of it', async () => {
      const t = await setUp();
      const before = dumpDatabase(t.dataDir);
      const [rule] = thresholdSet().rules;
      await expectRefusal(
        () =>
          t.thresholds.importSet(
            thresholdSet({ rules: [{ ...rule, value: String(SECRET.value) } as never] }),
            t.authority,
            [],
          ),
        'THRESHOLD_SET_INVALID',
        /^The threshold set's rules\[0\]\.value must be a number\. Nothing was changed\.$/,
      );
      expect(dumpDatabase(t.dataDir)).toEqual(before);
    });

    it('grantees outside the roster or holding only the lab role', async () => {
      const t = await setUp();
      const before = dumpDatabase(t.dataDir);
      await expectRefusal(
        () => t.thresholds.importSet(thresholdSet(), t.authority, [t.lab.keyid]),
        'NOT_IN_ROSTER',
        /^The recipient "lab" is not in the trust roster as a reviewer, authority or auditor\. Nothing was changed\.$/,
      );
      // Grantees are named by keyid; the roster's key is the one a set is sealed to.
      await expectRefusal(
        () => t.thresholds.importSet(thresholdSet(), t.authority, [t.outsider.keyid]),
        'NOT_IN_ROSTER',
        new RegExp(`^No key ${t.outsider.keyid.slice(0, 12)}… is in the trust roster`),
      );
      expect(dumpDatabase(t.dataDir)).toEqual(before);
    });

    it('grants and revocations by anyone but an authority who can read the set', async () => {
      const t = await setUp();
      t.thresholds.importSet(thresholdSet(), t.authority, [t.reviewer.keyid]);
      const before = dumpDatabase(t.dataDir);
      await expectRefusal(
        () => t.thresholds.grant('cyber-core', t.reviewer, t.auditor.keyid),
        'FORBIDDEN',
        /"reviewer" does not hold the authority role/,
      );
      await expectRefusal(
        () => t.thresholds.grant('cyber-core', t.authority2, t.auditor.keyid),
        'NOT_A_RECIPIENT',
        /"authority-2" is not a recipient/,
      );
      await expectRefusal(
        () => t.thresholds.revoke('cyber-core', t.authority2, t.reviewer.keyid),
        'NOT_A_RECIPIENT',
        /"authority-2" is not a recipient/,
      );
      await expectRefusal(
        () => t.thresholds.revoke('cyber-core', t.authority, t.authority.keyid),
        'INVALID_ARGUMENT',
        /cannot revoke your own access/,
      );
      await expectRefusal(
        () => t.thresholds.grant('cyber-core', t.authority, t.reviewer.keyid),
        'INVALID_ARGUMENT',
        /"reviewer" can already read threshold set "cyber-core" version 1/,
      );
      expect(dumpDatabase(t.dataDir)).toEqual(before);
    });

    it('a locked key', async () => {
      const t = await setUp();
      t.thresholds.importSet(thresholdSet(), t.authority, [t.reviewer.keyid]);
      t.reviewer.wipe();
      await expectRefusal(
        () => t.thresholds.open('cyber-core', 1, t.reviewer),
        'KEY_LOCKED',
        /has been locked/,
      );
    });
  });

  it('grant wraps the latest version for one more reader and leaves the version as it was', async () => {
    const t = await setUp();
    const meta = t.thresholds.importSet(thresholdSet(), t.authority, [t.reviewer.keyid]);
    const granted = t.thresholds.grant('cyber-core', t.authority, t.auditor.keyid);
    expect(granted).toEqual({
      ...meta,
      recipients: [t.authority.keyid, t.reviewer.keyid, t.auditor.keyid].sort(),
    });
    const opened = t.thresholds.open('cyber-core', 'latest', t.auditor);
    expect(opened.commitment).toBe(meta.commitment);
    expect(opened.document.rules[0]?.value).toBe(SECRET.value);
    expect(t.workspace.services.audit.ofKind('thresholds.granted')[0]?.details).toEqual({
      id: 'cyber-core',
      version: 1,
      by: t.authority.keyid,
      recipient: t.auditor.keyid,
    });
  });
});
