import { describe, expect, it } from 'vitest';
import { benchmarkName, metricId, metricName } from './names';

describe('readable names', () => {
  it("name inspect_evals' cyber benchmarks as their papers do, whatever the task's prefix", () => {
    expect(benchmarkName('inspect_evals/cybench')).toBe('Cybench');
    expect(benchmarkName('cybench_task')).toBe('Cybench');
    expect(benchmarkName('inspect_evals/gdm_intercode_ctf')).toBe('InterCode-CTF');
    expect(benchmarkName('NYU-CTF')).toBe('NYU CTF');
  });

  it('give other tasks their words, and keep an identifier without any as it is', () => {
    expect(benchmarkName('doomla')).toBe('Doomla');
    expect(benchmarkName('my_lab/web_exploits-v2')).toBe('Web exploits v2');
    expect(benchmarkName('___')).toBe('___');
  });

  it('name a metric and the scorer it is of; the identifier stays what the rule says', () => {
    expect(metricName('includes', 'accuracy')).toBe('accuracy (includes)');
    expect(metricName('includes', 'stderr')).toBe('standard error (includes)');
    expect(metricName(null, 'pass_at_5')).toBe('pass at 5');
    expect(metricId('includes', 'accuracy')).toBe('includes/accuracy');
    expect(metricId(null, 'accuracy')).toBe('accuracy');
  });
});
