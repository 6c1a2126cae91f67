/**
 * Colours come from ui/tokens.css only, and no component sets a style attribute: the CSP
 * (style-src 'self') forbids inline styles, and one tokens file keeps the palette in one
 * place. The DataTable's geometry is set through the CSSOM, which the CSP allows.
 */
// A test, never shipped: it reads the renderer's sources as text (Vite's ?raw does not
// reach CSS Modules under Vitest).
// eslint-disable-next-line @typescript-eslint/no-restricted-imports
import fs from 'node:fs';
// eslint-disable-next-line @typescript-eslint/no-restricted-imports
import path from 'node:path';
import { describe, expect, test } from 'vitest';

const ROOT = import.meta.dirname;
const SOURCES: Readonly<Record<string, string>> = Object.fromEntries(
  fs
    .readdirSync(ROOT, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && /\.(?:css|ts|tsx)$/.test(e.name) && !e.name.endsWith('.test.tsx'))
    .map((e) => {
      const file = path.join(e.parentPath, e.name);
      return [`./${path.relative(ROOT, file)}`, fs.readFileSync(file, 'utf8')];
    }),
);
const TOKENS = './ui/tokens.css';

const COLOUR_LITERAL = /#[0-9a-f]{3,8}\b|\b(?:rgba?|hsla?)\(/i;
const STYLE_PROP = /\bstyle=\{/;

function offending(pattern: RegExp, files: readonly string[]): string[] {
  return files.flatMap((file) =>
    (SOURCES[file] ?? '')
      .split('\n')
      .flatMap((line, i) => (pattern.test(line) ? [`${file}:${i + 1}: ${line.trim()}`] : [])),
  );
}

describe('renderer style rules', () => {
  const files = Object.keys(SOURCES);

  test('the sweep reads the renderer, tokens included', () => {
    expect(files).toContain(TOKENS);
    expect(files).toContain('./ui/data-table/DataTable.tsx');
    expect(files.filter((f) => f.endsWith('.module.css')).length).toBeGreaterThan(10);
  });

  test('the detectors catch what they are for', () => {
    expect(COLOUR_LITERAL.test('color: #c8102e;')).toBe(true);
    expect(COLOUR_LITERAL.test('background: rgba(0, 0, 0, 0.5);')).toBe(true);
    expect(COLOUR_LITERAL.test('<a href="#content">')).toBe(false);
    expect(STYLE_PROP.test('<div style={{ height: 10 }} />')).toBe(true);
  });

  test('no colour literal outside ui/tokens.css', () => {
    expect(
      offending(
        COLOUR_LITERAL,
        files.filter((f) => f !== TOKENS),
      ),
    ).toEqual([]);
  });

  test('no style prop in any component', () => {
    expect(
      offending(
        STYLE_PROP,
        files.filter((f) => f.endsWith('.tsx')),
      ),
    ).toEqual([]);
  });
});
