import { z } from 'zod';

/** A SHA-256 digest as every format of the desk writes it: 64 lowercase hex digits. */
export const Sha256HexSchema = z.string().regex(/^[0-9a-f]{64}$/, 'must be a SHA-256 digest');
