/**
 * The renderer's only door to the main process: the `window.desk` API the preload
 * installs, typed from the IPC contract (common/ipc; no main-process code here).
 */
import type {
  DeskApi,
  DeskEvent,
  EventPayload,
  PageChannel,
  RequestOf,
  ResponseOf,
  Result,
} from '../../../common/ipc';
import { DeskCallError } from './desk-call-error';

declare global {
  interface Window {
    readonly desk: DeskApi;
  }
}

/** Calls a channel; a Result with ok: false becomes a DeskCallError carrying its code and message. */
export async function callDesk<C extends PageChannel>(
  channel: C,
  request: RequestOf<C>,
): Promise<ResponseOf<C>> {
  const method = window.desk[channel] as (r: RequestOf<C>) => Promise<Result<ResponseOf<C>>>;
  let result: Result<ResponseOf<C>>;
  try {
    result = await method(request);
  } catch {
    // Only a broken bridge rejects: the router answers every call with a Result.
    throw new DeskCallError({
      code: 'INTERNAL',
      message: `The main process did not answer the ${channel} call.`,
    });
  }
  if (!result.ok) throw new DeskCallError(result.error);
  return result.value;
}

/** Subscribes to an event main pushes; returns the unsubscribe function. */
export function onDeskEvent<E extends DeskEvent>(
  event: E,
  listener: (payload: EventPayload<E>) => void,
): () => void {
  return window.desk.on(event, listener);
}

/**
 * The paths of dropped files (Electron's webUtils via the preload), registered with main so
 * they can be imported; files without a path are left out.
 */
export async function registerDroppedFiles(files: readonly File[]): Promise<readonly string[]> {
  let result: Result<{ readonly paths: readonly string[] }>;
  try {
    result = await window.desk.registerDroppedFiles(files);
  } catch {
    throw new DeskCallError({
      code: 'INTERNAL',
      message: 'The main process did not answer for the dropped files.',
    });
  }
  if (!result.ok) throw new DeskCallError(result.error);
  return result.value.paths;
}
