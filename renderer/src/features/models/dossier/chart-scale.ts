/**
 * The threshold chart's horizontal axis. Proportions (every value in [0, 1], as accuracy and
 * pass rates are) get the metric's whole range, 0 to 1; anything else a range rounded out to
 * 1, 2 or 5 times a power of ten around the values, so the ticks are numbers people read.
 */
export interface ChartScale {
  readonly min: number;
  readonly max: number;
  readonly ticks: readonly number[];
}

const TARGET_TICKS = 5;

export function chartScale(values: readonly number[]): ChartScale {
  const finite = values.filter((v) => Number.isFinite(v));
  const low = Math.min(0, ...finite);
  const high = Math.max(...finite, low + 1);
  if (low >= 0 && high <= 1) return { min: 0, max: 1, ticks: [0, 0.25, 0.5, 0.75, 1] };
  const step = niceStep((high - low) / (TARGET_TICKS - 1));
  const min = Math.floor(low / step) * step;
  const max = Math.ceil(high / step) * step;
  const ticks: number[] = [];
  for (let i = 0; min + i * step <= max + step / 2; i++) ticks.push(round(min + i * step, step));
  return { min, max, ticks };
}

function niceStep(raw: number): number {
  const power = 10 ** Math.floor(Math.log10(raw));
  const fraction = raw / power;
  const nice = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10;
  return nice * power;
}

/** Rounds away the binary noise of repeated addition (0.1 + 0.2). */
function round(value: number, step: number): number {
  const digits = Math.max(0, -Math.floor(Math.log10(step)) + 1);
  return Number(value.toFixed(digits));
}
