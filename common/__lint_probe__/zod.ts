import { z } from 'zod';
import { ROLES } from '../trust';
export const r = z.enum(ROLES);
