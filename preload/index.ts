/**
 * The preload: installs `window.desk`, one method per page channel of the contract plus
 * `on` for the contract's events and `registerDroppedFiles` for dropped files, and nothing
 * else. Generated from the contract's lists, so it cannot drift from the router.
 */
import { contextBridge, ipcRenderer, webUtils } from 'electron';
import {
  EVENTS,
  ipcChannelName,
  ipcEventName,
  PAGE_CHANNELS,
  type DeskApi,
  type Result,
} from '../common/ipc';

const methods = Object.fromEntries(
  PAGE_CHANNELS.map((channel) => [
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

/**
 * Paths come only from File objects the user dropped (or picked): webUtils gives a page-made
 * File no path. They are sent on a channel the page cannot call, so main's record of dropped
 * paths holds nothing the page merely named.
 */
async function registerDroppedFiles(
  files: readonly File[],
): Promise<Result<{ readonly paths: readonly string[] }>> {
  const paths = [...files].map((file) => webUtils.getPathForFile(file)).filter(Boolean);
  if (paths.length === 0) return { ok: true, value: { paths } };
  const result = (await ipcRenderer.invoke(ipcChannelName('registerDrop'), {
    paths,
  })) as Result<unknown>;
  return result.ok ? { ok: true, value: { paths } } : result;
}

const api: Omit<DeskApi, 'on'> & { on: typeof on } = {
  ...(methods as Omit<DeskApi, 'on' | 'registerDroppedFiles'>),
  on,
  registerDroppedFiles,
};
contextBridge.exposeInMainWorld('desk', api);
