/**
 * Metric recomputation against hand-computed values, following Inspect's
 * inspect_ai/_eval/task/results.py: reduce epochs per sample, then apply the metric.
 */
import { describe, expect, it } from 'vitest';
import { readInspectLog } from '.';
import { checkMetrics, type RecomputeContext } from './recompute';
import type { EvalScore } from './schema';
import {
  buildZip,
  claimed,
  evalMembers,
  header,
  sample,
} from '../../tests/support/inspect-test-logs';
import type { InspectSample } from './types';
import { valueToFloat } from './value-to-float';

const DEFAULT: RecomputeContext = { defaultReducer: 'mean', scoreOnError: false };

function scored(
  id: string,
  epoch: number,
  scores: Record<string, unknown>,
  error: string | null = null,
): InspectSample {
  return {
    id,
    epoch,
    input: '',
    target: '',
    scores: Object.fromEntries(
      Object.entries(scores).map(([k, value]) => [
        k,
        { value, numeric: null, answer: null, explanation: null },
      ]),
    ),
    modelUsage: { inputTokens: 0, outputTokens: 0, totalTokens: 0 },
    totalTime: null,
    workingTime: null,
    error,
    limit: null,
    limitType: null,
    limitValue: null,
    sandbox: null,
    metadata: {},
    messageCount: 0,
    transcript: '',
    messageStarts: [],
    errorRetries: 0,
    invalidation: null,
  };
}

function score(
  metrics: Record<string, number | null>,
  extra: Partial<EvalScore> = {},
  metricNames: Record<string, string> = {},
): EvalScore {
  return {
    name: 'match',
    scorer: 'match',
    metrics: Object.fromEntries(
      Object.entries(metrics).map(([key, value]) => [
        key,
        { name: metricNames[key] ?? key, value },
      ]),
    ),
    ...extra,
  };
}

/** Three samples, two epochs: C,C → 1; C,I → 0.5; I,I → 0. */
const TWO_EPOCHS = [
  scored('1', 1, { match: 'C' }),
  scored('1', 2, { match: 'C' }),
  scored('2', 1, { match: 'C' }),
  scored('2', 2, { match: 'I' }),
  scored('3', 1, { match: 'I' }),
  scored('3', 2, { match: 'I' }),
];

describe('epoch reduction', () => {
  it('takes stderr over the per-sample means, not over every epoch', () => {
    // Reduced [1, 0.5, 0]: sd 0.5, stderr 0.5/√3. Unreduced [1,1,1,0,0,0] would give √0.3/√6.
    const stderr = 0.5 / Math.sqrt(3);
    const [accuracy, check] = checkMetrics(
      [score({ accuracy: 0.5, stderr: 0.28867513459481287 })],
      TWO_EPOCHS,
      DEFAULT,
    );
    expect(accuracy).toMatchObject({ recomputed: 0.5, n: 3, status: 'match' });
    expect(check).toMatchObject({ claimed: 0.28867513459481287, n: 3, status: 'match' });
    expect(check?.recomputed).toBeCloseTo(stderr, 15);
  });

  it.each([
    ['mean', 0.5],
    ['median', 0.5],
    ['max', 2 / 3],
    ['mode', 2 / 3], // C,I ties: the first seen (C) wins, as Counter.most_common does
    ['pass_at_1', 0.5], // 1 - (1 - 1/2) for the sample with one of two correct
    ['at_least_2', 1 / 3],
  ])('recomputes accuracy with the %s reducer', (reducer, expected) => {
    const [check] = checkMetrics([score({ accuracy: expected }, { reducer })], TWO_EPOCHS, DEFAULT);
    expect(check).toMatchObject({ recomputed: expected, status: 'match' });
  });

  it('uses the run’s single configured reducer when the score names none', () => {
    const [check] = checkMetrics([score({ accuracy: 2 / 3 })], TWO_EPOCHS, {
      ...DEFAULT,
      defaultReducer: 'max',
    });
    expect(check).toMatchObject({ recomputed: 2 / 3, status: 'match' });
  });

  it('does not guess an unknown reducer', () => {
    const [check] = checkMetrics(
      [score({ accuracy: 0.5 }, { reducer: 'my_reducer' })],
      TWO_EPOCHS,
      DEFAULT,
    );
    expect(check).toMatchObject({
      status: 'not-recomputable',
      recomputed: null,
      note: 'The epoch reducer my_reducer is not one the reader recomputes.',
    });
  });
});

