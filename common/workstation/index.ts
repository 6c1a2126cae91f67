/** The workstation's identity card: its marking and versions. */
import { z } from 'zod';
import { ClassificationMarkingSchema } from '../classification';

export const WorkstationStatusSchema = z.strictObject({
  classification: ClassificationMarkingSchema,
  initialisedAt: z.iso.datetime(),
  initialisedByVersion: z.string(),
  appVersion: z.string(),
});
export type WorkstationStatus = z.infer<typeof WorkstationStatusSchema>;
