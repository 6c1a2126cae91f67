/** The bridge to main: events, the query cache and the session. */
export { registerDroppedFiles } from './desk';
export { useDeskEvent } from './events';
export { createDeskQueryClient, deskQuery, useDeskMutation, useDeskQuery } from './queries';
export { useSession, useSessionState, watchSessionIdentity } from './session';
