import { z } from 'zod';

/** /models?q=frontier&sort=latest:desc: the filter text and the table's sort. */
export const ModelsSearch = z.object({
  q: z.string().max(200).optional().catch(undefined),
  sort: z.string().max(200).optional().catch(undefined),
});
