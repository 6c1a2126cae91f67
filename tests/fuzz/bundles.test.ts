/**
 * Fuzzing the importer with hostile bundles, through the real bundle service and its worker
 * (with resource limits), over real workstation copies. Two attackers:
 *   without a key: any byte of a signed bundle changed, its zip structure rewritten, its
 *     envelope's JSON altered: imported with the same meaning, or rejected cleanly;
 *   a lab with its key: the signed content itself hostile (its .eval archive and JSON log
 *     mutated, its statement altered), re-signed: imported or rejected cleanly, never a crash.
 * npm run fuzz runs more cases (tests/fuzz/fuzz-settings.ts); failures found become fixtures.
 */
import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { sha256Hex, signEnvelope } from '../../main/crypto';
import { ENVELOPE, statementOf } from '../support/bundle-surgery';
import { copyDataDir } from '../support/data-dir';
import { fixtureLogs, makeBundle, makeWorkstation, type TestWorkstation } from '../support/lab';
import { rawZip } from '../support/raw-zip';
import { useTempDirs } from '../support/temp-dir';
import { rawZipEntries } from '../support/zip-entries';
import { fuzz, fuzzTimeout } from './fuzz-settings';
import { hostileImporter, type HostileImporter, type Meaning } from './import-check';
import { jsonMutation, mutateJson } from './mutate-json';
import { decodeEntries, mutateZip, zipMutation, type ZipEntry } from './mutate-zip';

const STATEMENT_PAYLOAD_TYPE = 'application/vnd.in-toto+json';
const RUNS = { keyless: 30, envelope: 15, lab: 25 };
const PER_CASE_MS = 1_500;

