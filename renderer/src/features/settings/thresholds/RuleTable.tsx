import type { ThresholdRule } from '../../../../../common/thresholds';
import type { MetricName } from '../../../../../common/models';
import { useDeskQuery } from '../../../desk';
import { Button, VisuallyHidden } from '../../../ui';
import { BENCHMARKS_LIST, EMPTY_RULE } from './draft';
import { RuleFields } from './RuleFields';
import styles from './Thresholds.module.css';

const HEADERS = [
  'Rule id',
  'Benchmark (Inspect task)',
  'Scorer',
  'Metric',
  'Compare',
  'Operator',
  'Value',
  'Min. samples',
];

/**
 * The editor's rules: a row of inputs each, with a second row for how its bound is computed
 * and what its samples count for; Add a rule below. A form, not a DataTable.
 */
export function RuleTable({
  rules,
  onChange,
}: {
  readonly rules: readonly ThresholdRule[];
  readonly onChange: (rules: ThresholdRule[]) => void;
}) {
  // What the evidence has, offered as each input's suggestions (any name may still be typed).
  const names = useDeskQuery('listMetricNames', {}).data?.metrics ?? [];
  return (
    <>
      <datalist id={BENCHMARKS_LIST}>
        {unique(names.map((n) => n.benchmark)).map((b) => (
          <option key={b} value={b} />
        ))}
      </datalist>
      <table className={styles.rules}>
        <caption>Rules</caption>
        <thead>
          <tr>
            {HEADERS.map((header) => (
              <th key={header} scope="col">
                {header}
              </th>
            ))}
            <th scope="col">
              <VisuallyHidden>Remove</VisuallyHidden>
            </th>
          </tr>
        </thead>
        <tbody>
          {rules.map((rule, i) => (
            <RuleFields
              // Rules have no identity until their id is typed; their position is it.
              key={i}
              rule={rule}
              number={i + 1}
              suggestions={suggestionsFor(rule, names)}
              canRemove={rules.length > 1}
              onChange={(next) => {
                onChange(rules.map((r, j) => (j === i ? next : r)));
              }}
              onRemove={() => {
                onChange(rules.filter((_, j) => j !== i));
              }}
            />
          ))}
        </tbody>
      </table>
      <div>
        <Button
          variant="link"
          onClick={() => {
            onChange([...rules, { ...EMPTY_RULE }]);
          }}
        >
          Add a rule
        </Button>
      </div>
    </>
  );
}

/** The scorers and metrics the evidence has for the rule's benchmark (and scorer, if set). */
function suggestionsFor(rule: ThresholdRule, names: readonly MetricName[]) {
  const ofBenchmark = names.filter((n) => n.benchmark === rule.benchmark);
  const ofScorer = rule.scorer ? ofBenchmark.filter((n) => n.scorer === rule.scorer) : ofBenchmark;
  return {
    scorers: unique(ofBenchmark.map((n) => n.scorer)),
    metrics: unique(ofScorer.map((n) => n.metric)),
  };
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values)];
}
