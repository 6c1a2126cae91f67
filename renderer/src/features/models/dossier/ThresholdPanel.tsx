import { useLocation, useNavigate } from '@tanstack/react-router';
import type { ModelRef } from '../../../../../common/models';
import { useDeskQuery } from '../../../desk';
import { Button, CallFailed, Section } from '../../../ui';
import { EvaluationView } from './EvaluationView';
import styles from './Dossier.module.css';

/** "Against thresholds": masked unless an authorised user is unlocked. */
export function ThresholdPanel({ model }: { readonly model: ModelRef }) {
  // Values are classified: this answer is dropped whenever the session changes.
  const result = useDeskQuery('evaluateModel', { model, setId: null }, { session: true });
  const navigate = useNavigate();
  const here = useLocation({ select: (location) => location.href });
  return (
    <Section title="Against thresholds" width="full">
      {result.isPending && <p aria-busy="true">Evaluating…</p>}
      {result.isError && <CallFailed error={result.error} title="Could not evaluate." />}
      {result.data?.state === 'locked' && (
        <div className={styles.masked} role="note">
          <p>
            <strong>Threshold values are hidden.</strong> They are classified and are shown only to
            an unlocked reviewer, designation authority or auditor the threshold set is granted to.
          </p>
          <Button
            variant="primary"
            onClick={() => void navigate({ to: '/lock', search: { from: here } })}
          >
            Unlock to evaluate
          </Button>
        </div>
      )}
      {result.data?.state === 'no-threshold-set' && (
        <p className={styles.masked}>
          No threshold set exists yet. A designation authority creates one in Settings.
        </p>
      )}
      {result.data?.state === 'not-granted' && (
        <p className={styles.masked}>
          The threshold set “{result.data.setId}” is not granted to you. Ask a designation authority
          for access.
        </p>
      )}
      {result.data?.state === 'evaluated' && <EvaluationView result={result.data} />}
    </Section>
  );
}
