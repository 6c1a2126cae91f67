import type { ThresholdRule } from '../../../../../common/thresholds';
import { Button, VisuallyHidden } from '../../../ui';
import { EMPTY_RULE } from './draft';
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

/** The editor's rules: one row of inputs each, Add a rule below. A form, not a DataTable. */
export function RuleTable({
  rules,
  onChange,
}: {
  readonly rules: readonly ThresholdRule[];
  readonly onChange: (rules: ThresholdRule[]) => void;
}) {
  return (
    <>
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
