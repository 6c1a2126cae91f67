import { Dialog } from '../../ui';
import { CheckList } from './CheckList';
import type { RejectedOutcome } from './outcomes';
import styles from './Inbox.module.css';

/** Which bundle was rejected, why, and that nothing was imported. */
export function RejectionDialog({
  outcomes,
  onClose,
}: {
  readonly outcomes: readonly RejectedOutcome[];
  readonly onClose: () => void;
}) {
  return (
    <Dialog
      tone="danger"
      title={outcomes.length === 1 ? 'Bundle rejected' : `${outcomes.length} bundles rejected`}
      onClose={onClose}
    >
      {outcomes.map((outcome) => (
        <section key={outcome.file} aria-label={`Rejection of ${outcome.file}`}>
          <p className={styles.rejection}>{outcome.message}</p>
          <CheckList checks={outcome.checks} label={`Checks for ${outcome.file}`} />
        </section>
      ))}
    </Dialog>
  );
}
