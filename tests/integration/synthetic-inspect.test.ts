/**
 * The benchmark's synthetic Inspect logs (tests/bench/synthetic-inspect.ts) must be logs
 * the reader accepts as real: every sample read back, and the header's metrics borne out
 * by the samples. Otherwise `npm run bench` would time a rejection, not an import.
 */
import { describe, expect, it } from 'vitest';
import { readInspectLog } from '../../main/inspect';
import { syntheticEvalLog } from '../bench/synthetic-inspect';

describe('synthetic Inspect logs', () => {
  const options = {
    seed: 42,
    challenges: 7,
    epochs: 3,
    transcriptChars: { min: 2_000, max: 12_000 },
  };

  it('read back with every sample, and the claimed accuracy and stderr match the samples', async () => {
    const generated = await syntheticEvalLog(options);
    const log = await readInspectLog('synthetic.eval', generated.bytes);

    expect(log.format).toBe('eval');
    expect(log.headerSource).toBe('header.json');
    expect(log.status).toBe('success');
    expect(log.task).toBe(generated.task);
    expect(generated.samples).toBe(21);
    expect(log.samples).toHaveLength(21);
    expect(log.totalSamples).toBe(21);
    expect(log.completedSamples).toBe(21);
    expect(new Set(log.samples.map((s) => s.id)).size).toBe(7);

    expect(log.metrics.map((m) => [m.scorer, m.metric, m.status])).toEqual([
      ['includes', 'accuracy', 'match'],
      ['includes', 'stderr', 'match'],
    ]);
    const accuracy = log.metrics.find((m) => m.metric === 'accuracy');
    const stderr = log.metrics.find((m) => m.metric === 'stderr');
    expect(accuracy?.claimed).toBe(generated.accuracy);
    expect(accuracy?.recomputed).toBeCloseTo(generated.accuracy, 12);
    expect(stderr?.claimed).toBe(generated.stderr);
    expect(stderr?.recomputed).toBeCloseTo(generated.stderr, 12);
    expect(accuracy?.n).toBe(7);

    // Realistic transcripts: tool calls and outputs, a few KB and more per sample.
    for (const sample of log.samples) {
      expect(sample.transcript).toMatch(/^system:\n/);
      expect(sample.transcript).toMatch(/\n\nassistant:\n[\s\S]*\n(bash|python)\(\{/);
      expect(sample.transcript).toMatch(/\n\ntool (bash|python):\n/);
      expect(sample.transcript.length).toBeGreaterThan(2_000);
      expect(sample.messageCount).toBeGreaterThan(3);
      expect(['C', 'I']).toContain(sample.scores.includes?.value);
      expect(sample.modelUsage.totalTokens).toBeGreaterThan(0);
    }
  });

  it('is deterministic: the same options give the same bytes', async () => {
    const a = await syntheticEvalLog(options);
    const b = await syntheticEvalLog(options);
    expect(a.bytes.equals(b.bytes)).toBe(true);
    const c = await syntheticEvalLog({ ...options, seed: 43 });
    expect(a.bytes.equals(c.bytes)).toBe(false);
  });
});
