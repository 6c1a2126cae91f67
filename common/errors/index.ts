/**
 * Errors that cross a boundary (IPC, CLI) carry a stable code for programs and one
 * sentence for people. Anything else that escapes a service is an internal error:
 * its detail stays in the main-process log and the caller gets a generic sentence.
 */
export const ERROR_CODES = [
  'INVALID_ARGUMENT',
  'UNKNOWN_CHANNEL',
  'FORBIDDEN_SENDER',
  'NOT_INITIALISED',
  'ALREADY_INITIALISED',
  'FOREIGN_DIRECTORY',
  'INVALID_MARKING',
  'INTERNAL',
  'NO_TRUST_ROSTER',
  'ALREADY_PINNED',
  'ROSTER_REJECTED',
  'BUNDLE_REJECTED',
  'FILE_NOT_FOUND',
  'INVALID_KEY_FILE',
  'WRONG_PASSPHRASE',
  'KEY_LOCKED',
  'MALFORMED_ENVELOPE',
  'SIGNATURE_THRESHOLD_NOT_MET',
  'PAYLOAD_TYPE_NOT_ALLOWED',
  'INVALID_INSPECT_LOG',
  'UNKNOWN_IDENTITY',
  'NOT_IN_ROSTER',
  'ALREADY_ENROLLED',
  'LOCKED',
  'FORBIDDEN',
  'NOT_A_RECIPIENT',
  'THRESHOLD_SET_INVALID',
  'THRESHOLD_SET_NOT_FOUND',
  'THRESHOLD_SET_ALTERED',
  'THRESHOLD_SET_UNTRUSTED',
  'ROSTER_TAMPERED',
  'IDENTITY_MISMATCH',
  'CORE_DUMPS_POSSIBLE',
  'RATE_LIMITED',
  'SAMPLE_NOT_FOUND',
  'EVIDENCE_ALTERED',
  'TASK_REFERENCE_INVALID',
  'TASK_REFERENCE_UNVERIFIED',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export class DeskError extends Error {
  override readonly name = 'DeskError';
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
  }
}
