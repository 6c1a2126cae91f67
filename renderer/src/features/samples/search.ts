import { z } from 'zod';

export const SAMPLE_TABS = ['messages', 'events', 'scoring', 'metadata', 'usage', 'error'] as const;
export type SampleTab = (typeof SAMPLE_TABS)[number];

/** Longest text the find box takes: a phrase, not a document. */
export const MAX_FIND = 200;

/**
 * /logs/4/samples/doomla%20(solution)?epoch=1&tab=messages&q=flag&message=3: which epoch,
 * which tab, what is looked for and which message is in view, so a note can cite it.
 */
export const SampleSearch = z.object({
  epoch: z.coerce.number().int().positive().max(1_000_000).optional().catch(undefined),
  tab: z.enum(SAMPLE_TABS).optional().catch(undefined),
  q: z.string().max(MAX_FIND).optional().catch(undefined),
  message: z.coerce.number().int().nonnegative().max(10_000_000).optional().catch(undefined),
  event: z.string().max(64).optional().catch(undefined),
});
