export { createHandlers, type HandlerOptions } from './handlers';
export type { Shell } from './shell';
export { createRouter, type Dispatch, type Handlers, type RouterContext } from './router';
