import { useCallback, useMemo } from 'react';
import { getRouteApi } from '@tanstack/react-router';
import type { BundleSummary } from '../../../../common/bundles';
import { useDeskQuery } from '../../desk';
import {
  CallFailed,
  EmptyState,
  Notice,
  Screen,
  parseSortParam,
  sortParam,
  type Sorting,
} from '../../ui';
import { BundleTable } from './BundleTable';
import { DropZone } from './DropZone';
import { ImportBar } from './ImportBar';
import { RejectedImports } from './RejectedImports';
import { RejectionDialog } from './RejectionDialog';
import { useImport } from './use-import';
import { VerificationReport } from './VerificationReport';

const route = getRouteApi('/inbox');

/** Verified result bundles, importing more (dialog or drop), and each one's report. */
export function InboxScreen() {
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const list = useDeskQuery('listBundles', {});
  const job = useImport();
  const toggle = useCallback(
    (bundle: BundleSummary) => {
      void navigate({
        search: (s) => ({ ...s, bundle: s.bundle === bundle.id ? undefined : bundle.id }),
      });
    },
    [navigate],
  );
  const setSorting = useCallback(
    (sorting: Sorting) => {
      void navigate({ search: (s) => ({ ...s, sort: sortParam(sorting) }) });
    },
    [navigate],
  );
  const sorting = useMemo(() => parseSortParam(search.sort), [search.sort]);
  const bundles = list.data?.bundles ?? [];
  const rejected = list.data?.rejected ?? [];
  const current = bundles.find((b) => b.id === search.bundle);

  return (
    <Screen title="Inbox">
      <DropZone
        disabled={job.busy}
        onBundles={(paths, skipped) => void job.start({ source: 'drop', paths }, skipped)}
        onNoBundles={(reason) => {
          job.refuse(
            reason ??
              'Only result bundles (.evbundle files) can be imported; nothing was imported.',
          );
        }}
      >
        <ImportBar
          busy={job.busy}
          progress={job.progress}
          cancelling={job.cancelling}
          onImport={() => void job.start({ source: 'dialog' })}
          onCancel={job.cancel}
        />
        {job.notices.map((notice) => (
          <Notice key={notice.tone} tone={notice.tone}>
            {notice.text}
          </Notice>
        ))}
        {job.rejections.length > 0 && (
          <RejectionDialog outcomes={job.rejections} onClose={job.dismissRejections} />
        )}
        {list.isError && <CallFailed error={list.error} />}
        {list.isPending && <p aria-busy="true">Loading bundles…</p>}
        {list.isSuccess && bundles.length === 0 && rejected.length === 0 && (
          <EmptyState title="No result bundles yet">
            <p>
              Evaluation labs deliver their benchmark results as signed result bundles (
              <code>.evbundle</code> files). Choose <em>Import bundles…</em> to verify one against
              the trust roster and import it; each bundle is listed here with its verification
              report.
            </p>
          </EmptyState>
        )}
        {bundles.length > 0 && (
          <BundleTable
            bundles={bundles}
            selected={search.bundle}
            onToggle={toggle}
            sorting={sorting}
            onSortingChange={setSorting}
          />
        )}
        {current && <VerificationReport bundle={current} />}
        {rejected.length > 0 && <RejectedImports rejected={rejected} />}
      </DropZone>
    </Screen>
  );
}
