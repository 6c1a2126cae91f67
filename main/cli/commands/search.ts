import { parseArgs } from 'node:util';
import { modelLabel, parseModelLabel } from '../../../common/models';
import { printable } from '../../../common/text';
import type { TranscriptHit } from '../../search';
import { openWorkspace } from '../../workspace';
import { EXIT, UsageError, type CliIo, type ExitCode } from '../io';

export const SEARCH_HELP = `Usage: desk search --data DIR QUERY [--model "DEVELOPER/NAME@VERSION"]
                   [--benchmark TASK] [--filter EXPR] [--limit N] [--json]

Searches every transcript of every imported log (messages and tool output) for samples
whose transcript holds all the words of QUERY (words, not FTS syntax; case and accents
are ignored), best matches first, at most N (default 20, at most 1000). --filter keeps
the samples a samples-grid filter selects (docs/evidence-browser.md), e.g.
'includes == "C"' (solved), 'has_error', 'has_limit', 'metadata.category == "web"'.
One hit per line: model, bundle, log, sample id, epoch, the message the words are in
(counted from 1, as the sample view numbers them) and a snippet with the match between
« and ». --json gives messageIndex counted from 0, as in the log's messages.
`;

const DEFAULT_LIMIT = 20;

export function runSearch(args: string[], io: CliIo): ExitCode {
  const { values, positionals } = parseArgs({
    args,
    options: {
      data: { type: 'string' },
      model: { type: 'string' },
      benchmark: { type: 'string' },
      filter: { type: 'string' },
      limit: { type: 'string' },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
    allowPositionals: true,
  });
  if (values.help) {
    io.stdout(SEARCH_HELP);
    return EXIT.ok;
  }
  if (!values.data) throw new UsageError('desk search needs --data DIR.');
  if (positionals.length === 0) throw new UsageError('desk search needs a QUERY.');
  const model = values.model === undefined ? null : parseModelLabel(values.model);
  if (values.model !== undefined && model === null)
    throw new UsageError('--model takes "DEVELOPER/NAME@VERSION".');
  const limit = values.limit === undefined ? DEFAULT_LIMIT : Number(values.limit);
  const workspace = openWorkspace({ dataDir: values.data });
  try {
    const hits = workspace.services.search.transcripts({
      text: positionals.join(' '),
      model,
      benchmark: values.benchmark ?? null,
      filter: values.filter ?? '',
      limit,
    });
    if (values.json) {
      io.stdout(`${JSON.stringify({ ok: true, hits })}\n`);
      return EXIT.ok;
    }
    if (hits.length === 0) io.stdout('No transcript matches.\n');
    for (const hit of hits) {
      io.stdout(
        `${modelLabel(hit)}  ${hit.bundleFile}  ${hit.logPath}  sample ${JSON.stringify(hit.sampleId)} epoch ${hit.epoch} ${messageOf(hit)}: ${printable(hit.snippet.replaceAll('\n', ' '))}\n`,
      );
    }
    return EXIT.ok;
  } finally {
    workspace.close();
  }
}

/** Counted from 1, as the sample view numbers messages. */
function messageOf(hit: TranscriptHit): string {
  return hit.messageIndex === null ? 'message not recorded' : `message ${hit.messageIndex + 1}`;
}