describe('fuzz: hostile bundles', () => {
  const tempDir = useTempDirs();
  let station: TestWorkstation;
  let bundle: Buffer;
  let entries: ZipEntry[];
  let original: Meaning;

  const fresh = () => copyDataDir(station.dataDir, tempDir());
  /** Runs `cases` against one importer, closed afterwards. */
  const withImporter = async (cases: (importer: HostileImporter) => Promise<void>) => {
    const importer = hostileImporter(fresh);
    try {
      await cases(importer);
    } finally {
      importer.close();
    }
  };
  const importOnce = async (bytes: Uint8Array) => {
    let verdict: Awaited<ReturnType<HostileImporter['run']>> | undefined;
    await withImporter(async (importer) => {
      verdict = await importer.run(bytes);
    });
    if (verdict === undefined) throw new Error('no verdict');
    return verdict;
  };
  const logName = (suffix: string) => entries.find((e) => e.name.endsWith(suffix))?.name ?? '';

  beforeAll(async () => {
    const work = fs.mkdtempSync(path.join(process.env.TMPDIR ?? '/tmp', 'desk-fuzz-'));
    station = await makeWorkstation(work);
    const logs = fixtureLogs().filter((f) => /log_formats\.(?:eval|json)$/.test(f));
    const file = await makeBundle(path.join(work, 'small.evbundle'), station.lab.unlocked, {
      logs,
    });
    bundle = fs.readFileSync(file);
    entries = decodeEntries(await rawZipEntries(file));
    const verdict = await importOnce(bundle);
    if (verdict.status !== 'imported')
      throw new Error(`the unmutated bundle was rejected: ${verdict.message}`);
    original = verdict.meaning;
  });

  /**
   * The bundle as the lab would sign it after changing entries to `changes` (the statement's
   * digests follow) and, optionally, the statement's text.
   */
  const resigned = (
    changes: ReadonlyMap<string, Buffer>,
    statementText: (text: string) => string = (text) => text,
  ): Buffer => {
    const envelope = entries.find((e) => e.name === ENVELOPE)?.data ?? Buffer.alloc(0);
    const statement = statementOf(envelope) as {
      subject: { name: string; digest: { sha256: string } }[];
    };
    for (const subject of statement.subject) {
      const changed = changes.get(subject.name);
      if (changed) subject.digest.sha256 = sha256Hex(changed);
    }
    const payload = new TextEncoder().encode(statementText(JSON.stringify(statement)));
    const signed = signEnvelope(STATEMENT_PAYLOAD_TYPE, payload, [station.lab.unlocked]);
    return rawZip(
      entries.map((e) =>
        e.name === ENVELOPE
          ? { ...e, data: Buffer.from(JSON.stringify(signed)) }
          : { ...e, data: changes.get(e.name) ?? e.data },
      ),
    );
  };

  it('the harness itself: a rebuilt archive and a re-signed statement, unchanged, import with the original meaning', async () => {
    // Else every lab case could be rejected for a bad signature and the property prove nothing.
    const rebuilt = await importOnce(rawZip(entries));
    const resignedUnchanged = await importOnce(resigned(new Map()));
    expect(rebuilt).toEqual({ status: 'imported', meaning: original });
    expect(resignedUnchanged).toEqual({ status: 'imported', meaning: original });
  });

  it('regression: the lab-signed case 334 of the first long run (fixtures/README.md), re-signed by this lab, imports or is rejected cleanly', async () => {
    const fixture = path.join(import.meta.dirname, 'fixtures/lab-signed-case-334.evbundle');
    const found = decodeEntries(await rawZipEntries(fixture));
    const envelope = statementPayload(
      found.find((e) => e.name === ENVELOPE)?.data ?? Buffer.alloc(0),
    );
    const signed = signEnvelope(STATEMENT_PAYLOAD_TYPE, envelope, [station.lab.unlocked]);
    const bytes = rawZip(
      found.map((e) =>
        e.name === ENVELOPE ? { ...e, data: Buffer.from(JSON.stringify(signed)) } : e,
      ),
    );
    await withImporter(async (importer) => {
      await importer.run(bytes);
    });
  });

  it(
    'a key-less attacker: any byte or structure change imports with the same meaning or is rejected cleanly',
    async () => {
      await withImporter(async (importer) => {
        await fuzz(
          fc.asyncProperty(zipMutation, async (mutation) => {
            const verdict = await importer.run(mutateZip(bundle, entries, mutation));
            if (verdict.status === 'imported') expect(verdict.meaning).toEqual(original);
          }),
          RUNS.keyless,
        );
      });
    },
    fuzzTimeout(RUNS.keyless, PER_CASE_MS),
  );

  it(
    'a key-less attacker: an altered envelope (types, nesting, huge strings, NaN, surrogates, duplicate keys) is rejected or means the same',
    async () => {
      const envelope = entries.find((e) => e.name === ENVELOPE)?.data.toString('utf8') ?? '';
      await withImporter(async (importer) => {
        await fuzz(
          fc.asyncProperty(jsonMutation, async (mutation) => {
            const text = mutateJson(envelope, mutation);
            const bytes = rawZip(
              entries.map((e) => (e.name === ENVELOPE ? { ...e, data: Buffer.from(text) } : e)),
            );
            const verdict = await importer.run(bytes);
            if (verdict.status === 'imported') expect(verdict.meaning).toEqual(original);
          }),
          RUNS.envelope,
        );
      });
    },
    fuzzTimeout(RUNS.envelope, PER_CASE_MS),
  );

  it(
    'a lab with its key: hostile signed content (.eval archive, JSON log, statement) is imported or rejected cleanly',
    async () => {
      const evalLog = logName('log_formats.eval');
      const jsonLog = logName('log_formats.json');
      const inner = entries.find((e) => e.name === evalLog)?.data ?? Buffer.alloc(0);
      const innerEntries = decodeEntries(await rawZipEntries(await writeTemp(tempDir(), inner)));
      const json = entries.find((e) => e.name === jsonLog)?.data.toString('utf8') ?? '';
      const hostile = fc.oneof(
        zipMutation.map((m) => resigned(new Map([[evalLog, mutateZip(inner, innerEntries, m)]]))),
        fc.tuple(fc.nat(), jsonMutation).map(([member, m]) => {
          // A JSON member of the .eval (header, a sample, the summaries) made hostile.
          const jsonMembers = innerEntries.filter((e) => e.name.endsWith('.json'));
          const target = jsonMembers[member % jsonMembers.length];
          if (target === undefined) throw new Error('the .eval has no JSON member');
          const changed = innerEntries.map((e) =>
            e === target ? { ...e, data: Buffer.from(mutateJson(e.data.toString('utf8'), m)) } : e,
          );
          return resigned(new Map([[evalLog, rawZip(changed)]]));
        }),
        jsonMutation.map((m) => resigned(new Map([[jsonLog, Buffer.from(mutateJson(json, m))]]))),
        jsonMutation.map((m) => resigned(new Map(), (text) => mutateJson(text, m))),
      );
      await withImporter(async (importer) => {
        await fuzz(
          fc.asyncProperty(hostile, async (bytes) => {
            await importer.run(bytes);
          }),
          RUNS.lab,
        );
      });
    },
    fuzzTimeout(RUNS.lab, PER_CASE_MS),
  );
});

/** The signed payload of an envelope, as bytes. */
function statementPayload(envelope: Buffer): Uint8Array {
  const { payload } = JSON.parse(envelope.toString('utf8')) as { payload: string };
  return Buffer.from(payload, 'base64');
}

async function writeTemp(dir: string, data: Buffer): Promise<string> {
  const file = path.join(dir, 'inner.zip');
  await fs.promises.writeFile(file, data);
  return file;
}
