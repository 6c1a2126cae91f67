import { parseArgs } from 'node:util';
import { DeskError } from '../../../common/errors';
import { printable } from '../../../common/text';
import {
  CONFIDENCE,
  DEFAULT_REGULARIZATION,
  DEFAULT_RESAMPLES,
  DEFAULT_SEED,
  LogisticFitError,
  MAX_RESAMPLES,
  WEIGHTINGS,
  bootstrapHorizons,
  estimateHorizons,
  readRunsFile,
  type AgentRuns,
  type BootstrapSummary,
  type Horizon,
  type HorizonEstimate,
  type Interval,
  type Weighting,
} from '../../horizon';
import { EXIT, UsageError, type CliIo, type ExitCode } from '../io';

export const HORIZON_HELP = `Usage: desk horizon --runs FILE.jsonl [--weighting equal|invsqrt] [--regularization R]
                    [--bootstrap N] [--seed S] [--json]

The time horizons of each agent in a runs file in METR's public format (JSON lines with
task_id, task_family, agent or alias, human_minutes, score_binarized or score_cont), as
METR computes them (docs/time-horizon.md): success is fitted as σ(β₀ + β₁·log₂ minutes) by
weighted logistic regression with an L2 penalty of 1/C = R on β₁ (default ${DEFAULT_REGULARIZATION}), and the
p50 and p80 horizons are the task lengths, in human-expert minutes, at which the fitted
success rate is 50% and 80%. Runs are weighted --weighting invsqrt (the default: a task
weighs 1/√(tasks in its family), shared by its runs) or equal (every task the same),
taken from the file's equal_task_weight or invsqrt_task_weight column (else its weight
column) when it has one, computed otherwise. The intervals are the 2.5th and 97.5th
percentiles of N hierarchical bootstrap resamples (families, then tasks, then runs;
default ${DEFAULT_RESAMPLES}, at most ${MAX_RESAMPLES}, 0 for none) drawn from --seed S (default ${DEFAULT_SEED}): the same
seed gives the same intervals. Pure analysis: needs no --data directory, writes nothing.
`;

const DESCRIBE_NONE: Readonly<Record<Exclude<Horizon, { kind: 'finite' }>['reason'], string>> = {
  'success-does-not-fall': 'none: success does not fall with task length (β₁ ≥ 0)',
  'no-successes': 'none: no run succeeded',
  'no-failures': 'none: every run fully succeeded',
  'out-of-range': 'none: beyond the range of a number (β₁ is about 0)',
};

export async function runHorizon(args: string[], io: CliIo): Promise<ExitCode> {
  const { values } = parseArgs({
    args,
    options: {
      runs: { type: 'string' },
      weighting: { type: 'string', default: 'invsqrt' },
      regularization: { type: 'string' },
      bootstrap: { type: 'string' },
      seed: { type: 'string' },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
    allowPositionals: false,
  });
  if (values.help) {
    io.stdout(HORIZON_HELP);
    return EXIT.ok;
  }
  if (!values.runs) throw new UsageError('desk horizon needs --runs FILE.jsonl.');
  const weighting = WEIGHTINGS.find((w) => w === values.weighting);
  if (weighting === undefined) throw new UsageError('--weighting takes equal or invsqrt.');
  const regularization =
    values.regularization === undefined ? DEFAULT_REGULARIZATION : Number(values.regularization);
  if (!(Number.isFinite(regularization) && regularization > 0))
    throw new UsageError('--regularization takes a number greater than 0.');
  const resamples = wholeNumber(values.bootstrap, DEFAULT_RESAMPLES, '--bootstrap');
  if (resamples > MAX_RESAMPLES)
    throw new UsageError(`--bootstrap takes at most ${MAX_RESAMPLES} resamples.`);
  const seed = wholeNumber(values.seed, DEFAULT_SEED, '--seed');

  const agents = await readRunsFile(values.runs, weighting);
  const results = agents.map((agent) =>
    analyse(agent, { weighting, regularization, resamples, seed }),
  );
  const settings = { weighting, regularization, resamples, seed };
  if (values.json) {
    // JSON.stringify writes an Infinity (an unbounded interval end) as null.
    io.stdout(
      `${JSON.stringify({ ok: true, file: values.runs, ...settingsJson(settings), agents: results.map(agentJson) })}\n`,
    );
    return EXIT.ok;
  }
  io.stdout(
    `Time horizons in ${printable(values.runs)}: weighting ${weighting}, regularization ${regularization}; ${
      resamples === 0
        ? 'no bootstrap.'
        : `intervals: ${CONFIDENCE * 100}% percentile of ${resamples} hierarchical bootstrap resamples (seed ${seed}).`
    }\n`,
  );
  for (const result of results) io.stdout(agentText(result));
  return EXIT.ok;
}

interface Settings {
  readonly weighting: Weighting;
  readonly regularization: number;
  readonly resamples: number;
  readonly seed: number;
}

interface AgentResult {
  readonly agent: AgentRuns;
  readonly estimate: HorizonEstimate;
  readonly bootstrap: BootstrapSummary | null;
}

function analyse(agent: AgentRuns, settings: Settings): AgentResult {
  try {
    const estimate = estimateHorizons(agent.runs, settings);
    const bootstrap = settings.resamples === 0 ? null : bootstrapHorizons(agent.runs, settings);
    return { agent, estimate, bootstrap };
  } catch (error) {
    if (!(error instanceof LogisticFitError)) throw error;
    throw new DeskError(
      'INVALID_ARGUMENT',
      `The runs of agent ${printable(JSON.stringify(agent.agent))} cannot be fitted: ${error.message}. Nothing was written.`,
    );
  }
}

function wholeNumber(text: string | undefined, fallback: number, option: string): number {
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(value))
    throw new UsageError(`${option} takes a whole number (0, 1, 2, …).`);
  return value;
}

