/** How the engine's sentences write numbers. */

/** Three decimals, as reviewers read metrics; small non-zero values keep three digits. */
export function fmt(value: number): string {
  if (value === 0 || Math.abs(value) >= 0.001 || !Number.isFinite(value)) return value.toFixed(3);
  return value.toPrecision(3);
}
