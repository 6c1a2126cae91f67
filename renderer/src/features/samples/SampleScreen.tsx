import { useEffect, useMemo, useRef, useState, type SyntheticEvent } from 'react';
import { getRouteApi, Link, useRouter } from '@tanstack/react-router';
import type { SampleView } from '../../../../common/transcripts';
import { useDeskQuery } from '../../desk';
import { formatCount, formatNumber } from '../../format';
import {
  Button,
  CallFailed,
  DataTable,
  Dialog,
  Facts,
  Field,
  Notice,
  Screen,
  Section,
  Tabs,
  type DataTableColumn,
  type Tab,
} from '../../ui';
import { EventList } from './EventList';
import { FoldedText } from './FoldedText';
import { contains, messageText } from './highlight';
import { MessageList } from './MessageList';
import { MAX_FIND, type SampleTab } from './search';
import styles from './Sample.module.css';

const route = getRouteApi('/logs/$logId/samples/$sampleId');

/** A log's samples in one page: for j/k (next, previous) in the order of the log. */
const NEIGHBOURS_PAGE = 1000;

const KEYS: readonly (readonly [string, string])[] = [
  ['j', 'next sample of this log'],
  ['k', 'previous sample of this log'],
  ['/', 'find in this transcript'],
  ['Esc', 'back to the evidence browser'],
  ['← →', 'between tabs, when a tab has focus'],
  ['?', 'this help'],
];

/**
 * /logs/:logId/samples/:sampleId?epoch=N: one sample read whole from its stored log, in
 * tabs as Inspect View has them. Everything from the evidence is text (FoldedText).
 */
export function SampleScreen() {
  const { logId, sampleId } = route.useParams();
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const epoch = search.epoch ?? 1;
  const sample = useDeskQuery('openSample', { logId, sampleId, epoch });
  const neighbours = useDeskQuery('listSamples', {
    scope: { kind: 'log', logId },
    filter: '',
    sort: null,
    offset: 0,
    limit: NEIGHBOURS_PAGE,
  });
  const [help, setHelp] = useState(false);
  const findBox = useRef<HTMLInputElement>(null);
  const router = useRouter();
  const view = sample.data;

  const rows = neighbours.data?.ok ? neighbours.data.rows : [];
  const at = rows.findIndex((r) => r.sampleId === sampleId && r.epoch === epoch);
  const step = (by: number) => {
    const next = at === -1 ? undefined : rows[at + by];
    if (next === undefined) return;
    void navigate({
      to: '/logs/$logId/samples/$sampleId',
      params: { logId, sampleId: next.sampleId },
      search: { epoch: next.epoch, tab: search.tab },
      // Stepping replaces the entry: Back (and Esc) return to where the sample was opened.
      replace: true,
    });
  };

  const leave = () => {
    if (router.history.canGoBack()) router.history.back();
    else if (view)
      void navigate({ to: '/models/$modelId/evidence', params: { modelId: view.modelId } });
  };

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const target = event.target as HTMLElement | null;
      if (
        target?.closest('input, textarea, select, dialog') ||
        event.ctrlKey ||
        event.metaKey ||
        event.altKey
      )
        return;
      if (event.key === 'j') step(1);
      else if (event.key === 'k') step(-1);
      else if (event.key === '/') findBox.current?.focus();
      else if (event.key === '?') setHelp(true);
      else if (event.key === 'Escape') leave();
      else return;
      event.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => {
      window.removeEventListener('keydown', onKey);
    };
  });

  // The message in view: the one cited, or (from a search hit) the first holding the words.
  const find = search.q;
  const landing = useMemo(
    () =>
      search.message ??
      (view && find ? view.messages.find((m) => contains(messageText(m), find))?.index : undefined),
    [view, find, search.message],
  );
  useEffect(() => {
    if (view === undefined || landing === undefined) return;
    const element = document.getElementById(`message-${landing}`);
    element?.scrollIntoView({ block: 'start' });
    element?.focus({ preventScroll: true });
  }, [view, landing]);

  return (
    <Screen title={`Sample ${sampleId}, epoch ${epoch}`}>
      <nav className={styles.bar} aria-label="Samples of this log">
        {view && (
          <Link to="/models/$modelId/evidence" params={{ modelId: view.modelId }}>
            Evidence of {view.modelLabel}
          </Link>
        )}
        <Button
          disabled={at <= 0}
          onClick={() => {
            step(-1);
          }}
          aria-keyshortcuts="k"
        >
          Previous sample
        </Button>
        <Button
          disabled={at === -1 || at >= rows.length - 1}
          onClick={() => {
            step(1);
          }}
          aria-keyshortcuts="j"
        >
          Next sample
        </Button>
        {at !== -1 && (
          <span className={styles.meta}>
            {formatCount(at + 1)} of {formatCount(rows.length)} in this log
          </span>
        )}
        <Button
          variant="link"
          onClick={() => {
            setHelp(true);
          }}
          aria-keyshortcuts="?"
        >
          Keyboard
        </Button>
      </nav>
      {sample.isPending && <p aria-busy="true">Reading the sample from its log…</p>}
      {sample.isError && <CallFailed error={sample.error} title="Could not open the sample." />}
      {view && (
        <SampleBody
          view={view}
          tab={search.tab ?? (view.error ? 'error' : 'messages')}
          find={search.q}
          current={landing}
          eventType={search.event}
          findBox={findBox}
          onChange={(change) => {
            void navigate({ search: (s) => ({ ...s, ...change }), replace: true });
          }}
        />
      )}
      {help && (
        <Dialog
          title="Keyboard"
          onClose={() => {
            setHelp(false);
          }}
        >
          <Facts items={KEYS} />
        </Dialog>
      )}
    </Screen>
  );
}