describe('which samples count', () => {
  it('leaves out samples that ended in an error, unless the run scored them', () => {
    const samples = [
      scored('1', 1, { match: 'C' }),
      scored('2', 1, { match: 'I' }, 'RuntimeError: sandbox died'),
    ];
    expect(checkMetrics([score({ accuracy: 1 })], samples, DEFAULT)[0]).toMatchObject({
      recomputed: 1,
      n: 1,
      status: 'match',
    });
    expect(
      checkMetrics([score({ accuracy: 0.5 })], samples, { ...DEFAULT, scoreOnError: true })[0],
    ).toMatchObject({ recomputed: 0.5, n: 2, status: 'match' });
  });

  it('leaves out unscored (NaN or null) values and says so', () => {
    const samples = [
      scored('1', 1, { match: 'C' }),
      scored('2', 1, { match: Number.NaN }),
      scored('3', 1, { match: null }),
    ];
    expect(checkMetrics([score({ accuracy: 1 })], samples, DEFAULT)[0]).toMatchObject({
      recomputed: 1,
      n: 1,
      status: 'match',
      note: '2 sample(s) are unscored (NaN) after reduction and are left out, as current Inspect does.',
    });
  });

  it('counts values value_to_float cannot read as 0, as Inspect does, and says so', () => {
    const samples = [scored('1', 1, { match: 'C' }), scored('2', 1, { match: 'maybe' })];
    expect(checkMetrics([score({ accuracy: 0.5 })], samples, DEFAULT)[0]).toMatchObject({
      recomputed: 0.5,
      status: 'match',
      note: '1 score value(s) are not numbers and count as 0, as in Inspect.',
    });
  });

  it('reports a scorer with no scored samples as not recomputable', () => {
    const [check] = checkMetrics([score({ accuracy: 1 })], [scored('1', 1, {})], DEFAULT);
    expect(check).toMatchObject({
      status: 'not-recomputable',
      n: 0,
      note: 'The log holds no scored samples for scorer match.',
    });
  });

  it('notes when Inspect recorded a different number of scored samples', () => {
    const [check] = checkMetrics(
      [score({ accuracy: 0.5 }, { scored_samples: 5 })],
      TWO_EPOCHS,
      DEFAULT,
    );
    expect(check).toMatchObject({
      status: 'match',
      note: 'Inspect recorded 5 scored samples; the reader found 3.',
    });
  });
});

