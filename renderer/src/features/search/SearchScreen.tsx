import { EmptyState, Screen } from '../../ui';

/** /search: full-text search over transcripts, which is not built yet. */
export function SearchScreen() {
  return (
    <Screen title="Search">
      <EmptyState title="Search is not built yet">
        <p>
          Full-text search over every imported transcript will be here: the words you look for, and
          the samples whose messages, tool calls or outputs contain them, each opening its
          transcript at the match.
        </p>
      </EmptyState>
    </Screen>
  );
}
