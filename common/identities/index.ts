/** What the renderer may know of identities and the unlocked session: never a key. */
import { z } from 'zod';
import { KeyIdSchema, ROLES } from '../trust';

export const IdentitySchema = z.strictObject({
  name: z.string(),
  keyid: KeyIdSchema,
  roles: z.array(z.enum(ROLES)).readonly(),
});
export type Identity = z.infer<typeof IdentitySchema>;

export const SessionSchema = IdentitySchema.extend({ unlockedAt: z.string() });
export type Session = z.infer<typeof SessionSchema>;
