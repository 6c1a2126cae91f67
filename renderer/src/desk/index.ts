/** The bridge to main: calls, events, the query cache and the session. */
export { callDesk, pathForDroppedFile } from './desk';
export { DeskCallError } from './desk-call-error';
export { useDeskEvent } from './events';
export { createDeskQueryClient, deskQuery, useDeskMutation, useDeskQuery } from './queries';
export {
  SESSION_POLL_MS,
  resetSessionQueries,
  sessionIdentity,
  useSession,
  useSessionIdentity,
  useSessionState,
  watchSessionIdentity,
  type Session,
} from './session';
