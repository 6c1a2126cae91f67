/**
 * Fuzzing the documents a workstation reads besides bundles, through the real `desk`
 * commands and services over real workstation copies: threshold-set files, secret and
 * public key files, and signed roster documents. Each hostile variant is accepted or
 * refused with a sentence (a DeskError, never INTERNAL) that changed nothing — never a
 * throw, a hang past the bound or an unlock of a key other than the one sealed.
 */
import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { DeskError } from '../../common/errors';
import { canonicalJson, type JsonValue } from '../../main/canonical-json';
import { sha256Hex, signEnvelope } from '../../main/crypto';
import { IN_TOTO_PAYLOAD_TYPE, makeStatement } from '../../main/in-toto';
import { ROSTER_PREDICATE_TYPE } from '../../main/trust';
import { openWorkspace } from '../../main/workspace';
import { copyDataDir } from '../support/data-dir';
import { desk } from '../support/desk-cli';
import {
  dumpDatabase,
  makeKey,
  makeWorkstation,
  type TestKey,
  type TestWorkstation,
} from '../support/lab';
import { useTempDirs } from '../support/temp-dir';
import { fuzz, fuzzTimeout } from './fuzz-settings';
import { jsonMutation, mutateJson } from './mutate-json';
import { EXAMPLE_THRESHOLD_SET as SET } from '../support/threshold-set';

const RUNS = { thresholds: 30, secretKey: 25, publicKey: 20, roster: 40 };
const PER_CASE_MS = 600;

