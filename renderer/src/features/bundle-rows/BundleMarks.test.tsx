import { render, screen } from '@testing-library/react';
import { describe, expect, test } from 'vitest';
import { BundleMarks, evaluatorText } from '.';

const counts = { quarantine: null, signersTrusted: true, mappings: [] };

describe('BundleMarks', () => {
  test('a bundle that counts carries no mark', () => {
    const { container } = render(<BundleMarks standing={counts} />);
    expect(container).toBeEmptyDOMElement();
  });

  test('quarantined, signer no longer trusted and an unaccepted mapping each show, with why', () => {
    render(
      <BundleMarks
        standing={{
          quarantine: { by: 'Alex Authority', at: '2026-11-22T10:00:00Z', reason: 'key copied' },
          signersTrusted: false,
          mappings: [
            { logPath: 'logs/a.eval', task: 'doomla', benchmark: 'cybench', accepted: null },
          ],
        }}
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
        standing={{
          ...counts,
          mappings: [{ logPath: 'logs/a.eval', task: 'doomla', benchmark: 'cybench', accepted }],
        }}
      />,
    );
    expect(container).toBeEmptyDOMElement();
    expect(evaluatorText({ name: 'lab', claimedName: 'UK AISI' })).toBe(
      'lab (calls itself UK AISI)',
    );
    expect(evaluatorText({ name: 'lab', claimedName: 'lab' })).toBe('lab');
  });
});
