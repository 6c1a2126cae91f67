/**
 * What a lab signed that the desk does not take on trust (docs/formats.md, "Claims the
 * signature does not prove"): times it could not yet know, an evaluator name that is not
 * the signers', and results filed under a benchmark their log is not a run of.
 */
import { printable } from '../../common/text';
import type { PublicKey } from '../crypto';
import type { BenchmarkResults } from './format';
import { modelLabel } from '../../common/models';

/**
 * How far past the import a signed time may lie: the lab's clock and the workstation's
 * may disagree by a few minutes; a run cannot have finished later than that.
 */
export const CLOCK_SKEW_MS = 10 * 60_000;

/** Why a time the statement signed lies in the future, or null when none does. */
export function futureRunTime(predicate: BenchmarkResults, verifiedAt: Date): string | null {
  for (const field of ['runStartedOn', 'runFinishedOn'] as const) {
    const late = tooLate(predicate[field], verifiedAt);
    if (late) return `The statement's ${field} ${predicate[field]} is ${late}`;
  }
  return null;
}

/** Why a log's own creation time lies in the future, or null (also for none, or unreadable). */
export function futureLogTime(
  path: string,
  created: string | null,
  verifiedAt: Date,
): string | null {
  if (created === null) return null;
  const late = tooLate(created, verifiedAt);
  return late
    ? `Log "${printable(path)}" says it was created at ${printable(created)}, which is ${late}`
    : null;
}

/**
 * Why a log is not a run of the model the statement is about, or null: when the
 * statement names its Inspect models, each log's `eval.model` must be one of them.
 */
export function strangerModel(
  path: string,
  inspectModel: string,
  model: BenchmarkResults['model'],
): string | null {
  const listed = model.inspectModels;
  if (listed === undefined || listed.includes(inspectModel)) return null;
  return `Log "${printable(path)}" was run on Inspect model "${printable(inspectModel)}", but the statement says ${modelLabel(model)} is ${listed.map((m) => `"${m}"`).join(', ')} (model.inspectModels)`;
}

/** The distinct Inspect models of the logs, in order of first appearance. */
export function inspectModelsOf(logs: readonly { readonly model: string }[]): string[] {
  return [...new Set(logs.map((l) => l.model))];
}

function tooLate(timestamp: string, verifiedAt: Date): string | null {
  const at = Date.parse(timestamp);
  if (Number.isNaN(at) || at <= verifiedAt.getTime() + CLOCK_SKEW_MS) return null;
  return `later than this import (${verifiedAt.toISOString()}) by more than the ${CLOCK_SKEW_MS / 60_000} minutes clocks may differ: a run cannot be dated in the future`;
}

/** The evaluator the bundle is shown under: the roster's names for the keys that signed. */
export function signerNames(signedBy: readonly Pick<PublicKey, 'name'>[]): string {
  return signedBy.map((k) => k.name).join(', ');
}

/** A signed result filed under a benchmark its log's Inspect task does not name. */
export interface BenchmarkMapping {
  readonly logPath: string;
  readonly task: string;
  readonly benchmark: string;
}

/** Every distinct (log, claimed benchmark) whose log is a run of another task. */
export function benchmarkMappings(
  results: readonly { readonly benchmark: string; readonly log?: string | null | undefined }[],
  logs: readonly { readonly path: string; readonly task: string }[],
): BenchmarkMapping[] {
  const taskOf = new Map(logs.map((l) => [l.path, l.task]));
  const seen = new Set<string>();
  const mappings: BenchmarkMapping[] = [];
  for (const { benchmark, log } of results) {
    const task = log == null ? undefined : taskOf.get(log);
    if (log == null || task === undefined || task === benchmark) continue;
    const key = JSON.stringify([log, benchmark]);
    if (seen.has(key)) continue;
    seen.add(key);
    mappings.push({ logPath: log, task, benchmark });
  }
  return mappings;
}

/**
 * What the report says of the claims the signature does not prove, or null when the
 * evaluator is the signers and every result is filed under its log's own task.
 */
export function claimWarnings(
  predicate: BenchmarkResults,
  signedBy: readonly Pick<PublicKey, 'name'>[],
  logs: readonly { readonly path: string; readonly task: string; readonly model: string }[],
): string | null {
  const warnings: string[] = [];
  const signers = signerNames(signedBy);
  if (predicate.evaluator.name !== signers) {
    warnings.push(
      `The statement calls its evaluator "${predicate.evaluator.name}", but it was signed by ${signers}: it is shown as ${signers}`,
    );
  }
  if (predicate.model.inspectModels === undefined) {
    const models = inspectModelsOf(logs);
    warnings.push(
      `The statement does not say which Inspect models are ${modelLabel(predicate.model)} (model.inspectModels); its logs were run on ${models.map((m) => `"${printable(m)}"`).join(', ')}: no rule is decided on logs of more than one Inspect model`,
    );
  }
  const mappings = benchmarkMappings(predicate.results, logs);
  if (mappings.length > 0) {
    const shown = mappings
      .slice(0, 3)
      .map(
        (m) => `"${m.logPath}" (Inspect task "${printable(m.task)}") as benchmark "${m.benchmark}"`,
      )
      .join('; ');
    const more = mappings.length > 3 ? ` and ${mappings.length - 3} more` : '';
    warnings.push(
      `Results file ${shown}${more}: a log counts for another benchmark only once a reviewer accepts the mapping`,
    );
  }
  return warnings.length === 0 ? null : warnings.join('. ');
}
