/** The threshold and evaluation commands end to end over a real workstation and bundle. */
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  makeBundle,
  makeKey,
  makeWorkstation,
  type TestKey,
  type TestWorkstation,
} from '../support/lab';
import { desk } from '../support/desk-cli';
import { EXAMPLE_THRESHOLD_SET } from '../support/threshold-set';

describe('desk thresholds and desk evaluate', () => {
  let s: TestWorkstation;
  let authority: TestKey;
  let work: string;

  beforeAll(async () => {
    work = fs.mkdtempSync(path.join(process.env.TMPDIR ?? '/tmp', 'desk-thr-'));
    s = await makeWorkstation(work);
    authority = await makeKey(path.join(work, 'keys'), 'authority');
    const add = await desk(
      'roster',
      'add',
      '--data',
      s.dataDir,
      '--role',
      'authority',
      '--key',
      authority.publicFile,
      '--sign-with',
      s.root.secretFile,
      '--passphrase-file',
      s.root.passphraseFile,
    );
    expect(add.code).toBe(0);
    for (const person of [authority, s.reviewer]) {
      expect(
        (await desk('user', 'add', '--data', s.dataDir, '--key', person.secretFile)).code,
      ).toBe(0);
    }
    const bundle = await makeBundle(path.join(work, 'b.evbundle'), s.lab.unlocked);
    expect((await desk('import', '--data', s.dataDir, bundle)).code).toBe(0);
    fs.writeFileSync(path.join(work, 'set.json'), JSON.stringify(EXAMPLE_THRESHOLD_SET));
  });

  it('imports as the authority, lists without values, shows values to a granted reviewer, evaluates', async () => {
    const imported = await desk(
      'thresholds',
      'import',
      '--data',
      s.dataDir,
      '--file',
      path.join(work, 'set.json'),
      '--user',
      'authority',
      '--passphrase-file',
      authority.passphraseFile,
      '--grant',
      'reviewer',
    );
    expect(imported).toMatchObject({ code: 0, stderr: '' });
    expect(imported.stdout).toMatch(
      /^Threshold set cyber-core version 1 signed by authority and stored encrypted for 2 reader\(s\)\. Commitment [0-9a-f]{64}\.\n$/,
    );

    const listed = await desk('thresholds', 'list', '--data', s.dataDir, '--json');
    expect(listed.stdout).toContain('"id":"cyber-core"');
    expect(listed.stdout).not.toMatch(/RULE-POP|popularity|\b0\.5\b/);

    const shown = await desk(
      'thresholds',
      'show',
      '--data',
      s.dataDir,
      '--id',
      'cyber-core',
      '--user',
      'reviewer',
      '--passphrase-file',
      s.reviewer.passphraseFile,
    );
    expect(shown.code).toBe(0);
    expect(shown.stdout).toContain(
      'RULE-POP: popularity match/accuracy point >= 0.5 (min 1 samples)',
    );

    const evaluated = await desk(
      'evaluate',
      '--data',
      s.dataDir,
      '--model',
      'Acme AI/frontier-1@2026-10',
      '--user',
      'reviewer',
      '--passphrase-file',
      s.reviewer.passphraseFile,
      '--json',
    );
    expect(evaluated.code).toBe(0);
    const { evaluation } = JSON.parse(evaluated.stdout) as {
      evaluation: {
        outcome: string;
        rules: { ruleId: string; status: string; observed: number | null }[];
      };
    };
    expect(evaluation.rules).toEqual([
      expect.objectContaining({ ruleId: 'RULE-POP', status: 'met', observed: 0.75 }),
      expect.objectContaining({
        ruleId: 'RULE-NONE',
        status: 'insufficient-evidence',
        observed: null,
      }),
    ]);
    expect(evaluation.outcome).toBe('meets');
  });

  it('refuses a reviewer importing a set, and a wrong passphrase, with exit 1', async () => {
    const byReviewer = await desk(
      'thresholds',
      'import',
      '--data',
      s.dataDir,
      '--file',
      path.join(work, 'set.json'),
      '--user',
      'reviewer',
      '--passphrase-file',
      s.reviewer.passphraseFile,
    );
    expect(byReviewer.code).toBe(1);
    expect(byReviewer.stderr).toMatch(/does not hold the authority role/);
    fs.writeFileSync(path.join(work, 'wrong'), 'nope\n');
    const wrong = await desk(
      'evaluate',
      '--data',
      s.dataDir,
      '--model',
      'Acme AI/frontier-1@2026-10',
      '--user',
      'reviewer',
      '--passphrase-file',
      path.join(work, 'wrong'),
    );
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toMatch(/^desk: The passphrase does not open the key of "reviewer"\./);
  });
});
