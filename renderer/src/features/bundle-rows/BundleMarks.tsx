import type { ComponentProps } from 'react';
import {
  standingMarks,
  type BundleStanding,
  type BundleSummary,
  type StandingMark,
} from '../../../../common/bundles';
import { modelLabel } from '../../../../common/models';
import { Badge } from '../../ui';
import styles from './BundleMarks.module.css';

const TONE: Readonly<Record<StandingMark, ComponentProps<typeof Badge>['tone']>> = {
  quarantined: 'danger',
  'signer no longer trusted': 'danger',
  'Inspect model not signed': 'danger',
  'benchmark mapping not accepted': 'warning',
};

function explain(mark: StandingMark, standing: BundleStanding): string {
  switch (mark) {
    case 'quarantined':
      return `Quarantined by ${standing.quarantine?.by ?? ''}: ${standing.quarantine?.reason ?? ''}. Kept, but never evaluated.`;
    case 'signer no longer trusted':
      return 'Its signing keys are no longer lab keys in the trust roster: never evaluated.';
    case 'Inspect model not signed':
      return `Its statement does not say which Inspect models this model is, and this model's evidence was run on ${(standing.unsignedAmongInspectModels ?? []).join(', ')}: evidence of different models is never combined, so it is not evaluated.`;
    case 'benchmark mapping not accepted':
      return `Results filed under a benchmark that is not their log's task (${standing.mappings
        .filter((m) => m.accepted === null)
        .map((m) => `${m.logPath} as ${m.benchmark}`)
        .join(', ')}): they count for it only once a reviewer accepts the mapping.`;
  }
}

/** The logs this bundle holds that bundles of other model versions hold too (same SHA-256). */
function sharedLogsText(logs: BundleSummary['logs']): string | null {
  const shared = logs.filter((l) => l.sharedWith.length > 0);
  if (shared.length === 0) return null;
  return `The same log was imported for another model version: ${shared
    .map((l) => `${l.path} also for ${l.sharedWith.map(modelLabel).join(', ')}`)
    .join('; ')}. One run cannot be evidence of two models.`;
}

/** Why a verified bundle does not (fully) count, as badges; nothing when it counts. */
export function BundleMarks({
  bundle,
}: {
  readonly bundle: Pick<BundleSummary, 'standing' | 'logs'>;
}) {
  const marks = standingMarks(bundle.standing);
  const shared = sharedLogsText(bundle.logs);
  if (marks.length === 0 && shared === null) return null;
  return (
    <span className={styles.marks}>
      {marks.map((mark) => (
        <Badge key={mark} tone={TONE[mark]} title={explain(mark, bundle.standing)}>
          {mark.charAt(0).toUpperCase() + mark.slice(1)}
        </Badge>
      ))}
      {shared !== null && (
        <Badge tone="warning" title={shared}>
          Log shared with another model
        </Badge>
      )}
    </span>
  );
}

/** The evaluator as the roster names its signing keys, and the name it claimed if another. */
export function evaluatorText(evaluator: { readonly name: string; readonly claimedName: string }) {
  return evaluator.claimedName === evaluator.name
    ? evaluator.name
    : `${evaluator.name} (calls itself ${evaluator.claimedName})`;
}
