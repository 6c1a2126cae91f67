import { z } from 'zod';

/** /compare?a=3&b=4: two model versions by their workstation ids, citable. */
export const CompareSearch = z.object({
  a: z.number().int().positive().optional().catch(undefined),
  b: z.number().int().positive().optional().catch(undefined),
});
