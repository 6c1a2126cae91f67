import { useState } from 'react';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, test } from 'vitest';
import { Button, Dialog } from '.';

function Opener() {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button
        onClick={() => {
          setOpen(true);
        }}
      >
        Show details
      </Button>
      {open && (
        <Dialog
          title="Bundle rejected"
          tone="danger"
          onClose={() => {
            setOpen(false);
          }}
        >
          <p>Nothing was imported.</p>
        </Dialog>
      )}
    </>
  );
}

describe('Dialog', () => {
  test('opens named by its title with focus on Close, and Close returns focus', async () => {
    const user = userEvent.setup();
    render(<Opener />);
    await user.click(screen.getByRole('button', { name: 'Show details' }));
    const dialog = screen.getByRole('dialog', { name: 'Bundle rejected' });
    expect(dialog).toHaveAttribute('open');
    expect(screen.getByRole('button', { name: 'Close' })).toHaveFocus();
    await user.click(screen.getByRole('button', { name: 'Close' }));
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Show details' })).toHaveFocus();
  });

  test('Escape closes it', async () => {
    const user = userEvent.setup();
    render(<Opener />);
    await user.click(screen.getByRole('button', { name: 'Show details' }));
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Show details' })).toHaveFocus();
  });
});