interface SearchChange {
  tab?: SampleTab;
  q?: string | undefined;
  message?: number | undefined;
  event?: string | undefined;
}

function SampleBody({
  view,
  tab,
  find,
  current,
  eventType,
  findBox,
  onChange,
}: {
  readonly view: SampleView;
  readonly tab: SampleTab;
  readonly find: string | undefined;
  readonly current: number | undefined;
  readonly eventType: string | undefined;
  readonly findBox: React.RefObject<HTMLInputElement | null>;
  readonly onChange: (change: SearchChange) => void;
}) {
  const [draft, setDraft] = useState(find ?? '');
  const hits = useMemo(
    () =>
      find ? view.messages.filter((m) => contains(messageText(m), find)).map((m) => m.index) : [],
    [view.messages, find],
  );
  const submit = (event: SyntheticEvent) => {
    event.preventDefault();
    const q = draft.trim() || undefined;
    const first = q ? view.messages.find((m) => contains(messageText(m), q))?.index : undefined;
    onChange({ q, message: first, tab: 'messages' });
  };
  const nextHit = () => {
    const next = hits.find((i) => i > (current ?? -1)) ?? hits[0];
    if (next !== undefined) onChange({ message: next, tab: 'messages' });
  };
  const tabs: Tab<SampleTab>[] = [
    { id: 'messages', label: `Messages (${formatCount(view.messages.length)})` },
    { id: 'events', label: `Events (${formatCount(view.events.length + view.eventsNotShown)})` },
    { id: 'scoring', label: 'Scoring' },
    { id: 'metadata', label: 'Metadata' },
    { id: 'usage', label: 'Usage' },
    ...(view.error ? [{ id: 'error' as const, label: 'Error' }] : []),
  ];
  const score = view.scores.map((s) => `${s.scorer} ${s.value}`).join(', ');
  return (
    <>
      <Section title="Where it comes from" width="full">
        <Facts
          items={[
            [
              'Model version',
              <Link key="m" to="/models/$modelId" params={{ modelId: view.modelId }}>
                {view.modelLabel}
              </Link>,
            ],
            ['Log', view.logPath],
            ['Task', view.task],
            ['Inspect model', view.inspectModel],
            ['Score', score === '' ? 'Not scored' : score],
            [
              'Limit hit',
              view.limit
                ? `${view.limit.type} limit${view.limit.limit === null ? '' : ` ${formatNumber(view.limit.limit)}`}`
                : 'None',
            ],
            ['Time', `${seconds(view.totalTime)} in all, ${seconds(view.workingTime)} working`],
          ]}
        />
        {view.cut && (
          <Notice tone="warning" title="Some text is cut">
            This sample holds more text than the viewer shows at once; each cut says how much more
            the log holds.
          </Notice>
        )}
      </Section>
      <form
        className={styles.find}
        role="search"
        aria-label="Find in this transcript"
        onSubmit={submit}
      >
        <Field
          label="Find in this transcript"
          hint={
            find
              ? hits.length === 0
                ? `No message contains "${find}".`
                : `${formatCount(hits.length)} ${hits.length === 1 ? 'message contains' : 'messages contain'} "${find}".`
              : 'Press / to start typing.'
          }
        >
          {(control) => (
            <input
              {...control}
              ref={findBox}
              maxLength={MAX_FIND}
              value={draft}
              spellCheck={false}
              aria-keyshortcuts="/"
              onChange={(e) => {
                setDraft(e.target.value);
              }}
            />
          )}
        </Field>
        <Button type="submit">Find</Button>
        {hits.length > 1 && <Button onClick={nextHit}>Next match</Button>}
      </form>
      <Tabs
        label="Parts of the sample"
        tabs={tabs}
        selected={tab}
        onSelect={(id) => {
          onChange({ tab: id });
        }}
      >
        {tab === 'messages' && (
          <>
            {view.input.length > 0 && view.messages.length === 0 && (
              <MessageList messages={view.input} find={find} current={current} />
            )}
            <MessageList messages={view.messages} find={find} current={current} />
          </>
        )}
        {tab === 'events' && (
          <EventList
            events={view.events}
            notShown={view.eventsNotShown}
            type={eventType}
            find={find}
            onTypeChange={(type) => {
              onChange({ event: type });
            }}
          />
        )}
        {tab === 'scoring' && <Scoring view={view} find={find} />}
        {tab === 'metadata' &&
          (view.metadata === null ? (
            <p>This sample has no metadata.</p>
          ) : (
            <FoldedText text={view.metadata} find={find} label="the metadata" />
          ))}
        {tab === 'usage' && <Usage view={view} />}
        {tab === 'error' && view.error && (
          <>
            <FoldedText text={view.error.message} find={find} label="the error" />
            {view.error.traceback !== null && (
              <>
                <h3>Traceback</h3>
                <FoldedText text={view.error.traceback} find={find} label="the traceback" />
              </>
            )}
          </>
        )}
      </Tabs>
    </>
  );
}

