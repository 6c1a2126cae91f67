import { render, screen, within } from '@testing-library/react';
import { describe, expect, test } from 'vitest';
import { ruleOutcome as outcome } from '../../../../../tests/support/rule-outcome';
import { ThresholdChart } from './ThresholdChart';

describe('ThresholdChart', () => {
  test('a name longer than fits left of the axis is clipped; the table has it whole', () => {
    render(<ThresholdChart rules={[outcome({ benchmark: 'cyse2_vulnerability_exploit' })]} />);
    const chart = screen.getByRole('img', { name: /Observed values/ });
    expect(within(chart).getByText('CyberSecEval 2: vulnerability exp…')).toBeTruthy();
  });

  test('a proportion on its range 0 to 1 with ticks; status by shape; a legend in words', () => {
    const { container } = render(
      <ThresholdChart
        rules={[
          outcome({ ruleId: 'met' }),
          outcome({ ruleId: 'not-met', benchmark: 'nyu_ctf', status: 'not-met', observed: 0.2 }),
          outcome({ ruleId: 'undecided', status: 'insufficient-evidence', observed: 0.1 }),
        ]}
      />,
    );
    const chart = screen.getByRole('img', { name: /Observed values with their intervals/ });
    // Rows are named readably by benchmark and metric (two rules here are of cybench ·
    // accuracy), the rule's id and identifiers in the row's title; a long name is clipped.
    expect(within(chart).getAllByText('Cybench · accuracy')).toHaveLength(2);
    expect(within(chart).getByText('NYU CTF · accuracy')).toBeTruthy();
    expect(chart.querySelector('g title')?.textContent).toBe('met (cybench / accuracy): Met');
    expect([...chart.querySelectorAll('text')].map((t) => t.textContent).slice(0, 5)).toEqual([
      '0',
      '0.25',
      '0.5',
      '0.75',
      '1',
    ]);
    // Shapes, not colours alone: a diamond, a circle, a hollow square.
    expect(chart.querySelectorAll('polygon')).toHaveLength(1);
    expect(chart.querySelectorAll('circle')).toHaveLength(1);
    expect(chart.querySelectorAll('rect')).toHaveLength(1);
    const legend = screen.getByRole('list', { name: 'Legend' });
    expect(
      within(legend)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual([
      'Observed, met',
      'Observed, not met',
      'Observed, insufficient evidence',
      "Interval (the rule's confidence)",
      'Threshold',
    ]);
    expect(container).toHaveTextContent("Axis: the metric's value, 0 to 1.");
  });
});
