import crypto from 'node:crypto';
export const h = crypto.createHash;
