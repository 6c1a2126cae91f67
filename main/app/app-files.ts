/**
 * Maps an app:// URL to a file of the built UI. Pure (no Electron) so it is unit-tested
 * against traversal tricks: `..`, encoded separators, NUL bytes, absolute paths and other hosts.
 */
import path from 'node:path';

export const APP_SCHEME = 'app';
export const APP_HOST = 'desk';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
  '.map': 'application/json',
};

export type AppFile =
  | { readonly ok: true; readonly file: string; readonly contentType: string }
  | { readonly ok: false; readonly status: 400 | 403 | 404; readonly reason: string };

export function resolveAppFile(uiRoot: string, requestUrl: string): AppFile {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return { ok: false, status: 400, reason: 'malformed URL' };
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) {
    return { ok: false, status: 403, reason: `foreign origin ${url.protocol}//${url.host}` };
  }
  // Check the raw path before decoding: encoded separators or dots are never legitimate here.
  if (/%2e|%2f|%5c|%00/i.test(url.pathname) || url.pathname.includes('\\')) {
    return { ok: false, status: 403, reason: 'encoded separator or dot in path' };
  }
  const relative = decodeURIComponent(url.pathname).replace(/^\/+/, '') || 'index.html';
  const root = path.resolve(uiRoot);
  const file = path.resolve(root, relative);
  if (file !== root && !file.startsWith(root + path.sep)) {
    return { ok: false, status: 403, reason: 'path escapes the UI folder' };
  }
  const contentType = CONTENT_TYPES[path.extname(file).toLowerCase()];
  if (contentType === undefined) {
    return { ok: false, status: 404, reason: 'not a UI file type' };
  }
  return { ok: true, file, contentType };
}