describe('metrics', () => {
  it('recomputes mean and std, and compares within 1e-6 relative', () => {
    const samples = [scored('1', 1, { s: 2 }), scored('2', 1, { s: 4 }), scored('3', 1, { s: 9 })];
    const s = (metrics: Record<string, number>) => ({ ...score(metrics), name: 's', scorer: 's' });
    expect(
      checkMetrics(
        [s({ mean: 5, std: Math.sqrt(13), stderr: Math.sqrt(13 / 3) })],
        samples,
        DEFAULT,
      ).map((c) => c.status),
    ).toEqual(['match', 'match', 'match']);
    expect(checkMetrics([s({ mean: 5 + 4e-6 })], samples, DEFAULT)[0]?.status).toBe('match');
    expect(checkMetrics([s({ mean: 5 + 6e-6 })], samples, DEFAULT)[0]?.status).toBe('differs');
    expect(checkMetrics([s({ mean: 0.5 })], samples, DEFAULT)[0]).toMatchObject({
      claimed: 0.5,
      recomputed: 5,
      status: 'differs',
    });
  });

  it('recognises built-ins by their qualified name too', () => {
    const [check] = checkMetrics(
      [score({ acc: 0.5 }, {}, { acc: 'inspect_ai/accuracy' })],
      TWO_EPOCHS,
      DEFAULT,
    );
    expect(check).toMatchObject({ metric: 'acc', status: 'match' });
  });

  it('does not guess custom metrics or metrics with parameters', () => {
    const checks = checkMetrics(
      [
        {
          name: 'match',
          scorer: 'match',
          metrics: {
            pct: { name: 'my_pkg/pct', value: 50 },
            stderr: { name: 'stderr', value: 0.1, params: { to_float: 'my_to_float' } },
          },
        },
      ],
      TWO_EPOCHS,
      DEFAULT,
    );
    expect(checks).toEqual([
      {
        scorer: 'match',
        metric: 'pct',
        claimed: 50,
        recomputed: null,
        n: 3,
        status: 'not-recomputable',
        note:
          'The metric my_pkg/pct is not an Inspect built-in the reader recomputes; ' +
          'for reference, the mean of the 3 reduced value(s) is 0.5.',
      },
      {
        scorer: 'match',
        metric: 'stderr',
        claimed: 0.1,
        recomputed: null,
        n: 3,
        status: 'not-recomputable',
        note: 'The metric stderr has parameters (to_float) the reader does not reproduce.',
      },
    ]);
  });

  it("recomputes Inspect's clustered stderr by a metadata key: a hand-computed case", () => {
    // Scores 1, 1, 1, 0, 0, 0 in clusters a, b, b, b, a, a: mean 0.5, deviations ±0.5;
    // cluster a sums 0.5 − 0.5 − 0.5 = −0.5, cluster b 0.5 + 0.5 − 0.5 = 0.5;
    // √(2/(2 − 1) × (0.25 + 0.25)) / 6 = 1/6. Unclustered it would be √0.3/√6 = 0.2236.
    const clusters = ['a', 'b', 'b', 'b', 'a', 'a'];
    const samples = [1, 1, 1, 0, 0, 0].map((v, i) => ({
      ...scored(`s${i}`, 1, { match: v }),
      metadata: { category: clusters[i] ?? '' },
    }));
    const clustered = (value: number, params: Record<string, unknown>) =>
      checkMetrics(
        [
          {
            name: 'match',
            scorer: 'match',
            metrics: { stderr: { name: 'stderr', value, params } },
          },
        ],
        samples,
        DEFAULT,
      )[0];
    expect(clustered(1 / 6, { cluster: 'category' })).toMatchObject({
      recomputed: 1 / 6,
      n: 6,
      status: 'match',
    });
    // A lab claiming the unclustered value under the clustered metric is caught.
    expect(clustered(0.2236, { cluster: 'category' })?.status).toBe('differs');
    // Ids compared as numpy compares them: 1 and "1" are one cluster, and one cluster has no
    // clustered stderr (C − 1 = 0: NaN in Inspect, none here).
    const mixed = [1, '1', 1, '1', 1, '1'].map((id, i) => ({
      ...scored(`m${i}`, 1, { match: i % 2 }),
      metadata: { category: id },
    }));
    expect(
      checkMetrics(
        [
          {
            name: 'match',
            scorer: 'match',
            metrics: {
              stderr: { name: 'stderr', value: Number.NaN, params: { cluster: 'category' } },
            },
          },
        ],
        mixed,
        DEFAULT,
      )[0],
    ).toMatchObject({ recomputed: null });
    // A key no sample has: not recomputable, as Inspect itself raises.
    expect(clustered(0.1, { cluster: 'competition' })).toMatchObject({
      recomputed: null,
      status: 'not-recomputable',
      note: 'The metric stderr clusters by the metadata key "competition", which a scored sample lacks (or holds no scalar under).',
    });
  });

  it('recomputes metrics declared per key of a dict-valued score', () => {
    const samples = [
      scored('1', 1, { checks: { found_host: 'C', found_cve: 0 } }),
      scored('2', 1, { checks: { found_host: 'I', found_cve: 1 } }),
    ];
    const perKey = (key: string, value: number): EvalScore => ({
      name: key,
      scorer: 'checks',
      metrics: { mean: { name: 'mean', value } },
    });
    expect(
      checkMetrics([perKey('found_host', 0.5), perKey('found_cve', 0.5)], samples, DEFAULT),
    ).toMatchObject([
      { scorer: 'found_host', metric: 'mean', recomputed: 0.5, status: 'match' },
      { scorer: 'found_cve', metric: 'mean', recomputed: 0.5, status: 'match' },
    ]);
  });

  it('skips a dict score marked unscored with NaN at its root', () => {
    const samples = [
      scored('1', 1, { checks: { found_host: 'C' } }),
      scored('2', 1, { checks: Number.NaN }),
    ];
    const [check] = checkMetrics(
      [{ name: 'found_host', scorer: 'checks', metrics: { mean: { name: 'mean', value: 1 } } }],
      samples,
      DEFAULT,
    );
    expect(check).toMatchObject({ recomputed: 1, n: 1, status: 'match' });
  });

  it('does not summarise whole dict values with a list of metrics', () => {
    const samples = [scored('1', 1, { checks: { a: 1 } })];
    const [check] = checkMetrics(
      [{ name: 'checks', scorer: 'checks', metrics: { accuracy: { name: 'accuracy', value: 1 } } }],
      samples,
      DEFAULT,
    );
    expect(check).toMatchObject({
      status: 'not-recomputable',
      note: "The scorer's values are dicts, which only its own metrics can summarise.",
    });
  });

  it('records a metric Inspect wrote as NaN as null, matching NaN recomputed over nothing', () => {
    const [check] = checkMetrics(
      [score({ accuracy: null })],
      [scored('1', 1, { match: Number.NaN })],
      DEFAULT,
    );
    expect(check).toMatchObject({ claimed: null, recomputed: null, n: 0, status: 'match' });
  });
});

