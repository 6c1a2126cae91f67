import type { RuleOutcome } from '../../../../../common/evaluation';
import { formatNumber } from '../../../format';
import styles from './Dossier.module.css';

const WIDTH = 640;
const ROW = 34;
const LEFT = 170;
const RIGHT = 30;

const DOT_CLASS: Readonly<Record<RuleOutcome['status'], string | undefined>> = {
  met: styles.dotMet,
  'not-met': styles.dotNotMet,
  'insufficient-evidence': styles.dotUndecided,
};

/**
 * Observed values (dots) with 95% intervals (bars) against each rule's threshold (red line),
 * on a common scale. Plain SVG: no scripts, no external resources.
 */
export function ThresholdChart({ rules }: { readonly rules: readonly RuleOutcome[] }) {
  const values = rules
    .flatMap((r) => [r.threshold, r.observed, ...(r.ci95 ?? [])])
    .filter((v): v is number => v !== null);
  const min = Math.min(0, ...values);
  const max = Math.max(1, ...values);
  const x = (v: number) => LEFT + ((v - min) / (max - min || 1)) * (WIDTH - LEFT - RIGHT);
  const height = rules.length * ROW + 30;
  return (
    <figure className={styles.chart}>
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
              <text x={LEFT - 8} y={y + 4} textAnchor="end" className={styles.chartText}>
                {rule.ruleId}
              </text>
              <line x1={LEFT} x2={WIDTH - RIGHT} y1={y} y2={y} className={styles.track} />
              {rule.ci95 && (
                <line
                  x1={x(rule.ci95[0])}
                  x2={x(rule.ci95[1])}
                  y1={y}
                  y2={y}
                  className={styles.interval}
                />
              )}
              {rule.observed !== null && (
                <circle cx={x(rule.observed)} cy={y} r={5} className={DOT_CLASS[rule.status]} />
              )}
              <line
                x1={x(rule.threshold)}
                x2={x(rule.threshold)}
                y1={y - 11}
                y2={y + 11}
                className={styles.threshold}
              />
            </g>
          );
        })}
        <text x={LEFT} y={height - 4} className={styles.chartText}>
          {formatNumber(min)}
        </text>
        <text x={WIDTH - RIGHT} y={height - 4} textAnchor="end" className={styles.chartText}>
          {formatNumber(max)}
        </text>
      </svg>
      <figcaption className={styles.caption}>
        Dot: observed value; bar: 95% interval; red line: threshold.
      </figcaption>
    </figure>
  );
}
