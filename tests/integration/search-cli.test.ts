/**
 * `desk search` over a real import of the shared Inspect logs: words, not FTS syntax; one
 * hit per line with where it is; filters by model and benchmark; hostile queries answered.
 */
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { desk } from '../support/desk-cli';
import { makeBundle, makeWorkstation, type TestWorkstation } from '../support/lab';

describe('desk search', () => {
  let s: TestWorkstation;

  beforeAll(async () => {
    const work = fs.mkdtempSync(path.join(process.env.TMPDIR ?? '/tmp', 'desk-search-'));
    s = await makeWorkstation(work);
    const bundle = await makeBundle(path.join(work, 'all.evbundle'), s.lab.unlocked);
    expect((await desk('import', '--data', s.dataDir, bundle)).code).toBe(0);
  });

  const search = (...args: string[]) => desk('search', '--data', s.dataDir, ...args);

  it('finds the one transcript that holds some words, and says where, one hit per line', async () => {
    // doomla_solved.eval's transcript: "Accessing VPN server and reading flag...". The first
    // message holding all three words is the john tool output, messages[3] in the log.
    const r = await search('accessing', 'VPN', 'server');
    expect(r.code, r.stderr).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      /^Acme AI\/frontier-1@2026-10 {2}all\.evbundle {2}logs\/doomla_solved\.eval {2}sample "doomla \(solution\)" epoch 1 message 4: .*«Accessing» «VPN» «server»/,
    );
    const json = JSON.parse((await search('accessing', 'VPN', 'server', '--json')).stdout) as {
      hits: { messageIndex: number | null }[];
    };
    expect(json.hits.map((h) => h.messageIndex)).toEqual([3]);
  });

  it('narrows by benchmark and model, and as JSON gives the same hits', async () => {
    const all = JSON.parse((await search('nmap', '--json')).stdout) as { hits: { task: string }[] };
    expect(all.hits.length).toBeGreaterThan(1);
    expect(all.hits.every((h) => h.task === 'doomla')).toBe(true);
    const none = await search('nmap', '--benchmark', 'popularity');
    expect(none.stdout).toBe('No transcript matches.\n');
    const other = await search('nmap', '--model', 'Acme AI/frontier-1@2099-01');
    expect(other.stdout).toBe('No transcript matches.\n');
    const limited = JSON.parse((await search('nmap', '--limit', '1', '--json')).stdout) as {
      hits: unknown[];
    };
    expect(limited.hits).toHaveLength(1);
  });

  it('--filter keeps the samples a samples-grid filter selects, and refuses one it cannot read', async () => {
    const solved = JSON.parse(
      (await search('nmap', '--filter', 'includes == "C"', '--json')).stdout,
    ) as { hits: { logPath: string }[] };
    expect(solved.hits.map((h) => h.logPath)).toEqual(['logs/doomla_solved.eval']);
    const bad = await search('nmap', '--filter', 'has_limit and');
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('Nothing was searched.');
  });

  it('takes FTS syntax and hostile text as words, never as an error, and echoes no control character', async () => {
    for (const query of [
      '"',
      'a OR b',
      'NEAR(x y)',
      '*',
      '-nmap',
      '\u001b[2J nmap',
      "') OR 1=1 --",
    ]) {
      const r = await search('--', query);
      expect(r.code, `${query}: ${r.stderr}`).toBe(0);
      expect(r.stdout + r.stderr).not.toContain('\u001b');
    }
    const tooLong = await search('x'.repeat(501));
    expect(tooLong.code).not.toBe(0);
    expect(tooLong.stderr).toContain('A search is at most 500 characters.');
    const bad = await search('nmap', '--limit', '0');
    expect(bad.stderr).toContain('The number of hits must be 1 to 1000.');
  });
});
