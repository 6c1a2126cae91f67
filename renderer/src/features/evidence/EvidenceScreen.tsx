import { getRouteApi, Link } from '@tanstack/react-router';
import { EmptyState, Screen } from '../../ui';

const route = getRouteApi('/models/$modelId/evidence');

/** /models/:modelId/evidence: the evidence browser, which is not built yet. */
export function EvidenceScreen() {
  const { modelId } = route.useParams();
  return (
    <Screen title="Evidence browser">
      <EmptyState title="The evidence browser is not built yet">
        <p>
          Every sample of every log imported for this model will be listed here, with its task,
          score and status, sortable and filterable even over a hundred thousand samples; each
          sample will open its full transcript. Until then, the model&apos;s{' '}
          <Link to="/models/$modelId" params={{ modelId }}>
            dossier
          </Link>{' '}
          shows its results against the thresholds.
        </p>
      </EmptyState>
    </Screen>
  );
}
