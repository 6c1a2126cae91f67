/** The IPC contract and what is derived from it; loadable by every process. */
export {
  CHANNELS,
  contract,
  EVENTS,
  events,
  IpcError,
  ipcChannelName,
  ipcEventName,
  isChannel,
  type Channel,
  type Contract,
  type DeskApi,
  type DeskEvent,
  type EventPayload,
  type RequestOf,
  type ResponseOf,
  type Result,
} from './contract';
