/**
 * Numbers from the evidence: a few significant digits (a metric of 0.666666 is 0.667),
 * margins with their sign, counts with thousands separators. Missing values are a dash.
 */
const MISSING = '—';
const MINUS = '−';
const counts = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

export interface NumberFormat {
  /** Significant digits (default 3). */
  readonly digits?: number;
}

export function formatNumber(
  value: number | null | undefined,
  { digits = 3 }: NumberFormat = {},
): string {
  if (value === null || value === undefined) return MISSING;
  if (!Number.isFinite(value)) return Number.isNaN(value) ? 'NaN' : value > 0 ? '∞' : `${MINUS}∞`;
  const text = String(Number(value.toPrecision(digits)));
  return text.startsWith('-') ? `${MINUS}${text.slice(1)}` : text;
}

/** A margin: `+0.12` on the met side, `−0.12` on the other. */
export function formatSigned(value: number | null | undefined, format: NumberFormat = {}): string {
  if (value === null || value === undefined) return MISSING;
  const magnitude = formatNumber(Math.abs(value), format);
  return `${value < 0 ? MINUS : '+'}${magnitude}`;
}

/** A whole count: `100,000`. */
export function formatCount(value: number | null | undefined): string {
  if (value === null || value === undefined) return MISSING;
  return counts.format(value);
}
