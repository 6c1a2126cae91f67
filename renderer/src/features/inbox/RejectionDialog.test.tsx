import { render, screen, within } from '@testing-library/react';
import { describe, expect, test } from 'vitest';
import { CHECKS, type Check } from '../../../../common/bundles';
import { importNotices, type RejectedOutcome } from './outcomes';
import { RejectionDialog } from './RejectionDialog';

/** A rejection whose `failed`-th check failed: the ones before passed, the rest did not run. */
function rejected(file: string, failed: number): RejectedOutcome {
  const checks: Check[] = CHECKS.map((c, i) => ({
    id: c.id,
    label: c.label,
    status: i < failed ? 'pass' : i === failed ? 'fail' : 'not-run',
    detail: i === failed ? 'why it failed' : '',
  }));
  return {
    status: 'rejected',
    file,
    message: `Bundle "${file}" was rejected: why it failed. Nothing was imported.`,
    checks,
  };
}

describe('RejectionDialog', () => {
  test('one rejection: the message and the checks that ran, and how many did not', () => {
    render(<RejectionDialog outcomes={[rejected('a.evbundle', 2)]} onClose={() => undefined} />);
    const checks = within(screen.getByRole('list', { name: 'Checks for a.evbundle' }));
    expect(checks.getAllByRole('listitem')).toHaveLength(3);
    expect(checks.queryByText('Not run')).toBeNull();
    expect(screen.getByText(`${CHECKS.length - 3} later checks were not run.`)).toBeInTheDocument();
  });

  test('five rejections: one folded section each, the first open', () => {
    const outcomes = [0, 1, 2, 3, 4].map((i) => rejected(`b${i}.evbundle`, i));
    const { container } = render(<RejectionDialog outcomes={outcomes} onClose={() => undefined} />);
    expect(screen.getByRole('dialog', { name: '5 bundles rejected' })).toBeInTheDocument();
    const sections = [...container.ownerDocument.querySelectorAll('details')];
    expect(sections.map((d) => d.open)).toEqual([true, false, false, false, false]);
    expect(sections.map((d) => d.querySelector('summary')?.textContent)).toEqual(
      outcomes.map((o) => o.file),
    );
  });
});

describe('importNotices', () => {
  test('what was imported is a success; what was cancelled or left alone, a warning of its own', () => {
    expect(
      importNotices(
        [
          {
            status: 'imported',
            file: 'a.evbundle',
            message: 'Bundle "a.evbundle" imported.',
            checks: [],
          },
          { status: 'cancelled', file: 'b.evbundle', message: '' },
        ],
        2,
      ),
    ).toEqual([
      { tone: 'success', text: 'Bundle "a.evbundle" imported.' },
      {
        tone: 'warning',
        text: 'Import of b.evbundle cancelled; nothing was imported. 2 dropped files were not .evbundle files; they were left alone.',
      },
    ]);
    expect(importNotices([], 1)).toEqual([
      { tone: 'warning', text: '1 dropped file was not an .evbundle file; it was left alone.' },
    ]);
  });
});
