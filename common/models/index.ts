/** Models as the evidence names them: developer, name and version. */
import { z } from 'zod';

const Part = z.string().min(1).max(500);

export const ModelRefSchema = z.strictObject({ developer: Part, name: Part, version: Part });
export type ModelRef = z.infer<typeof ModelRefSchema>;

export const ModelSummarySchema = ModelRefSchema.extend({
  /** The workstation's id of the model: stable on this workstation, for routes and notes. */
  id: z.number().int().positive(),
  bundleCount: z.number().int(),
  /** The latest runFinishedOn of the model's bundles, as signed. */
  latestRun: z.string(),
});
export type ModelSummary = z.infer<typeof ModelSummarySchema>;

/** A benchmark, scorer and metric some imported log has: what a threshold rule can name. */
export const MetricNameSchema = z.strictObject({
  benchmark: z.string(),
  scorer: z.string(),
  metric: z.string(),
});
export type MetricName = z.infer<typeof MetricNameSchema>;

/** `developer/name@version`, as a model version is named everywhere. */
export function modelLabel(model: ModelRef): string {
  return `${model.developer}/${model.name}@${model.version}`;
}

const LABEL = /^(?<developer>[^/]+)\/(?<name>[^@]+)@(?<version>.+)$/;

/** The model a `developer/name@version` names, or null when the text is not one. */
export function parseModelLabel(text: string): ModelRef | null {
  const parts = LABEL.exec(text)?.groups;
  if (!parts?.developer || !parts.name || !parts.version) return null;
  return { developer: parts.developer, name: parts.name, version: parts.version };
}
