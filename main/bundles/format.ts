/**
 * The signed result bundle, `*.evbundle` (docs/formats.md): a zip holding
 * `envelope.dsse.json` and the evidence files. The envelope is DSSE over an in-toto
 * Statement v1 with one subject per other entry and a benchmark-results predicate.
 */
import { z } from 'zod';
import { plainName } from '../../common/text';

export const ENVELOPE_ENTRY = 'envelope.dsse.json';
export const BUNDLE_PREDICATE_TYPE = 'urn:designation-desk:benchmark-results:v1';

/** Largest envelope accepted: subjects for thousands of files fit well inside. */
export const MAX_ENVELOPE_BYTES = 8 * 1024 * 1024;

const Text = z.string().min(1).max(500);
/**
 * A name the lab chose, stored and shown as it is: plain, since a lone surrogate stored
 * in SQLite becomes U+FFFD and would merge two different names into one model.
 */
const Name = plainName(500);

export const BenchmarkResultSchema = z.strictObject({
  benchmark: Name,
  /** The scorer that produced the metric, when the log names one. */
  scorer: Text.optional(),
  metric: Text,
  value: z.number(),
  stderr: z.number().nonnegative().nullable().optional(),
  n: z.number().int().nonnegative().optional(),
  /** The bundle entry holding the evidence for this result. */
  log: Text.optional(),
});
export type BenchmarkResult = z.infer<typeof BenchmarkResultSchema>;

export const BenchmarkResultsSchema = z
  .strictObject({
    evaluator: z.strictObject({ id: Name, name: Name }),
    model: z.strictObject({
      developer: Name,
      name: Name,
      version: Name,
      digest: z.string().max(200).optional(),
      trainingComputeFlop: z.number().positive().optional(),
      /**
       * The model as Inspect names it in each log's `eval.model` (e.g.
       * `openai/o3-2025-04-16`): when given, every log must be a run of one of them.
       */
      inspectModels: z.array(Name).min(1).max(100).optional(),
    }),
    suite: z.strictObject({ name: Name, version: Name.optional() }),
    runStartedOn: z.iso.datetime({ offset: true }),
    runFinishedOn: z.iso.datetime({ offset: true }),
    /** The entries that are Inspect eval logs (the rest are attachments). */
    logs: z.array(Text),
    results: z.array(BenchmarkResultSchema),
  })
  .superRefine((predicate, ctx) => {
    const logs = new Set(predicate.logs);
    predicate.results.forEach((result, i) => {
      if (result.log !== undefined && !logs.has(result.log)) {
        ctx.addIssue({
          code: 'custom',
          path: ['results', i, 'log'],
          message: `names "${result.log}", which is not one of the bundle's logs`,
        });
      }
    });
    const inspectModels = predicate.model.inspectModels ?? [];
    inspectModels.forEach((name, i) => {
      if (inspectModels.indexOf(name) !== i) {
        ctx.addIssue({
          code: 'custom',
          path: ['model', 'inspectModels', i],
          message: `names "${name}" twice`,
        });
      }
    });
    if (Date.parse(predicate.runFinishedOn) < Date.parse(predicate.runStartedOn)) {
      ctx.addIssue({ code: 'custom', path: ['runFinishedOn'], message: 'is before runStartedOn' });
    }
  });
export type BenchmarkResults = z.infer<typeof BenchmarkResultsSchema>;
