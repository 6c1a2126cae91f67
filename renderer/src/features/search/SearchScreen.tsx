import { useMemo, useState, type SyntheticEvent } from 'react';
import { getRouteApi } from '@tanstack/react-router';
import { modelLabel, parseModelLabel } from '../../../../common/models';
import type { TranscriptHitView } from '../../../../common/search';
import { useDeskQuery } from '../../desk';
import { formatCount } from '../../format';
import {
  Button,
  CallFailed,
  DataTable,
  EmptyState,
  Field,
  Screen,
  Section,
  type DataTableColumn,
} from '../../ui';
import { SampleLink } from '../samples';
import { Snippet } from './Snippet';
import styles from './Search.module.css';

const route = getRouteApi('/search');

/** Hits a search shows at once. */
const HITS = 200;

function hitColumns(query: string): DataTableColumn<TranscriptHitView>[] {
  return [
    { id: 'model', header: 'Model version', size: 220, value: (h) => h.modelLabel },
    { id: 'log', header: 'Log', size: 220, value: (h) => h.logPath },
    {
      id: 'sample',
      header: 'Sample',
      size: 170,
      value: (h) => h.sampleId,
      cell: (h) => (
        <SampleLink
          logId={h.logId}
          sampleId={h.sampleId}
          epoch={h.epoch}
          find={query}
          message={h.messageIndex}
        >
          {h.sampleId}
        </SampleLink>
      ),
    },
    { id: 'epoch', header: 'Epoch', size: 80, numeric: true, value: (h) => h.epoch },
    {
      id: 'message',
      header: 'Message',
      size: 100,
      numeric: true,
      // As the sample view numbers them; unknown (logs imported before 0011) sorts first.
      value: (h) => (h.messageIndex === null ? 0 : h.messageIndex + 1),
      cell: (h) => (h.messageIndex === null ? '—' : `#${h.messageIndex + 1}`),
    },
    {
      id: 'snippet',
      header: 'Where the words are',
      size: 520,
      value: (h) => h.snippet,
      cell: (h) => <Snippet text={h.snippet} />,
    },
  ];
}

/**
 * /search: every imported transcript (messages and tool output) holding all the words,
 * best first; a hit opens its sample at the message holding them (main/search/hit-message).
 */
export function SearchScreen() {
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const [draft, setDraft] = useState({
    q: search.q ?? '',
    model: search.model ?? '',
    benchmark: search.benchmark ?? '',
    filter: search.filter ?? '',
  });
  const models = useDeskQuery('listModels', {});
  const query = search.q?.trim() ?? '';
  const model = search.model ? parseModelLabel(search.model) : null;
  const results = useDeskQuery(
    'searchTranscripts',
    {
      text: query,
      model,
      benchmark: search.benchmark || null,
      filter: search.filter ?? '',
      limit: HITS,
    },
    { enabled: query !== '' },
  );
  const columns = useMemo(() => hitColumns(query), [query]);
  const submit = (event: SyntheticEvent) => {
    event.preventDefault();
    void navigate({
      search: {
        q: draft.q.trim() || undefined,
        model: draft.model || undefined,
        benchmark: draft.benchmark.trim() || undefined,
        filter: draft.filter.trim() || undefined,
      },
    });
  };
  const view = results.data;
  return (
    <Screen title="Search">
      <form className={styles.form} role="search" aria-label="Search transcripts" onSubmit={submit}>
        <Field
          label="Words"
          hint="Every word must occur in the transcript, in any order; case and accents are ignored."
        >
          {(control) => (
            <input
              {...control}
              value={draft.q}
              maxLength={500}
              spellCheck={false}
              onChange={(e) => {
                setDraft({ ...draft, q: e.target.value });
              }}
            />
          )}
        </Field>
        <Field label="Model version">
          {(control) => (
            <select
              {...control}
              value={draft.model}
              onChange={(e) => {
                setDraft({ ...draft, model: e.target.value });
              }}
            >
              <option value="">Every model</option>
              {(models.data?.models ?? []).map((m) => (
                <option key={m.id} value={modelLabel(m)}>
                  {modelLabel(m)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Benchmark (Inspect task)">
          {(control) => (
            <input
              {...control}
              value={draft.benchmark}
              spellCheck={false}
              onChange={(e) => {
                setDraft({ ...draft, benchmark: e.target.value });
              }}
            />
          )}
        </Field>
        <Field
          label="Samples"
          hint='The evidence browser&apos;s filter: includes == "C", has_error, has_limit, metadata.category == "web".'
        >
          {(control) => (
            <input
              {...control}
              value={draft.filter}
              spellCheck={false}
              onChange={(e) => {
                setDraft({ ...draft, filter: e.target.value });
              }}
            />
          )}
        </Field>
        <Button type="submit" variant="primary">
          Search
        </Button>
      </form>
      {query === '' && (
        <EmptyState title="Search every imported transcript">
          <p>
            Type words to look for in every imported transcript: messages, tool calls and tool
            output. A hit opens the sample at the first message holding them all.
          </p>
        </EmptyState>
      )}
      {results.isError && <CallFailed error={results.error} title="Could not search." />}
      {query !== '' && results.isPending && <p aria-busy="true">Searching…</p>}
      {view && (
        <Section title="Hits" width="full">
          <p role="status" className={styles.count}>
            {view.hits.length === 0
              ? 'No transcript holds every word.'
              : view.more
                ? `The best ${formatCount(view.hits.length)} transcripts; narrow the search to see the rest.`
                : `${formatCount(view.hits.length)} ${view.hits.length === 1 ? 'transcript holds' : 'transcripts hold'} every word.`}
          </p>
          <DataTable
            label="Transcripts holding the words"
            rows={view.hits}
            columns={columns}
            getRowId={(h) => `${h.logId}/${h.sampleId}/${h.epoch}`}
            onActivate={(h) => {
              void navigate({
                to: '/logs/$logId/samples/$sampleId',
                params: { logId: h.logId, sampleId: h.sampleId },
                search: { epoch: h.epoch, q: query },
              });
            }}
          />
        </Section>
      )}
    </Screen>
  );
}
