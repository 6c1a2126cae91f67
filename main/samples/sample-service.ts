/**
 * The samples grid's use case: one page of a log's, a bundle's or a model version's samples
 * under a filter a reviewer typed. The filter is parsed against the scope's scorers (a bare
 * name must be a field or one of them) and compiled to SQL in db/samples; a filter that
 * cannot be read is an answer, not an error, so the grid can show where it went wrong.
 *
 * And the sample view's: one sample read whole from its stored log, in a worker (a log can
 * be a gigabyte, and is hashed before it is trusted). Opening a transcript is an access to
 * evidence, so it is an audit event naming who opened what.
 */
import type { ResourceLimits } from 'node:worker_threads';
import type { DeskDatabase } from '../../db';
import type { SampleGridRow } from '../../db/samples';
import type { AuditLog } from '../audit';
import { DeskError } from '../../common/errors';
import { modelLabel } from '../../common/models';
import { parseSampleFilter } from '../../common/sample-filter';
import type { SamplePageRequest, SamplePageView, SampleRowView } from '../../common/samples';
import { printable } from '../../common/text';
import type { SampleKey, SampleView } from '../../common/transcripts';
import type { EvidenceStore } from '../evidence';
import { runWorker } from '../workers';
import type { ReadSampleAnswer, ReadSampleTask } from './read-sample-task';
import sampleWorker from './sample.worker?modulePath';

export interface SampleService {
  page(request: SamplePageRequest): SamplePageView;
  /** One sample whole; `actor` is who is signed in (null: no one), for the audit log. */
  open(key: SampleKey, actor: string | null): Promise<SampleView>;
}

export interface SampleServiceDeps {
  readonly db: DeskDatabase;
  readonly store: EvidenceStore;
  readonly audit: AuditLog;
}

/** A gigabyte log is read whole, then one member of it: the heap holds both. */
const SAMPLE_WORKER_LIMITS: ResourceLimits = {
  maxOldGenerationSizeMb: 1024,
  maxYoungGenerationSizeMb: 64,
  stackSizeMb: 4,
};

export function createSampleService({ db, store, audit }: SampleServiceDeps): SampleService {
  return {
    open: async (key, actor) => {
      const where = db.samples.locate(key.logId, key.sampleId, key.epoch);
      const named = printable(`sample ${JSON.stringify(key.sampleId)} epoch ${key.epoch}`);
      if (where === undefined) {
        throw new DeskError('SAMPLE_NOT_FOUND', `Log ${key.logId} has no imported ${named}.`);
      }
      const task: ReadSampleTask = {
        file: store.pathOf(where.logSha256),
        sha256: where.logSha256,
        logPath: where.logPath,
        sampleId: key.sampleId,
        epoch: key.epoch,
      };
      const answer = await runWorker<ReadSampleAnswer>(sampleWorker, task, {
        name: 'desk-sample-worker',
        resourceLimits: SAMPLE_WORKER_LIMITS,
      });
      if (!answer.ok) throw new DeskError(answer.code, answer.message);
      if (answer.content === null) {
        throw new DeskError(
          'SAMPLE_NOT_FOUND',
          printable(`The log "${where.logPath}" no longer holds ${named}.`),
        );
      }
      const label = modelLabel(where);
      audit.record({
        kind: 'evidence.sample-opened',
        actor,
        summary: `${actor ?? 'Someone not signed in'} opened ${named} of log "${where.logPath}" (${label}).`,
        details: {
          log: where.logSha256,
          logPath: where.logPath,
          sample: key.sampleId,
          epoch: key.epoch,
          bundle: where.bundleId,
          model: label,
        },
      });
      return {
        key,
        rowId: where.rowId,
        modelId: where.modelId,
        modelLabel: label,
        bundleId: where.bundleId,
        logPath: printable(where.logPath),
        task: printable(where.task),
        inspectModel: printable(where.inspectModel),
        ...answer.content,
      };
    },
    page: ({ scope, filter: text, sort, offset, limit }) => {
      const scorers = db.samples.scorers(scope);
      const parsed = parseSampleFilter(text, { scorers, selectedScorer: scorers[0] ?? null });
      if (!parsed.ok) return { ok: false, ...parsed.error };
      const { rows, total } = db.samples.page({
        scope,
        filter: parsed.filter,
        sort,
        offset,
        limit,
      });
      return { ok: true, total, rows: rows.map(rowView), scorers };
    },
  };
}

function rowView(row: SampleGridRow): SampleRowView {
  return {
    id: row.id,
    logId: row.logId,
    logPath: row.logPath,
    task: row.task,
    sampleId: row.sampleId,
    epoch: row.epoch,
    input: row.inputPreview,
    target: row.targetPreview,
    error: row.errorPreview,
    limit: row.limitHit,
    messages: row.messageCount,
    retries: row.errorRetries,
    invalidated: row.invalidation !== null,
    tokens: row.totalTokens,
    totalTime: row.totalTime,
    workingTime: row.workingTime,
    metadata: metadataOf(row.metadata),
    scores: row.scores.map((s) => ({
      scorer: s.scorer,
      value: s.value,
      numeric: s.numeric,
      answer: s.answerPreview,
    })),
  };
}

/** A stored metadata object of scalars; anything else in the column shows as none. */
function metadataOf(json: string | null): SampleRowView['metadata'] {
  if (json === null) return {};
  const value: unknown = JSON.parse(json);
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return {};
  return Object.fromEntries(
    Object.entries(value).filter((entry): entry is [string, string | number | boolean] =>
      ['string', 'number', 'boolean'].includes(typeof entry[1]),
    ),
  );
}
