import { useEffect, useRef } from 'react';
import type { ResponseOf } from '../../../common/ipc';
import { CheckList } from './CheckList';

type Outcome = Extract<ResponseOf<'importBundles'>['outcomes'][number], { status: 'rejected' }>;

/** A modal that says which bundle was rejected, why, and that nothing was imported. */
export function RejectionDialog({
  outcomes,
  onClose,
}: {
  readonly outcomes: readonly Outcome[];
  readonly onClose: () => void;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const element = dialog.current;
    if (element && !element.open) element.showModal();
    return () => {
      element?.close();
    };
  }, []);
  return (
    <dialog
      ref={dialog}
      className="rejection-dialog"
      aria-labelledby="rejection-title"
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
    >
      <h2 id="rejection-title">
        {outcomes.length === 1 ? 'Bundle rejected' : `${outcomes.length} bundles rejected`}
      </h2>
      {outcomes.map((outcome) => (
        <section
          key={outcome.file}
          aria-label={`Rejection of ${outcome.file}`}
          className="rejection"
        >
          <p className="rejection-message">{outcome.message}</p>
          <CheckList checks={outcome.checks} label={`Checks for ${outcome.file}`} />
        </section>
      ))}
      <div className="form-actions">
        <button type="button" autoFocus onClick={onClose}>
          Close
        </button>
      </div>
    </dialog>
  );
}
