/* eslint-disable no-control-regex -- these tests look for raw control characters */
/**
 * A file name is the attacker's text: on Linux it may hold ESC, CR, LF, BEL and bidi
 * controls, and rejection sentences quote it. Through the `desk` CLI and into the audit
 * log, none of them may arrive raw: each shows as a visible \u{…} escape.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { beforeAll, describe, expect, it } from 'vitest';
import { copyDataDir } from '../support/data-dir';
import { desk } from '../support/desk-cli';
import { makeWorkstation, type TestWorkstation } from '../support/lab';
import { useTempDirs } from '../support/temp-dir';

// ESC clears the screen, CR returns to the line start, LF forges a new line, BEL rings,
// U+202E reverses what follows, U+0085 is a C1 line break.
const HOSTILE_NAME = 'x\u001b[2J\r\ndesk: Bundle "ok" imported\u0007\u202eelbnuvbe.\u0085.evbundle';
const RAW = /[\u001b\r\u0007\u202e\u0085]|\n(?!$)(?=desk: Bundle "ok")/;

function auditRows(dataDir: string): { actor: string | null; summary: string; details: string }[] {
  const db = new Database(path.join(dataDir, 'desk.sqlite3'), { readonly: true });
  try {
    return db
      .prepare<[], { actor: string | null; summary: string; details: string }>(
        'SELECT actor, summary, details FROM audit_event ORDER BY seq',
      )
      .all();
  } finally {
    db.close();
  }
}

describe('hostile names in terminal output and the audit log', () => {
  const tempDir = useTempDirs();
  let station: TestWorkstation;

  beforeAll(async () => {
    station = await makeWorkstation(
      fs.mkdtempSync(path.join(process.env.TMPDIR ?? '/tmp', 'desk-inject-')),
    );
  });

  it.each([['import'], ['bundle verify']])(
    'desk %s prints the name escaped, on one line',
    async (command) => {
      const dataDir = copyDataDir(station.dataDir, tempDir());
      const file = path.join(tempDir(), HOSTILE_NAME);
      fs.writeFileSync(file, 'not a zip');
      for (const json of [[], ['--json']]) {
        const result = await desk(...command.split(' '), '--data', dataDir, file, ...json);
        expect(result.code).toBe(1);
        const output = result.stdout + result.stderr;
        expect(output).toContain('\\u{001B}[2J\\u{000D}\\u{000A}desk: Bundle');
        expect(output).not.toMatch(RAW);
        for (const line of result.stderr.split('\n').filter(Boolean)) {
          expect(line.startsWith('desk: ')).toBe(true);
        }
        if (json.length > 0) {
          const parsed = JSON.parse(result.stdout.trim().split('\n').at(-1) ?? '') as object;
          // The same name, as JSON escapes: nothing lost, nothing raw.
          expect(JSON.stringify(parsed)).toContain(JSON.stringify(HOSTILE_NAME).slice(1, -1));
        }
      }
    },
  );

  it('the audit log stores the rejection with every unsafe character escaped', async () => {
    const dataDir = copyDataDir(station.dataDir, tempDir());
    const file = path.join(tempDir(), HOSTILE_NAME);
    fs.writeFileSync(file, 'not a zip');
    await desk('import', '--data', dataDir, file);
    const rejected = auditRows(dataDir).at(-1);
    expect(rejected?.summary).toContain('\\u{001B}[2J\\u{000D}\\u{000A}desk: Bundle');
    for (const row of auditRows(dataDir)) {
      expect(row.summary).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
      expect(JSON.stringify(JSON.parse(row.details))).not.toMatch(/[\u007f-\u009f\u202a-\u202e]/);
      expect(row.details).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e]/);
    }
  });
});
