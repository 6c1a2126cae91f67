import type { DeskEvent } from '../../common/ipc';
import { createHandlers, createRouter } from '../../main/ipc';
import type { Workspace } from '../../main/workspace';

export const FROM_APP = { origin: 'app://desk' } as const;

/**
 * The router over `workspace` as the shell wires it, with a file dialog that picks `files`
 * and events handed to `emit`; an internal error fails the test.
 */
export function routerWithDialog(
  workspace: Workspace,
  files: readonly string[],
  emit: (event: DeskEvent, payload: unknown) => void,
) {
  const shell = { chooseBundleFiles: () => Promise.resolve([...files]), emit };
  return createRouter(createHandlers(workspace.services, shell), (_channel, error) => {
    throw error;
  });
}
