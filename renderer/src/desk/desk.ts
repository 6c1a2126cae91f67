/**
 * The renderer's only door to the main process: the `window.desk` API the preload
 * installs, typed from the IPC contract (common/ipc; no main-process code here).
 */
import type {
  Channel,
  DeskApi,
  DeskEvent,
  EventPayload,
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
export async function callDesk<C extends Channel>(
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

/** The path of a dropped file (Electron's webUtils via the preload); empty when it has none. */
export function pathForDroppedFile(file: File): string {
  return window.desk.pathForFile(file);
}
