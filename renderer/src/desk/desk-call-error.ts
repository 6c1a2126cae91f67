import type { IpcError } from '../../../common/ipc';

/**
 * A call the main process refused: its stable code and its one sentence for people.
 * Never retried (these are answers, not transient failures).
 */
export class DeskCallError extends Error {
  override readonly name = 'DeskCallError';
  readonly code: IpcError['code'];
  constructor(error: IpcError) {
    super(error.message);
    this.code = error.code;
  }
}
