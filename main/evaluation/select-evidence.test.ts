import { describe, expect, it } from 'vitest';
import { evaluateRule } from './evaluate-rule';
import { candidatesFor } from './select-evidence';
import {
  evidenceLog,
  metric,
  modelEvidence,
  rule,
} from '../../tests/support/evaluation-test-evidence';

const accuracy = (value: number, n = 10) => [metric('includes', 'accuracy', value, n)];

describe('mapping a rule to evidence', () => {
  it('matches the Inspect task name, or a benchmark the bundle declared for that log once a reviewer accepted it', () => {
    const byTask = evidenceLog({ logId: 1, task: 'cybench', metrics: accuracy(0.1) });
    const declared = evidenceLog({
      logId: 2,
      path: 'logs/ctf.eval',
      task: 'inspect_evals/cyber_ctf',
      mappings: [{ benchmark: 'cybench', accepted: true }],
      metrics: accuracy(0.2),
      claims: [
        {
          benchmark: 'cybench',
          metric: 'includes/accuracy',
          value: 0.2,
          logValue: 0.2,
          status: 'match',
        },
      ],
    });
    const other = evidenceLog({
      logId: 3,
      path: 'logs/x.eval',
      task: 'other',
      metrics: accuracy(0.3),
    });
    // Declared, but no reviewer has accepted the mapping: a signed claim alone does not count.
    const unaccepted = evidenceLog({
      logId: 4,
      path: 'logs/doomla.eval',
      task: 'doomla',
      mappings: [{ benchmark: 'cybench', accepted: false }],
      metrics: accuracy(0.9),
    });
    const found = candidatesFor(rule(), [byTask, declared, other, unaccepted]).map(
      (c) => c.log.logId,
    );
    expect(found.sort()).toEqual([1, 2]);
  });

  it('compares names exactly (case, and the inspect_ai/ prefix, count)', () => {
    const log = evidenceLog({ metrics: accuracy(0.5) });
    expect(candidatesFor(rule({ benchmark: 'CyBench' }), [log])).toEqual([]);
    expect(candidatesFor(rule({ metric: 'inspect_ai/accuracy' }), [log])).toEqual([]);
  });
});

describe('choosing among several runs', () => {
  it('takes the latest runFinishedOn as an instant: 09:30-01:00 (10:30Z) is after 10:00Z', () => {
    const a = evidenceLog({
      logId: 1,
      bundleId: 1,
      bundleFile: 'a.evbundle',
      runFinishedOn: '2026-03-01T09:30:00-01:00',
      metrics: accuracy(0.7),
    });
    const b = evidenceLog({
      logId: 2,
      bundleId: 2,
      bundleFile: 'b.evbundle',
      runFinishedOn: '2026-03-01T10:00:00Z',
      metrics: accuracy(0.4),
    });
    const r = evaluateRule(rule(), modelEvidence([b, a]));
    expect(r.observed).toBe(0.7);
    expect(r.sourceLog?.bundleFile).toBe('a.evbundle');
    expect(r.alsoSeen).toEqual([
      {
        bundleId: 2,
        bundleFile: 'b.evbundle',
        evaluator: { id: 'lab', name: 'Test Lab', claimedName: 'Test Lab' },
        runFinishedOn: '2026-03-01T10:00:00Z',
        logPath: 'logs/cybench.eval',
        task: 'cybench',
        scorer: 'includes',
        observed: 0.4,
        source: 'recomputed',
        n: 10,
      },
    ]);
  });

  it('on the same run time, the later import (larger bundle id)', () => {
    const first = evidenceLog({ logId: 1, bundleId: 1, metrics: accuracy(0.7, 100) });
    const second = evidenceLog({ logId: 2, bundleId: 2, metrics: accuracy(0.4, 10) });
    expect(evaluateRule(rule(), modelEvidence([first, second])).observed).toBe(0.4);
  });

  it('within one bundle, the most samples, then the path in code-point order', () => {
    const small = evidenceLog({ logId: 1, path: 'logs/a.eval', metrics: accuracy(0.1, 2) });
    const large = evidenceLog({ logId: 2, path: 'logs/z.eval', metrics: accuracy(0.9, 20) });
    const tieA = evidenceLog({ logId: 3, path: 'logs/B.eval', metrics: accuracy(0.3, 20) });
    const order = (logs: Parameters<typeof candidatesFor>[1]) =>
      candidatesFor(rule(), logs).map((c) => c.log.path);
    expect(order([small, large])).toEqual(['logs/z.eval', 'logs/a.eval']);
    // "B" (U+0042) sorts before "z", whatever the order the rows come in.
    expect(order([large, small, tieA])).toEqual(['logs/B.eval', 'logs/z.eval', 'logs/a.eval']);
    expect(order([tieA, small, large])).toEqual(['logs/B.eval', 'logs/z.eval', 'logs/a.eval']);
  });

  it('stays with the most recent run even when it is not usable', () => {
    const older = evidenceLog({ logId: 1, bundleId: 1, metrics: accuracy(0.9) });
    const newer = evidenceLog({
      logId: 2,
      bundleId: 2,
      bundleFile: 'new.evbundle',
      runFinishedOn: '2026-04-01T00:00:00Z',
      metrics: [metric('includes', 'accuracy', 0.9, 10, { claimed: 0.95, status: 'differs' })],
    });
    const r = evaluateRule(rule(), modelEvidence([older, newer]));
    expect(r.status).toBe('insufficient-evidence');
    expect(r.sourceLog?.bundleFile).toBe('new.evbundle');
    expect(r.alsoSeen.map((s) => s.observed)).toEqual([0.9]);
  });
});
