import type { ResponseOf } from '../../../common/ipc';

type Rule = Extract<
  ResponseOf<'evaluateModel'>,
  { state: 'evaluated' }
>['evaluation']['rules'][number];

const WIDTH = 640;
const ROW = 34;
const LEFT = 170;
const RIGHT = 30;

/**
 * Observed values (dots) with 95% intervals (bars) against each rule's threshold (red line),
 * on a common scale. Drawn as plain SVG: no scripts, no external resources.
 */
export function ThresholdChart({ rules }: { readonly rules: readonly Rule[] }) {
  const values = rules
    .flatMap((r) => [r.threshold, r.observed, ...(r.ci95 ?? [])])
    .filter((v): v is number => v !== null);
  const min = Math.min(0, ...values);
  const max = Math.max(1, ...values);
  const x = (v: number) => LEFT + ((v - min) / (max - min || 1)) * (WIDTH - LEFT - RIGHT);
  const height = rules.length * ROW + 30;
  return (
    <figure className="threshold-chart">
      <svg
        role="img"
        aria-label="Observed values with 95% intervals against each rule's threshold"
        viewBox={`0 0 ${WIDTH} ${height}`}
        width={WIDTH}
        height={height}
      >
        {rules.map((rule, i) => {
          const y = i * ROW + 20;
          return (
            <g key={rule.ruleId}>
              <text x={LEFT - 8} y={y + 4} textAnchor="end" className="chart-label">
                {rule.ruleId}
              </text>
              <line x1={LEFT} x2={WIDTH - RIGHT} y1={y} y2={y} className="chart-track" />
              {rule.ci95 && (
                <line
                  x1={x(rule.ci95[0])}
                  x2={x(rule.ci95[1])}
                  y1={y}
                  y2={y}
                  className="chart-ci"
                />
              )}
              {rule.observed !== null && (
                <circle
                  cx={x(rule.observed)}
                  cy={y}
                  r={5}
                  className={`chart-dot chart-dot--${rule.status}`}
                />
              )}
              <line
                x1={x(rule.threshold)}
                x2={x(rule.threshold)}
                y1={y - 11}
                y2={y + 11}
                className="chart-threshold"
              />
            </g>
          );
        })}
        <text x={LEFT} y={height - 4} className="chart-axis">
          {String(Number(min.toPrecision(3)))}
        </text>
        <text x={WIDTH - RIGHT} y={height - 4} textAnchor="end" className="chart-axis">
          {String(Number(max.toPrecision(3)))}
        </text>
      </svg>
      <figcaption className="hint">
        Dot: observed value; bar: 95% interval; red line: threshold.
      </figcaption>
    </figure>
  );
}
