/**
 * The samples grid as every process sees it: one page of a scope's samples under a filter
 * (common/sample-filter), as main/samples builds it. Texts are previews, cut by db/samples.
 */
import { z } from 'zod';
import {
  MAX_FILTER_LENGTH,
  SAMPLE_PAGE_LIMIT,
  SampleScopeSchema,
  SampleSortSchema,
} from '../sample-filter';

const Count = z.number().int().nonnegative();
const Seconds = z.number().nonnegative().nullable();

export const SampleRowViewSchema = z.strictObject({
  /** The sample's row id on this workstation. */
  id: z.number().int().positive(),
  logId: z.number().int().positive(),
  logPath: z.string(),
  task: z.string(),
  sampleId: z.string(),
  epoch: Count,
  input: z.string(),
  target: z.string(),
  error: z.string().nullable(),
  /** The limit that stopped it, "message limit 50". */
  limit: z.string().nullable(),
  messages: Count,
  /** Retries after an error (Inspect's error_retries); null if imported before they were kept. */
  retries: Count.nullable(),
  /** Someone invalidated the sample after the run (Inspect's sample.invalidation). */
  invalidated: z.boolean(),
  tokens: z.number().nonnegative(),
  totalTime: Seconds,
  workingTime: Seconds,
  metadata: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).readonly(),
  scores: z
    .array(
      z.strictObject({
        scorer: z.string(),
        /** The score as Inspect wrote it, as JSON text. */
        value: z.string(),
        numeric: z.number().nullable(),
        answer: z.string().nullable(),
      }),
    )
    .readonly(),
});
export type SampleRowView = z.infer<typeof SampleRowViewSchema>;

export const SamplePageRequestSchema = z.strictObject({
  scope: SampleScopeSchema,
  /** Inspect View's filter language; "" for every sample. */
  filter: z.string().max(MAX_FILTER_LENGTH),
  sort: SampleSortSchema.nullable(),
  offset: z.number().int().nonnegative(),
  limit: z.number().int().min(1).max(SAMPLE_PAGE_LIMIT),
});
export type SamplePageRequest = z.infer<typeof SamplePageRequestSchema>;

export const SamplePageViewSchema = z.discriminatedUnion('ok', [
  z.strictObject({
    ok: z.literal(true),
    /** Samples matching the filter, over all pages. */
    total: Count,
    rows: z.array(SampleRowViewSchema).readonly(),
    /** The scope's scorers, one column each. */
    scorers: z.array(z.string()).readonly(),
  }),
  z.strictObject({
    ok: z.literal(false),
    /** Why the filter cannot be read, one sentence naming where. */
    message: z.string(),
    position: Count,
  }),
]);
export type SamplePageView = z.infer<typeof SamplePageViewSchema>;
