import { useId } from 'react';
import type { ImportProgress } from '../../../../common/bundles';
import { Button, Hint } from '../../ui';
import styles from './Inbox.module.css';

/** Import bundles…, and while an import runs its progress and Cancel import. */
export function ImportBar({
  busy,
  progress,
  cancelling,
  onImport,
  onCancel,
}: {
  readonly busy: boolean;
  readonly progress: ImportProgress | null;
  readonly cancelling: boolean;
  readonly onImport: () => void;
  readonly onCancel: () => void;
}) {
  const barId = useId();
  return (
    <div className={styles.toolbar}>
      {/* aria-disabled, not disabled: a disabled button drops focus, and the rejection
          dialog returns focus to where it was opened from. */}
      <Button
        variant="primary"
        aria-disabled={busy}
        onClick={() => {
          if (!busy) onImport();
        }}
      >
        Import bundles…
      </Button>
      {!busy && <Hint>or drop .evbundle files on this page</Hint>}
      {busy && (
        <div className={styles.progress} role="status" aria-live="polite">
          <label htmlFor={barId}>
            {progress ? `${progress.file}: ${progress.phase}` : 'Waiting for the file choice…'}
          </label>
          <progress
            id={barId}
            max={progress?.total || 1}
            value={progress ? progress.done : undefined}
          />
        </div>
      )}
      {busy && (
        <Button disabled={cancelling} onClick={onCancel}>
          {cancelling ? 'Cancelling…' : 'Cancel import'}
        </Button>
      )}
    </div>
  );
}
