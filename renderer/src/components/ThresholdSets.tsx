import { useId, useState } from 'react';
import type { ResponseOf } from '../../../common/ipc';
import { callDesk } from '../desk-client';
import { useDesk } from '../use-desk';
import { ErrorNotice } from './ErrorNotice';

type Meta = ResponseOf<'listThresholdSets'>['sets'][number];
type Session = ResponseOf<'getSession'>['session'];
type Document = ResponseOf<'openThresholdSet'>['document'];
type Rule = Document['rules'][number];

/** An empty scorer field means "any scorer": the key is left out, not set to "". */
function withScorer(rule: Rule, scorer: string): Rule {
  const next: Rule = { ...rule };
  if (scorer) next.scorer = scorer;
  else delete next.scorer;
  return next;
}

const EMPTY_RULE: Rule = {
  id: '',
  benchmark: '',
  metric: 'accuracy',
  operator: '>=',
  value: 0.5,
  basis: 'lower95',
  minSamples: 1,
};

/** Settings → Threshold sets: metadata for everyone; creating and changing for an unlocked authority. */
export function ThresholdSets({ session }: { readonly session: Session }) {
  const [generation, setGeneration] = useState(0);
  const sets = useDesk('listThresholdSets', {}, generation);
  const [editing, setEditing] = useState<{ draft: Document; based: Meta | null } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [managing, setManaging] = useState<string | null>(null);
  const isAuthority = session?.roles.includes('authority') ?? false;

  const latest = new Map<string, Meta>();
  if (sets.state === 'ready') for (const meta of sets.value.sets) latest.set(meta.id, meta);

  const startNewVersion = async (meta: Meta) => {
    setError(null);
    const opened = await callDesk('openThresholdSet', { id: meta.id });
    if (!opened.ok) {
      setError(opened.error.message);
      return;
    }
    setEditing({ draft: { ...opened.value.document, version: meta.version + 1 }, based: meta });
  };

  return (
    <section aria-labelledby="settings-thresholds">
      <h2 id="settings-thresholds">Threshold sets</h2>
      <p className="hint">
        Rules and values are classified: they are stored encrypted and shown only to unlocked users
        a set is granted to. Only the id, version, author, recipients and salted commitment are
        listed here.
      </p>
      {sets.state === 'failed' && <ErrorNotice error={sets.error} />}
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      {sets.state === 'ready' && sets.value.sets.length === 0 && (
        <p>No threshold set has been created yet.</p>
      )}
      {sets.state === 'ready' && sets.value.sets.length > 0 && (
        <table className="data-table">
          <caption className="visually-hidden">Threshold set versions</caption>
          <thead>
            <tr>
              <th scope="col">Set</th>
              <th scope="col" className="numeric">
                Version
              </th>
              <th scope="col">Author</th>
              <th scope="col">Created (UTC)</th>
              <th scope="col" className="numeric">
                Readers
              </th>
              <th scope="col">Commitment</th>
              {isAuthority && <th scope="col">Change</th>}
            </tr>
          </thead>
          <tbody>
            {sets.value.sets.map((meta) => (
              <tr key={`${meta.id}@${meta.version}`}>
                <td>
                  <code>{meta.id}</code>
                </td>
                <td className="numeric">{meta.version}</td>
                <td>{meta.author.name ?? `${meta.author.keyid.slice(0, 12)}…`}</td>
                <td>{meta.createdAt.replace('T', ' ').slice(0, 19)}</td>
                <td className="numeric">{meta.recipients.length}</td>
                <td>
                  <code>{meta.commitment.slice(0, 16)}…</code>
                </td>
                {isAuthority && (
                  <td>
                    {latest.get(meta.id) === meta && (
                      <>
                        <button
                          type="button"
                          className="link-button"
                          onClick={() => void startNewVersion(meta)}
                        >
                          New version<span className="visually-hidden"> of {meta.id}</span>
                        </button>{' '}
                        <button
                          type="button"
                          className="link-button"
                          aria-expanded={managing === meta.id}
                          onClick={() => {
                            setManaging(managing === meta.id ? null : meta.id);
                          }}
                        >
                          Readers<span className="visually-hidden"> of {meta.id}</span>
                        </button>
                      </>
                    )}
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {isAuthority && managing !== null && latest.get(managing) && (
        <ReadersPanel
          meta={latest.get(managing) as Meta}
          onChanged={() => {
            setGeneration((g) => g + 1);
          }}
        />
      )}
      {isAuthority && editing === null && (
        <button
          type="button"
          className="primary"
          onClick={() => {
            setEditing({
              draft: {
                type: 'designation-desk/threshold-set/v1',
                id: '',
                version: 1,
                name: '',
                notes: '',
                rules: [{ ...EMPTY_RULE }],
                designation: { kind: 'any' },
              },
              based: null,
            });
          }}
        >
          New threshold set
        </button>
      )}
      {!isAuthority && (
        <p className="hint">
          Unlock as a designation authority to create or change a threshold set.
        </p>
      )}
      {editing && (
        <ThresholdSetEditor
          initial={editing.draft}
          based={editing.based}
          onCancel={() => {
            setEditing(null);
          }}
          onSaved={() => {
            setEditing(null);
            setGeneration((g) => g + 1);
          }}
        />
      )}
    </section>
  );
}

function ThresholdSetEditor({
  initial,
  based,
  onCancel,
  onSaved,
}: {
  readonly initial: Document;
  readonly based: Meta | null;
  readonly onCancel: () => void;
  readonly onSaved: () => void;
}) {
  const formId = useId();
  const [draft, setDraft] = useState<Document>(initial);
  const [grantTo, setGrantTo] = useState<readonly string[]>(based?.recipients ?? []);
  const [error, setError] = useState<string | null>(null);
  const roster = useDesk('getTrustRoster', {});
  const readers =
    roster.state === 'ready'
      ? (roster.value.roster?.keys ?? []).filter((k) =>
          k.roles.some((r) => ['reviewer', 'authority', 'auditor'].includes(r)),
        )
      : [];

  const setRule = (index: number, patch: Partial<Rule>) => {
    setDraft((d) => ({
      ...d,
      rules: d.rules.map((r, i) => (i === index ? { ...r, ...patch } : r)),
    }));
  };
  const save = async () => {
    setError(null);
    const result = await callDesk('saveThresholdSet', { document: draft, grantTo: [...grantTo] });
    if (result.ok) onSaved();
    else setError(result.error.message);
  };

  return (
    <form
      className="threshold-editor"
      aria-label={based ? `New version of ${based.id}` : 'New threshold set'}
      onSubmit={(event) => {
        event.preventDefault();
        void save();
      }}
    >
      <h3>{based ? `Version ${draft.version} of ${based.id}` : 'New threshold set'}</h3>
      <div className="field-grid">
        <label htmlFor={`${formId}-id`}>Set id</label>
        <input
          id={`${formId}-id`}
          required
          pattern="[A-Za-z0-9][A-Za-z0-9._\-]{0,63}"
          disabled={based !== null}
          value={draft.id}
          onChange={(e) => {
            setDraft({ ...draft, id: e.target.value });
          }}
        />
        <label htmlFor={`${formId}-name`}>Name</label>
        <input
          id={`${formId}-name`}
          required
          value={draft.name}
          onChange={(e) => {
            setDraft({ ...draft, name: e.target.value });
          }}
        />
        <label htmlFor={`${formId}-notes`}>Notes</label>
        <textarea
          id={`${formId}-notes`}
          rows={2}
          value={draft.notes}
          onChange={(e) => {
            setDraft({ ...draft, notes: e.target.value });
          }}
        />
        <label htmlFor={`${formId}-designation`}>Designated when</label>
        <div>
          <select
            id={`${formId}-designation`}
            value={draft.designation.kind}
            onChange={(e) => {
              const kind = e.target.value as Document['designation']['kind'];
              setDraft({ ...draft, designation: kind === 'atLeast' ? { kind, k: 1 } : { kind } });
            }}
          >
            <option value="any">any rule is met</option>
            <option value="all">all rules are met</option>
            <option value="atLeast">at least k rules are met</option>
          </select>
          {draft.designation.kind === 'atLeast' && (
            <input
              aria-label="k"
              type="number"
              min={1}
              max={draft.rules.length}
              value={draft.designation.k}
              onChange={(e) => {
                setDraft({ ...draft, designation: { kind: 'atLeast', k: Number(e.target.value) } });
              }}
            />
          )}
        </div>
      </div>
      <table className="data-table rule-editor">
        <caption>Rules</caption>
        <thead>
          <tr>
            <th scope="col">Rule id</th>
            <th scope="col">Benchmark (Inspect task)</th>
            <th scope="col">Scorer</th>
            <th scope="col">Metric</th>
            <th scope="col">Compare</th>
            <th scope="col">Operator</th>
            <th scope="col">Value</th>
            <th scope="col">Min. samples</th>
            <th scope="col">
              <span className="visually-hidden">Remove</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {draft.rules.map((rule, i) => (
            <tr key={i}>
              <td>
                <input
                  aria-label={`Rule ${i + 1} id`}
                  required
                  value={rule.id}
                  onChange={(e) => {
                    setRule(i, { id: e.target.value });
                  }}
                />
              </td>
              <td>
                <input
                  aria-label={`Rule ${i + 1} benchmark`}
                  required
                  value={rule.benchmark}
                  onChange={(e) => {
                    setRule(i, { benchmark: e.target.value });
                  }}
                />
              </td>
              <td>
                <input
                  aria-label={`Rule ${i + 1} scorer`}
                  value={rule.scorer ?? ''}
                  onChange={(e) => {
                    const scorer = e.target.value;
                    setDraft((d) => ({
                      ...d,
                      rules: d.rules.map((r, j) => (j === i ? withScorer(r, scorer) : r)),
                    }));
                  }}
                />
              </td>
              <td>
                <input
                  aria-label={`Rule ${i + 1} metric`}
                  required
                  value={rule.metric}
                  onChange={(e) => {
                    setRule(i, { metric: e.target.value });
                  }}
                />
              </td>
              <td>
                <select
                  aria-label={`Rule ${i + 1} basis`}
                  value={rule.basis}
                  onChange={(e) => {
                    setRule(i, { basis: e.target.value as Rule['basis'] });
                  }}
                >
                  <option value="point">observed value</option>
                  <option value="lower95">lower 95% bound</option>
                  <option value="upper95">upper 95% bound</option>
                </select>
              </td>
              <td>
                <select
                  aria-label={`Rule ${i + 1} operator`}
                  value={rule.operator}
                  onChange={(e) => {
                    setRule(i, { operator: e.target.value as Rule['operator'] });
                  }}
                >
                  {['>=', '>', '<=', '<'].map((op) => (
                    <option key={op} value={op}>
                      {op}
                    </option>
                  ))}
                </select>
              </td>
              <td>
                <input
                  aria-label={`Rule ${i + 1} value`}
                  type="number"
                  step="any"
                  required
                  value={rule.value}
                  onChange={(e) => {
                    setRule(i, { value: Number(e.target.value) });
                  }}
                />
              </td>
              <td>
                <input
                  aria-label={`Rule ${i + 1} minimum samples`}
                  type="number"
                  min={1}
                  value={rule.minSamples}
                  onChange={(e) => {
                    setRule(i, { minSamples: Number(e.target.value) });
                  }}
                />
              </td>
              <td>
                <button
                  type="button"
                  className="link-button"
                  disabled={draft.rules.length === 1}
                  onClick={() => {
                    setDraft((d) => ({ ...d, rules: d.rules.filter((_, j) => j !== i) }));
                  }}
                >
                  Remove<span className="visually-hidden"> rule {i + 1}</span>
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <button
        type="button"
        className="link-button"
        onClick={() => {
          setDraft((d) => ({ ...d, rules: [...d.rules, { ...EMPTY_RULE }] }));
        }}
      >
        Add a rule
      </button>
      <fieldset>
        <legend>Readers (besides you)</legend>
        {readers.map((key) => (
          <label key={key.keyid} className="checkbox">
            <input
              type="checkbox"
              checked={grantTo.includes(key.keyid)}
              onChange={(e) => {
                setGrantTo((g) =>
                  e.target.checked ? [...g, key.keyid] : g.filter((k) => k !== key.keyid),
                );
              }}
            />{' '}
            {key.name} ({key.roles.join(', ')})
          </label>
        ))}
      </fieldset>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      <div className="form-actions">
        <button type="submit" className="primary">
          Sign and save version {draft.version}
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}

/** Grant or revoke a reader of a set's latest version (revoking re-keys it as a new version). */
function ReadersPanel({
  meta,
  onChanged,
}: {
  readonly meta: Meta;
  readonly onChanged: () => void;
}) {
  const roster = useDesk('getTrustRoster', {});
  const [error, setError] = useState<string | null>(null);
  const readers =
    roster.state === 'ready'
      ? (roster.value.roster?.keys ?? []).filter((k) =>
          k.roles.some((r) => ['reviewer', 'authority', 'auditor'].includes(r)),
        )
      : [];
  const change = async (
    channel: 'grantThresholdReader' | 'revokeThresholdReader',
    keyid: string,
  ) => {
    setError(null);
    const result = await callDesk(channel, { id: meta.id, keyid });
    if (result.ok) onChanged();
    else setError(result.error.message);
  };
  return (
    <section className="readers-panel" aria-label={`Readers of ${meta.id}`}>
      <h3>
        Readers of {meta.id} (version {meta.version})
      </h3>
      <ul>
        {readers.map((key) => {
          const reads = meta.recipients.includes(key.keyid);
          return (
            <li key={key.keyid}>
              {key.name} ({key.roles.join(', ')}): {reads ? 'can read' : 'cannot read'}{' '}
              <button
                type="button"
                className="link-button"
                onClick={() =>
                  void change(reads ? 'revokeThresholdReader' : 'grantThresholdReader', key.keyid)
                }
              >
                {reads ? 'Revoke' : 'Grant'}
                <span className="visually-hidden"> {key.name}</span>
              </button>
            </li>
          );
        })}
      </ul>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
