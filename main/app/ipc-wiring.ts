import { ipcMain, type IpcMainInvokeEvent } from 'electron';
import { CHANNELS, ipcChannelName, type Result } from '../../common/ipc';
import type { Dispatch } from '../ipc';
import { isTrustedSender } from './trusted-sender';

/** Registers one `ipcMain.handle` per contract channel; every call is sender-checked first. */
export function wireIpc(dispatch: Dispatch): void {
  for (const channel of CHANNELS) {
    ipcMain.handle(ipcChannelName(channel), (event, args: unknown) =>
      handle(event, channel, args, dispatch),
    );
  }
}

function handle(
  event: IpcMainInvokeEvent,
  channel: string,
  args: unknown,
  dispatch: Dispatch,
): Promise<Result<unknown>> | Result<never> {
  const frame = event.senderFrame;
  const isMainFrame = frame !== null && frame === event.sender.mainFrame;
  if (!isTrustedSender(frame?.url, isMainFrame)) {
    return {
      ok: false,
      error: { code: 'FORBIDDEN_SENDER', message: 'This page may not call Designation Desk.' },
    };
  }
  return dispatch(channel, args, { origin: new URL(frame?.url ?? '').origin });
}
