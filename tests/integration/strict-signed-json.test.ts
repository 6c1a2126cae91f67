/**
 * Every signed payload and signed document is read strictly: a key twice in one object
 * (JSON.parse would keep the last) or a leading byte order mark is refused with a
 * sentence, and nothing is changed. One case per place such JSON enters: the bundle's
 * DSSE envelope, its in-toto statement, a roster update, a threshold set file, and the
 * public and secret key files.
 */
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { signEnvelope } from '../../main/crypto';
import { IN_TOTO_PAYLOAD_TYPE } from '../../main/in-toto';
import { openWorkspace } from '../../main/workspace';
import { ENVELOPE, readEntries, writeEntries } from '../support/bundle-surgery';
import { copyDataDir } from '../support/data-dir';
import { desk } from '../support/desk-cli';
import { dumpDatabase, makeBundle, makeWorkstation, type TestWorkstation } from '../support/lab';
import { useTempDirs } from '../support/temp-dir';

const BOM = Buffer.from([0xef, 0xbb, 0xbf]);
const BOM_REASON = 'it starts with a byte order mark (U+FEFF), which is not allowed';

/** `{"<key>":…}` becomes `{"<key>":<decoy>,"<key>":…}`: JSON.parse would read only the second. */
function duplicateFirst(json: string, key: string, decoy: string): string {
  const marker = `"${key}":`;
  const at = json.indexOf(marker);
  if (at < 0) throw new Error(`no ${key} in the JSON`);
  return `${json.slice(0, at)}${marker}${decoy},${json.slice(at)}`;
}

describe('signed JSON is read strictly', () => {
  const tempDir = useTempDirs();
  let work: string;
  let station: TestWorkstation;
  let entries: Map<string, Buffer>;

  beforeAll(async () => {
    work = fs.mkdtempSync(path.join(process.env.TMPDIR ?? '/tmp', 'desk-strict-'));
    station = await makeWorkstation(work);
    entries = await readEntries(
      await makeBundle(path.join(work, 'valid.evbundle'), station.lab.unlocked),
    );
  });

  async function importWithEnvelope(envelope: Buffer) {
    const dataDir = copyDataDir(station.dataDir, tempDir());
    const file = path.join(tempDir(), 'altered.evbundle');
    writeEntries(file, new Map([...entries, [ENVELOPE, envelope]]));
    const before = dumpDatabase(dataDir).tables;
    const result = await desk('import', '--data', dataDir, file);
    expect(result.code).toBe(1);
    // Only the rejection's own audit event and rejected-import row are written.
    expect(dumpDatabase(dataDir).tables.bundle).toEqual(before.bundle);
    return result.stdout + result.stderr;
  }

  it('refuses a bundle whose envelope has a key twice', async () => {
    const envelope = (entries.get(ENVELOPE) ?? Buffer.alloc(0)).toString('utf8');
    const doubled = duplicateFirst(envelope, 'payloadType', '"text/plain"');
    expect(JSON.parse(doubled)).toEqual(JSON.parse(envelope));
    expect(await importWithEnvelope(Buffer.from(doubled))).toContain(
      `${ENVELOPE} cannot be read: it has the key "payloadType" more than once in one object`,
    );
  });

  it('refuses a bundle whose envelope starts with a byte order mark', async () => {
    const envelope = entries.get(ENVELOPE) ?? Buffer.alloc(0);
    expect(await importWithEnvelope(Buffer.concat([BOM, envelope]))).toContain(
      `${ENVELOPE} cannot be read: ${BOM_REASON}`,
    );
  });

  it('refuses a bundle whose signed statement has a key twice, though the lab signed it', async () => {
    const envelope = JSON.parse((entries.get(ENVELOPE) ?? Buffer.alloc(0)).toString('utf8')) as {
      payload: string;
    };
    const statement = Buffer.from(envelope.payload, 'base64').toString('utf8');
    const doubled = duplicateFirst(statement, 'predicateType', '"urn:other"');
    const resigned = signEnvelope(IN_TOTO_PAYLOAD_TYPE, new TextEncoder().encode(doubled), [
      station.lab.unlocked,
    ]);
    expect(await importWithEnvelope(Buffer.from(JSON.stringify(resigned)))).toContain(
      'signed payload cannot be read: it has the key "predicateType" more than once in one object',
    );
  });

  it('refuses a roster update whose signed statement starts with a BOM or repeats a key', () => {
    const opened = openWorkspace({ dataDir: copyDataDir(station.dataDir, tempDir()) });
    try {
      const trust = opened.services.trust;
      const next = trust.propose({ thresholds: { lab: 1 } });
      const statement = JSON.stringify({
        _type: 'https://in-toto.io/Statement/v1',
        subject: [{ name: 'trust-roster', digest: { sha256: '0'.repeat(64) } }],
        predicateType: 'urn:designation-desk:trust-roster:v1',
        predicate: next,
      });
      const version = trust.view()?.version;
      for (const [payload, reason] of [
        [duplicateFirst(statement, 'version', '999'), 'has the key "version" more than once'],
        [`\ufeff${statement}`, BOM_REASON],
      ] as const) {
        const envelope = signEnvelope(IN_TOTO_PAYLOAD_TYPE, new TextEncoder().encode(payload), [
          station.root.unlocked,
        ]);
        expect(() => trust.install(envelope)).toThrow(reason);
        expect(trust.view()?.version).toBe(version);
      }
    } finally {
      opened.close();
    }
  });

  it.each([
    ['a threshold set file', 'thresholds', 'threshold set file'],
    ['a public key file', 'roster', 'public key file'],
    ['a secret key file', 'user', 'secret key file'],
  ])(
    'refuses %s with a key twice or a BOM, before anything is unlocked',
    async (_, command, what) => {
      const dataDir = copyDataDir(station.dataDir, tempDir());
      const source =
        command === 'thresholds'
          ? JSON.stringify({ type: 'designation-desk/threshold-set/v1', id: 'x', version: 1 })
          : fs.readFileSync(
              command === 'roster' ? station.reviewer.publicFile : station.reviewer.secretFile,
              'utf8',
            );
      const key = command === 'thresholds' ? 'id' : 'name';
      const cases = [
        [
          Buffer.from(duplicateFirst(source, key, '"decoy"')),
          `has the key "${key}" more than once`,
        ],
        [Buffer.concat([BOM, Buffer.from(source)]), BOM_REASON],
      ] as const;
      for (const [bytes, reason] of cases) {
        const file = path.join(tempDir(), 'input.json');
        fs.writeFileSync(file, bytes);
        const args = {
          thresholds: ['thresholds', 'import', '--file', file, '--user', 'nobody'],
          roster: ['roster', 'add', '--role', 'lab', '--key', file, '--sign-with', file],
          user: ['user', 'add', '--key', file],
        }[command];
        const before = dumpDatabase(dataDir);
        const result = await desk(...(args ?? []), '--data', dataDir);
        expect(result.code).toBe(1);
        expect(result.stderr).toContain(`The ${what} ${file} cannot be used: `);
        expect(result.stderr).toContain(reason);
        expect(result.stderr).toContain('Nothing was changed.');
        expect(dumpDatabase(dataDir)).toEqual(before);
      }
    },
  );
});
