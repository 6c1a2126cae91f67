import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../../tests/support/temp-dir';
import { HORIZON_HELP } from '../cli/commands/horizon';
import { runDesk } from '../cli/run';
import type { HorizonRun } from './run';
import { hashUnit, referenceFit, syntheticRuns } from '../../tests/support/horizon-testkit';

async function desk(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runDesk(argv, { stdout: (t) => out.push(t), stderr: (t) => err.push(t) });
  return { code, stdout: out.join(''), stderr: err.join('') };
}

// Agent A has no weight column (the engine computes invsqrt weights); agent B's runs carry
// invsqrt_task_weight values of their own, and a name with an ESC in it.
const RUNS_A = syntheticRuns(30, true);
const RUNS_B = syntheticRuns(24);
const B_WEIGHTS = RUNS_B.map((_, i) => 0.5 + hashUnit(5000 + i));
const B_NAME = 'agent-b\u001b[31m';

function metrLines(): string {
  const line = (run: HorizonRun, i: number, fields: object) =>
    JSON.stringify({
      run_id: `run-${i}`,
      task_id: run.taskId,
      task_family: run.family,
      task_source: 'synthetic',
      human_minutes: run.minutes,
      // METR's files have both scores; score_binarized is the one fitted.
      ...(Number.isInteger(run.score) ? { score_binarized: run.score } : { score_cont: run.score }),
      ...fields,
    });
  return [
    ...RUNS_A.map((run, i) => line(run, i, { agent: 'a-scaffold', alias: 'Model A' })),
    ...RUNS_B.map((run, i) =>
      line(run, 1000 + i, { agent: B_NAME, invsqrt_task_weight: B_WEIGHTS[i] }),
    ),
  ].join('\n');
}

/** METR's invsqrt weights, written out again: 1 / (runs of the task · √(tasks in the family)). */
function invsqrtWeights(runs: readonly HorizonRun[]): number[] {
  const raw = runs.map((run) => {
    const runsOfTask = runs.filter((r) => r.taskId === run.taskId).length;
    const tasksOfFamily = new Set(runs.filter((r) => r.family === run.family).map((r) => r.taskId))
      .size;
    return 1 / (runsOfTask * Math.sqrt(tasksOfFamily));
  });
  const total = raw.reduce((a, b) => a + b, 0);
  return raw.map((w) => w / total);
}

function expected(runs: readonly HorizonRun[], weights: readonly number[]) {
  const total = weights.reduce((a, b) => a + b, 0);
  const fit = referenceFit(
    runs.map((run, i) => ({
      x: Math.log2(run.minutes),
      y: run.score,
      w: (weights[i] ?? 0) / total,
    })),
    0.1,
  );
  return {
    ...fit,
    p50: 2 ** (-fit.intercept / fit.coefficient),
    p80: 2 ** ((Math.log(0.8 / 0.2) - fit.intercept) / fit.coefficient),
  };
}

const EXPECTED_A = expected(RUNS_A, invsqrtWeights(RUNS_A));
const EXPECTED_B = expected(RUNS_B, B_WEIGHTS);

/** The number after `label` on the agent's block of the text output. */
function printed(block: string, label: string): number {
  const match = new RegExp(`${label}\\s+(-?[0-9.e+-]+)`).exec(block);
  if (match?.[1] === undefined) throw new Error(`no ${label} in ${block}`);
  return Number(match[1]);
}

function expectRelative(actual: number, wanted: number, tolerance: number) {
  expect(Math.abs(actual - wanted)).toBeLessThanOrEqual(tolerance * Math.abs(wanted));
}

