/** The trust roster's version chain over a real workstation: who may change it, and how. */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runDesk } from '../../main/cli';
import { signEnvelope } from '../../main/crypto';
import { IN_TOTO_PAYLOAD_TYPE, makeStatement } from '../../main/in-toto';
import { ROSTER_PREDICATE_TYPE, type Role, type RosterDocument } from '../../main/trust';
import { initWorkspace } from '../../main/workspace';
import { makeKey, type TestKey } from '../support/lab';
import { useTempDirs } from '../support/temp-dir';
import { canonicalJson } from '../../main/canonical-json';
import { sha256Hex } from '../../main/crypto';

function signed(document: RosterDocument, signers: readonly TestKey[]) {
  const digest = sha256Hex(new TextEncoder().encode(canonicalJson(document)));
  const payload = makeStatement(
    [{ name: 'trust-roster', digest: { sha256: digest } }],
    ROSTER_PREDICATE_TYPE,
    document,
  );
  return signEnvelope(
    IN_TOTO_PAYLOAD_TYPE,
    payload,
    signers.map((k) => k.unlocked),
  );
}

interface Keys {
  readonly root: TestKey;
  readonly lab: TestKey;
  readonly reviewer: TestKey;
}

describe('trust roster', () => {
  const tempDir = useTempDirs();

  async function setUp(rootCount = 2, rootThreshold = 2) {
    const dir = tempDir();
    const roots = await Promise.all(
      Array.from({ length: rootCount }, (_, i) => makeKey(dir, `root-${i + 1}`)),
    );
    const lab = await makeKey(dir, 'lab');
    const workspace = initWorkspace({ dataDir: path.join(dir, 'data'), classification: 'SECRET' });
    workspace.services.trust.pin(
      roots.map((r) => r.unlocked),
      rootThreshold,
    );
    return { dir, roots, lab, workspace, trust: workspace.services.trust };
  }

  it('pins version 1, then accepts version 2 signed by a threshold of distinct version-1 roots', async () => {
    const { roots, lab, workspace, trust } = await setUp();
    const next = trust.propose({ add: { key: lab.unlocked, roles: ['lab'] } });
    const roster = trust.install(signed(next, roots));
    expect(roster.document.version).toBe(2);
    expect(trust.keys('lab').map((k) => k.keyid)).toEqual([lab.unlocked.keyid]);
    expect(workspace.services.audit.page(10, null).events.map((e) => e.kind)).toEqual([
      'trust.updated',
      'trust.pinned',
      'workstation.initialised',
    ]);
    workspace.close();
  });

  it.each([
    ['one root of two', (k: TestKey[]) => [k[0]], /1 valid signature|threshold|2 are required/i],
    ['the same root twice', (k: TestKey[]) => [k[0], k[0]], /threshold|2 are required/i],
  ])('refuses a new version signed by %s, and installs nothing', async (_name, pick, reason) => {
    const { roots, lab, workspace, trust } = await setUp();
    const next = trust.propose({ add: { key: lab.unlocked, roles: ['lab'] } });
    expect(() =>
      trust.install(
        signed(
          next,
          pick(roots).filter((k): k is TestKey => k !== undefined),
        ),
      ),
    ).toThrow(reason);
    expect(trust.current()?.document.version).toBe(1);
    workspace.close();
  });

  it('refuses a version signed by a non-root key', async () => {
    const { lab, workspace, trust } = await setUp(1, 1);
    const next = trust.propose({ add: { key: lab.unlocked, roles: ['lab'] } });
    expect(() => trust.install(signed(next, [lab]))).toThrow(/The new trust roster was refused/);
    workspace.close();
  });

  it('refuses a version that skips a number or goes back', async () => {
    const { roots, lab, workspace, trust } = await setUp();
    const next = trust.propose({ add: { key: lab.unlocked, roles: ['lab'] } });
    expect(() => trust.install(signed({ ...next, version: 3 }, roots))).toThrow(
      /next version must be 2/,
    );
    expect(() => trust.install(signed({ ...next, version: 1 }, roots))).toThrow(
      /next version must be 2/,
    );
    workspace.close();
  });

  it('refuses a roster that would lock itself (fewer roots than the root threshold)', async () => {
    const { roots, workspace, trust } = await setUp();
    expect(() =>
      trust.propose({ remove: { keyid: roots[0]?.unlocked.keyid ?? '', role: 'root' } }),
    ).toThrow(/would lock the roster/);
    workspace.close();
  });

  it('refuses a new root set its own keys did not sign (TUF: both thresholds), and accepts it when they did', async () => {
    const { dir, roots, workspace, trust } = await setUp(1, 1);
    const successor = await makeKey(dir, 'root-new');
    const current = trust.current()?.document;
    if (current === undefined) throw new Error('no roster');
    const replaced: RosterDocument = {
      ...current,
      version: 2,
      issuedAt: '2030-01-01T00:00:00.000Z',
      keys: [
        {
          keyid: successor.unlocked.keyid,
          publicKey: Buffer.from(successor.unlocked.publicKey).toString('base64'),
          name: 'root-new',
          roles: ['root'],
        },
      ],
    };
    expect(() => trust.install(signed(replaced, roots))).toThrow(
      /refused: its own root keys do not sign it \(a new root set must\): the envelope has no valid signature from a trusted key; 1 is required\. Its signatures name keys not trusted for it \(keyid [0-9a-f]{64}\)\. Nothing was changed\./,
    );
    expect(trust.current()?.document.version).toBe(1);
    expect(trust.install(signed(replaced, [...roots, successor])).document.keys).toEqual(
      replaced.keys,
    );
    workspace.close();
  });

  it('refuses a raised root threshold that only the old threshold signed', async () => {
    const { roots, workspace, trust } = await setUp(2, 1);
    const raised = trust.propose({ thresholds: { root: 2 } });
    expect(() => trust.install(signed(raised, roots.slice(0, 1)))).toThrow(
      /its own root keys do not sign it.*1 valid signature from a trusted key; 2 are required/,
    );
    expect(trust.install(signed(raised, roots)).document.thresholds.root).toBe(2);
    workspace.close();
  });

  it.each([
    [
      'a root key another role',
      (k: Keys): [TestKey, Role] => [k.root, 'lab'],
      /holds the root role with another role/,
    ],
    [
      'a lab key another role',
      (k: Keys): [TestKey, Role] => [k.lab, 'auditor'],
      /holds the lab role with another role/,
    ],
    [
      'a reviewer key the authority role',
      (k: Keys): [TestKey, Role] => [k.reviewer, 'authority'],
      /holds both the reviewer and the authority role/,
    ],
  ] as const)('refuses to give %s (separation of duties)', async (_name, pick, reason) => {
    const { dir, roots, lab, workspace, trust } = await setUp(1, 1);
    const [root] = roots;
    if (root === undefined) throw new Error('no root');
    const reviewer = await makeKey(dir, 'reviewer');
    for (const [key, role] of [
      [lab, 'lab'],
      [reviewer, 'reviewer'],
    ] as const)
      trust.signAndInstall(trust.propose({ add: { key: key.unlocked, roles: [role] } }), [
        root.unlocked,
      ]);
    const [key, role] = pick({ root, lab, reviewer });
    expect(() => trust.propose({ add: { key: key.unlocked, roles: [role] } })).toThrow(reason);
    const current = trust.current()?.document;
    if (current === undefined) throw new Error('no roster');
    const hand: RosterDocument = {
      ...current,
      version: current.version + 1,
      issuedAt: '2030-01-01T00:00:00.000Z',
      keys: current.keys.map((k) =>
        k.keyid === key.unlocked.keyid ? { ...k, roles: [...k.roles, role] } : k,
      ),
    };
    expect(() => trust.install(signed(hand, roots))).toThrow(reason);
    expect(trust.current()?.document.version).toBe(3);
    workspace.close();
  });

  it('refuses a version issued at or before the previous one, and proposes a later one on a stopped clock', async () => {
    const { roots, lab, workspace, trust } = await setUp();
    const [root] = roots;
    if (root === undefined) throw new Error('no root');
    const first = trust.current()?.document.issuedAt ?? '';
    const next = trust.propose({ add: { key: lab.unlocked, roles: ['lab'] } });
    for (const issuedAt of [first, '2000-01-01T00:00:00.000Z']) {
      expect(() => trust.install(signed({ ...next, issuedAt }, roots))).toThrow(
        /refused: it was issued at .*, not after version 1/,
      );
    }
    expect(trust.current()?.document.version).toBe(1);
    workspace.close();

    const dir = tempDir();
    const stopped = () => new Date('2026-11-22T10:00:00.000Z');
    const still = initWorkspace({
      dataDir: path.join(dir, 'data'),
      classification: 'SECRET',
      now: stopped,
    });
    still.services.trust.pin([root.unlocked], 1);
    const proposed = still.services.trust.propose({ add: { key: lab.unlocked, roles: ['lab'] } });
    expect(proposed.issuedAt).toBe('2026-11-22T10:00:00.001Z');
    expect(still.services.trust.signAndInstall(proposed, [root.unlocked]).document.version).toBe(2);
    still.close();
  });

  it('refuses key names that fail the key-name schema, proposed or signed', async () => {
    const { roots, lab, workspace, trust } = await setUp();
    const named = (name: string) => ({
      ...lab.unlocked,
      name,
      keyid: lab.unlocked.keyid,
      publicKey: lab.unlocked.publicKey,
    });
    expect(() =>
      trust.propose({ add: { key: named('lab\u202egnp.exe'), roles: ['lab'] } }),
    ).toThrow(
      /That roster would be invalid: the roster's .* must not contain control, line-separator or text-direction characters/,
    );
    const next = trust.propose({ add: { key: lab.unlocked, roles: ['lab'] } });
    const hand = {
      ...next,
      keys: next.keys.map((k) => (k.name === 'lab' ? { ...k, name: 'lab\u001b[2J' } : k)),
    };
    expect(() => trust.install(signed(hand, roots))).toThrow(
      /refused: the new roster is invalid: the roster's .* must not contain control/,
    );
    expect(() =>
      trust.install(
        signed({ ...next, keys: next.keys.map((k) => ({ ...k, name: 'x'.repeat(129) })) }, roots),
      ),
    ).toThrow(/refused: the new roster is invalid/);
    expect(trust.current()?.document.version).toBe(1);
    workspace.close();
  });

  it('desk roster add with a wrong passphrase exits 1 and changes nothing', async () => {
    const { dir, roots, lab, workspace } = await setUp(1, 1);
    workspace.close();
    const wrong = path.join(dir, 'wrong');
    fs.writeFileSync(wrong, 'not the passphrase\n');
    const err: string[] = [];
    const code = await runDesk(
      [
        'roster',
        'add',
        '--data',
        path.join(dir, 'data'),
        '--role',
        'lab',
        '--key',
        lab.publicFile,
        '--sign-with',
        roots[0]?.secretFile ?? '',
        '--passphrase-file',
        wrong,
      ],
      { stdout: () => undefined, stderr: (t) => err.push(t) },
    );
    expect(code).toBe(1);
    expect(err.join('')).toBe('desk: The passphrase does not open this key file.\n');
    const out: string[] = [];
    await runDesk(['roster', 'show', '--data', path.join(dir, 'data'), '--json'], {
      stdout: (t) => out.push(t),
      stderr: () => undefined,
    });
    expect((JSON.parse(out.join('')) as { roster: { version: number } }).roster.version).toBe(1);
  });
});
