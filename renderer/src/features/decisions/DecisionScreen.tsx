import { getRouteApi, Link } from '@tanstack/react-router';
import { EmptyState, Screen } from '../../ui';

const route = getRouteApi('/decisions/$decisionId');

/** /decisions/:id: one decision and its signatures, which is not built yet. */
export function DecisionScreen() {
  const { decisionId } = route.useParams();
  return (
    <Screen title={`Decision ${decisionId}`}>
      <EmptyState title="Decisions are not built yet">
        <p>
          A designation decision will be shown here: covered, not covered or deferred, the rule
          outcomes and rationale it rests on, the authorities&apos; signatures collected so far (k
          of n), and for a covered model its early-access window. No decision has been recorded on
          this workstation; see <Link to="/decisions">Decisions</Link>.
        </p>
      </EmptyState>
    </Screen>
  );
}