/** A refusal as `desk --json` reports it: exit 1, a coded sentence, never INTERNAL. */
function expectRefusal(result: { code: number; stdout: string; stderr: string }): void {
  expect(result.code, result.stderr).toBe(1);
  const { error } = JSON.parse(result.stdout) as { error: { code: string; message: string } };
  expect(error.code, error.message).not.toBe('INTERNAL');
  expect(error.message).toMatch(/^["“A-Z/].*[.]$/s);
}

/**
 * Nothing changed but the audit log, which may have gained the unlock of the person the
 * command ran as and the refusal itself.
 */
function expectUnchanged(before: ReturnType<typeof dumpDatabase>, dataDir: string): void {
  const after = dumpDatabase(dataDir);
  expect(after.tables).toEqual(before.tables);
  expect(after.auditCount - before.auditCount).toBeLessThanOrEqual(2);
}

describe('fuzz: hostile documents', () => {
  const tempDir = useTempDirs();
  let station: TestWorkstation;
  let authority: TestKey;
  let enrolled: string;

  const fresh = (from = station.dataDir) => copyDataDir(from, tempDir());
  const write = (text: string, name: string) => {
    const file = path.join(tempDir(), name);
    fs.writeFileSync(file, text);
    return file;
  };

  beforeAll(async () => {
    const work = fs.mkdtempSync(path.join(process.env.TMPDIR ?? '/tmp', 'desk-fuzz-docs-'));
    station = await makeWorkstation(work);
    authority = await makeKey(path.join(work, 'keys'), 'authority');
    const workspace = station.open();
    try {
      const trust = workspace.services.trust;
      trust.signAndInstall(
        trust.propose({ add: { key: authority.unlocked, roles: ['authority'] } }),
        [station.root.unlocked],
      );
    } finally {
      workspace.close();
    }
    // A second workstation state with the authority and reviewer enrolled, for thresholds.
    enrolled = path.join(work, 'enrolled');
    fs.cpSync(station.dataDir, enrolled, { recursive: true });
    for (const person of [authority, station.reviewer]) {
      expect((await desk('user', 'add', '--data', enrolled, '--key', person.secretFile)).code).toBe(
        0,
      );
    }
  });

  it(
    'threshold-set files: a hostile variant is stored as written or refused with nothing stored',
    async () => {
      const original = JSON.stringify(SET);
      await fuzz(
        fc.asyncProperty(jsonMutation, async (mutation) => {
          const dataDir = fresh(enrolled);
          const file = write(mutateJson(original, mutation), 'set.json');
          const before = dumpDatabase(dataDir);
          const result = await desk(
            'thresholds',
            'import',
            '--data',
            dataDir,
            '--file',
            file,
            '--user',
            'authority',
            '--passphrase-file',
            authority.passphraseFile,
            '--grant',
            'reviewer',
            '--json',
          );
          if (result.code === 0) {
            // Stored: the reviewer reads back what the file, parsed, says.
            const shown = await desk(
              'thresholds',
              'show',
              '--data',
              dataDir,
              '--id',
              String((JSON.parse(fs.readFileSync(file, 'utf8')) as { id?: unknown }).id),
              '--user',
              'reviewer',
              '--passphrase-file',
              station.reviewer.passphraseFile,
              '--json',
            );
            expect(shown.code, shown.stderr).toBe(0);
            return;
          }
          expectRefusal(result);
          expectUnchanged(before, dataDir);
        }),
        RUNS.thresholds,
        tempDir,
      );
    },
    fuzzTimeout(RUNS.thresholds, PER_CASE_MS),
  );

  it(
    'secret key files: a tampered file is refused at enrolment or at unlock; only the sealed key ever unlocks',
    async () => {
      const original = fs.readFileSync(station.reviewer.secretFile, 'utf8');
      await fuzz(
        fc.asyncProperty(jsonMutation, async (mutation) => {
          const dataDir = fresh();
          const file = write(mutateJson(original, mutation), 'reviewer.key.json');
          const before = dumpDatabase(dataDir);
          const added = await desk('user', 'add', '--data', dataDir, '--key', file, '--json');
          if (added.code !== 0) {
            expectRefusal(added);
            expectUnchanged(before, dataDir);
            return;
          }
          const { identity } = JSON.parse(added.stdout) as {
            identity: { name: string; keyid: string };
          };
          expect(identity.keyid).toBe(station.reviewer.unlocked.keyid);
          const unlocked = await desk(
            'user',
            'unlock',
            '--data',
            dataDir,
            '--user',
            identity.name,
            '--passphrase-file',
            station.reviewer.passphraseFile,
            '--json',
          );
          if (unlocked.code !== 0) expectRefusal(unlocked);
        }),
        RUNS.secretKey,
        tempDir,
      );
    },
    fuzzTimeout(RUNS.secretKey, PER_CASE_MS),
  );

  it(
    'public key files: a tampered file adds the key it names or is refused with the roster unchanged',
    async () => {
      const extra = await makeKey(tempDir(), 'extra');
      const original = fs.readFileSync(extra.publicFile, 'utf8');
      await fuzz(
        fc.asyncProperty(jsonMutation, async (mutation) => {
          const dataDir = fresh();
          const file = write(mutateJson(original, mutation), 'extra.pub.json');
          const before = dumpDatabase(dataDir);
          const result = await desk(
            'roster',
            'add',
            '--data',
            dataDir,
            '--role',
            'reviewer',
            '--key',
            file,
            '--sign-with',
            station.root.secretFile,
            '--passphrase-file',
            station.root.passphraseFile,
            '--json',
          );
          if (result.code === 0) return;
          expectRefusal(result);
          expectUnchanged(before, dataDir);
        }),
        RUNS.publicKey,
        tempDir,
      );
    },
    fuzzTimeout(RUNS.publicKey, PER_CASE_MS),
  );

  it(
    'roster documents: a hostile next version, even signed by the root, installs whole or is refused with a sentence',
    async () => {
      const newcomer = await makeKey(tempDir(), 'newcomer');
      const workspace = station.open();
      const proposed = workspace.services.trust.propose({
        add: { key: newcomer.unlocked, roles: ['reviewer'] },
      });
      workspace.close();
      const original = JSON.stringify(proposed);
      await fuzz(
        fc.property(jsonMutation, (mutation) => {
          const text = mutateJson(original, mutation);
          const document = parseOr(text);
          // The statement's subject digest follows the document, as a root holder would sign it.
          const digest =
            document === undefined
              ? sha256Hex(new TextEncoder().encode(text))
              : sha256Hex(new TextEncoder().encode(canonicalOr(document, text)));
          const payload = new TextDecoder().decode(
            makeStatement(
              [{ name: 'trust-roster', digest: { sha256: digest } }],
              ROSTER_PREDICATE_TYPE,
              {},
            ),
          );
          const statement = payload.replace(/"predicate":\{\}/, `"predicate":${text}`);
          const envelope = signEnvelope(IN_TOTO_PAYLOAD_TYPE, new TextEncoder().encode(statement), [
            station.root.unlocked,
          ]);
          const dataDir = fresh();
          const hostile = openWorkspace({ dataDir });
          try {
            const versions = hostile.services.trust.history().length;
            try {
              hostile.services.trust.install(envelope);
            } catch (error) {
              if (!(error instanceof DeskError)) throw error;
              expect(error.message).toMatch(/^["“A-Z/].*[.]$/s);
              expect(hostile.services.trust.history()).toHaveLength(versions);
            }
          } finally {
            hostile.close();
          }
          // Whatever happened, the workstation still opens on a roster it can read.
          const reopened = openWorkspace({ dataDir });
          expect(reopened.services.trust.current()).not.toBeNull();
          reopened.close();
        }),
        RUNS.roster,
        tempDir,
      );
    },
    fuzzTimeout(RUNS.roster, PER_CASE_MS),
  );
});

function parseOr(text: string): JsonValue | undefined {
  try {
    return JSON.parse(text) as JsonValue;
  } catch {
    return undefined;
  }
}

function canonicalOr(value: JsonValue, fallback: string): string {
  try {
    return canonicalJson(value);
  } catch {
    return fallback;
  }
}
