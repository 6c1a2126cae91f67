import { useEffect, useState } from 'react';
import type { DragEvent } from 'react';
import type { EventPayload, RequestOf, ResponseOf } from '../../../common/ipc';
import { CheckList } from '../components/CheckList';
import { EmptyState } from '../components/EmptyState';
import { ErrorNotice } from '../components/ErrorNotice';
import { RejectionDialog } from '../components/RejectionDialog';
import { callDesk } from '../desk-client';
import { useDesk } from '../use-desk';

type Bundle = ResponseOf<'listBundles'>['bundles'][number];
type Outcome = ResponseOf<'importBundles'>['outcomes'][number];
type Rejected = Extract<Outcome, { status: 'rejected' }>;

export function InboxView() {
  const [generation, setGeneration] = useState(0);
  const list = useDesk('listBundles', {}, generation);
  const [progress, setProgress] = useState<EventPayload<'importProgress'> | null>(null);
  const [importing, setImporting] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const [rejections, setRejections] = useState<readonly Rejected[]>([]);
  const [selected, setSelected] = useState<number | null>(null);

  useEffect(() => window.desk.on('importProgress', setProgress), []);

  const [dragging, setDragging] = useState(false);

  const importBundles = async (request: RequestOf<'importBundles'>) => {
    setImporting(true);
    setNotice(null);
    const result = await callDesk('importBundles', request);
    setImporting(false);
    setProgress(null);
    if (!result.ok) {
      setNotice(result.error.message);
      return;
    }
    const { outcomes } = result.value;
    setNotice(
      outcomes
        .filter((o) => o.status !== 'rejected')
        .map((o) => o.message)
        .join(' ') || null,
    );
    setRejections(outcomes.filter((o): o is Rejected => o.status === 'rejected'));
    setGeneration((g) => g + 1);
  };

  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    setDragging(false);
    if (importing) return;
    const files = [...event.dataTransfer.files];
    const paths = files.map((file) => window.desk.pathForFile(file)).filter((p) => p.length > 0);
    const bundles = paths.filter((p) => p.toLowerCase().endsWith('.evbundle'));
    const skipped = files.length - bundles.length;
    if (bundles.length === 0) {
      setNotice('Only result bundles (.evbundle files) can be imported; nothing was imported.');
      return;
    }
    void importBundles({ source: 'drop', paths: bundles }).then(() => {
      if (skipped > 0) {
        setNotice((n) =>
          `${n ?? ''} ${skipped} dropped file(s) were not .evbundle files and were left alone.`.trim(),
        );
      }
    });
  };

  return (
    <div
      className={`drop-zone${dragging ? ' drop-zone--active' : ''}`}
      onDragOver={(event) => {
        if (!event.dataTransfer.types.includes('Files')) return;
        event.preventDefault();
        setDragging(true);
      }}
      onDragLeave={() => {
        setDragging(false);
      }}
      onDrop={onDrop}
    >
      <div className="toolbar">
        <button
          type="button"
          className="primary"
          disabled={importing}
          onClick={() => void importBundles({ source: 'dialog' })}
        >
          Import bundles…
        </button>
        {!importing && <span className="hint">or drop .evbundle files on this page</span>}
        {importing && (
          <div className="import-progress" role="status" aria-live="polite">
            <label htmlFor="import-progress-bar">
              {progress ? `${progress.file}: ${progress.phase}` : 'Waiting for the file choice…'}
            </label>
            <progress
              id="import-progress-bar"
              max={progress?.total || 1}
              value={progress ? progress.done : undefined}
            />
          </div>
        )}
      </div>
      {notice && (
        <p className="notice" role="status">
          {notice}
        </p>
      )}
      {rejections.length > 0 && (
        <RejectionDialog
          outcomes={rejections}
          onClose={() => {
            setRejections([]);
          }}
        />
      )}
      {list.state === 'failed' && <ErrorNotice error={list.error} />}
      {list.state === 'loading' && <p aria-busy="true">Loading bundles…</p>}
      {list.state === 'ready' && (
        <BundleTable
          bundles={list.value.bundles}
          rejected={list.value.rejected}
          selected={selected}
          onSelect={setSelected}
        />
      )}
    </div>
  );
}

