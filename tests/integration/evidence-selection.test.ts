/**
 * Evidence selection is the desk's, not the lab's (issue 8, section 3): real signed
 * bundles of the real Inspect logs, through the real import and the real evaluation
 * service. A lab with a key can date a run in the future, call itself another lab, file
 * any log under any benchmark, outlive its removal from the roster and sign names that
 * print alike; each is refused, flagged or excluded here, with the sentence that says so.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { UnlockedKey } from '../../main/crypto';
import type { Evaluation, RuleOutcome } from '../../main/evaluation';
import type { ThresholdRule, ThresholdSet } from '../../main/thresholds';
import type { Workspace } from '../../main/workspace';
import { resigned } from '../support/bundle-surgery';
import { desk } from '../support/desk-cli';
import { FROM_APP, routerWithDialog } from '../support/router';
import {
  dumpDatabase,
  fixtureLogs,
  makeBundle,
  makeKey,
  makeWorkstation,
  type TestKey,
  type TestWorkstation,
} from '../support/lab';
import { useTempDirs } from '../support/temp-dir';
import { DOOMLA_RULE } from '../support/threshold-set';

const fixture = (name: string) => {
  const file = fixtureLogs().find((f) => path.basename(f) === name);
  if (file === undefined) throw new Error(`no fixture log ${name}`);
  return file;
};

/** mapped.evbundle: the lab files its doomla_solved.eval run (accuracy 1) as cybench too. */
async function mappedBundle(work: string, lab: UnlockedKey): Promise<string> {
  const honest = await makeBundle(path.join(work, 'honest.evbundle'), lab, {
    logs: [fixture('doomla_solved.eval')],
  });
  return resigned(honest, path.join(work, 'mapped.evbundle'), [lab], (p) => {
    const results = p.results as Record<string, unknown>[];
    results.push({ ...results[0], benchmark: 'cybench' });
  });
}

const MODEL = { developer: 'Acme AI', name: 'frontier-1', version: '2026-10' };

const DOOMLA: ThresholdRule = DOOMLA_RULE;

function evaluate(workspace: Workspace, ...rules: ThresholdRule[]): Promise<Evaluation> {
  const set: ThresholdSet = {
    type: 'designation-desk/threshold-set/v1',
    id: 'selection',
    version: 1,
    name: 'Selection',
    notes: '',
    designation: { kind: 'all' },
    rules,
  };
  return workspace.services.evaluation.evaluate(MODEL, set);
}

function only(evaluation: Evaluation): RuleOutcome {
  const [rule] = evaluation.rules;
  if (rule === undefined) throw new Error('no rule evaluated');
  return rule;
}

/** Adds `key` to the roster with `role`, signed by the root, through the CLI. */
async function grant(station: TestWorkstation, key: TestKey, role: string): Promise<void> {
  const added = await desk(
    'roster',
    'add',
    '--data',
    station.dataDir,
    '--role',
    role,
    '--key',
    key.publicFile,
    '--sign-with',
    station.root.secretFile,
    '--passphrase-file',
    station.root.passphraseFile,
  );
  expect(added.code, added.stderr).toBe(0);
}

async function enrol(station: TestWorkstation, key: TestKey): Promise<void> {
  const added = await desk('user', 'add', '--data', station.dataDir, '--key', key.secretFile);
  expect(added.code, added.stderr).toBe(0);
}

async function importAll(workspace: Workspace, ...files: string[]): Promise<void> {
  for (const file of files) {
    const outcome = await workspace.services.bundles.importBundle(file);
    expect(outcome.status, outcome.message).toBe('imported');
  }
}

