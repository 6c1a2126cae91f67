/**
 * What the Playwright harness needs from the main side: a workstation in a temp data
 * directory and the real router over it. Built into out/e2e-bridge/bridge.js.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { APP_ORIGIN, resolveAppFile } from '../../../main/app/app-files';
import { UI_RESPONSE_HEADERS } from '../../../main/app/csp';
import { CHANNELS, createHandlers, createRouter, type Dispatch } from '../../../main/ipc';
import { initWorkspace, type Workspace } from '../../../main/workspace';

// The same file resolution and headers as the app:// protocol handler.
export { APP_ORIGIN as APP_PROTOCOL_ORIGIN, CHANNELS, resolveAppFile, UI_RESPONSE_HEADERS };

export interface BridgeWorkstation {
  readonly workspace: Workspace;
  readonly dispatch: Dispatch;
  readonly internalErrors: unknown[];
  dispose(): void;
}

export function startWorkstation(classification: string, now: Date): BridgeWorkstation {
  const parent = fs.mkdtempSync(path.join(os.tmpdir(), 'desk-e2e-'));
  const workspace = initWorkspace({
    dataDir: path.join(parent, 'data'),
    classification,
    now: () => now,
  });
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
