import { z } from 'zod';

/** /audit?before=120&sort=kind:asc: the page (events before this sequence number) and its sort. */
export const AuditSearch = z.object({
  before: z.number().int().positive().optional().catch(undefined),
  sort: z.string().max(200).optional().catch(undefined),
});