describe('evidence selection under a hostile lab', () => {
  const tempDir = useTempDirs();

  it('refuses a run dated in the future (runFinishedOn 9999-12-31), with a sentence, and imports nothing', async () => {
    const work = tempDir();
    const station = await makeWorkstation(work);
    const forever = await makeBundle(path.join(work, 'forever.evbundle'), station.lab.unlocked, {
      logs: [fixture('doomla_solved.eval')],
      runFinishedOn: '9999-12-31T00:00:00Z',
    });
    const before = dumpDatabase(station.dataDir);
    const workspace = station.open();
    try {
      const outcome = await workspace.services.bundles.importBundle(forever);
      expect(outcome.status).toBe('rejected');
      expect(outcome.message).toMatch(
        /^Bundle "forever\.evbundle" was rejected: The statement's runFinishedOn 9999-12-31T00:00:00Z is later than this import \(.+\) by more than the 10 minutes clocks may differ: a run cannot be dated in the future\. Nothing was imported\.$/,
      );
      expect(workspace.services.bundles.list()).toEqual([]);
      expect(workspace.services.evaluation.models()).toEqual([]);
    } finally {
      workspace.close();
    }
    const after = dumpDatabase(station.dataDir);
    expect(after.tables).toEqual(before.tables);
    expect(after.auditCount).toBe(before.auditCount + 1);
  }, 60_000);

  it('allows the 10 minutes of clock skew, and refuses a log whose own creation time is in the future', async () => {
    const work = tempDir();
    const station = await makeWorkstation(work);
    const soon = new Date(Date.now() + 5 * 60_000).toISOString();
    const skewed = await makeBundle(path.join(work, 'skewed.evbundle'), station.lab.unlocked, {
      logs: [fixture('doomla_solved.eval')],
      runFinishedOn: soon,
    });
    const log = JSON.parse(fs.readFileSync(fixture('security-guide.json'), 'utf8')) as {
      eval: { created: string };
    };
    log.eval.created = '2099-01-01T00:00:00+00:00';
    const logDir = path.join(work, 'future-log');
    fs.mkdirSync(logDir);
    fs.writeFileSync(path.join(logDir, 'security-guide.json'), JSON.stringify(log));
    const futureLog = await makeBundle(
      path.join(work, 'future-log.evbundle'),
      station.lab.unlocked,
      {
        logs: [path.join(logDir, 'security-guide.json')],
        runStartedOn: '2026-11-20T09:00:00Z',
      },
    );
    const workspace = station.open();
    try {
      const accepted = await workspace.services.bundles.importBundle(skewed);
      expect(accepted.status, accepted.message).toBe('imported');
      const refused = await workspace.services.bundles.importBundle(futureLog);
      expect(refused.status).toBe('rejected');
      expect(refused.message).toContain(
        'Log "logs/security-guide.json" says it was created at 2099-01-01T00:00:00+00:00, which is later than this import',
      );
      expect(refused.message).toContain('Nothing was imported.');
      expect(workspace.services.bundles.list().map((b) => b.fileName)).toEqual(['skewed.evbundle']);
    } finally {
      workspace.close();
    }
  }, 60_000);

  it('words a missing predicate field itself, never zod\'s "received undefined" (fuzz case 970)', async () => {
    const work = tempDir();
    const station = await makeWorkstation(work);
    const lab = station.lab.unlocked;
    const base = await makeBundle(path.join(work, 'base.evbundle'), lab, {
      logs: [fixture('doomla_solved.eval')],
    });
    const bundle = await resigned(base, path.join(work, 'no-developer.evbundle'), [lab], (p) => {
      delete (p.model as Record<string, unknown>).developer;
    });
    const workspace = station.open();
    try {
      const outcome = await workspace.services.bundles.importBundle(bundle);
      expect(outcome.status).toBe('rejected');
      expect(outcome.message).toBe(
        'Bundle "no-developer.evbundle" was rejected: The benchmark-results predicate\'s model.developer is missing. Nothing was imported.',
      );
      expect(workspace.services.bundles.list()).toEqual([]);
    } finally {
      workspace.close();
    }
  });

  it('refuses signed model and evaluator names with lone surrogates, controls or bidi: two such names no longer merge into one model', async () => {
    const work = tempDir();
    const station = await makeWorkstation(work);
    const lab = station.lab.unlocked;
    const base = await makeBundle(path.join(work, 'base.evbundle'), lab, {
      logs: [fixture('doomla_solved.eval')],
    });
    // Before, both were stored as "frontier-\uFFFD": one model, two labs' evidence merged.
    const named = (file: string, edit: (p: Record<string, unknown>) => void) =>
      resigned(base, path.join(work, file), [lab], edit);
    const model = (name: string) => (p: Record<string, unknown>) => {
      p.model = { developer: 'Acme AI', name, version: '2026-10' };
    };
    const bundles = [
      await named('high.evbundle', model('frontier-\ud800')),
      await named('low.evbundle', model('frontier-\udbff')),
      await named('bidi.evbundle', model('frontier-\u202e1')),
      await named('evaluator.evbundle', (p) => {
        p.evaluator = { id: 'lab', name: 'lab\u001b[2J' };
      }),
    ];
    const workspace = station.open();
    try {
      const messages = [];
      for (const file of bundles) {
        const outcome = await workspace.services.bundles.importBundle(file);
        expect(outcome.status).toBe('rejected');
        messages.push(outcome.message);
      }
      const why =
        'must not contain control, line-separator or text-direction characters, or unpaired surrogates. Nothing was imported.';
      expect(messages).toEqual([
        `Bundle "high.evbundle" was rejected: The benchmark-results predicate's model.name ${why}`,
        `Bundle "low.evbundle" was rejected: The benchmark-results predicate's model.name ${why}`,
        `Bundle "bidi.evbundle" was rejected: The benchmark-results predicate's model.name ${why}`,
        `Bundle "evaluator.evbundle" was rejected: The benchmark-results predicate's evaluator.name ${why}`,
      ]);
      expect(workspace.services.evaluation.models()).toEqual([]);
      expect(dumpDatabase(station.dataDir).tables.model).toEqual([]);
    } finally {
      workspace.close();
    }
  }, 60_000);

  it('shows the evaluator as the roster names the signing key; the name the statement claims is kept as a flagged claim', async () => {
    const work = tempDir();
    const station = await makeWorkstation(work);
    const posing = await makeBundle(path.join(work, 'posing.evbundle'), station.lab.unlocked, {
      logs: [fixture('doomla_solved.eval')],
      evaluator: { id: 'uk-aisi', name: 'UK AISI' },
    });
    const workspace = station.open();
    try {
      const outcome = await workspace.services.bundles.importBundle(posing);
      expect(outcome.status, outcome.message).toBe('imported');
      expect(outcome.message).toContain('signed by lab');
      expect(outcome.message).not.toContain('UK AISI');
      const [bundle] = workspace.services.bundles.list();
      expect(bundle?.evaluator).toEqual({ id: 'uk-aisi', name: 'lab', claimedName: 'UK AISI' });
      expect(bundle?.checks.find((c) => c.id === 'claims')).toMatchObject({
        status: 'warn',
        detail:
          'The statement calls its evaluator "UK AISI", but it was signed by lab: it is shown as lab',
      });
      expect(only(await evaluate(workspace, DOOMLA)).sourceLog?.evaluator).toEqual({
        id: 'uk-aisi',
        name: 'lab',
        claimedName: 'UK AISI',
      });
    } finally {
      workspace.close();
    }
    const listed = await desk('bundles', '--data', station.dataDir);
    expect(listed.stdout).toContain('by lab (calls itself UK AISI)');
  }, 60_000);

  it('never lets a log filed under another benchmark decide a rule until a reviewer accepts the mapping, audited', async () => {
    const work = tempDir();
    const station = await makeWorkstation(work);
    await enrol(station, station.reviewer);
    const mapped = await mappedBundle(work, station.lab.unlocked);
    const cybench: ThresholdRule = { ...DOOMLA, id: 'cybench', benchmark: 'cybench' };
    const workspace = station.open();
    try {
      await importAll(workspace, mapped);
      const [bundle] = workspace.services.bundles.list();
      if (bundle === undefined) throw new Error('not imported');
      expect(bundle.checks.find((c) => c.id === 'claims')).toMatchObject({
        status: 'warn',
        detail:
          'Results file "logs/doomla_solved.eval" (Inspect task "doomla") as benchmark "cybench": a log counts for another benchmark only once a reviewer accepts the mapping',
      });
      expect(bundle.standing.mappings).toEqual([
        {
          logPath: 'logs/doomla_solved.eval',
          task: 'doomla',
          benchmark: 'cybench',
          accepted: null,
        },
      ]);
      const before = only(await evaluate(workspace, cybench));
      expect(before.status).toBe('insufficient-evidence');
      expect(before.explanation).toBe(
        'No log of benchmark "cybench" with metric "accuracy" from scorer "includes"; logs/doomla_solved.eval in mapped.evbundle is a run of Inspect task "doomla" that its bundle filed under "cybench", a mapping no reviewer has accepted, so it does not count: insufficient evidence.',
      );
      // Its own task still counts.
      expect(only(await evaluate(workspace, DOOMLA)).status).toBe('met');
    } finally {
      workspace.close();
    }

    const accept = (user: TestKey, reason: string) =>
      desk(
        'bundles',
        'accept-mapping',
        '--data',
        station.dataDir,
        '--bundle',
        '1',
        '--log',
        'logs/doomla_solved.eval',
        '--benchmark',
        'cybench',
        '--user',
        user.name,
        '--reason',
        reason,
        '--passphrase-file',
        user.passphraseFile,
      );
    const accepted = await accept(
      station.reviewer,
      'doomla is the cybench task set under its Inspect name',
    );
    expect(accepted.stderr).toBe('');
    expect(accepted.code).toBe(0);
    expect(accepted.stdout).toBe(
      'reviewer accepted that log "logs/doomla_solved.eval" (Inspect task "doomla") of bundle "mapped.evbundle" counts for benchmark "cybench": doomla is the cybench task set under its Inspect name.\n',
    );
    const again = await accept(station.reviewer, 'twice');
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('was accepted already; nothing was changed.');

    const after = station.open();
    try {
      const [bundle] = after.services.bundles.list();
      expect(bundle?.standing.mappings[0]?.accepted).toMatchObject({
        by: 'reviewer',
        reason: 'doomla is the cybench task set under its Inspect name',
      });
      const events = after.services.audit.ofKind('bundle.mapping-accepted');
      expect(events).toHaveLength(1);
      expect(events[0]).toMatchObject({
        actor: 'reviewer',
        details: {
          bundleId: 1,
          logPath: 'logs/doomla_solved.eval',
          task: 'doomla',
          benchmark: 'cybench',
        },
      });
      const decided = only(await evaluate(after, cybench));
      expect(decided.status).toBe('met');
      expect(decided.observed).toBe(1);
      expect(decided.sourceLog?.logPath).toBe('logs/doomla_solved.eval');
    } finally {
      after.close();
    }
  }, 90_000);

  it("excludes a removed lab's bundles as signed by a key no longer trusted, and an authority's quarantine, with the reasons", async () => {
    const work = tempDir();
    const station = await makeWorkstation(work);
    const keys = path.join(work, 'keys');
    const labB = await makeKey(keys, 'lab-b');
    const authority = await makeKey(keys, 'authority');
    await grant(station, labB, 'lab');
    await grant(station, authority, 'authority');
    await enrol(station, authority);
    await enrol(station, station.reviewer);
    const doomla = [fixture('doomla_solved.eval')];
    // lab's run is the later one, so it is chosen while lab is trusted.
    const fromLab = await makeBundle(path.join(work, 'lab.evbundle'), station.lab.unlocked, {
      logs: doomla,
      runFinishedOn: '2026-11-21T10:00:00Z',
    });
    const fromB = await makeBundle(path.join(work, 'lab-b.evbundle'), labB.unlocked, {
      logs: doomla,
    });
    let workspace = station.open();
    try {
      await importAll(workspace, fromLab, fromB);
      expect(only(await evaluate(workspace, DOOMLA)).sourceLog?.bundleFile).toBe('lab.evbundle');
      const trust = workspace.services.trust;
      trust.signAndInstall(
        trust.propose({ remove: { keyid: station.lab.unlocked.keyid, role: 'lab' } }),
        [station.root.unlocked],
      );
      const byFile = new Map(workspace.services.bundles.list().map((b) => [b.fileName, b]));
      expect(byFile.get('lab.evbundle')?.standing).toEqual({
        quarantine: null,
        signersTrusted: false,
        mappings: [],
        unsignedAmongInspectModels: null,
      });
      expect(byFile.get('lab.evbundle')?.evaluator.name).toBe('lab');
      expect(byFile.get('lab-b.evbundle')?.standing.signersTrusted).toBe(true);
      const rule = only(await evaluate(workspace, DOOMLA));
      expect(rule.status).toBe('met');
      expect(rule.sourceLog?.bundleFile).toBe('lab-b.evbundle');
      expect(rule.alsoSeen).toEqual([]);
    } finally {
      workspace.close();
    }
    const listed = await desk('bundles', '--data', station.dataDir);
    expect(listed.stdout).toMatch(/#1 {2}lab\.evbundle {2}verified, signer no longer trusted /);

    const quarantine = (user: TestKey, reason: string) =>
      desk(
        'bundles',
        'quarantine',
        '--data',
        station.dataDir,
        '--bundle',
        '2',
        '--user',
        user.name,
        '--reason',
        reason,
        '--passphrase-file',
        user.passphraseFile,
      );
    const before = dumpDatabase(station.dataDir);
    const refused = await quarantine(station.reviewer, 'not mine to do');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(
      '"reviewer" does not hold the authority role in the trust roster.',
    );
    expect(dumpDatabase(station.dataDir).tables).toEqual(before.tables);

    const done = await quarantine(authority, 'lab-b disclosed its key was copied');
    expect(done.stderr).toBe('');
    expect(done.code).toBe(0);
    expect(done.stdout).toBe(
      'Bundle "lab-b.evbundle" quarantined by authority: lab-b disclosed its key was copied. It is kept, and no evaluation uses it.\n',
    );
    expect((await quarantine(authority, 'again')).stderr).toContain(
      'Bundle "lab-b.evbundle" is quarantined already; nothing was changed.',
    );

    workspace = station.open();
    try {
      const quarantined = workspace.services.bundles
        .list()
        .find((b) => b.fileName === 'lab-b.evbundle');
      expect(quarantined?.standing.quarantine).toMatchObject({
        by: 'authority',
        reason: 'lab-b disclosed its key was copied',
      });
      const [event] = workspace.services.audit.ofKind('bundle.quarantined');
      expect(event).toMatchObject({
        actor: 'authority',
        details: {
          bundleId: 2,
          file: 'lab-b.evbundle',
          reason: 'lab-b disclosed its key was copied',
        },
      });
      const rule = only(await evaluate(workspace, DOOMLA));
      expect(rule.status).toBe('insufficient-evidence');
      expect(rule.explanation).toMatch(
        /^No log of benchmark "doomla" with metric "accuracy" from scorer "includes"; lab\.evbundle was not considered: it is signed by a key no longer trusted \(no longer a lab key in the current trust roster\); lab-b\.evbundle was not considered: it was quarantined by authority on \S+ \(lab-b disclosed its key was copied\): insufficient evidence\.$/,
      );
    } finally {
      workspace.close();
    }
  }, 120_000);

  it('the app judges bundles over IPC (judgeBundle): only the unlocked holder of the role, with a plain reason', async () => {
    const work = tempDir();
    const station = await makeWorkstation(work);
    const mapped = await mappedBundle(work, station.lab.unlocked);
    const workspace = station.open();
    try {
      await importAll(workspace, mapped);
      workspace.services.identities.enrol(
        JSON.parse(fs.readFileSync(station.reviewer.secretFile, 'utf8')),
      );
      const dispatch = routerWithDialog(workspace, [], () => undefined);
      const call = (channel: string, args: unknown) => dispatch(channel, args, FROM_APP);
      const accept = {
        action: 'accept-mapping',
        bundleId: 1,
        logPath: 'logs/doomla_solved.eval',
        benchmark: 'cybench',
        reason: 'same task set',
      };
      expect(await call('judgeBundle', accept)).toMatchObject({
        ok: false,
        error: { code: 'LOCKED' },
      });
      await call('unlock', {
        keyid: station.reviewer.unlocked.keyid,
        passphrase: 'reviewer passphrase',
      });
      expect(
        await call('judgeBundle', { action: 'quarantine', bundleId: 1, reason: 'not mine' }),
      ).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
      expect(await call('judgeBundle', { ...accept, reason: 'fine\u001b[2J\u202e' })).toMatchObject(
        {
          ok: false,
          error: {
            code: 'INVALID_ARGUMENT',
            message:
              'The reason must be 1 to 1000 characters of plain text (no control, line-separator or text-direction characters); nothing was changed.',
          },
        },
      );
      expect(workspace.services.bundles.list()[0]?.standing.mappings[0]?.accepted).toBeNull();
      expect(await call('judgeBundle', accept)).toEqual({
        ok: true,
        value: {
          message:
            'reviewer accepted that log "logs/doomla_solved.eval" (Inspect task "doomla") of bundle "mapped.evbundle" counts for benchmark "cybench": same task set.',
        },
      });
      const listed = await call('listBundles', {});
      expect(listed).toMatchObject({
        ok: true,
        value: { bundles: [{ standing: { mappings: [{ accepted: { by: 'reviewer' } }] } }] },
      });
    } finally {
      workspace.close();
    }
  }, 60_000);
});
