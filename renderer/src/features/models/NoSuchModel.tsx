import { Link } from '@tanstack/react-router';
import { EmptyState, Screen } from '../../ui';

/** A model route whose id this workstation does not have: says so, and where to go. */
export function NoSuchModel({
  title,
  modelId,
}: {
  readonly title: string;
  readonly modelId: number;
}) {
  return (
    <Screen title={title}>
      <EmptyState title="No such model">
        <p>
          This workstation has no model with id {modelId}. <Link to="/models">See every model</Link>
          .
        </p>
      </EmptyState>
    </Screen>
  );
}
