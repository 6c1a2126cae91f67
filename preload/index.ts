/**
 * The preload: installs `window.desk`, one method per contract channel and nothing else.
 * Generated from the contract's channel list, so it cannot drift from the router.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { CHANNELS, ipcChannelName, type DeskApi } from '../main/ipc';

const api = Object.fromEntries(
  CHANNELS.map((channel) => [
    channel,
    (request: unknown) => ipcRenderer.invoke(ipcChannelName(channel), request),
  ]),
) as unknown as DeskApi;

contextBridge.exposeInMainWorld('desk', api);
