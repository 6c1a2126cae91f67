import { render, screen, within } from '@testing-library/react';
import { describe, expect, test } from 'vitest';
import { ruleOutcome } from '../../../../../tests/support/rule-outcome';
import { StrataTable } from './StrataTable';
import { stubTableLayout } from '../../../../../tests/support/jsdom-layout';

const strata = {
  reference: { id: 'cybench-times', version: 2, signer: 'dana' },
  buckets: [
    { fromMinutes: 1, toMinutes: 4, tasks: 4, successRate: 0.75 },
    { fromMinutes: 4, toMinutes: 16, tasks: 0, successRate: null },
    { fromMinutes: 16, toMinutes: 64, tasks: 5, successRate: 0.2 },
    { fromMinutes: 64, toMinutes: 256, tasks: 2, successRate: 0 },
    { fromMinutes: 256, toMinutes: 960, tasks: 1, successRate: 0 },
  ],
  outside: 0,
  unmatched: 3,
  longestSolved: { taskId: 'flag-hunt', minutes: 42 },
};

stubTableLayout();

describe('StrataTable', () => {
  test('shows each bucket as the share solved of its tasks, and the longest task solved', () => {
    render(<StrataTable rules={[ruleOutcome({ strata }), ruleOutcome({ ruleId: 'r2' })]} />);
    const table = screen.getByRole('grid', {
      name: 'Success by task length (human expert minutes)',
    });
    const rows = within(table)
      .getAllByRole('row')
      .filter((r) => r.hasAttribute('data-index'));
    // One rule: r2 has no task reference, so no strata.
    expect(rows).toHaveLength(1);
    expect(rows[0]?.textContent).toContain('75% of 4');
    expect(rows[0]?.textContent).toContain('—');
    expect(rows[0]?.textContent).toContain('20% of 5');
    expect(rows[0]?.textContent).toContain('42 min');
    expect(screen.getByText(/cybench-times v2 \(signed by dana\)/)).toHaveTextContent(
      'samples without a human time (3)',
    );
  });

  test('renders nothing when no rule has strata', () => {
    const { container } = render(<StrataTable rules={[ruleOutcome({})]} />);
    expect(container).toBeEmptyDOMElement();
  });
});