function BundleTable({
  bundles,
  rejected,
  selected,
  onSelect,
}: {
  readonly bundles: readonly Bundle[];
  readonly rejected: ResponseOf<'listBundles'>['rejected'];
  readonly selected: number | null;
  readonly onSelect: (id: number | null) => void;
}) {
  if (bundles.length === 0 && rejected.length === 0) {
    return (
      <EmptyState title="No result bundles yet">
        <p>
          Evaluation labs deliver their benchmark results as signed result bundles (
          <code>.evbundle</code> files). Choose <em>Import bundles…</em> to verify one against the
          trust roster and import it; each bundle is listed here with its verification report.
        </p>
      </EmptyState>
    );
  }
  const current = bundles.find((b) => b.id === selected);
  return (
    <>
      <table className="data-table">
        <caption className="visually-hidden">Imported result bundles</caption>
        <thead>
          <tr>
            <th scope="col">Status</th>
            <th scope="col">Model</th>
            <th scope="col">Evaluator</th>
            <th scope="col">Suite</th>
            <th scope="col">Run finished</th>
            <th scope="col" className="numeric">
              Samples
            </th>
            <th scope="col">Report</th>
          </tr>
        </thead>
        <tbody>
          {bundles.map((bundle) => (
            <tr key={bundle.id} aria-selected={bundle.id === selected}>
              <td>
                {bundle.checks.some((c) => c.status === 'warn') ? (
                  <span
                    className="badge badge--warning"
                    title="Some claimed results differ from their logs: see the report"
                  >
                    Verified, with warnings
                  </span>
                ) : (
                  <span className="badge badge--verified">Verified</span>
                )}
              </td>
              <td>
                {bundle.model.developer} / {bundle.model.name} @ {bundle.model.version}
              </td>
              <td>{bundle.evaluator.name}</td>
              <td>
                {bundle.suite.name}
                {bundle.suite.version ? ` ${bundle.suite.version}` : ''}
              </td>
              <td>
                <time dateTime={bundle.runFinishedOn}>{bundle.runFinishedOn.slice(0, 10)}</time>
              </td>
              <td className="numeric">{bundle.sampleCount}</td>
              <td>
                <button
                  type="button"
                  className="link-button"
                  aria-expanded={bundle.id === selected}
                  onClick={() => {
                    onSelect(bundle.id === selected ? null : bundle.id);
                  }}
                >
                  {bundle.id === selected ? 'Hide report' : 'Show report'}
                  <span className="visually-hidden"> for {bundle.fileName}</span>
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {current && <VerificationReport bundle={current} />}
      {rejected.length > 0 && (
        <section aria-labelledby="rejected-title" className="rejected-imports">
          <h2 id="rejected-title">Rejected imports</h2>
          <ul>
            {rejected.map((r) => (
              <li key={`${r.recordedAt}-${r.file}`}>
                <time dateTime={r.recordedAt}>{r.recordedAt.replace('T', ' ').slice(0, 19)}</time>{' '}
                <strong>{r.file}</strong>: {r.reason}
              </li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}

function VerificationReport({ bundle }: { readonly bundle: Bundle }) {
  return (
    <section aria-labelledby="report-title" className="report">
      <h2 id="report-title">Verification report: {bundle.fileName}</h2>
      <p className="hint">
        SHA-256 <code>{bundle.digest}</code>; signed by {bundle.signedBy.length} lab key
        {bundle.signedBy.length === 1 ? '' : 's'}; imported{' '}
        {bundle.importedAt.replace('T', ' ').slice(0, 19)} UTC.
      </p>
      <CheckList checks={bundle.checks} label={`Checks for ${bundle.fileName}`} />
      <h3>Logs</h3>
      <table className="data-table">
        <caption className="visually-hidden">Logs in {bundle.fileName}</caption>
        <thead>
          <tr>
            <th scope="col">Log</th>
            <th scope="col">Task</th>
            <th scope="col" className="numeric">
              Samples
            </th>
            <th scope="col">Metric</th>
            <th scope="col" className="numeric">
              Claimed
            </th>
            <th scope="col" className="numeric">
              Recomputed
            </th>
            <th scope="col">Agreement</th>
          </tr>
        </thead>
        <tbody>
          {bundle.logs.flatMap((log) =>
            (log.metrics.length > 0 ? log.metrics : [null]).map((metric, i) => (
              <tr key={`${log.path}-${metric ? `${metric.scorer}/${metric.metric}` : 'none'}`}>
                <td>{i === 0 ? log.path : ''}</td>
                <td>{i === 0 ? log.task : ''}</td>
                <td className="numeric">{i === 0 ? log.samples : ''}</td>
                <td>{metric ? `${metric.scorer}/${metric.metric}` : 'no metrics recorded'}</td>
                <td className="numeric">{formatNumber(metric?.claimed)}</td>
                <td className="numeric">{formatNumber(metric?.recomputed)}</td>
                <td>{metric ? (AGREEMENT[metric.status] ?? metric.status) : ''}</td>
              </tr>
            )),
          )}
        </tbody>
      </table>
    </section>
  );
}

const AGREEMENT: Readonly<Record<string, string>> = {
  match: 'Matches',
  differs: 'Differs',
  'not-recomputable': 'Not recomputable',
};

function formatNumber(value: number | null | undefined): string {
  if (value === null || value === undefined) return '—';
  return String(Number(value.toPrecision(4)));
}