function settingsJson(settings: Settings) {
  return {
    weighting: settings.weighting,
    regularization: settings.regularization,
    bootstrap:
      settings.resamples === 0
        ? null
        : {
            resamples: settings.resamples,
            seed: settings.seed,
            confidence: CONFIDENCE,
            resampling: 'families, then tasks within each, then runs within each',
            generator: 'xoshiro128** 1.1 seeded by SplitMix64',
          },
  };
}

function agentJson({ agent, estimate, bootstrap }: AgentResult) {
  return {
    agent: agent.agent,
    ...counts(agent),
    weights: agent.weightColumn ?? 'computed',
    fit: estimate.fit,
    p50: estimate.p50,
    p80: estimate.p80,
    bootstrap:
      bootstrap === null
        ? null
        : {
            fitted: bootstrap.fitted,
            noSuccesses: bootstrap.noSuccesses,
            noFailures: bootstrap.noFailures,
            successDoesNotFall: bootstrap.successDoesNotFall,
            intervals: bootstrap.intervals,
          },
  };
}

function counts(agent: AgentRuns) {
  return {
    runs: agent.runs.length,
    tasks: new Set(agent.runs.map((run) => run.taskId)).size,
    families: new Set(agent.runs.map((run) => run.family)).size,
  };
}

function agentText({ agent, estimate, bootstrap }: AgentResult): string {
  const { runs, tasks, families } = counts(agent);
  const weights = agent.weightColumn === null ? 'computed' : `from ${agent.weightColumn}`;
  const lines = [
    `${printable(agent.agent)}: ${runs} runs, ${tasks} tasks, ${families} families; weights ${weights}`,
  ];
  const intervals = bootstrap?.intervals ?? null;
  if (estimate.fit === null) {
    lines.push(`  no fit: ${describeHorizon(estimate.p50).replace(/^none: /, '')}`);
  } else {
    lines.push(
      `  coefficient β₁  ${number(estimate.fit.coefficient)}${interval(intervals?.coefficient)}`,
      `  intercept β₀    ${number(estimate.fit.intercept)}${interval(intervals?.intercept)}`,
      `  p50 horizon     ${describeHorizon(estimate.p50)}${interval(intervals?.p50, ' minutes')}`,
      `  p80 horizon     ${describeHorizon(estimate.p80)}${interval(intervals?.p80, ' minutes')}`,
    );
  }
  if (bootstrap !== null) lines.push(`  bootstrap: ${bootstrapText(bootstrap)}`);
  return `${lines.join('\n')}\n`;
}

function describeHorizon(horizon: Horizon): string {
  return horizon.kind === 'finite'
    ? `${number(horizon.minutes)} minutes`
    : DESCRIBE_NONE[horizon.reason];
}

function interval(bounds: Interval | undefined, unit = ''): string {
  if (bounds === undefined) return '';
  const end = (v: number) => (v === Infinity ? 'unbounded' : number(v));
  return `  (${CONFIDENCE * 100}%: ${end(bounds.low)} … ${end(bounds.high)}${unit})`;
}

function bootstrapText(summary: BootstrapSummary): string {
  const parts = [`${summary.fitted} of ${summary.resamples} resamples fitted`];
  const unfitted = summary.noSuccesses + summary.noFailures;
  if (unfitted > 0)
    parts.push(`${unfitted} without a fit (no success drawn, or only successes) left out`);
  if (summary.successDoesNotFall > 0)
    parts.push(`${summary.successDoesNotFall} with β₁ ≥ 0, whose horizons count as unbounded`);
  return `${parts.join('; ')} (seed ${summary.seed})`;
}

/** Six significant digits: enough to compare with another computation, short enough to read. */
function number(value: number): string {
  return String(Number(value.toPrecision(6)));
}
