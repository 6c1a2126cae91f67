/**
 * The preload: installs `window.desk`, one method per contract channel plus `on` for the
 * contract's events and `pathForFile` for dropped files, and nothing else. Generated from the contract's lists, so it cannot
 * drift from the router.
 */
import { contextBridge, ipcRenderer, webUtils } from 'electron';
import { CHANNELS, EVENTS, ipcChannelName, ipcEventName, type DeskApi } from '../common/ipc';

const methods = Object.fromEntries(
  CHANNELS.map((channel) => [
    channel,
    (request: unknown) => ipcRenderer.invoke(ipcChannelName(channel), request),
  ]),
);

function on(event: string, listener: (payload: unknown) => void): () => void {
  if (!(EVENTS as string[]).includes(event)) throw new Error(`Unknown event ${event}`);
  const channel = ipcEventName(event as (typeof EVENTS)[number]);
  // Only the payload crosses: the IpcRendererEvent (with its sender) stays here.
  const wrapped = (_event: unknown, payload: unknown) => {
    listener(payload);
  };
  ipcRenderer.on(channel, wrapped);
  return () => {
    ipcRenderer.removeListener(channel, wrapped);
  };
}

const api: Omit<DeskApi, 'on'> & { on: typeof on } = {
  ...(methods as Omit<DeskApi, 'on' | 'pathForFile'>),
  on,
  pathForFile: (file: File) => webUtils.getPathForFile(file),
};
contextBridge.exposeInMainWorld('desk', api);
