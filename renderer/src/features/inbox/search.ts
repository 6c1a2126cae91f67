import { z } from 'zod';

/** /inbox?bundle=3&sort=samples:desc: the bundle whose report is open, and the table's sort. */
export const InboxSearch = z.object({
  bundle: z.number().int().positive().optional().catch(undefined),
  sort: z.string().max(200).optional().catch(undefined),
});
