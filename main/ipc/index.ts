export {
  CHANNELS,
  contract,
  EVENTS,
  events,
  ipcEventName,
  ipcChannelName,
  isChannel,
  type Channel,
  type Contract,
  type DeskEvent,
  type EventPayload,
  type DeskApi,
  type IpcError,
  type RequestOf,
  type ResponseOf,
  type Result,
} from './contract';
export { createHandlers } from './handlers';
export type { Shell } from './shell';
export { createRouter, type Dispatch, type Handlers, type RouterContext } from './router';
