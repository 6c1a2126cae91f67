import { useCallback, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import type { ThresholdSet, ThresholdSetMeta } from '../../../../../common/thresholds';
import { deskQuery, useDeskQuery, useSession, useSessionState } from '../../../desk';
import { Button, CallFailed, Hint, Notice, Section } from '../../../ui';
import { newSetDraft } from './draft';
import { ReadersPanel } from './ReadersPanel';
import { ThresholdSetEditor } from './ThresholdSetEditor';
import { ThresholdSetTable } from './ThresholdSetTable';

interface Editing {
  readonly draft: ThresholdSet;
  readonly based: ThresholdSetMeta | null;
}

/** Settings → Threshold sets: metadata for everyone; writing and readers for an authority. */
export function ThresholdSetsSettings() {
  const client = useQueryClient();
  const sets = useDeskQuery('listThresholdSets', {});
  const isAuthority = useSession().data?.session?.roles.includes('authority') ?? false;
  // The editor holds classified values: it is discarded when the session changes (a lock,
  // an idle lock, another unlock) and kept across every poll that finds the same session.
  const [editing, setEditing] = useSessionState<Editing | null>(null);
  const [managing, setManaging] = useState<string | null>(null);
  const [openError, setOpenError] = useState<string | null>(null);

  const startNewVersion = useCallback(
    async (meta: ThresholdSetMeta) => {
      setOpenError(null);
      try {
        const opened = await client.query(
          deskQuery('openThresholdSet', { id: meta.id }, { session: true }),
        );
        setEditing({ draft: { ...opened.document, version: meta.version + 1 }, based: meta });
      } catch (error) {
        setOpenError(error instanceof Error ? error.message : String(error));
      }
    },
    [client, setEditing],
  );
  const toggleReaders = useCallback((id: string) => {
    setManaging((current) => (current === id ? null : id));
  }, []);
  const list = sets.data?.sets ?? [];
  const managed = list.findLast((m) => m.id === managing);

  return (
    <Section title="Threshold sets" width="full">
      <Hint>
        Rules and values are classified: they are stored encrypted and shown only to unlocked users
        a set is granted to. Only the id, version, author, recipients and salted commitment are
        listed here.
      </Hint>
      {sets.isError && <CallFailed error={sets.error} />}
      {openError && (
        <Notice tone="error" title="Could not open the set.">
          {openError}
        </Notice>
      )}
      {sets.isSuccess && list.length === 0 && <p>No threshold set has been created yet.</p>}
      {list.length > 0 && (
        <ThresholdSetTable
          sets={list}
          isAuthority={isAuthority}
          managing={managing}
          onNewVersion={(meta) => void startNewVersion(meta)}
          onManageReaders={toggleReaders}
        />
      )}
      {isAuthority && managed && <ReadersPanel meta={managed} />}
      {isAuthority && editing === null && (
        <Button
          variant="primary"
          onClick={() => {
            setEditing({ draft: newSetDraft(), based: null });
          }}
        >
          New threshold set
        </Button>
      )}
      {!isAuthority && (
        <Hint>Unlock as a designation authority to create or change a threshold set.</Hint>
      )}
      {isAuthority && editing && (
        <ThresholdSetEditor
          initial={editing.draft}
          based={editing.based}
          onDone={() => {
            setEditing(null);
          }}
        />
      )}
    </Section>
  );
}