describe('desk horizon', () => {
  const tempDir = useTempDirs();
  const runsFile = (text = metrLines()) => {
    const file = path.join(tempDir(), 'runs.jsonl');
    fs.writeFileSync(file, text);
    return file;
  };

  it('prints each agent’s coefficient, intercept and horizons, as computed independently', async () => {
    const file = runsFile();
    const result = await desk('horizon', '--runs', file, '--bootstrap', '200', '--seed', '7');
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    const [header, blockA, blockB] = result.stdout.split(/\n(?=\S)/);
    expect(header).toBe(
      `Time horizons in ${file}: weighting invsqrt, regularization 0.1; intervals: 95% percentile of 200 hierarchical bootstrap resamples (seed 7).`,
    );
    expect(blockA).toMatch(
      new RegExp(`^Model A: ${RUNS_A.length} runs, \\d+ tasks, 30 families; weights computed\n`),
    );
    // The ESC of agent B's name is shown escaped, never sent to the terminal.
    expect(blockB).toMatch(
      /^agent-b\\u\{001B\}\[31m: \d+ runs, \d+ tasks, 24 families; weights from invsqrt_task_weight\n/,
    );
    expect(result.stdout).not.toContain('\u001b');
    for (const [block, want] of [
      [blockA ?? '', EXPECTED_A],
      [blockB ?? '', EXPECTED_B],
    ] as const) {
      // Six significant digits are printed.
      expectRelative(printed(block, 'coefficient β₁'), want.coefficient, 1e-5);
      expectRelative(printed(block, 'intercept β₀'), want.intercept, 1e-5);
      expectRelative(printed(block, 'p50 horizon'), want.p50, 1e-5);
      expectRelative(printed(block, 'p80 horizon'), want.p80, 1e-5);
      expect(block).toMatch(/p50 horizon\s+\S+ minutes {2}\(95%: \S+ … \S+ minutes\)/);
      expect(block).toMatch(/\n {2}bootstrap: 200 of 200 resamples fitted(; .*)? \(seed 7\)\n?$/);
    }
  });

  it('--json gives the same values, records the bootstrap, and repeats itself for a seed', async () => {
    const file = runsFile();
    const run = async (seed: string) => {
      const result = await desk(
        'horizon',
        '--runs',
        file,
        '--bootstrap',
        '200',
        '--seed',
        seed,
        '--json',
      );
      expect(result.code).toBe(0);
      return JSON.parse(result.stdout) as JsonOutput;
    };
    const output = await run('7');
    expect(output).toMatchObject({
      ok: true,
      file,
      weighting: 'invsqrt',
      regularization: 0.1,
      bootstrap: { resamples: 200, seed: 7, confidence: 0.95 },
    });
    expect(output.agents.map((a) => [a.agent, a.weights])).toEqual([
      ['Model A', 'computed'],
      [B_NAME, 'invsqrt_task_weight'],
    ]);
    for (const [agent, want] of [
      [output.agents[0], EXPECTED_A],
      [output.agents[1], EXPECTED_B],
    ] as const) {
      if (agent?.fit == null) throw new Error('expected a fit');
      expect(Math.abs(agent.fit.coefficient - want.coefficient)).toBeLessThan(1e-8);
      expect(Math.abs(agent.fit.intercept - want.intercept)).toBeLessThan(1e-8);
      expectRelative(agent.p50.minutes ?? NaN, want.p50, 1e-7);
      expectRelative(agent.p80.minutes ?? NaN, want.p80, 1e-7);
      const intervals = agent.bootstrap?.intervals;
      if (intervals == null) throw new Error('expected intervals');
      expect(intervals.p50.low).toBeLessThan(want.p50);
      expect(intervals.p50.high).toBeGreaterThan(want.p50);
      expect(intervals.coefficient.low).toBeLessThan(want.coefficient);
      expect(intervals.coefficient.high).toBeGreaterThan(want.coefficient);
    }
    expect(await run('7')).toEqual(output);
    const other = await run('8');
    expect(other.agents[0]?.bootstrap?.intervals).not.toEqual(
      output.agents[0]?.bootstrap?.intervals,
    );
    expect(other.agents[0]?.fit).toEqual(output.agents[0]?.fit);
  });

  it('says plainly when there is no horizon, and runs without a bootstrap', async () => {
    const rising = [
      { task_id: 'f/short', task_family: 'f', agent: 'up', human_minutes: 1, score_binarized: 0 },
      { task_id: 'f/long', task_family: 'f', agent: 'up', human_minutes: 100, score_binarized: 1 },
      {
        task_id: 'f/short',
        task_family: 'f',
        agent: 'never',
        human_minutes: 1,
        score_binarized: 0,
      },
    ];
    const file = runsFile(rising.map((r) => JSON.stringify(r)).join('\n'));
    const result = await desk('horizon', '--runs', file, '--bootstrap', '0');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('no bootstrap.');
    expect(result.stdout).toContain(
      'p50 horizon     none: success does not fall with task length (β₁ ≥ 0)\n',
    );
    expect(result.stdout).toContain(
      'never: 1 runs, 1 tasks, 1 families; weights computed\n  no fit: no run succeeded\n',
    );
    expect(result.stdout).not.toContain('%:');
    const json = JSON.parse(
      (await desk('horizon', '--runs', file, '--bootstrap', '0', '--json')).stdout,
    ) as JsonOutput;
    expect(json.bootstrap).toBeNull();
    expect(json.agents[0]?.p50).toEqual({ kind: 'none', reason: 'success-does-not-fall' });
    expect(json.agents[1]).toMatchObject({
      fit: null,
      p50: { kind: 'none', reason: 'no-successes' },
    });
  });

  it('refuses a bad line with its number and field, and writes nothing', async () => {
    const lines = metrLines().split('\n');
    lines[2] = (lines[2] ?? '').replace(/"human_minutes":[0-9.e+-]+/, '"human_minutes":-4');
    const file = runsFile(lines.join('\n'));
    const before = fs.readdirSync(path.dirname(file));
    const result = await desk('horizon', '--runs', file);
    expect(result).toEqual({
      code: 1,
      stdout: '',
      stderr: `desk: The runs file ${file} cannot be used: line 3's human_minutes must be more than 0. Nothing was written.\n`,
    });
    const json = await desk('horizon', '--runs', file, '--json');
    expect(JSON.parse(json.stdout)).toEqual({
      ok: false,
      error: {
        code: 'INVALID_ARGUMENT',
        message: `The runs file ${file} cannot be used: line 3's human_minutes must be more than 0. Nothing was written.`,
      },
    });
    expect(fs.readdirSync(path.dirname(file))).toEqual(before);
  });

  it.each([
    [[], /needs --runs FILE.jsonl/],
    [['--runs', 'x.jsonl', '--weighting', 'none'], /--weighting takes equal or invsqrt/],
    [
      ['--runs', 'x.jsonl', '--regularization', '0'],
      /--regularization takes a number greater than 0/,
    ],
    [['--runs', 'x.jsonl', '--bootstrap=-1'], /--bootstrap takes a whole number/],
    [['--runs', 'x.jsonl', '--bootstrap', 'many'], /--bootstrap takes a whole number/],
    [['--runs', 'x.jsonl', '--bootstrap', '100001'], /at most 100000 resamples/],
    [['--runs', 'x.jsonl', '--seed', '1.5'], /--seed takes a whole number/],
    [['--runs', 'x.jsonl', '--data', '/tmp'], /Unknown option '--data'/],
  ])('usage error %j exits 2', async (argv, message) => {
    const result = await desk('horizon', ...argv);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
  });

  it('has help', async () => {
    expect(await desk('horizon', '--help')).toEqual({ code: 0, stdout: HORIZON_HELP, stderr: '' });
  });
});

interface JsonOutput {
  bootstrap: { resamples: number; seed: number } | null;
  agents: {
    agent: string;
    weights: string;
    fit: { coefficient: number; intercept: number } | null;
    p50: { kind: string; minutes?: number };
    p80: { kind: string; minutes?: number };
    bootstrap: {
      intervals: Record<
        'coefficient' | 'intercept' | 'p50' | 'p80',
        { low: number; high: number }
      > | null;
    } | null;
  }[];
}
