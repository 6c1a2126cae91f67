/** The trust roster's version chain over a real workstation: who may change it, and how. */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runDesk } from '../../main/cli';
import { signEnvelope } from '../../main/crypto';
import { IN_TOTO_PAYLOAD_TYPE, makeStatement } from '../../main/in-toto';
import { ROSTER_PREDICATE_TYPE, type RosterDocument } from '../../main/trust';
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
