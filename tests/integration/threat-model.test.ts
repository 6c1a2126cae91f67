/**
 * docs/threat-model.md cites a test for every mitigation: each cited file must exist and
 * hold each test name quoted beside it (up to an ellipsis), so the document cannot claim a
 * test that was renamed or removed.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const repo = path.resolve(import.meta.dirname, '../..');
const doc = fs.readFileSync(path.join(repo, 'docs/threat-model.md'), 'utf8');

/** Every (file, name) the document cites: a `path` followed, in its clause, by "names". */
function citations(text: string): { file: string; names: string[] }[] {
  const found: { file: string; names: string[] }[] = [];
  for (const clause of text.split(/[;|\n]/)) {
    const files = [
      ...clause.matchAll(
        /`((?:tests|main|common|db)\/[^`]+\.(?:test|spec)\.ts|tests\/[^`]+\.ts)`/g,
      ),
    ];
    for (const [i, match] of files.entries()) {
      const end = files[i + 1]?.index ?? clause.length;
      const names = [...clause.slice(match.index, end).matchAll(/"([^"]+)"/g)].map(
        (n) => (n[1] ?? '').split('…')[0]?.trim() ?? '',
      );
      found.push({ file: match[1] ?? '', names: names.filter((n) => n.length > 0) });
    }
  }
  return found;
}

describe('the threat model cites tests that exist', () => {
  const cited = citations(doc);

  it('cites tests', () => {
    expect(cited.length).toBeGreaterThan(30);
    expect(cited.some((c) => c.names.length > 0)).toBe(true);
  });

  it.each(cited.map((c) => [c.file, c] as const))('%s holds the tests cited', (_file, c) => {
    const file = path.join(repo, c.file);
    expect(fs.existsSync(file), `${c.file} exists`).toBe(true);
    const source = fs.readFileSync(file, 'utf8');
    for (const name of c.names) expect(source, `${c.file}: "${name}"`).toContain(name);
  });
});
