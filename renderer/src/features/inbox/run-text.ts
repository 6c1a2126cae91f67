/**
 * How a run went, in words for the report's tables: its sample counts, the limits samples
 * hit, how long it took. Everything here comes from the evidence and is shown as text.
 */
import type { LogSummary, RunFacts } from '../../../../common/bundles';
import { formatCount, formatNumber } from '../../format';

/** "40 (38 completed, 2 errored)", or the count alone for a log read before run facts. */
export function samplesText(log: LogSummary): string {
  const counts = log.run?.samples;
  if (counts === undefined) return formatCount(log.samples);
  const errored = counts.errored > 0 ? `, ${formatCount(counts.errored)} errored` : '';
  return `${formatCount(counts.total)} (${formatCount(counts.completed)} completed${errored})`;
}

/** "20 × message limit 50; 1 × token limit 5000", or "none". */
export function limitsText(run: RunFacts | null): string {
  if (run === null) return '—';
  if (run.samples.limitsHit.length === 0) return 'none';
  return run.samples.limitsHit
    .map(
      (h) =>
        `${formatCount(h.samples)} × ${h.type} limit ${h.values.map((v) => formatNumber(v, { digits: 6 })).join('/')}`,
    )
    .join('; ');
}

/** "12 min 3 s", "45 s", or a dash. */
export function durationText(run: RunFacts | null): string {
  const seconds = run?.durationSeconds;
  if (seconds === null || seconds === undefined) return '—';
  if (seconds < 60) return `${formatNumber(seconds, { digits: 3 })} s`;
  const minutes = Math.floor(seconds / 60);
  const rest = Math.round(seconds - minutes * 60);
  return minutes < 60
    ? `${minutes} min ${rest} s`
    : `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}

/** The limits the run was given, "message 50, token 200000", or "none". */
export function configuredLimitsText(run: RunFacts): string {
  const set = Object.entries(run.limits).filter(([, v]) => v !== null);
  return set.length === 0
    ? 'none'
    : set.map(([k, v]) => `${k} ${formatNumber(v, { digits: 6 })}`).join(', ');
}

/** "docker (compose.yaml)"; the samples' own sandboxes when the task gave none. */
export function sandboxText(run: RunFacts): string {
  const all = run.sandbox === null ? run.sampleSandboxes : [run.sandbox];
  if (all.length === 0) return 'none';
  return all.map((s) => (s.configFile ? `${s.type} (${s.configFile})` : s.type)).join(', ');
}

/** "anthropic/claude-…: 793 in, 484 out, 7,180 in all" per model. */
export function usageText(run: RunFacts): string {
  if (run.modelUsage.length === 0) return 'none recorded';
  return run.modelUsage
    .map(
      (u) =>
        `${u.model}: ${formatCount(u.inputTokens)} in, ${formatCount(u.outputTokens)} out, ${formatCount(u.totalTokens)} in all`,
    )
    .join('; ');
}
