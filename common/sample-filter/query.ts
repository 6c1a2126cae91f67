/** What a page of the samples grid is asked for, besides its filter: whose samples, in what order. */
import { z } from 'zod';
import { SampleValueSchema } from './ast';

/** The most samples one page returns. */
export const SAMPLE_PAGE_LIMIT = 1000;

const RowId = z.number().int().positive();

/** One log, one bundle, or every bundle of one model version (complete imports only). */
export const SampleScopeSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('log'), logId: RowId }),
  z.strictObject({ kind: z.literal('bundle'), bundleId: RowId }),
  z.strictObject({ kind: z.literal('model'), modelId: RowId }),
]);
export type SampleScope = z.infer<typeof SampleScopeSchema>;

/** Any value a filter can read; samples without it come last either way, ties by row id. */
export const SampleSortSchema = z.strictObject({
  by: SampleValueSchema,
  direction: z.enum(['asc', 'desc']),
});
export type SampleSort = z.infer<typeof SampleSortSchema>;
