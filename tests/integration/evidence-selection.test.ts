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
import {
  ENVELOPE,
  readEntries,
  signStatement,
  statementOf,
  writeEntries,
} from '../support/bundle-surgery';
import { dumpDatabase, fixtureLogs, makeBundle, makeWorkstation } from '../support/lab';
import { useTempDirs } from '../support/temp-dir';

const fixture = (name: string) => {
  const file = fixtureLogs().find((f) => path.basename(f) === name);
  if (file === undefined) throw new Error(`no fixture log ${name}`);
  return file;
};

/** `bundle` with its predicate changed by `edit` and signed again by `signers`. */
async function resigned(
  bundle: string,
  out: string,
  signers: readonly UnlockedKey[],
  edit: (predicate: Record<string, unknown>) => void,
): Promise<string> {
  const entries = await readEntries(bundle);
  const statement = statementOf(entries.get(ENVELOPE) ?? Buffer.alloc(0)) as {
    predicate: Record<string, unknown>;
  };
  edit(statement.predicate);
  entries.set(ENVELOPE, signStatement(statement, signers));
  return writeEntries(out, entries);
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
        `Bundle "high.evbundle" was rejected: The benchmark-results predicate is invalid at "model.name": ${why}`,
        `Bundle "low.evbundle" was rejected: The benchmark-results predicate is invalid at "model.name": ${why}`,
        `Bundle "bidi.evbundle" was rejected: The benchmark-results predicate is invalid at "model.name": ${why}`,
        `Bundle "evaluator.evbundle" was rejected: The benchmark-results predicate is invalid at "evaluator.name": ${why}`,
      ]);
      expect(workspace.services.evaluation.models()).toEqual([]);
      expect(dumpDatabase(station.dataDir).tables.model).toEqual([]);
    } finally {
      workspace.close();
    }
  }, 60_000);
});
