/**
 * A plain-text sweep of the shipped code for any way out to a network, independent of
 * the lint config (which could be misconfigured): imports of network modules, fetch,
 * XMLHttpRequest, WebSocket, sendBeacon, and URLs with a network scheme.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const repo = path.resolve(import.meta.dirname, '../..');
const SHIPPED = ['common', 'main', 'preload', 'renderer', 'db'];

/** URIs that specs define as type identifiers: compared as strings, never fetched. */
const IDENTIFIER_URIS = ['https://in-toto.io/Statement/v1'];

const FORBIDDEN: readonly { readonly what: string; readonly pattern: RegExp }[] = [
  {
    what: 'network module import',
    pattern:
      /\b(?:from|import|require)\s*\(?\s*['"](?:node:)?(?:http|https|http2|net|tls|dns|dgram|undici)(?:\/[^'"]*)?['"]/,
  },
  { what: 'fetch call', pattern: /\bfetch\s*\(/ },
  { what: 'XMLHttpRequest', pattern: /\bXMLHttpRequest\b/ },
  { what: 'WebSocket', pattern: /\bnew\s+WebSocket\b/ },
  { what: 'sendBeacon', pattern: /\bsendBeacon\b/ },
  { what: 'network URL', pattern: /\b(?:https?|wss?|ftp):\/\/(?!(?:[a-z0-9-]+\.)*invalid\b)/i },
];

function sourceFiles(dir: string): string[] {
  return fs
    .readdirSync(path.join(repo, dir), { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && /\.(?:ts|tsx|mjs|js|html|css)$/.test(e.name))
    .filter((e) => !e.name.endsWith('.test.ts'))
    .map((e) => path.relative(repo, path.join(e.parentPath, e.name)));
}

describe('shipped code has no way to reach a network', () => {
  const files = SHIPPED.flatMap(sourceFiles);

  it('scans the shipped folders', () => {
    expect(files).toEqual(
      expect.arrayContaining(['main/workspace.ts', 'preload/index.ts', 'renderer/src/main.tsx']),
    );
  });

  it.each(FORBIDDEN)('contains no $what', ({ pattern }) => {
    const hits = files.flatMap((file) =>
      fs
        .readFileSync(path.join(repo, file), 'utf8')
        .split('\n')
        .map((line) =>
          IDENTIFIER_URIS.reduce((text, uri) => text.replaceAll(`'${uri}'`, "''"), line),
        )
        .flatMap((line, i) => (pattern.test(line) ? [`${file}:${i + 1}: ${line.trim()}`] : [])),
    );
    expect(hits).toEqual([]);
  });

  it('the sweep itself catches a planted import (guards against a vacuous pass)', () => {
    const planted = "import { get } from 'node:https';";
    expect(FORBIDDEN.some(({ pattern }) => pattern.test(planted))).toBe(true);
  });
});
