import {
  boundSide,
  percentOf,
  takesK,
  INTERVAL_METHODS,
  OPERATORS,
  SAMPLE_POLICIES,
  type Basis,
  type Operator,
  type ThresholdRule,
} from '../../../../../common/thresholds';
import {
  BASIS_TEXT,
  CONFIDENCES,
  EDITOR_BASES,
  INTERVAL_TEXT,
  POLICY_TEXT,
  REDUCER_CHOICES,
  REDUCER_TEXT,
} from '../../../vocabulary';
import { Button, VisuallyHidden } from '../../../ui';
import { BENCHMARKS_LIST, withText } from './draft';
import styles from './Thresholds.module.css';

const OPERATOR_TEXT: Readonly<Record<Operator, string>> = {
  '>=': '>=',
  '>': '>',
  '<=': '<=',
  '<': '<',
};

/** A labelled select of one of `options`, each shown by its text. */
function Choice<T extends string>({
  label,
  options,
  text,
  value,
  disabled = false,
  onChange,
}: {
  readonly label: string;
  readonly options: readonly T[];
  readonly text: Readonly<Record<T, string>>;
  readonly value: T;
  readonly disabled?: boolean;
  readonly onChange: (value: T) => void;
}) {
  return (
    <select
      aria-label={label}
      disabled={disabled}
      value={value}
      onChange={(e) => {
        const chosen = options.find((o) => o === e.target.value);
        if (chosen !== undefined) onChange(chosen);
      }}
    >
      {options.map((option) => (
        <option key={option} value={option}>
          {text[option]}
        </option>
      ))}
    </select>
  );
}

/**
 * The rule with `basis` in the editor's words: a bound is written lower or upper with its
 * confidence (a lower95 rule becomes lower at 0.95, which means the same); the observed
 * value has no confidence.
 */
function withBasis(rule: ThresholdRule, basis: Basis): ThresholdRule {
  const next: ThresholdRule = { ...rule };
  const side = boundSide(basis);
  if (side === null) {
    next.basis = 'point';
    delete next.confidence;
  } else {
    next.basis = side;
    next.confidence = rule.confidence ?? 0.95;
  }
  return next;
}

/** The confidences offered, with the rule's own when a set written elsewhere names another. */
function confidenceOptions(rule: ThresholdRule): {
  readonly options: readonly string[];
  readonly text: Readonly<Record<string, string>>;
} {
  const own = String(rule.confidence ?? 0.95);
  const options = [...new Set<string>([...CONFIDENCES, own])].sort((a, b) => Number(a) - Number(b));
  return { options, text: Object.fromEntries(options.map((o) => [o, percentOf(Number(o))])) };
}

/** The reducer as chosen: "as-logged" leaves it out; a k is kept only for a `_k` reducer. */
function withReducer(
  rule: ThresholdRule,
  reducer: (typeof REDUCER_CHOICES)[number],
): ThresholdRule {
  const next: ThresholdRule = { ...rule };
  if (reducer === 'as-logged') delete next.reducer;
  else next.reducer = reducer;
  if (reducer === 'as-logged' || !takesK(reducer)) delete next.k;
  else next.k = rule.k ?? 2;
  return next;
}

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
    <>
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
              onChange(withText(rule, 'scorer', e.target.value));
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
          <Choice
            label={label('basis')}
            options={EDITOR_BASES}
            text={BASIS_TEXT}
            value={boundSide(rule.basis) ?? 'point'}
            onChange={(basis) => {
              onChange(withBasis(rule, basis));
            }}
          />
        </td>
        <td>
          <Choice
            label={label('operator')}
            options={OPERATORS}
            text={OPERATOR_TEXT}
            value={rule.operator}
            onChange={(operator) => {
              set({ operator });
            }}
          />
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
      <tr className={styles.options}>
        <td colSpan={9}>
          <div className={styles.optionList}>
            <div className={styles.option}>
              <span aria-hidden="true">Confidence</span>
              <Choice
                label={label('confidence')}
                disabled={boundSide(rule.basis) === null}
                {...confidenceOptions(rule)}
                value={String(rule.confidence ?? 0.95)}
                onChange={(confidence) => {
                  onChange(withBasis({ ...rule, confidence: Number(confidence) }, rule.basis));
                }}
              />
            </div>
            <div className={styles.option}>
              <span aria-hidden="true">Interval</span>
              {/* How a bound is computed; a point rule has none. */}
              <Choice
                label={label('interval')}
                disabled={rule.basis === 'point'}
                options={INTERVAL_METHODS}
                text={INTERVAL_TEXT}
                value={rule.interval ?? 'wilson'}
                onChange={(interval) => {
                  set({ interval });
                }}
              />
            </div>
            <div className={styles.option}>
              <span aria-hidden="true">Epochs</span>
              <Choice
                label={label('epoch reducer')}
                options={REDUCER_CHOICES}
                text={REDUCER_TEXT}
                value={rule.reducer ?? 'as-logged'}
                onChange={(reducer) => {
                  onChange(withReducer(rule, reducer));
                }}
              />
            </div>
            <div className={styles.option}>
              <span aria-hidden="true">k</span>
              <input
                aria-label={label('k')}
                type="number"
                min={1}
                disabled={rule.reducer === undefined || !takesK(rule.reducer)}
                value={rule.k ?? ''}
                onChange={(e) => {
                  set({ k: Number(e.target.value) });
                }}
              />
            </div>
            <div className={styles.option}>
              <span aria-hidden="true">Cluster by</span>
              {/* A sample metadata key; empty means the samples are independent. */}
              <input
                aria-label={label('cluster')}
                disabled={rule.basis === 'point'}
                placeholder="none"
                value={rule.cluster ?? ''}
                onChange={(e) => {
                  onChange(withText(rule, 'cluster', e.target.value));
                }}
              />
            </div>
            <div className={styles.option}>
              <span aria-hidden="true">Errored samples</span>
              <Choice
                label={label('errored samples')}
                options={SAMPLE_POLICIES}
                text={POLICY_TEXT}
                value={rule.errors ?? 'as-scored'}
                onChange={(errors) => {
                  set({ errors });
                }}
              />
            </div>
            <div className={styles.option}>
              <span aria-hidden="true">Samples at a limit</span>
              <Choice
                label={label('samples at a limit')}
                options={SAMPLE_POLICIES}
                text={POLICY_TEXT}
                value={rule.limits ?? 'as-scored'}
                onChange={(limits) => {
                  set({ limits });
                }}
              />
            </div>
          </div>
        </td>
      </tr>
    </>
  );
}
