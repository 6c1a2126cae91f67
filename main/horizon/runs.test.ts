import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DeskError } from '../../common/errors';
import { useTempDirs } from '../../tests/support/temp-dir';
import { readRunsFile } from './runs';

const LINE = {
  run_id: 'r1',
  task_id: 'crypto/t1',
  task_family: 'crypto',
  task_source: 'HCAST',
  agent: 'agent-x',
  alias: 'Model X',
  human_minutes: 12.5,
  score_binarized: 1,
  score_cont: 0.8,
};

describe('readRunsFile', () => {
  const tempDir = useTempDirs();
  const write = (lines: readonly (object | string)[], name = 'runs.jsonl') => {
    const file = path.join(tempDir(), name);
    const text = lines.map((l) => (typeof l === 'string' ? l : JSON.stringify(l))).join('\n');
    fs.writeFileSync(file, text);
    return file;
  };
  const refusal = async (promise: Promise<unknown>) => {
    const error: unknown = await promise.then(
      () => null,
      (e: unknown) => e,
    );
    if (!(error instanceof DeskError))
      throw new Error(`expected a DeskError, got ${String(error)}`);
    return { code: error.code, message: error.message };
  };

  it('groups runs by alias (else agent) and keeps only the fields the analysis uses', async () => {
    const file = write([
      LINE,
      '',
      { ...LINE, task_id: 'crypto/t2', human_minutes: 60, score_binarized: 0 },
      { ...LINE, alias: null, agent: 'agent-y', score_binarized: undefined, score_cont: 0.25 },
      '   \r',
    ]);
    expect(await readRunsFile(file, 'invsqrt')).toEqual([
      {
        agent: 'Model X',
        weightColumn: null,
        runs: [
          { taskId: 'crypto/t1', family: 'crypto', minutes: 12.5, score: 1 },
          { taskId: 'crypto/t2', family: 'crypto', minutes: 60, score: 0 },
        ],
      },
      {
        agent: 'agent-y',
        weightColumn: null,
        runs: [{ taskId: 'crypto/t1', family: 'crypto', minutes: 12.5, score: 0.25 }],
      },
    ]);
  });

  it("takes the weighting's own weight column, else weight, else none", async () => {
    const file = write([
      { ...LINE, equal_task_weight: 0.5, invsqrt_task_weight: 0.7, weight: 3 },
      {
        ...LINE,
        task_id: 'crypto/t2',
        equal_task_weight: 0.5,
        invsqrt_task_weight: 0.3,
        weight: 1,
      },
    ]);
    const invsqrt = await readRunsFile(file, 'invsqrt');
    expect(invsqrt[0]?.weightColumn).toBe('invsqrt_task_weight');
    expect(invsqrt[0]?.runs.map((r) => r.weight)).toEqual([0.7, 0.3]);
    const equal = await readRunsFile(file, 'equal');
    expect(equal[0]?.weightColumn).toBe('equal_task_weight');
    expect(equal[0]?.runs.map((r) => r.weight)).toEqual([0.5, 0.5]);
    const generic = write([
      { ...LINE, weight: 3 },
      { ...LINE, task_id: 'crypto/t2', weight: 1 },
    ]);
    expect((await readRunsFile(generic, 'equal'))[0]?.weightColumn).toBe('weight');
  });

  it.each([
    [{ ...LINE, human_minutes: 0 }, "line 2's human_minutes must be more than 0"],
    [{ ...LINE, human_minutes: -3 }, "line 2's human_minutes must be more than 0"],
    [{ ...LINE, human_minutes: '5' }, "line 2's human_minutes must be a number"],
    [
      '{"task_id":"t","task_family":"f","agent":"a","human_minutes":1e999,"score_cont":1}',
      "line 2's human_minutes must be a number",
    ],
    [{ ...LINE, score_binarized: 0.5 }, "line 2's score_binarized must be 0 or 1"],
    [
      { ...LINE, score_binarized: undefined, score_cont: 1.2 },
      "line 2's score_cont must be at most 1",
    ],
    [
      { ...LINE, score_binarized: undefined, score_cont: -0.1 },
      "line 2's score_cont must be at least 0",
    ],
    [
      { ...LINE, score_binarized: undefined, score_cont: undefined },
      "line 2's score_binarized is missing (a run has score_binarized or score_cont)",
    ],
    [{ ...LINE, task_id: undefined }, "line 2's task_id is missing"],
    [{ ...LINE, task_id: '' }, "line 2's task_id must not be empty"],
    [{ ...LINE, task_family: 7 }, "line 2's task_family must be text"],
    [
      { ...LINE, agent: undefined, alias: undefined },
      "line 2's agent is missing (a run names its agent or alias)",
    ],
    [{ ...LINE, invsqrt_task_weight: -1 }, "line 2's invsqrt_task_weight must be at least 0"],
    ['[1, 2]', 'line 2 must be a JSON object'],
    ['{"task_id": "a", ', 'line 2 cannot be read: it is not JSON'],
    [
      '{"task_id": "a", "task_id": "b"}',
      'line 2 cannot be read: it has the key "task_id" more than once in one object',
    ],
  ])('refuses a bad line, naming it and its field: %j', async (bad, why) => {
    const file = write([LINE, bad, LINE]);
    expect(await refusal(readRunsFile(file, 'invsqrt'))).toEqual({
      code: 'INVALID_ARGUMENT',
      message: `The runs file ${file} cannot be used: ${why}. Nothing was written.`,
    });
  });

  it('refuses a task in two families and a weight column on only some of an agent’s runs', async () => {
    const moved = write([LINE, { ...LINE, task_family: 'web' }]);
    expect((await refusal(readRunsFile(moved, 'invsqrt'))).message).toContain(
      'line 2 puts task "crypto/t1" in family "web", but line 1 puts it in "crypto"',
    );
    const partial = write([
      { ...LINE, invsqrt_task_weight: 0.5 },
      { ...LINE, task_id: 'crypto/t2' },
    ]);
    expect((await refusal(readRunsFile(partial, 'invsqrt'))).message).toContain(
      'line 2 has no invsqrt_task_weight, but line 1 (the same agent, "Model X") has one',
    );
    const zero = write([{ ...LINE, weight: 0 }]);
    expect((await refusal(readRunsFile(zero, 'invsqrt'))).message).toContain(
      'every weight of agent "Model X" is 0',
    );
  });

  it('caps the file and each line, and refuses what is not a readable regular file', async () => {
    const file = write([LINE, LINE, LINE]);
    const size = fs.statSync(file).size;
    expect(
      await refusal(readRunsFile(file, 'equal', { maxBytes: size - 1, maxLineBytes: 1000 })),
    ).toEqual({
      code: 'FILE_NOT_FOUND',
      message: `The runs file ${file} cannot be read: the file is ${size} bytes, more than the ${size - 1} a runs file may be. Nothing was written.`,
    });
    const long = write([LINE, { ...LINE, note: 'x'.repeat(2000) }]);
    expect(
      (await refusal(readRunsFile(long, 'equal', { maxBytes: 1e6, maxLineBytes: 1000 }))).message,
    ).toBe(
      `The runs file ${long} cannot be used: line 2 is longer than 1000 bytes. Nothing was written.`,
    );
    // A line longer than the read chunk (1 MiB) is refused too, before it is all buffered.
    const huge = write([LINE, `{"x":"${'y'.repeat(3 * 1024 * 1024)}"}`]);
    expect((await refusal(readRunsFile(huge, 'equal'))).message).toContain(
      'line 2 is longer than 1048576 bytes',
    );
    const missing = path.join(tempDir(), 'none.jsonl');
    expect((await refusal(readRunsFile(missing, 'equal'))).message).toBe(
      `The runs file ${missing} cannot be read: the file does not exist. Nothing was written.`,
    );
    expect((await refusal(readRunsFile(tempDir(), 'equal'))).message).toMatch(/is a directory/);
    expect((await refusal(readRunsFile(write(['', '  ']), 'equal'))).message).toMatch(
      /it has no runs/,
    );
  });

  it('reads lines that straddle read chunks', async () => {
    // 3,000 lines of about 400 bytes: several 1 MiB reads, each ending mid-line.
    const lines = Array.from({ length: 3000 }, (_, i) => ({
      ...LINE,
      task_id: `crypto/t${i}`,
      padding: 'p'.repeat(300 + (i % 7)),
    }));
    const runs = await readRunsFile(write(lines), 'equal');
    expect(runs[0]?.runs.map((r) => r.taskId)).toEqual(lines.map((l) => l.task_id));
  });
});
