import { render, screen } from '@testing-library/react';
import { describe, expect, test } from 'vitest';
import { Field } from '.';

describe('Field', () => {
  test('the label names the control and the hint describes it', () => {
    render(
      <Field label="Set id" hint="Letters, digits, '.', '_' or '-'.">
        {(control) => <input {...control} />}
      </Field>,
    );
    const input = screen.getByRole('textbox', { name: 'Set id' });
    expect(input).toHaveAccessibleDescription("Letters, digits, '.', '_' or '-'.");
    expect(input).not.toHaveAttribute('aria-invalid');
  });

  test('an error is an alert, describes the control and marks it invalid', () => {
    render(
      <Field label="Passphrase" error="The passphrase does not open the key.">
        {(control) => <input type="password" {...control} />}
      </Field>,
    );
    const input = screen.getByLabelText('Passphrase');
    expect(input).toHaveAttribute('aria-invalid', 'true');
    expect(input).toHaveAccessibleDescription('The passphrase does not open the key.');
    expect(screen.getByRole('alert')).toHaveTextContent('The passphrase does not open the key.');
  });

  test('without hint or error the control has no description', () => {
    render(<Field label="Name">{(control) => <input {...control} />}</Field>);
    expect(screen.getByRole('textbox', { name: 'Name' })).not.toHaveAttribute('aria-describedby');
  });
});
