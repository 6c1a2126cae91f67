import { z } from 'zod';
import { MAX_FILTER_LENGTH } from '../../../../common/sample-filter';
import { MAX_QUERY_CHARS } from '../../../../common/search';

/** /search?q=nmap&model=Acme%20AI/frontier-1@2026-10&benchmark=doomla: a search, citable. */
export const SearchSearch = z.object({
  q: z.string().max(MAX_QUERY_CHARS).optional().catch(undefined),
  /** A model version as `developer/name@version`. */
  model: z.string().max(400).optional().catch(undefined),
  benchmark: z.string().max(4096).optional().catch(undefined),
  /** The samples grid's filter: only the samples it selects are searched. */
  filter: z.string().max(MAX_FILTER_LENGTH).optional().catch(undefined),
});
