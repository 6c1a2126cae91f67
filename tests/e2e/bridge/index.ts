/**
 * What the Playwright harness needs from the main side: a workstation in a temp data
 * directory and the real router over it. Built into out/e2e-bridge/bridge.js.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CONTENT_SECURITY_POLICY, UI_RESPONSE_HEADERS } from '../../../main/app/csp';
import { CHANNELS, createHandlers, createRouter, type Dispatch } from '../../../main/ipc';
import { initWorkspace, type Workspace } from '../../../main/workspace';

export { CHANNELS, CONTENT_SECURITY_POLICY, UI_RESPONSE_HEADERS };

export interface BridgeWorkstation {
  readonly workspace: Workspace;
  readonly dispatch: Dispatch;
  readonly internalErrors: unknown[];
  dispose(): void;
}

export function startWorkstation(classification: string): BridgeWorkstation {
  const parent = fs.mkdtempSync(path.join(os.tmpdir(), 'desk-e2e-'));
  const workspace = initWorkspace({ dataDir: path.join(parent, 'data'), classification });
  const internalErrors: unknown[] = [];
  const dispatch = createRouter(createHandlers(workspace.services), (_channel, error) => {
    internalErrors.push(error);
  });
  return {
    workspace,
    dispatch,
    internalErrors,
    dispose: () => {
      workspace.close();
      fs.rmSync(parent, { recursive: true, force: true });
    },
  };
}
