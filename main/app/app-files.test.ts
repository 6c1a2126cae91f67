import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveAppFile } from './app-files';

const root = path.resolve('/opt/desk/renderer');

describe('resolveAppFile', () => {
  it.each([
    ['app://desk/', 'index.html', 'text/html; charset=utf-8'],
    ['app://desk/index.html', 'index.html', 'text/html; charset=utf-8'],
    ['app://desk/assets/index-abc.js', 'assets/index-abc.js', 'text/javascript; charset=utf-8'],
    ['app://desk/assets/index-abc.css?v=1#x', 'assets/index-abc.css', 'text/css; charset=utf-8'],
  ])('serves %s from the UI folder', (url, relative, contentType) => {
    expect(resolveAppFile(root, url)).toEqual({
      ok: true,
      file: path.join(root, relative),
      contentType,
    });
  });

  it.each([
    ['app://desk/..%2f..%2fetc/passwd', 403],
    // The URL parser decodes %2e%2e as .. and collapses it: /etc/passwd inside the root, not a UI file.
    ['app://desk/%2e%2e/%2e%2e/etc/passwd', 404],
    ['app://desk/assets%5c..%5c..%5csecret.js', 403],
    ['app://desk/index.html%00.js', 403],
    ['app://desk/..\\..\\secret.js', 403],
    ['app://other/index.html', 403],
    ['file:///etc/passwd', 403],
    ['https://desk/index.html', 403],
    ['app://desk/desk.sqlite3', 404],
    ['app://desk/assets/', 404],
    ['not a url', 400],
  ])('refuses %s with %i', (url, status) => {
    expect(resolveAppFile(root, url)).toMatchObject({ ok: false, status });
  });

  it('never resolves outside the UI folder, whatever the URL parser normalises', () => {
    // WHATWG URL parsing collapses plain ../ segments; the result must still stay inside.
    const resolved = resolveAppFile(root, 'app://desk/../../../etc/passwd.js');
    if (resolved.ok) expect(resolved.file.startsWith(root + path.sep)).toBe(true);
    else expect(resolved.status).toBeGreaterThanOrEqual(400);
  });
});