function Scoring({ view, find }: { readonly view: SampleView; readonly find: string | undefined }) {
  return (
    <>
      <h3>Target</h3>
      {view.target.length === 0 ? (
        <p>No target.</p>
      ) : (
        view.target.map((t, i) => <FoldedText key={i} text={t} find={find} label="the target" />)
      )}
      {view.scores.length === 0 && <p>No scorer scored this sample.</p>}
      {view.scores.map((s) => (
        <section key={s.scorer} aria-label={`Scorer ${s.scorer}`}>
          <h3>
            {s.scorer}: <code>{s.value}</code>
          </h3>
          {s.answer !== null && (
            <>
              <h4>Answer</h4>
              <FoldedText text={s.answer} find={find} label={`the answer ${s.scorer} read`} />
            </>
          )}
          {s.explanation !== null && (
            <>
              <h4>Explanation</h4>
              <FoldedText
                text={s.explanation}
                find={find}
                label={`the explanation of ${s.scorer}`}
              />
            </>
          )}
          {s.metadata !== null && (
            <>
              <h4>Metadata</h4>
              <FoldedText text={s.metadata} find={find} label={`the metadata of ${s.scorer}`} />
            </>
          )}
        </section>
      ))}
    </>
  );
}

type UsageRow = SampleView['usage'][number];

const usageColumns: DataTableColumn<UsageRow>[] = [
  { id: 'model', header: 'Model', size: 300, value: (u) => u.model },
  {
    id: 'input',
    header: 'Input tokens',
    size: 130,
    numeric: true,
    value: (u) => u.inputTokens,
    cell: (u) => formatCount(u.inputTokens),
  },
  {
    id: 'output',
    header: 'Output tokens',
    size: 130,
    numeric: true,
    value: (u) => u.outputTokens,
    cell: (u) => formatCount(u.outputTokens),
  },
  {
    id: 'total',
    header: 'Total tokens',
    size: 130,
    numeric: true,
    value: (u) => u.totalTokens,
    cell: (u) => formatCount(u.totalTokens),
  },
  {
    id: 'cacheRead',
    header: 'Cache read',
    size: 120,
    numeric: true,
    value: (u) => u.cacheReadTokens ?? -1,
    cell: (u) => optionalCount(u.cacheReadTokens),
  },
  {
    id: 'cacheWrite',
    header: 'Cache write',
    size: 120,
    numeric: true,
    value: (u) => u.cacheWriteTokens ?? -1,
    cell: (u) => optionalCount(u.cacheWriteTokens),
  },
  {
    id: 'reasoning',
    header: 'Reasoning',
    size: 120,
    numeric: true,
    value: (u) => u.reasoningTokens ?? -1,
    cell: (u) => optionalCount(u.reasoningTokens),
  },
];

function Usage({ view }: { readonly view: SampleView }) {
  return (
    <DataTable
      label="Token usage by model"
      rows={view.usage}
      columns={usageColumns}
      getRowId={(u) => u.model}
      emptyMessage="The log records no token usage for this sample."
    />
  );
}

function optionalCount(value: number | null): string {
  return value === null ? '—' : formatCount(value);
}

function seconds(value: number | null): string {
  return value === null ? 'not recorded' : `${formatNumber(value)} s`;
}
