import { z } from 'zod';

/** /lock?from=/models/3: where to return after unlocking (a path of this app, never a URL). */
export const LockSearch = z.object({
  from: z
    .string()
    .max(2000)
    .regex(/^\/(?!\/)/)
    .optional()
    .catch(undefined),
});
