import { expect } from 'vitest';
import { DeskError, type ErrorCode } from '../../common/errors';

/**
 * The one DeskError assertion: runs `action` (sync or async), expects it to fail with a
 * DeskError carrying `code` (and matching `message`), and checks the message is one
 * sentence for people: it starts with a capital, a quotation or a path, and ends with a full
 * stop.
 */
export async function expectDeskError(
  action: () => unknown,
  code: ErrorCode,
  message?: string | RegExp,
): Promise<DeskError> {
  let caught: unknown;
  try {
    await action();
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(DeskError);
  const error = caught as DeskError;
  expect(error.code).toBe(code);
  if (message !== undefined) expect(error.message).toMatch(message);
  expect(error.message).toMatch(/^["“A-Z/].*[.]$/s);
  return error;
}
