import type { ModelRef } from '../../../../common/models';

/** `Acme AI / frontier-1 @ 2026-10`, as every screen writes a model. */
export function modelName(model: ModelRef): string {
  return `${model.developer} / ${model.name} @ ${model.version}`;
}

/** The reference the contract takes (a summary carries more fields than a ref allows). */
export function modelRef({ developer, name, version }: ModelRef): ModelRef {
  return { developer, name, version };
}
