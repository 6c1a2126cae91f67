import { Dialog } from '../../ui';
import { CheckList } from './CheckList';
import type { RejectedOutcome } from './outcomes';
import styles from './Inbox.module.css';

/** The checks that ran (the rest never started: the first failure stops verification). */
function RanChecks({ outcome }: { readonly outcome: RejectedOutcome }) {
  const ran = outcome.checks.filter((c) => c.status !== 'not-run');
  const notRun = outcome.checks.length - ran.length;
  return (
    <>
      <CheckList checks={ran} label={`Checks for ${outcome.file}`} />
      {notRun > 0 && (
        <p className={styles.notRun}>
          {notRun === 1 ? '1 later check was' : `${notRun} later checks were`} not run.
        </p>
      )}
    </>
  );
}

/**
 * Which bundle was rejected, why, and that nothing was imported. Several rejections are
 * one folded section each, the first open, so five do not make one long dialog.
 */
export function RejectionDialog({
  outcomes,
  onClose,
}: {
  readonly outcomes: readonly RejectedOutcome[];
  readonly onClose: () => void;
}) {
  const [first] = outcomes;
  return (
    <Dialog
      tone="danger"
      title={outcomes.length === 1 ? 'Bundle rejected' : `${outcomes.length} bundles rejected`}
      onClose={onClose}
    >
      {outcomes.length === 1 && first !== undefined ? (
        <section aria-label={`Rejection of ${first.file}`}>
          <p className={styles.rejection}>{first.message}</p>
          <RanChecks outcome={first} />
        </section>
      ) : (
        outcomes.map((outcome, i) => (
          <details key={outcome.file} open={i === 0} aria-label={`Rejection of ${outcome.file}`}>
            <summary className={styles.rejectionSummary}>{outcome.file}</summary>
            <p className={styles.rejection}>{outcome.message}</p>
            <RanChecks outcome={outcome} />
          </details>
        ))
      )}
    </Dialog>
  );
}
