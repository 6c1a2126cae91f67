/**
 * Full-text search over transcripts as every process sees it: what the Search screen asks
 * for and the hits main/search gives back (SQLite FTS5 over every imported transcript).
 */
import { z } from 'zod';
import { ModelRefSchema } from '../models';
import { MAX_FILTER_LENGTH } from '../sample-filter';

export { wordPattern, wordsHeld, wordsOf } from './find';

export const MAX_QUERY_CHARS = 500;
export const MAX_HITS = 1000;

export const TranscriptSearchRequestSchema = z.strictObject({
  /** Words, every one of which must occur; never FTS5 syntax. */
  text: z.string().min(1).max(MAX_QUERY_CHARS),
  model: ModelRefSchema.nullable(),
  /** The Inspect task, exactly. */
  benchmark: z.string().min(1).max(4096).nullable(),
  /** The samples grid's filter language: only samples it selects are searched. */
  filter: z.string().max(MAX_FILTER_LENGTH).optional(),
  limit: z.number().int().min(1).max(MAX_HITS),
});
export type TranscriptSearchRequest = z.infer<typeof TranscriptSearchRequestSchema>;

export const TranscriptHitViewSchema = z.strictObject({
  modelId: z.number().int().positive(),
  modelLabel: z.string(),
  bundleFile: z.string(),
  logId: z.number().int().positive(),
  logPath: z.string(),
  task: z.string(),
  sampleId: z.string(),
  epoch: z.number().int().nonnegative(),
  /** The message the words are in (0-based, as in the log); null when that is not known. */
  messageIndex: z.number().int().nonnegative().nullable(),
  /** A dozen words around the match, one line, the matched words between « and ». */
  snippet: z.string(),
});
export type TranscriptHitView = z.infer<typeof TranscriptHitViewSchema>;

export const TranscriptSearchViewSchema = z.strictObject({
  hits: z.array(TranscriptHitViewSchema).readonly(),
  /** True when there may be more hits than the limit let through. */
  more: z.boolean(),
});
export type TranscriptSearchView = z.infer<typeof TranscriptSearchViewSchema>;
