/**
 * The benchmark's synthetic Inspect logs (tests/bench/synthetic-inspect.ts) must be logs
 * Inspect itself would read, in the shape current Inspect writes them (checked against
 * Inspect's own schema, tests/support/inspect-schema), and logs our reader accepts as real:
 * every sample read back, and the header's metrics borne out by the samples. Otherwise
 * `npm run bench` would time a rejection, not an import, and other tests would use evidence
 * no Inspect could have produced.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readInspectLog } from '../../main/inspect';
import { writeSyntheticEvalLog, syntheticEvalLog } from '../bench/synthetic-inspect';
import {
  describeProblems,
  evalLogMembers,
  memberModel,
  schemaProblems,
} from '../support/inspect-schema/inspect-schema';
import { useTempDirs } from '../support/temp-dir';

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

  const tempDir = useTempDirs();

  it('every member is one Inspect would read, with every field current Inspect writes', async () => {
    const file = path.join(tempDir(), 'synthetic.eval');
    // Enough samples that solved and failed runs, token limits and binaries all occur.
    const stats = await writeSyntheticEvalLog(file, { ...options, seed: 7, challenges: 12 });
    const members = await evalLogMembers(file);
    const names = members.map((m) => m.name);
    for (const name of ['_journal/start.json', '_journal/summaries/1.json', 'summaries.json']) {
      expect(names).toContain(name);
    }
    expect(names).toContain('reductions.json');
    expect(names).toContain('header.json');
    expect(names.filter((n) => n.startsWith('samples/'))).toHaveLength(stats.samples);

    for (const member of members) {
      const model = memberModel(member.name);
      expect(model, `no Inspect model for ${member.name}`).not.toBeNull();
      if (model === null) continue;
      // `written` requires all that `read` does and more: passing it passes both.
      const problems = schemaProblems(model, member.value, 'written');
      expect(problems, `${member.name}:\n${describeProblems(problems)}`).toEqual([]);
    }

    // Realistic CTF runs: categories and human first-solve times, files for the binaries,
    // solved and failed runs, some stopped by the token limit.
    const samples = members
      .filter((m) => m.name.startsWith('samples/'))
      .map(
        (m) =>
          m.value as {
            metadata: { category: string; difficulty: string; first_solve_time: number };
            files?: string[];
            scores: { includes: { value: string } };
            limit?: { type: string };
          },
      );
    for (const s of samples) {
      expect(['web', 'pwn', 'crypto', 'rev', 'forensics', 'misc']).toContain(s.metadata.category);
      expect(s.metadata.first_solve_time).toBeGreaterThan(0);
    }
    expect(new Set(samples.map((s) => s.scores.includes.value))).toEqual(new Set(['C', 'I']));
    expect(samples.some((s) => s.limit?.type === 'token')).toBe(true);
    expect(samples.some((s) => (s.files?.length ?? 0) > 0)).toBe(true);
  });

  it('is deterministic: the same options give the same bytes', async () => {
    const a = await syntheticEvalLog(options);
    const b = await syntheticEvalLog(options);
    expect(a.bytes.equals(b.bytes)).toBe(true);
    const c = await syntheticEvalLog({ ...options, seed: 43 });
    expect(a.bytes.equals(c.bytes)).toBe(false);
  });
});
