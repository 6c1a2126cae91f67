import { Link } from '@tanstack/react-router';
import { EmptyState, Screen } from '../ui';

/** A route that does not exist (a mistyped link in a note, an id this workstation lacks). */
export function NotFound() {
  return (
    <Screen title="Not found">
      <EmptyState title="Nothing at this address">
        <p>
          This workstation has no screen or record at this address. Nothing was changed.{' '}
          <Link to="/inbox">Go to the Inbox</Link>.
        </p>
      </EmptyState>
    </Screen>
  );
}
