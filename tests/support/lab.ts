/**
 * A test lab and workstation: real keys (sealed with libsodium at its cheapest Argon2id
 * setting, so tests stay fast), a workstation whose roster trusts the lab, and bundles
 * made from the real Inspect logs in ../shared/fixtures/inspect.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { createBundle, type CreateBundleOptions } from '../../main/bundles';
import { generateKeyPair, toPublicKeyFile, type UnlockedKey } from '../../main/crypto';
import { sealSecretKey, unsealSecretKey } from '../../main/key-files';
import { readInspectLog } from '../../main/inspect';
import type { Role } from '../../main/trust';
import { initWorkspace, openWorkspace, type Workspace } from '../../main/workspace';
import { sharedFixture } from './shared-fixtures';

const FAST_ARGON = { opslimit: 1, memlimit: 8192 };

export interface TestKey {
  readonly name: string;
  readonly unlocked: UnlockedKey;
  readonly publicFile: string;
  readonly secretFile: string;
  readonly passphraseFile: string;
}

export async function makeKey(
  dir: string,
  name: string,
  passphrase = `${name} passphrase`,
): Promise<TestKey> {
  const keyPair = await generateKeyPair();
  const secret = new TextEncoder().encode(passphrase);
  const sealed = await sealSecretKey(name, keyPair, secret, FAST_ARGON);
  const publicFile = path.join(dir, `${name}.pub.json`);
  const secretFile = path.join(dir, `${name}.key.json`);
  const passphraseFile = path.join(dir, `${name}.passphrase`);
  fs.writeFileSync(publicFile, JSON.stringify(toPublicKeyFile(name, keyPair.publicKey)));
  fs.writeFileSync(secretFile, JSON.stringify(sealed));
  fs.writeFileSync(passphraseFile, `${passphrase}\n`);
  return {
    name,
    unlocked: await unsealSecretKey(sealed, secret),
    publicFile,
    secretFile,
    passphraseFile,
  };
}

export interface TestWorkstation {
  readonly dataDir: string;
  readonly root: TestKey;
  readonly lab: TestKey;
  readonly reviewer: TestKey;
  open(): Workspace;
}

/** A workstation whose roster has a root, a trusted lab and a reviewer. */
export async function makeWorkstation(dir: string): Promise<TestWorkstation> {
  const keysDir = path.join(dir, 'keys');
  fs.mkdirSync(keysDir, { recursive: true });
  const [root, lab, reviewer] = await Promise.all([
    makeKey(keysDir, 'root'),
    makeKey(keysDir, 'lab'),
    makeKey(keysDir, 'reviewer'),
  ]);
  const dataDir = path.join(dir, 'data');
  const workspace = initWorkspace({ dataDir, classification: 'SECRET//NOFORN' });
  try {
    const trust = workspace.services.trust;
    trust.pin([root.unlocked], 1);
    const grant = (key: TestKey, role: Role) => {
      trust.signAndInstall(trust.propose({ add: { key: key.unlocked, roles: [role] } }), [
        root.unlocked,
      ]);
    };
    grant(lab, 'lab');
    grant(reviewer, 'reviewer');
  } finally {
    workspace.close();
  }
  return { dataDir, root, lab, reviewer, open: () => openWorkspace({ dataDir }) };
}

/** Every real Inspect log in the shared fixtures. */
export function fixtureLogs(): string[] {
  const dir = path.dirname(sharedFixture('inspect/README.md'));
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.eval') || f.endsWith('.json'))
    .sort()
    .map((f) => path.join(dir, f));
}

/** The distinct `eval.model` of the log files: what a lab signs as `model.inspectModels`. */
export async function inspectModelsOfFiles(files: readonly string[]): Promise<string[]> {
  const models = new Set<string>();
  for (const file of files) {
    models.add((await readInspectLog(path.basename(file), fs.readFileSync(file))).model);
  }
  return [...models];
}

export async function makeBundle(
  out: string,
  signer: UnlockedKey,
  overrides: Partial<CreateBundleOptions> = {},
): Promise<string> {
  const logs = overrides.logs ?? fixtureLogs();
  await createBundle({
    out,
    logs,
    // The evaluator shown is the signers' roster name; a bundle that names another is flagged.
    evaluator: { id: 'aisi-test', name: signer.name },
    // The lab vouches for the Inspect models its logs were run on (the shared logs have several).
    model: {
      developer: 'Acme AI',
      name: 'frontier-1',
      version: '2026-10',
      inspectModels: await inspectModelsOfFiles(logs),
    },
    suite: { name: 'cyber-core', version: '1.0' },
    signers: [signer],
    now: () => new Date('2026-11-20T10:00:00.000Z'),
    ...overrides,
  });
  return out;
}

/** Every row of every table but the audit log, for "nothing changed" comparisons. */
export function dumpDatabase(dataDir: string): {
  tables: Record<string, unknown[]>;
  auditCount: number;
} {
  const db = new Database(path.join(dataDir, 'desk.sqlite3'), { readonly: true });
  try {
    const names = db
      .prepare<[], { name: string }>(
        `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'transcript_fts_%' ORDER BY name`,
      )
      .all()
      .map((r) => r.name);
    const tables: Record<string, unknown[]> = {};
    for (const name of names) {
      if (name === 'audit_event') continue;
      tables[name] = db.prepare(`SELECT * FROM "${name}" ORDER BY rowid`).all();
    }
    const auditCount = (db.prepare(`SELECT count(*) AS n FROM audit_event`).get() as { n: number })
      .n;
    return { tables, auditCount };
  } finally {
    db.close();
  }
}
