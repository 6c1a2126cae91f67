import {
  BASES,
  INTERVAL_METHODS,
  OPERATORS,
  type ThresholdRule,
} from '../../../../../common/thresholds';
import { BASIS_TEXT, INTERVAL_TEXT } from '../../../vocabulary';
import { Button, VisuallyHidden } from '../../../ui';
import { BENCHMARKS_LIST, withScorer } from './draft';

/** One rule of the editor, as a row of labelled inputs. */
export function RuleFields({
  rule,
  number,
  canRemove,
  suggestions,
  onChange,
  onRemove,
}: {
  readonly rule: ThresholdRule;
  /** 1-based, as people count rules. */
  readonly number: number;
  readonly canRemove: boolean;
  /** What the evidence has for this rule's benchmark: offered, not imposed. */
  readonly suggestions: {
    readonly scorers: readonly string[];
    readonly metrics: readonly string[];
  };
  readonly onChange: (rule: ThresholdRule) => void;
  readonly onRemove: () => void;
}) {
  const label = (what: string) => `Rule ${number} ${what}`;
  const set = (patch: Partial<ThresholdRule>) => {
    onChange({ ...rule, ...patch });
  };
  return (
    <tr>
      <td>
        <datalist id={`rule-${number}-scorers`}>
          {suggestions.scorers.map((s) => (
            <option key={s} value={s} />
          ))}
        </datalist>
        <datalist id={`rule-${number}-metrics`}>
          {suggestions.metrics.map((m) => (
            <option key={m} value={m} />
          ))}
        </datalist>
        <input
          aria-label={label('id')}
          required
          value={rule.id}
          onChange={(e) => {
            set({ id: e.target.value });
          }}
        />
      </td>
      <td>
        <input
          aria-label={label('benchmark')}
          required
          list={BENCHMARKS_LIST}
          value={rule.benchmark}
          onChange={(e) => {
            set({ benchmark: e.target.value });
          }}
        />
      </td>
      <td>
        <input
          aria-label={label('scorer')}
          list={`rule-${number}-scorers`}
          value={rule.scorer ?? ''}
          onChange={(e) => {
            onChange(withScorer(rule, e.target.value));
          }}
        />
      </td>
      <td>
        <input
          aria-label={label('metric')}
          required
          list={`rule-${number}-metrics`}
          value={rule.metric}
          onChange={(e) => {
            set({ metric: e.target.value });
          }}
        />
      </td>
      <td>
        <select
          aria-label={label('basis')}
          value={rule.basis}
          onChange={(e) => {
            set({ basis: BASES.find((b) => b === e.target.value) ?? rule.basis });
          }}
        >
          {BASES.map((basis) => (
            <option key={basis} value={basis}>
              {BASIS_TEXT[basis]}
            </option>
          ))}
        </select>
      </td>
      <td>
        {/* How a bound is computed; a point rule has none. */}
        <select
          aria-label={label('interval')}
          disabled={rule.basis === 'point'}
          value={rule.interval ?? 'wilson'}
          onChange={(e) => {
            set({
              interval: INTERVAL_METHODS.find((m) => m === e.target.value) ?? rule.interval,
            });
          }}
        >
          {INTERVAL_METHODS.map((method) => (
            <option key={method} value={method}>
              {INTERVAL_TEXT[method]}
            </option>
          ))}
        </select>
      </td>
      <td>
        <select
          aria-label={label('operator')}
          value={rule.operator}
          onChange={(e) => {
            set({ operator: OPERATORS.find((o) => o === e.target.value) ?? rule.operator });
          }}
        >
          {OPERATORS.map((op) => (
            <option key={op} value={op}>
              {op}
            </option>
          ))}
        </select>
      </td>
      <td>
        <input
          aria-label={label('value')}
          type="number"
          step="any"
          required
          value={rule.value}
          onChange={(e) => {
            set({ value: Number(e.target.value) });
          }}
        />
      </td>
      <td>
        <input
          aria-label={label('minimum samples')}
          type="number"
          min={1}
          value={rule.minSamples}
          onChange={(e) => {
            set({ minSamples: Number(e.target.value) });
          }}
        />
      </td>
      <td>
        <Button variant="link" disabled={!canRemove} onClick={onRemove}>
          Remove<VisuallyHidden> rule {number}</VisuallyHidden>
        </Button>
      </td>
    </tr>
  );
}
