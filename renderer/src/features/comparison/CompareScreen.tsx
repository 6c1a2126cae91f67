import { useMemo, useState, type SyntheticEvent } from 'react';
import { getRouteApi } from '@tanstack/react-router';
import type {
  BenchmarkComparison,
  MetricComparison,
  PairedDifference,
  RunRef,
  TaskFlip,
  VersionMetric,
} from '../../../../common/comparison';
import { modelLabel, type ModelSummary } from '../../../../common/models';
import { useDeskQuery } from '../../desk';
import { formatCount, formatNumber, formatSigned, formatUtc } from '../../format';
import { benchmarkName, metricId, metricName } from '../../vocabulary';
import {
  Button,
  CallFailed,
  DataTable,
  Field,
  Named,
  Screen,
  Section,
  type DataTableColumn,
} from '../../ui';
import { SampleLink } from '../samples';
import styles from './Compare.module.css';

const route = getRouteApi('/compare');

function valueText(v: VersionMetric): string {
  if (v.value === null) return 'none';
  const interval = v.interval
    ? ` (95% ${formatNumber(v.interval.low)}–${formatNumber(v.interval.high)})`
    : '';
  return `${formatNumber(v.value)}${interval}${v.source === 'claimed-only' ? ', claimed only' : ''}, n = ${formatCount(v.n)}`;
}

function versionColumn(which: 'a' | 'b', header: string): DataTableColumn<MetricComparison> {
  return {
    id: which,
    header,
    size: 280,
    value: (m) => m[which].value ?? Number.NEGATIVE_INFINITY,
    cell: (m) => valueText(m[which]),
  };
}

function metricColumns(labels: readonly [string, string]): DataTableColumn<MetricComparison>[] {
  return [
    {
      id: 'metric',
      header: 'Scorer / metric',
      size: 220,
      value: (m) => metricName(m.scorer, m.metric),
      cell: (m) => (
        <Named name={metricName(m.scorer, m.metric)} id={metricId(m.scorer, m.metric)} />
      ),
    },
    versionColumn('a', labels[0]),
    versionColumn('b', labels[1]),
    {
      id: 'difference',
      header: 'Difference (second − first)',
      size: 200,
      numeric: true,
      value: (m) => m.difference ?? Number.NEGATIVE_INFINITY,
      cell: (m) => formatSigned(m.difference),
    },
    {
      id: 'paired',
      header: 'On the same tasks (paired)',
      size: 320,
      numeric: true,
      value: (m) => m.paired?.difference ?? Number.NEGATIVE_INFINITY,
      cell: (m) => pairedText(m.paired),
    },
  ];
}

/** "+0.250 (95% −0.688–1), 4 tasks; McNemar exact p = 0.070 (1 vs 7)". */
function pairedText(paired: PairedDifference | null): string {
  if (paired === null) return '—';
  const interval = paired.interval
    ? ` (95% ${formatNumber(paired.interval.low)}–${formatNumber(paired.interval.high)})`
    : '';
  const test = paired.mcnemar
    ? `; McNemar exact p = ${formatNumber(paired.mcnemar.p)} (${formatCount(paired.mcnemar.onlyA)} solved only by the first, ${formatCount(paired.mcnemar.onlyB)} only by the second)`
    : '';
  return `${formatSigned(paired.difference)}${interval}, ${formatCount(paired.n)} ${paired.n === 1 ? 'task' : 'tasks'}${test}`;
}

function flipColumns(bench: BenchmarkComparison): DataTableColumn<TaskFlip>[] {
  const sampleLink = (run: RunRef | null, f: TaskFlip, score: number) =>
    run === null ? (
      formatNumber(score)
    ) : (
      <SampleLink logId={run.logId} sampleId={f.sampleId} epoch={1}>
        {formatNumber(score)}
      </SampleLink>
    );
  return [
    { id: 'sample', header: 'Sample', size: 220, value: (f) => f.sampleId },
    { id: 'scorer', header: 'Scorer', size: 140, value: (f) => f.scorer },
    {
      id: 'a',
      header: 'First',
      size: 100,
      numeric: true,
      value: (f) => f.a,
      cell: (f) => sampleLink(bench.a, f, f.a),
    },
    {
      id: 'b',
      header: 'Second',
      size: 100,
      numeric: true,
      value: (f) => f.b,
      cell: (f) => sampleLink(bench.b, f, f.b),
    },
    {
      id: 'direction',
      header: 'Flip',
      size: 200,
      value: (f) => f.direction,
      cell: (f) =>
        f.direction === 'solved' ? 'solved by the second only' : 'solved by the first only',
    },
  ];
}

