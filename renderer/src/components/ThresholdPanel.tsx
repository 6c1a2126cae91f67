import type { ResponseOf } from '../../../common/ipc';
import { useDesk } from '../use-desk';
import { ErrorNotice } from './ErrorNotice';
import { ThresholdChart } from './ThresholdChart';

type Evaluated = Extract<ResponseOf<'evaluateModel'>, { state: 'evaluated' }>;
type Rule = Evaluated['evaluation']['rules'][number];

const OUTCOME_TEXT = {
  meets: 'Meets the designation threshold',
  'does-not-meet': 'Does not meet the designation threshold',
  'insufficient-evidence': 'Insufficient evidence to decide',
} as const;

const STATUS_TEXT: Readonly<Record<Rule['status'], string>> = {
  met: 'Met',
  'not-met': 'Not met',
  'insufficient-evidence': 'Insufficient evidence',
};

/** "Against thresholds": masked unless an authorised user is unlocked. */
export function ThresholdPanel({
  model,
  onUnlock,
}: {
  readonly model: { developer: string; name: string; version: string };
  readonly onUnlock: () => void;
}) {
  const result = useDesk('evaluateModel', { model, setId: null });
  return (
    <section className="threshold-panel" aria-labelledby="against-title">
      <h3 id="against-title">Against thresholds</h3>
      {result.state === 'loading' && <p aria-busy="true">Evaluating…</p>}
      {result.state === 'failed' && <ErrorNotice error={result.error} />}
      {result.state === 'ready' && result.value.state === 'locked' && (
        <div className="masked" role="note">
          <p>
            <strong>Threshold values are hidden.</strong> They are classified and are shown only to
            an unlocked reviewer, designation authority or auditor the threshold set is granted to.
          </p>
          <button type="button" className="primary" onClick={onUnlock}>
            Unlock to evaluate
          </button>
        </div>
      )}
      {result.state === 'ready' && result.value.state === 'no-threshold-set' && (
        <p className="masked">
          No threshold set exists yet. A designation authority creates one in Settings.
        </p>
      )}
      {result.state === 'ready' && result.value.state === 'not-granted' && (
        <p className="masked">
          The threshold set “{result.value.setId}” is not granted to you. Ask a designation
          authority for access.
        </p>
      )}
      {result.state === 'ready' && result.value.state === 'evaluated' && (
        <EvaluationView result={result.value} />
      )}
    </section>
  );
}

function EvaluationView({ result }: { readonly result: Evaluated }) {
  const { evaluation } = result;
  return (
    <>
      <p className={`outcome outcome--${evaluation.outcome}`} role="status">
        <strong>{OUTCOME_TEXT[evaluation.outcome]}.</strong> {evaluation.explanation}
      </p>
      <p className="hint">
        Threshold set {evaluation.thresholdSet.name} ({evaluation.thresholdSet.id}, version{' '}
        {evaluation.thresholdSet.version}); commitment{' '}
        <code>{result.commitment.slice(0, 16)}…</code>
      </p>
      <table className="data-table rule-table">
        <caption className="visually-hidden">Rules against the evidence</caption>
        <thead>
          <tr>
            <th scope="col">Rule</th>
            <th scope="col">Benchmark / metric</th>
            <th scope="col" className="numeric">
              Observed (95% CI)
            </th>
            <th scope="col">Threshold</th>
            <th scope="col" className="numeric">
              Margin
            </th>
            <th scope="col" className="numeric">
              n
            </th>
            <th scope="col">Status</th>
          </tr>
        </thead>
        <tbody>
          {evaluation.rules.map((rule) => (
            <tr key={rule.ruleId}>
              <td>
                <code>{rule.ruleId}</code>
              </td>
              <td>
                {rule.benchmark} / {rule.scorer ? `${rule.scorer}/` : ''}
                {rule.metric}
              </td>
              <td className="numeric">
                {fmt(rule.observed)}
                {rule.ci95 ? ` (${fmt(rule.ci95[0])}–${fmt(rule.ci95[1])})` : ''}
                {rule.source === 'claimed-only' ? ' *' : ''}
              </td>
              <td>
                {BASIS_TEXT[rule.basis]} {rule.operator} {fmt(rule.threshold)}
              </td>
              <td className="numeric">{rule.margin === null ? '—' : signed(rule.margin)}</td>
              <td className="numeric">{rule.n ?? '—'}</td>
              <td>
                <span className={`status status--${rule.status}`}>{STATUS_TEXT[rule.status]}</span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {evaluation.rules.some((r) => r.source === 'claimed-only') && (
        <p className="hint">
          * Value as Inspect recorded it: it could not be recomputed from the samples.
        </p>
      )}
      <ThresholdChart rules={evaluation.rules} />
      <details className="explanations">
        <summary>Reasoning for each rule</summary>
        <ul>
          {evaluation.rules.map((rule) => (
            <li key={rule.ruleId}>
              <code>{rule.ruleId}</code>: {rule.explanation}
            </li>
          ))}
        </ul>
      </details>
    </>
  );
}

const BASIS_TEXT = {
  point: 'observed',
  lower95: 'lower 95% bound',
  upper95: 'upper 95% bound',
} as const;

function fmt(value: number | null): string {
  return value === null ? '—' : String(Number(value.toPrecision(3)));
}

function signed(value: number): string {
  return `${value >= 0 ? '+' : '−'}${fmt(Math.abs(value))}`;
}
