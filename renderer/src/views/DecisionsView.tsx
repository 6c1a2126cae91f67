import { EmptyState } from '../components/EmptyState';

export function DecisionsView() {
  return (
    <EmptyState title="No designation decisions yet">
      <p>
        Designation decisions are signed by designation authorities from a model&apos;s dossier,
        once reviewers have recorded their recommendations. Signed decisions are listed here and can
        be exported for auditors.
      </p>
    </EmptyState>
  );
}
