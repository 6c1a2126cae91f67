/** A number from a log as the reader gives it: NaN, infinities and absence all become null. */
export function finiteOrNull(value: number | null | undefined): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}
