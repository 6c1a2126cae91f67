import type { RuleOutcome } from '../../../../../common/evaluation';
import { formatNumber } from '../../../format';
import { RULE_STATUS_TEXT } from '../../../vocabulary';
import { chartScale } from './chart-scale';
import { ruleMetricId, ruleMetricName } from './rule-names';
import styles from './Dossier.module.css';

const WIDTH = 720;
const ROW = 34;
const LEFT = 230;
const RIGHT = 30;
const TOP = 12;
const AXIS = 34;

type Status = RuleOutcome['status'];

/**
 * Status is told by shape as well as colour (Okabe–Ito colours, safe for the common colour
 * blindnesses): met a filled diamond, not met a filled circle, undecided a hollow square.
 */
function Marker({
  status,
  x,
  y,
}: {
  readonly status: Status;
  readonly x: number;
  readonly y: number;
}) {
  switch (status) {
    case 'met':
      return (
        <polygon
          points={`${x},${y - 7} ${x + 7},${y} ${x},${y + 7} ${x - 7},${y}`}
          className={styles.markMet}
        />
      );
    case 'not-met':
      return <circle cx={x} cy={y} r={5.5} className={styles.markNotMet} />;
    case 'insufficient-evidence':
      return <rect x={x - 5} y={y - 5} width={10} height={10} className={styles.markUndecided} />;
  }
}

const STATUSES: readonly Status[] = ['met', 'not-met', 'insufficient-evidence'];

/** Characters of a row's name that fit left of the axis; the table has it whole. */
const NAME_CHARS = 34;

function clipped(name: string): string {
  return name.length <= NAME_CHARS ? name : `${name.slice(0, NAME_CHARS - 1)}…`;
}

/**
 * Observed values with their intervals (each at its rule's confidence) against each rule's
 * threshold, on an axis that is the
 * metric's range (0 to 1 for a proportion), with ticks and a legend. Plain SVG: no scripts,
 * no external resources.
 */
export function ThresholdChart({ rules }: { readonly rules: readonly RuleOutcome[] }) {
  // The range is the metric's, read from the values and thresholds; an interval reaching
  // past it (a Wald interval can leave [0, 1]) is drawn to the edge, its numbers in the table.
  const scale = chartScale(
    rules.flatMap((r) => [r.threshold, ...(r.observed === null ? [] : [r.observed])]),
  );
  const x = (v: number) =>
    LEFT +
    ((Math.min(scale.max, Math.max(scale.min, v)) - scale.min) / (scale.max - scale.min)) *
      (WIDTH - LEFT - RIGHT);
  const bottom = TOP + rules.length * ROW;
  const height = bottom + AXIS;
  return (
    <figure className={styles.chart}>
      <svg
        role="img"
        aria-label="Observed values with their intervals against each rule's threshold"
        viewBox={`0 0 ${WIDTH} ${height}`}
        width={WIDTH}
        height={height}
      >
        {scale.ticks.map((tick) => (
          <g key={tick}>
            <line x1={x(tick)} x2={x(tick)} y1={TOP} y2={bottom} className={styles.grid} />
            <line x1={x(tick)} x2={x(tick)} y1={bottom} y2={bottom + 5} className={styles.axis} />
            <text x={x(tick)} y={bottom + 18} textAnchor="middle" className={styles.chartText}>
              {formatNumber(tick)}
            </text>
          </g>
        ))}
        <line x1={LEFT} x2={WIDTH - RIGHT} y1={bottom} y2={bottom} className={styles.axis} />
        {rules.map((rule, i) => {
          const y = TOP + i * ROW + ROW / 2;
          return (
            <g key={rule.ruleId}>
              <title>{`${rule.ruleId} (${ruleMetricId(rule)}): ${RULE_STATUS_TEXT[rule.status]}`}</title>
              <text x={LEFT - 10} y={y + 4} textAnchor="end" className={styles.chartText}>
                {clipped(ruleMetricName(rule))}
              </text>
              {rule.interval && (
                <line
                  x1={x(rule.interval[0])}
                  x2={x(rule.interval[1])}
                  y1={y}
                  y2={y}
                  className={styles.interval}
                />
              )}
              <line
                x1={x(rule.threshold)}
                x2={x(rule.threshold)}
                y1={y - 12}
                y2={y + 12}
                className={styles.threshold}
              />
              {rule.observed !== null && <Marker status={rule.status} x={x(rule.observed)} y={y} />}
            </g>
          );
        })}
      </svg>
      <figcaption className={styles.caption}>
        <ul className={styles.legend} aria-label="Legend">
          {STATUSES.map((status) => (
            <li key={status}>
              <svg width={16} height={16} viewBox="0 0 16 16" aria-hidden="true">
                <Marker status={status} x={8} y={8} />
              </svg>
              Observed, {RULE_STATUS_TEXT[status].toLowerCase()}
            </li>
          ))}
          <li>
            <svg width={22} height={16} viewBox="0 0 22 16" aria-hidden="true">
              <line x1={2} x2={20} y1={8} y2={8} className={styles.interval} />
            </svg>
            Interval (the rule's confidence)
          </li>
          <li>
            <svg width={10} height={16} viewBox="0 0 10 16" aria-hidden="true">
              <line x1={5} x2={5} y1={1} y2={15} className={styles.threshold} />
            </svg>
            Threshold
          </li>
        </ul>
        Axis: the metric&apos;s value{scale.min === 0 && scale.max === 1 ? ', 0 to 1' : ''}.
      </figcaption>
    </figure>
  );
}