describe('value_to_float', () => {
  it.each([
    ['C', 1],
    ['I', 0],
    ['P', 0.5],
    ['N', 0],
    ['yes', 1],
    ['True', 1],
    ['no', 0],
    ['FALSE', 0],
    ['0.25', 0.25],
    [' -1.5e2 ', -150],
    ['1_000', 1000],
    ['.5', 0.5],
    [true, 1],
    [false, 0],
    [0.3, 0.3],
  ])('reads %j as %d', (value, expected) => {
    expect(valueToFloat(value)).toBe(expected);
  });

  it.each([
    ['c'],
    ['maybe'],
    ['1e999'],
    ['nan'],
    ['1__0'],
    ['_1'],
    [''],
    [null],
    [[1]],
    [{ a: 1 }],
  ])('does not read %j', (value) => {
    expect(valueToFloat(value)).toBeNull();
  });
});

describe('through the reader', () => {
  it('recomputes a synthetic 2-epoch .eval end to end', async () => {
    const samples = [
      sample(1, 1, { match: 'C' }),
      sample(1, 2, { match: 'C' }),
      sample(2, 1, { match: 'C' }),
      sample(2, 2, { match: 'I' }),
      sample(3, 1, { match: 'I' }),
      sample(3, 2, { match: 'I' }),
    ];
    const head = header({
      total: 6,
      config: { epochs: 2, epochs_reducer: ['mean'] },
      scores: [
        claimed('match', { accuracy: 0.5, stderr: 0.28867513459481287 }, { scored_samples: 3 }),
      ],
    });
    const log = await readInspectLog('two-epochs.eval', await buildZip(evalMembers(head, samples)));
    expect(log.samples.map((s) => `${s.id}/${s.epoch}`)).toEqual([
      '1/1',
      '1/2',
      '2/1',
      '2/2',
      '3/1',
      '3/2',
    ]);
    expect(log.metrics.map((m) => [m.metric, m.status, m.n])).toEqual([
      ['accuracy', 'match', 3],
      ['stderr', 'match', 3],
    ]);
  });
});
