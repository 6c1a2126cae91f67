import { useState } from 'react';
import {
  MULTIPLE_COMPARISONS,
  type ThresholdSet,
  type ThresholdSetMeta,
} from '../../../../../common/thresholds';
import { useDeskMutation } from '../../../desk';
import { Button, Field, Notice } from '../../../ui';
import {
  DESIGNATION_KINDS,
  DESIGNATION_TEXT,
  MULTIPLE_COMPARISONS_TEXT,
} from '../../../vocabulary';
import { useReaderKeys } from './readers';
import { RuleTable } from './RuleTable';
import styles from './Thresholds.module.css';

type Designation = ThresholdSet['designation'];

/** Writes a threshold set (or its next version), signed by the unlocked authority on save. */
export function ThresholdSetEditor({
  initial,
  based,
  onDone,
}: {
  readonly initial: ThresholdSet;
  readonly based: ThresholdSetMeta | null;
  readonly onDone: () => void;
}) {
  const [draft, setDraft] = useState<ThresholdSet>(initial);
  const [grantTo, setGrantTo] = useState<readonly string[]>(based?.recipients ?? []);
  const readers = useReaderKeys();
  const save = useDeskMutation('saveThresholdSet', {
    invalidates: ['listThresholdSets', 'evaluateModel', 'openThresholdSet', 'listAuditEvents'],
  });
  const setDesignation = (kind: Designation['kind']) => {
    setDraft((d) => ({ ...d, designation: kind === 'atLeast' ? { kind, k: 1 } : { kind } }));
  };

  return (
    <form
      className={styles.editor}
      aria-label={based ? `New version of ${based.id}` : 'New threshold set'}
      onSubmit={(event) => {
        event.preventDefault();
        save.mutate({ document: draft, grantTo: [...grantTo] }, { onSuccess: onDone });
      }}
    >
      <h3>{based ? `Version ${draft.version} of ${based.id}` : 'New threshold set'}</h3>
      <div className={styles.fields}>
        <Field label="Set id">
          {(control) => (
            <input
              {...control}
              required
              pattern="[A-Za-z0-9][A-Za-z0-9._\-]{0,63}"
              disabled={based !== null}
              value={draft.id}
              onChange={(e) => {
                setDraft({ ...draft, id: e.target.value });
              }}
            />
          )}
        </Field>
        <Field label="Name">
          {(control) => (
            <input
              {...control}
              required
              value={draft.name}
              onChange={(e) => {
                setDraft({ ...draft, name: e.target.value });
              }}
            />
          )}
        </Field>
        <Field label="Notes">
          {(control) => (
            <textarea
              {...control}
              rows={2}
              value={draft.notes}
              onChange={(e) => {
                setDraft({ ...draft, notes: e.target.value });
              }}
            />
          )}
        </Field>
        <Field label="Designated when">
          {(control) => (
            <select
              {...control}
              value={draft.designation.kind}
              onChange={(e) => {
                const kind = DESIGNATION_KINDS.find((k) => k === e.target.value);
                if (kind) setDesignation(kind);
              }}
            >
              {DESIGNATION_KINDS.map((kind) => (
                <option key={kind} value={kind}>
                  {DESIGNATION_TEXT[kind]}
                </option>
              ))}
            </select>
          )}
        </Field>
        {draft.designation.kind === 'atLeast' && (
          <Field label="k">
            {(control) => (
              <input
                {...control}
                type="number"
                min={1}
                max={draft.rules.length}
                value={draft.designation.kind === 'atLeast' ? draft.designation.k : 1}
                onChange={(e) => {
                  setDraft({
                    ...draft,
                    designation: { kind: 'atLeast', k: Number(e.target.value) },
                  });
                }}
              />
            )}
          </Field>
        )}
        <Field label="Several bound rules">
          {(control) => (
            <select
              {...control}
              value={draft.multipleComparisons ?? 'none'}
              onChange={(e) => {
                const choice = MULTIPLE_COMPARISONS.find((c) => c === e.target.value);
                if (choice) setDraft({ ...draft, multipleComparisons: choice });
              }}
            >
              {MULTIPLE_COMPARISONS.map((choice) => (
                <option key={choice} value={choice}>
                  {MULTIPLE_COMPARISONS_TEXT[choice]}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      <RuleTable
        rules={draft.rules}
        onChange={(rules) => {
          setDraft((d) => ({ ...d, rules }));
        }}
      />
      <fieldset className={styles.readers}>
        <legend>Readers (besides you)</legend>
        {readers.map((key) => (
          <label key={key.keyid} className={styles.checkbox}>
            <input
              type="checkbox"
              checked={grantTo.includes(key.keyid)}
              onChange={(e) => {
                const { checked } = e.target;
                setGrantTo((g) => (checked ? [...g, key.keyid] : g.filter((k) => k !== key.keyid)));
              }}
            />{' '}
            {key.name} ({key.roles.join(', ')})
          </label>
        ))}
      </fieldset>
      {save.error && (
        <Notice tone="error" title="Not saved.">
          {save.error.message}
        </Notice>
      )}
      <div className={styles.actions}>
        <Button type="submit" variant="primary" disabled={save.isPending}>
          Sign and save version {draft.version}
        </Button>
        <Button onClick={onDone}>Cancel</Button>
      </div>
    </form>
  );
}
