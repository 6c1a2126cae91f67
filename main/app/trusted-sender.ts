import { APP_HOST, APP_SCHEME } from './app-files';

/**
 * Electron checklist #17: only the app's own top-level page may call the router.
 * `frameUrl` is the URL of the IPC sender's frame; `isMainFrame` says whether it is the
 * window's top frame (subframes could only come from injected content).
 */
export function isTrustedSender(frameUrl: string | undefined, isMainFrame: boolean): boolean {
  if (!isMainFrame || frameUrl === undefined) return false;
  try {
    // Compare scheme and host: WHATWG gives custom schemes an opaque "null" origin.
    const url = new URL(frameUrl);
    return url.protocol === `${APP_SCHEME}:` && url.host === APP_HOST;
  } catch {
    return false;
  }
}
