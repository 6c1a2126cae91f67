import { EmptyState } from '../components/EmptyState';

export function ModelsView() {
  return (
    <EmptyState title="No models yet">
      <p>
        A model appears here once a verified result bundle that evaluates it has been imported from
        the <em>Inbox</em>. Its dossier gathers every bundle for the model and sets the evidence
        against the workstation&apos;s thresholds.
      </p>
    </EmptyState>
  );
}
