import { HIDEABLE_COLUMNS } from './sample-columns';
import styles from './Evidence.module.css';

/**
 * Which columns the grid shows: the built-in ones (each can be hidden) and the samples'
 * metadata keys (each can be shown, in the order chosen). The choice is in the route.
 */
export function ColumnChooser({
  metadataKeys,
  shown,
  hidden,
  onChange,
}: {
  /** The keys the listed samples have. */
  readonly metadataKeys: readonly string[];
  readonly shown: readonly string[];
  readonly hidden: readonly string[];
  readonly onChange: (choice: { shown: readonly string[]; hidden: readonly string[] }) => void;
}) {
  const keys = [...new Set([...shown, ...metadataKeys])];
  const toggle = (list: readonly string[], item: string) =>
    list.includes(item) ? list.filter((x) => x !== item) : [...list, item];
  return (
    <details className={styles.chooser}>
      <summary>Columns</summary>
      <fieldset>
        <legend>Shown</legend>
        {HIDEABLE_COLUMNS.map(([id, label]) => (
          <label key={id}>
            <input
              type="checkbox"
              checked={!hidden.includes(id)}
              onChange={() => {
                onChange({ shown, hidden: toggle(hidden, id) });
              }}
            />{' '}
            {label}
          </label>
        ))}
      </fieldset>
      <fieldset>
        <legend>Metadata</legend>
        {keys.length === 0 && <p>These samples have no metadata.</p>}
        {keys.map((key) => (
          <label key={key}>
            <input
              type="checkbox"
              checked={shown.includes(key)}
              onChange={() => {
                onChange({ shown: toggle(shown, key), hidden });
              }}
            />{' '}
            {key}
          </label>
        ))}
      </fieldset>
    </details>
  );
}
