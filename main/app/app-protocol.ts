import fs from 'node:fs/promises';
import { protocol } from 'electron';
import { APP_SCHEME, resolveAppFile } from './app-files';
import { UI_RESPONSE_HEADERS } from './csp';

/** Must run before `ready`: app:// behaves like a secure, standard origin (checklist #18). */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true } },
  ]);
}

/** Serves the built UI from `uiRoot`, read-only, with the CSP on every response. */
export function serveAppScheme(uiRoot: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    if (request.method !== 'GET') return new Response(null, { status: 405 });
    const resolved = resolveAppFile(uiRoot, request.url);
    if (!resolved.ok) return new Response(null, { status: resolved.status });
    try {
      const body = await fs.readFile(resolved.file);
      return new Response(body, {
        status: 200,
        headers: { ...UI_RESPONSE_HEADERS, 'Content-Type': resolved.contentType },
      });
    } catch {
      return new Response(null, { status: 404 });
    }
  });
}
