import { getRouteApi } from '@tanstack/react-router';
import { EmptyState, Screen } from '../../ui';

const route = getRouteApi('/logs/$logId/samples/$sampleId');

/** /logs/:logId/samples/:sampleId: the transcript viewer, which is not built yet. */
export function SampleScreen() {
  const { logId, sampleId } = route.useParams();
  return (
    <Screen title={`Sample ${sampleId}`}>
      <EmptyState title="The transcript viewer is not built yet">
        <p>
          Sample {sampleId} of log {logId} will be shown here: its messages, tool calls and their
          outputs, scores and metadata, every string as plain text (transcripts of cyber evaluations
          hold attack payloads, so nothing from them is ever interpreted).
        </p>
      </EmptyState>
    </Screen>
  );
}
