/**
 * What the Playwright harness needs from the main side: a workstation in a temp data
 * directory and the real router over it, with a test shell (a scripted file dialog and an
 * event pipe into the page). Built into out/e2e-bridge/bridge.js by the same toolchain as
 * the app, so `?raw` migrations and JSON imports resolve alike.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { APP_ORIGIN, resolveAppFile } from '../../../main/app/app-files';
import { UI_RESPONSE_HEADERS } from '../../../main/app/csp';
import { initCrypto, type UnlockedKey } from '../../../main/crypto';
import type { DeskEvent } from '../../../common/ipc';
import { createHandlers, createRouter, type Dispatch } from '../../../main/ipc';
import { initWorkspace, type Workspace } from '../../../main/workspace';
import {
  ENVELOPE,
  readEntries,
  signStatement,
  statementOf,
  writeEntries,
} from '../../support/bundle-surgery';
import { fixtureLogs, inspectModelsOfFiles, makeBundle, makeKey } from '../../support/lab';
import { injectionLog } from '../../support/hostile-logs';
import { syntheticLogs } from '../../support/synthetic-logs';

// The same file resolution and headers as the app:// protocol handler.
export { APP_ORIGIN as APP_PROTOCOL_ORIGIN, resolveAppFile, UI_RESPONSE_HEADERS };

export interface BridgeWorkstation {
  readonly workspace: Workspace;
  readonly dispatch: Dispatch;
  readonly internalErrors: unknown[];
  /** Files the next "open file" dialog will return. */
  queueDialogSelection(files: readonly string[]): void;
  /**
   * Pins a root, trusts a lab, enrols a reviewer ("reviewer passphrase") and an authority
   * ("authority passphrase"), and makes a valid, a tampered and a disputed bundle (its claim
   * differs from its log) from the fixture logs.
   */
  prepareLab(): Promise<{ valid: string; tampered: string; disputed: string }>;
  /** After prepareLab: a valid bundle for frontier-1 at `version` of the shared logs named. */
  makeVersionBundle(version: string, logNames: readonly string[]): Promise<string>;
  /** After prepareLab: a valid bundle of one log whose transcript is made of injection payloads. */
  makeInjectionBundle(): Promise<string>;
  /** After prepareLab: a valid bundle of `logs` synthetic logs (100 samples each), slow to import. */
  makeLargeBundle(logs: number): Promise<string>;
  dispose(): void;
}

export async function startWorkstation(
  classification: string,
  now: Date,
  emit: (event: DeskEvent, payload: unknown) => void,
): Promise<BridgeWorkstation> {
  await initCrypto();
  const parent = fs.mkdtempSync(path.join(os.tmpdir(), 'desk-e2e-'));
  const workspace = initWorkspace({
    dataDir: path.join(parent, 'data'),
    classification,
    now: () => now,
  });
  const internalErrors: unknown[] = [];
  let nextSelection: readonly string[] = [];
  let labKey: UnlockedKey | null = null;
  const shell = {
    chooseBundleFiles: () => {
      const files = [...nextSelection];
      nextSelection = [];
      return Promise.resolve(files);
    },
    emit,
  };
  const dispatch = createRouter(createHandlers(workspace.services, shell), (_channel, error) => {
    internalErrors.push(error);
  });
  return {
    workspace,
    dispatch,
    internalErrors,
    queueDialogSelection: (files) => {
      nextSelection = files;
    },
    prepareLab: async () => {
      const keys = path.join(parent, 'keys');
      fs.mkdirSync(keys);
      const root = await makeKey(keys, 'Workstation root');
      const lab = await makeKey(keys, 'UK AISI evaluation lab');
      labKey = lab.unlocked;
      const reviewer = await makeKey(keys, 'Dana Reviewer', 'reviewer passphrase');
      const authority = await makeKey(keys, 'Alex Authority', 'authority passphrase');
      const trust = workspace.services.trust;
      trust.pin([root.unlocked], 1);
      const grant = (key: typeof lab, role: 'lab' | 'reviewer' | 'authority') => {
        trust.signAndInstall(trust.propose({ add: { key: key.unlocked, roles: [role] } }), [
          root.unlocked,
        ]);
      };
      grant(lab, 'lab');
      grant(reviewer, 'reviewer');
      grant(authority, 'authority');
      for (const person of [reviewer, authority]) {
        workspace.services.identities.enrol(JSON.parse(fs.readFileSync(person.secretFile, 'utf8')));
      }
      const valid = await makeBundle(path.join(parent, 'frontier-1-cyber.evbundle'), lab.unlocked, {
        now: () => now,
      });
      const entries = await readEntries(valid);
      const logName = [...entries.keys()].find((n) => n.endsWith('doomla_solved.eval')) ?? '';
      const bytes = Buffer.from(entries.get(logName) ?? Buffer.alloc(0));
      bytes.writeUInt8(bytes.readUInt8(100) ^ 0xff, 100);
      entries.set(logName, bytes);
      const tampered = writeEntries(path.join(parent, 'frontier-1-tampered.evbundle'), entries);

      // Signed by the lab, but claiming a better score than its own log shows.
      const honest = await readEntries(valid);
      const statement = statementOf(honest.get(ENVELOPE) ?? Buffer.alloc(0)) as {
        predicate: { results: { log?: string; value: number }[] };
      };
      const claim = statement.predicate.results.find((r) => r.log?.endsWith('doomla_failed.eval'));
      if (claim) claim.value = 1;
      honest.set(ENVELOPE, signStatement(statement, [lab.unlocked]));
      const disputed = writeEntries(path.join(parent, 'frontier-1-disputed.evbundle'), honest);
      return { valid, tampered, disputed };
    },
    makeVersionBundle: async (version, logNames) => {
      if (!labKey) throw new Error('Call prepareLab before makeVersionBundle.');
      const logs = fixtureLogs().filter((file) => logNames.includes(path.basename(file)));
      return makeBundle(path.join(parent, `frontier-1-${version}.evbundle`), labKey, {
        logs,
        model: {
          developer: 'Acme AI',
          name: 'frontier-1',
          version,
          inspectModels: await inspectModelsOfFiles(logs),
        },
        now: () => now,
      });
    },
    makeInjectionBundle: async () => {
      if (!labKey) throw new Error('Call prepareLab before makeInjectionBundle.');
      const log = path.join(parent, 'injection.eval');
      fs.writeFileSync(log, await injectionLog());
      return makeBundle(path.join(parent, 'frontier-1-injection.evbundle'), labKey, {
        logs: [log],
        now: () => now,
      });
    },
    makeLargeBundle: async (logs) => {
      if (!labKey) throw new Error('Call prepareLab before makeLargeBundle.');
      const { files } = await syntheticLogs(path.join(parent, 'synthetic'), logs);
      return makeBundle(path.join(parent, 'frontier-1-large.evbundle'), labKey, {
        logs: files,
        now: () => now,
      });
    },
    dispose: () => {
      workspace.close();
      fs.rmSync(parent, { recursive: true, force: true });
    },
  };
}
