import type { ThresholdSetMeta } from '../../../../../common/thresholds';
import { useDeskMutation } from '../../../desk';
import { Button, Notice, Section, VisuallyHidden } from '../../../ui';
import { useReaderKeys } from './readers';

const CHANGES = [
  'listThresholdSets',
  'evaluateModel',
  'openThresholdSet',
  'listAuditEvents',
] as const;

/** Grant or revoke a reader of a set's latest version (revoking re-keys it as a new version). */
export function ReadersPanel({ meta }: { readonly meta: ThresholdSetMeta }) {
  const readers = useReaderKeys();
  const grant = useDeskMutation('grantThresholdReader', { invalidates: CHANGES });
  const revoke = useDeskMutation('revokeThresholdReader', { invalidates: CHANGES });
  const error = grant.error ?? revoke.error;
  return (
    <Section title={`Readers of ${meta.id} (version ${meta.version})`}>
      <ul>
        {readers.map((key) => {
          const reads = meta.recipients.includes(key.keyid);
          const change = reads ? revoke : grant;
          return (
            <li key={key.keyid}>
              {key.name} ({key.roles.join(', ')}): {reads ? 'can read' : 'cannot read'}{' '}
              <Button
                variant="link"
                disabled={grant.isPending || revoke.isPending}
                onClick={() => {
                  grant.reset();
                  revoke.reset();
                  change.mutate({ id: meta.id, keyid: key.keyid });
                }}
              >
                {reads ? 'Revoke' : 'Grant'}
                <VisuallyHidden> {key.name}</VisuallyHidden>
              </Button>
            </li>
          );
        })}
      </ul>
      {error && (
        <Notice tone="error" title="Not changed.">
          {error.message}
        </Notice>
      )}
    </Section>
  );
}
