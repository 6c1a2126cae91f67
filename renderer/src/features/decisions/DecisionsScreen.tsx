import { EmptyState, Screen } from '../../ui';

/** /decisions: signed designation decisions, which are not built yet. */
export function DecisionsScreen() {
  return (
    <Screen title="Decisions">
      <EmptyState title="No designation decisions yet">
        <p>
          Designation decisions are signed by designation authorities from a model&apos;s dossier,
          once reviewers have recorded their recommendations. Signed decisions will be listed here
          and can be exported for auditors. Recording recommendations and decisions is not built
          yet.
        </p>
      </EmptyState>
    </Screen>
  );
}
