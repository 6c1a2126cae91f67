import { z } from 'zod';
import { MAX_QUERY_CHARS } from '../../../../common/search';

/** /search?q=nmap&model=Acme%20AI/frontier-1@2026-10&benchmark=doomla: a search, citable. */
export const SearchSearch = z.object({
  q: z.string().max(MAX_QUERY_CHARS).optional().catch(undefined),
  /** A model version as `developer/name@version`. */
  model: z.string().max(400).optional().catch(undefined),
  benchmark: z.string().max(4096).optional().catch(undefined),
});
