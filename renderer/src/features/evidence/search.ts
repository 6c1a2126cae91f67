import { z } from 'zod';
import { MAX_FILTER_LENGTH } from '../../../../common/sample-filter';

/** /models/3/evidence?filter=has_limit&sort=tokens:desc: the grid's filter and sort, citable. */
export const EvidenceSearch = z.object({
  filter: z.string().max(MAX_FILTER_LENGTH).optional().catch(undefined),
  sort: z.string().max(200).optional().catch(undefined),
  /** Built-in columns hidden, by id. */
  hide: z.array(z.string().max(40)).max(20).optional().catch(undefined),
  /** Metadata keys shown as columns, in order. */
  meta: z.array(z.string().min(1).max(500)).max(20).optional().catch(undefined),
  /** The page of 1,000 samples, from 0. */
  page: z.number().int().nonnegative().max(100_000).optional().catch(undefined),
});
