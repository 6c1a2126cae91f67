/**
 * The horizon worker's work (horizon.worker.ts): the bootstraps of an evaluation's horizon
 * rules. A thousand logistic fits take about a tenth of a second, too long for the main
 * process, which must never block for more than 50 ms.
 */
import { bootstrapHorizons, type BootstrapOptions, type BootstrapSummary } from './bootstrap';
import type { HorizonRun } from './run';

export interface BootstrapJob {
  /** The caller's name for it (a rule id). */
  readonly id: string;
  readonly runs: readonly HorizonRun[];
  readonly options: BootstrapOptions;
}

export interface BootstrapTask {
  readonly jobs: readonly BootstrapJob[];
}

export interface BootstrapAnswer {
  readonly summaries: readonly { readonly id: string; readonly summary: BootstrapSummary }[];
}

export function bootstrapTask(task: BootstrapTask): Promise<BootstrapAnswer> {
  return Promise.resolve({
    summaries: task.jobs.map((job) => ({
      id: job.id,
      summary: bootstrapHorizons(job.runs, job.options),
    })),
  });
}
