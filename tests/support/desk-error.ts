import { expect } from 'vitest';
import { DeskError, type ErrorCode } from '../../common/errors';

/** Runs `action`, expects it to throw a DeskError with `code` (and `message`), and returns it. */
export function expectDeskError(
  action: () => unknown,
  code: ErrorCode,
  message?: RegExp,
): DeskError {
  let caught: unknown;
  try {
    action();
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(DeskError);
  const error = caught as DeskError;
  expect(error.code).toBe(code);
  if (message !== undefined) expect(error.message).toMatch(message);
  return error;
}