function RunFacts({ label, run }: { readonly label: string; readonly run: RunRef | null }) {
  return (
    <div>
      <strong>{label}</strong>
      <p className={styles.meta}>
        {run === null
          ? 'No counted run of this benchmark.'
          : `${run.logPath} in ${run.bundleFile}, finished ${formatUtc(run.runFinishedOn)}${run.runs > 1 ? `; the latest of ${formatCount(run.runs)} runs` : ''}`}
      </p>
    </div>
  );
}

function Benchmark({
  bench,
  labels,
}: {
  readonly bench: BenchmarkComparison;
  readonly labels: readonly [string, string];
}) {
  const metrics = useMemo(() => metricColumns(labels), [labels]);
  const flips = useMemo(() => flipColumns(bench), [bench]);
  const name = benchmarkName(bench.benchmark);
  return (
    <Section title={<Named name={name} id={bench.benchmark} />} width="full">
      <div className={styles.runs}>
        <RunFacts label={labels[0]} run={bench.a} />
        <RunFacts label={labels[1]} run={bench.b} />
      </div>
      {bench.a !== null && bench.b !== null && (
        <>
          <DataTable
            label={`Metrics of ${name}`}
            rows={bench.metrics}
            columns={metrics}
            getRowId={(m) => `${m.scorer}/${m.metric}`}
            emptyMessage="The two runs have no metric in common."
          />
          <h3>Tasks that flipped</h3>
          {bench.flips.length === 0 ? (
            <p>No task is solved by one version and not the other.</p>
          ) : (
            <DataTable
              label={`Tasks of ${name} that flipped`}
              rows={bench.flips}
              columns={flips}
              getRowId={(f) => `${f.scorer}/${f.sampleId}`}
            />
          )}
        </>
      )}
    </Section>
  );
}

/**
 * /compare?a=ID&b=ID: two model versions (or a version and its re-run) side by side, from
 * the evidence alone; no threshold value is shown or needed.
 */
export function CompareScreen() {
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const models = useDeskQuery('listModels', {});
  const all = models.data?.models ?? [];
  const byId = (id: number | undefined): ModelSummary | undefined => all.find((m) => m.id === id);
  const first = byId(search.a);
  const second = byId(search.b);
  const [draft, setDraft] = useState({ a: search.a ?? 0, b: search.b ?? 0 });
  const ref = (m: ModelSummary) => ({ developer: m.developer, name: m.name, version: m.version });
  const comparison = useDeskQuery(
    'compareVersions',
    {
      a: first ? ref(first) : { developer: '-', name: '-', version: '-' },
      b: second ? ref(second) : { developer: '-', name: '-', version: '-' },
    },
    { enabled: first !== undefined && second !== undefined },
  );
  const labels = useMemo(
    () => [first ? modelLabel(first) : 'First', second ? modelLabel(second) : 'Second'] as const,
    [first, second],
  );
  const pick = (event: SyntheticEvent) => {
    event.preventDefault();
    void navigate({ search: { a: draft.a || undefined, b: draft.b || undefined } });
  };
  const choose = (which: 'a' | 'b', label: string) => (
    <Field label={label}>
      {(control) => (
        <select
          {...control}
          value={draft[which]}
          onChange={(e) => {
            setDraft({ ...draft, [which]: Number(e.target.value) });
          }}
        >
          <option value={0}>Choose a model version</option>
          {all.map((m) => (
            <option key={m.id} value={m.id}>
              {modelLabel(m)}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
  return (
    <Screen title="Versions side by side">
      <form className={styles.pick} aria-label="Choose two model versions" onSubmit={pick}>
        {choose('a', 'First version')}
        {choose('b', 'Second version')}
        <Button type="submit" variant="primary">
          Compare
        </Button>
      </form>
      {models.isError && <CallFailed error={models.error} />}
      {(first === undefined || second === undefined) && models.isSuccess && (
        <p>Choose two model versions to compare their evidence, benchmark by benchmark.</p>
      )}
      {comparison.isError && <CallFailed error={comparison.error} title="Could not compare." />}
      {comparison.data && (
        <>
          <p className={styles.meta}>
            Each benchmark&apos;s latest counted run per version. Values are recomputed from the
            samples where they can be; intervals are Wilson 95% for proportions and are not given
            for other metrics. A task flipped when one version solved it (score 1, averaged over
            epochs) and the other did not.
          </p>
          {comparison.data.benchmarks.length === 0 && <p>Neither version has counted evidence.</p>}
          {comparison.data.benchmarks.map((bench) => (
            <Benchmark key={bench.benchmark} bench={bench} labels={labels} />
          ))}
        </>
      )}
    </Screen>
  );
}
