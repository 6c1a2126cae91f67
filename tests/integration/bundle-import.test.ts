/**
 * Importing signed result bundles of the real Inspect logs in ../shared/fixtures/inspect,
 * through the `desk` CLI in-process, over a real workstation (SQLite file, evidence store).
 */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  ENVELOPE,
  readEntries,
  signStatement,
  statementOf,
  writeEntries,
} from '../support/bundle-surgery';
import {
  dumpDatabase,
  fixtureLogs,
  makeBundle,
  makeKey,
  makeWorkstation,
  type TestWorkstation,
} from '../support/lab';
import { copyDataDir } from '../support/data-dir';
import { inspectHeaders } from '../support/inspect-headers';
import { snapshotTree, useTempDirs } from '../support/temp-dir';
import { desk } from '../support/desk-cli';

describe('bundle import', () => {
  const tempDir = useTempDirs();
  let work: string;
  let station: TestWorkstation;
  let valid: string;
  let entries: Map<string, Buffer>;

  beforeAll(async () => {
    work = fs.mkdtempSync(path.join(process.env.TMPDIR ?? '/tmp', 'desk-import-'));
    station = await makeWorkstation(work);
    valid = await makeBundle(path.join(work, 'valid.evbundle'), station.lab.unlocked);
    entries = await readEntries(valid);
  });

  const freshStation = () => copyDataDir(station.dataDir, tempDir());

  it('imports a bundle of every fixture log; desk bundles shows what Inspect recorded in each header', async () => {
    const dataDir = freshStation();
    const imported = await desk('import', '--data', dataDir, valid);
    expect(imported.stderr).toBe('');
    expect(imported.code).toBe(0);
    expect(imported.stdout).toMatch(
      /Bundle "valid\.evbundle" imported: Acme AI\/frontier-1@2026-10/,
    );

    const listed = await desk('bundles', '--data', dataDir, '--json');
    const { bundles } = JSON.parse(listed.stdout) as {
      bundles: {
        logs: {
          path: string;
          samples: number;
          totalSamples: number | null;
          metrics: {
            scorer: string;
            metric: string;
            claimed: number | null;
            recomputed: number | null;
            status: string;
          }[];
        }[];
      }[];
    };
    expect(bundles).toHaveLength(1);
    const logs = bundles[0]?.logs ?? [];
    const headers = await inspectHeaders(fixtureLogs());
    expect(logs.map((l) => path.basename(l.path)).sort()).toEqual([...headers.keys()].sort());
    for (const log of logs) {
      const header = headers.get(path.basename(log.path));
      if (header === undefined) throw new Error(`no header for ${log.path}`);
      expect(log.samples, `${log.path} samples`).toBe(header.samples);
      for (const [key, value] of Object.entries(header.metrics)) {
        const [scorer, metric] = key.split('/');
        const row = log.metrics.find((m) => m.scorer === scorer && m.metric === metric);
        expect(row, `${log.path} ${key}`).toBeDefined();
        if (value === null) expect(row?.claimed).toBeNull();
        else expect(row?.claimed, `${log.path} ${key}`).toBeCloseTo(value, 12);
        if (row?.status !== 'not-recomputable' && value !== null) {
          expect(row?.recomputed, `${log.path} ${key} recomputed`).toBeCloseTo(value, 9);
        }
      }
    }
    const names = logs.map((l) => path.basename(l.path));
    expect(names).toContain('ais-decoder_zstd.eval');
    expect(names).toContain('doomla_3epochs.eval');
  });

  it('importing the same bundle twice changes nothing and says so', async () => {
    const dataDir = freshStation();
    expect((await desk('import', '--data', dataDir, valid)).code).toBe(0);
    const before = dumpDatabase(dataDir);
    const again = await desk('import', '--data', dataDir, valid);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('was already imported as bundle 1; nothing was changed.');
    expect(dumpDatabase(dataDir)).toEqual(before);
  });

  const stranger = () => makeKey(tempDir(), 'stranger');
  const log = () => [...entries.keys()].find((n) => n.endsWith('log_formats.eval')) ?? '';

  const cases: [string, () => string | Promise<string>, RegExp][] = [
    [
      'unsigned',
      () =>
        writeEntries(
          path.join(tempDir(), 'b.evbundle'),
          [...entries].filter(([n]) => n !== ENVELOPE),
        ),
      /has no envelope\.dsse\.json, so it is unsigned/,
    ],
    [
      'signed by an unknown key',
      async () => {
        const e = new Map(entries);
        e.set(
          ENVELOPE,
          signStatement(statementOf(entries.get(ENVELOPE) ?? Buffer.alloc(0)), [
            (await stranger()).unlocked,
          ]),
        );
        return writeEntries(path.join(tempDir(), 'b.evbundle'), e);
      },
      /signature/i,
    ],
    [
      'signed by a reviewer key, not a lab key',
      () => {
        const e = new Map(entries);
        e.set(
          ENVELOPE,
          signStatement(statementOf(entries.get(ENVELOPE) ?? Buffer.alloc(0)), [
            station.reviewer.unlocked,
          ]),
        );
        return writeEntries(path.join(tempDir(), 'b.evbundle'), e);
      },
      /signature/i,
    ],
    [
      'one byte of a log changed',
      () => {
        const e = new Map(entries);
        const bytes = Buffer.from(e.get(log()) ?? Buffer.alloc(0));
        const middle = Math.floor(bytes.length / 2);
        bytes.writeUInt8(bytes.readUInt8(middle) ^ 0x01, middle);
        e.set(log(), bytes);
        return writeEntries(path.join(tempDir(), 'b.evbundle'), e);
      },
      /does not match its signed digest/,
    ],
    [
      'an extra file',
      () =>
        writeEntries(path.join(tempDir(), 'b.evbundle'), [
          ...entries,
          ['logs/smuggled.eval', Buffer.from('x')],
        ]),
      /"logs\/smuggled\.eval", which the signed statement does not list/,
    ],
    [
      'a missing file',
      () =>
        writeEntries(
          path.join(tempDir(), 'b.evbundle'),
          [...entries].filter(([n]) => n !== log()),
        ),
      /which the bundle does not hold/,
    ],
    [
      'a ../ entry',
      () =>
        writeEntries(path.join(tempDir(), 'b.evbundle'), [
          ...entries,
          ['../evil.sh', Buffer.from('x')],
        ]),
      /"\.\.\/evil\.sh" climbs out of the archive/,
    ],
    [
      'an absolute entry',
      () =>
        writeEntries(path.join(tempDir(), 'b.evbundle'), [
          ...entries,
          ['/etc/cron.d/evil', Buffer.from('x')],
        ]),
      /"\/etc\/cron\.d\/evil" is an absolute path/,
    ],
    [
      'a duplicate entry',
      () =>
        writeEntries(path.join(tempDir(), 'b.evbundle'), [
          ...[...entries].map(([name, data]) => ({ name, data })),
          { name: log(), data: Buffer.from('x') },
        ]),
      /appears twice/,
    ],
    [
      'a symlink entry',
      () =>
        writeEntries(path.join(tempDir(), 'b.evbundle'), [
          ...[...entries].map(([name, data]) => ({ name, data })),
          { name: 'logs/link', data: Buffer.from('/etc/passwd'), unixMode: 0o120777 },
        ]),
      /"logs\/link" is a symbolic link/,
    ],
    [
      'a zip bomb',
      () =>
        writeEntries(path.join(tempDir(), 'b.evbundle'), [
          ...[...entries].map(([name, data]) => ({ name, data })),
          { name: 'logs/bomb.json', data: Buffer.alloc(200 * 1024 * 1024), method: 8 },
        ]),
      /inflates \d+-fold, more than the 200-fold limit/,
    ],
    [
      'a truncated file',
      () => {
        const file = path.join(tempDir(), 'b.evbundle');
        const bytes = fs.readFileSync(valid);
        fs.writeFileSync(file, bytes.subarray(0, Math.floor(bytes.length * 0.7)));
        return file;
      },
      /it is truncated or damaged: it begins as a zip archive but has no end record/,
    ],
    [
      'not a zip at all',
      () => {
        const file = path.join(tempDir(), 'b.evbundle');
        fs.writeFileSync(file, 'This is a memo, not a bundle.\n'.repeat(100));
        return file;
      },
      /it is not a zip archive \(a bundle is one\), nor the start of one/,
    ],
    [
      'an envelope whose payload type is not in-toto',
      () => {
        const e = new Map(entries);
        e.set(
          ENVELOPE,
          signStatement(
            statementOf(entries.get(ENVELOPE) ?? Buffer.alloc(0)),
            [station.lab.unlocked],
            'application/json',
          ),
        );
        return writeEntries(path.join(tempDir(), 'b.evbundle'), e);
      },
      /payload type/i,
    ],
    [
      'a statement of the wrong predicate type',
      () => {
        const e = new Map(entries);
        const statement = {
          ...statementOf(entries.get(ENVELOPE) ?? Buffer.alloc(0)),
          predicateType: 'https://slsa.dev/provenance/v1',
        };
        e.set(ENVELOPE, signStatement(statement, [station.lab.unlocked]));
        return writeEntries(path.join(tempDir(), 'b.evbundle'), e);
      },
      /predicate type is "https:\/\/slsa\.dev\/provenance\/v1"/,
    ],
  ];

  it.each(cases)(
    'rejects a bundle with %s: exit 1, one sentence, nothing changed but one audit entry',
    async (_name, build, reason) => {
      const dataDir = freshStation();
      const file = await build();
      const before = dumpDatabase(dataDir);
      const store = snapshotTree(path.join(dataDir, 'evidence'));
      const result = await desk('import', '--data', dataDir, file);
      expect(result.code).toBe(1);
      const lines = result.stderr.trim().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(
        /^desk: Bundle "b\.evbundle" was rejected: .+\. Nothing was imported\.$/,
      );
      expect(lines[0]).toMatch(reason);
      const after = dumpDatabase(dataDir);
      expect(after.tables).toEqual(before.tables);
      expect(after.auditCount).toBe(before.auditCount + 1);
      expect(snapshotTree(path.join(dataDir, 'evidence'))).toEqual(store);
      expect(fs.readdirSync(path.join(dataDir, 'staging'))).toEqual([]);
      const rejected = JSON.parse((await desk('bundles', '--data', dataDir, '--json')).stdout) as {
        rejected: { file: string; reason: string }[];
      };
      expect(rejected.rejected.at(-1)).toMatchObject({
        file: 'b.evbundle',
        reason: expect.stringMatching(reason) as string,
      });
    },
  );

  it('the zip bomb in the test really is one (guards against a vacuous pass)', () => {
    expect(zlib.deflateRawSync(Buffer.alloc(200 * 1024 * 1024)).length).toBeLessThan(1024 * 1024);
  });
});
