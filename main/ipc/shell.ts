import type { DeskEvent, EventPayload } from '../../common/ipc';

/**
 * What the router needs from whichever shell runs it: the Electron app (native dialogs,
 * webContents.send), the browser test bridge, or nothing at all (the CLI has no router).
 */
export interface Shell {
  /** Asks the user for result bundles to import; an empty list if they cancel. */
  chooseBundleFiles(): Promise<string[]>;
  /** Pushes an event to the renderer. */
  emit<E extends DeskEvent>(event: E, payload: EventPayload<E>): void;
}
