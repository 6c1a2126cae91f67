/**
 * The renderer's only door to the main process: the `window.desk` API the preload
 * installs, typed from the IPC contract (type-only import; no main-process code here).
 */
import type { Channel, DeskApi, RequestOf, ResponseOf, Result } from '../../common/ipc';

declare global {
  interface Window {
    readonly desk: DeskApi;
  }
}

export type { Result };

export function callDesk<C extends Channel>(
  channel: C,
  request: RequestOf<C>,
): Promise<Result<ResponseOf<C>>> {
  const method = window.desk[channel] as (r: RequestOf<C>) => Promise<Result<ResponseOf<C>>>;
  return method(request);
}
