import { render, screen } from '@testing-library/react';
import { describe, expect, test } from 'vitest';
import type { BundleStanding, BundleSummary } from '../../../../common/bundles';
import { BundleMarks, evaluatorText } from '.';

const counts = {
  quarantine: null,
  signersTrusted: true,
  mappings: [],
  unsignedAmongInspectModels: null,
};
const bundle = (standing: BundleStanding, logs: BundleSummary['logs'] = []) => ({
  standing,
  logs,
});

describe('BundleMarks', () => {
  test('a bundle that counts carries no mark', () => {
    const { container } = render(<BundleMarks bundle={bundle(counts)} />);
    expect(container).toBeEmptyDOMElement();
  });

  test('quarantined, signer no longer trusted and an unaccepted mapping each show, with why', () => {
    render(
      <BundleMarks
        bundle={bundle({
          quarantine: { by: 'Alex Authority', at: '2026-11-22T10:00:00Z', reason: 'key copied' },
          signersTrusted: false,
          mappings: [
            { logPath: 'logs/a.eval', task: 'doomla', benchmark: 'cybench', accepted: null },
          ],
          unsignedAmongInspectModels: null,
        })}
      />,
    );
    expect(screen.getByText('Quarantined')).toHaveAttribute(
      'title',
      'Quarantined by Alex Authority: key copied. Kept, but never evaluated.',
    );
    expect(screen.getByText('Signer no longer trusted')).toBeInTheDocument();
    expect(screen.getByText('Benchmark mapping not accepted')).toHaveAttribute(
      'title',
      "Results filed under a benchmark that is not their log's task (logs/a.eval as cybench): they count for it only once a reviewer accepts the mapping.",
    );
  });

  test('an accepted mapping is no mark; an evaluator that calls itself another is shown as both', () => {
    const accepted = { by: 'Dana Reviewer', at: '2026-11-22T10:00:00Z', reason: 'same task' };
    const { container } = render(
      <BundleMarks
        bundle={bundle({
          ...counts,
          mappings: [{ logPath: 'logs/a.eval', task: 'doomla', benchmark: 'cybench', accepted }],
        })}
      />,
    );
    expect(container).toBeEmptyDOMElement();
    expect(evaluatorText({ name: 'lab', claimedName: 'UK AISI' })).toBe(
      'lab (calls itself UK AISI)',
    );
    expect(evaluatorText({ name: 'lab', claimedName: 'lab' })).toBe('lab');
  });

  test('evidence of several Inspect models that the bundle does not sign, and a log shared with another model version', () => {
    const log: BundleSummary['logs'][number] = {
      path: 'logs/cybench.eval',
      task: 'cybench',
      model: 'openai/o3-2025-04-16',
      status: 'success',
      headerSource: 'header.json',
      samples: 40,
      totalSamples: 40,
      completedSamples: 40,
      metrics: [],
      sharedWith: [{ developer: 'Acme AI', name: 'frontier-1', version: '2026-12' }],
      run: null,
    };
    render(
      <BundleMarks
        bundle={bundle(
          { ...counts, unsignedAmongInspectModels: ['acme/f1', 'openai/o3-2025-04-16'] },
          [log],
        )}
      />,
    );
    expect(screen.getByText('Inspect model not signed')).toHaveAttribute(
      'title',
      "Its statement does not say which Inspect models this model is, and this model's evidence was run on acme/f1, openai/o3-2025-04-16: evidence of different models is never combined, so it is not evaluated.",
    );
    expect(screen.getByText('Log shared with another model')).toHaveAttribute(
      'title',
      'The same log was imported for another model version: logs/cybench.eval also for Acme AI/frontier-1@2026-12. One run cannot be evidence of two models.',
    );
  });
});
