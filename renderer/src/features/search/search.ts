import { z } from 'zod';

/** /search?q=…: the text searched for. */
export const SearchSearch = z.object({
  q: z.string().max(500).optional().catch(undefined),
});
