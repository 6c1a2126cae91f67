export {
  AUDIT_PAGE_MAX,
  CHANNELS,
  contract,
  ipcChannelName,
  isChannel,
  type Channel,
  type Contract,
  type DeskApi,
  type IpcError,
  type RequestOf,
  type ResponseOf,
  type Result,
} from './contract';
export { createHandlers } from './handlers';
export { createRouter, type Dispatch, type Handlers, type RouterContext } from './router';
