import { useState } from 'react';
import type { ImportProgress } from '../../../../common/bundles';
import type { RequestOf } from '../../../../common/ipc';
import { useDeskEvent, useDeskMutation } from '../../desk';
import {
  importNotices,
  rejectedOutcomes,
  type ImportNotice,
  type RejectedOutcome,
} from './outcomes';

/** An import in progress: its progress events, its cancellation, and what it said at the end. */
export function useImport() {
  const [progress, setProgress] = useState<ImportProgress | null>(null);
  const [notices, setNotices] = useState<readonly ImportNotice[]>([]);
  const [rejections, setRejections] = useState<readonly RejectedOutcome[]>([]);
  const importing = useDeskMutation('importBundles', {
    invalidates: ['listBundles', 'listModels', 'evaluateModel', 'listAuditEvents'],
  });
  const cancel = useDeskMutation('cancelImport', { invalidates: [] });
  useDeskEvent('importProgress', setProgress);

  const start = async (request: RequestOf<'importBundles'>, skipped = 0) => {
    setNotices([]);
    setProgress(null);
    cancel.reset();
    try {
      const { outcomes } = await importing.mutateAsync(request);
      setNotices(importNotices(outcomes, skipped));
      setRejections(rejectedOutcomes(outcomes));
    } catch (error) {
      setNotices([{ tone: 'error', text: error instanceof Error ? error.message : String(error) }]);
    } finally {
      setProgress(null);
    }
  };

  return {
    busy: importing.isPending,
    progress,
    /** Asked to stop and not yet stopped (main said it is stopping). */
    cancelling: importing.isPending && (cancel.isPending || cancel.data?.cancelling === true),
    notices,
    rejections,
    start,
    cancel: () => {
      cancel.mutate({});
    },
    refuse: (text: string) => {
      setNotices([{ tone: 'error', text }]);
    },
    dismissRejections: () => {
      setRejections([]);
    },
  };
}
