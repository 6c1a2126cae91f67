import type { ComponentProps } from 'react';
import { standingMarks, type BundleStanding, type StandingMark } from '../../../../common/bundles';
import { Badge } from '../../ui';
import styles from './BundleMarks.module.css';

const TONE: Readonly<Record<StandingMark, ComponentProps<typeof Badge>['tone']>> = {
  quarantined: 'danger',
  'signer no longer trusted': 'danger',
  'benchmark mapping not accepted': 'warning',
};

function explain(mark: StandingMark, standing: BundleStanding): string {
  switch (mark) {
    case 'quarantined':
      return `Quarantined by ${standing.quarantine?.by ?? ''}: ${standing.quarantine?.reason ?? ''}. Kept, but never evaluated.`;
    case 'signer no longer trusted':
      return 'Its signing keys are no longer lab keys in the trust roster: never evaluated.';
    case 'benchmark mapping not accepted':
      return `Results filed under a benchmark that is not their log's task (${standing.mappings
        .filter((m) => m.accepted === null)
        .map((m) => `${m.logPath} as ${m.benchmark}`)
        .join(', ')}): they count for it only once a reviewer accepts the mapping.`;
  }
}

/** Why a verified bundle does not (fully) count, as badges; nothing when it counts. */
export function BundleMarks({ standing }: { readonly standing: BundleStanding }) {
  const marks = standingMarks(standing);
  if (marks.length === 0) return null;
  return (
    <span className={styles.marks}>
      {marks.map((mark) => (
        <Badge key={mark} tone={TONE[mark]} title={explain(mark, standing)}>
          {mark.charAt(0).toUpperCase() + mark.slice(1)}
        </Badge>
      ))}
    </span>
  );
}

/** The evaluator as the roster names its signing keys, and the name it claimed if another. */
export function evaluatorText(evaluator: { readonly name: string; readonly claimedName: string }) {
  return evaluator.claimedName === evaluator.name
    ? evaluator.name
    : `${evaluator.name} (calls itself ${evaluator.claimedName})`;
}
