import { beforeAll, describe, expect, it } from 'vitest';
import { TASK_REFERENCE_TYPE } from '../../common/tasks';
import {
  generateKeyPair,
  initCrypto,
  keyIdOf,
  sha256Hex,
  unlockedKeyFrom,
  type UnlockedKey,
} from '../crypto';
import { parseTaskReference } from './parse-document';
import {
  canonicalReference,
  checkStoredVersion,
  rowsProblem,
  signReference,
  taskRowsOf,
  verifyStoredReference,
} from './signed-reference';

/** The example of docs/formats.md, "Task reference (v1)". */
const EXAMPLE = {
  type: TASK_REFERENCE_TYPE,
  id: 'cyber-times',
  version: 1,
  name: 'Cyber task human times',
  benchmarks: [
    {
      benchmark: 'cybench',
      tasks: [
        {
          taskId: 'avatar',
          minutes: 84,
          family: 'misc',
          source: 'first-solve',
          sourceNote: 'the competition scoreboard',
        },
        { taskId: 'dynastic', minutes: 9, family: 'crypto', source: 'first-solve' },
      ],
    },
  ],
};

async function key(name: string): Promise<UnlockedKey> {
  const pair = await generateKeyPair();
  return unlockedKeyFrom(
    { name, keyid: keyIdOf(pair.publicKey), publicKey: pair.publicKey },
    pair.secretKey,
  );
}

describe('signed task references', () => {
  let signer: UnlockedKey;
  let stranger: UnlockedKey;
  beforeAll(async () => {
    await initCrypto();
    [signer, stranger] = await Promise.all([key('alex'), key('mallory')]);
  });

  const stored = () => {
    const document = parseTaskReference(EXAMPLE);
    const signed = signReference(document, signer);
    return {
      document,
      row: {
        referenceId: 'cyber-times',
        version: 1,
        ...signed,
        signerKeyid: signer.keyid,
        importedAt: '2026-12-01T00:00:00.000Z',
      },
    };
  };

  it('has the documented canonical document and digest', () => {
    const canonical = canonicalReference(parseTaskReference(EXAMPLE));
    expect(canonical).toBe(
      '{"benchmarks":[{"benchmark":"cybench","tasks":[{"family":"misc","minutes":84,"source":"first-solve","sourceNote":"the competition scoreboard","taskId":"avatar"},{"family":"crypto","minutes":9,"source":"first-solve","taskId":"dynastic"}]}],"id":"cyber-times","name":"Cyber task human times","notes":"","type":"designation-desk/task-reference/v1","version":1}',
    );
    expect(sha256Hex(new TextEncoder().encode(canonical))).toBe(
      '966242d13b515ba71e04351da6dc37c04ef8105d081716310a215249b0af4707',
    );
    expect(stored().row.digest).toBe(
      '966242d13b515ba71e04351da6dc37c04ef8105d081716310a215249b0af4707',
    );
  });

  it('verifies against the signer, and against no other key', () => {
    const { row, document } = stored();
    expect(verifyStoredReference(row, [stranger, signer])).toEqual({ ok: true, document });
    expect(verifyStoredReference(row, [stranger])).toEqual({
      ok: false,
      problem: 'its signature is not valid for any authority or reviewer key of the trust roster',
    });
    // The signature is over this id and version: the same document under another is refused.
    expect(verifyStoredReference({ ...row, version: 2 }, [signer])).toMatchObject({
      ok: false,
      problem: 'its document is another reference or version',
    });
  });

  it('checks every stored task row against the signed document', () => {
    const { row, document } = stored();
    const rows = taskRowsOf(document);
    expect(rows).toEqual([
      {
        benchmark: 'cybench',
        taskId: 'avatar',
        minutes: 84,
        family: 'misc',
        source: 'first-solve',
      },
      {
        benchmark: 'cybench',
        taskId: 'dynastic',
        minutes: 9,
        family: 'crypto',
        source: 'first-solve',
      },
    ]);
    expect(checkStoredVersion(row, [...rows].reverse(), [signer])).toEqual({ ok: true, document });
    const [avatar, dynastic] = rows;
    if (avatar === undefined || dynastic === undefined) throw new Error('no rows');
    expect(rowsProblem(rows, [avatar])).toBe(
      "1 of its task rows is not the signed document's (changed, added or removed)",
    );
    expect(
      rowsProblem(rows, [
        { ...avatar, family: 'web' },
        { ...dynastic, source: 'estimate' },
        { ...dynastic, taskId: 'extra' },
      ]),
    ).toBe("3 of its task rows are not the signed document's (changed, added or removed)");
    expect(checkStoredVersion(row, [{ ...avatar, minutes: 8.4 }, dynastic], [signer])).toEqual({
      ok: false,
      problem: "1 of its task rows is not the signed document's (changed, added or removed)",
    });
  });
});
