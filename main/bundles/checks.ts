/** The verification report: every check, in the order they run, and what it found. */
export const CHECKS = [
  { id: 'archive', label: 'Archive is a well-formed zip with safe entry names, types and sizes' },
  { id: 'envelope', label: 'Signed envelope is present and well formed' },
  { id: 'signature', label: 'Signed by enough trusted lab keys' },
  { id: 'statement', label: 'Statement is a benchmark-results statement' },
  { id: 'entries', label: 'Entries are exactly the signed subjects' },
  { id: 'digests', label: 'Every entry matches its signed digest' },
  { id: 'logs', label: 'Every declared log is a readable Inspect log' },
  { id: 'results', label: 'Claimed results agree with the logs' },
] as const;

export type CheckId = (typeof CHECKS)[number]['id'];
export type CheckStatus = 'pass' | 'fail' | 'warn' | 'not-run';

export interface Check {
  readonly id: CheckId;
  readonly label: string;
  readonly status: CheckStatus;
  readonly detail: string;
}

/** Collects check outcomes; the first failure ends verification and names the reason. */
export class CheckReport {
  private readonly results = new Map<CheckId, { status: CheckStatus; detail: string }>();

  pass(id: CheckId, detail: string): void {
    this.results.set(id, { status: 'pass', detail });
  }

  warn(id: CheckId, detail: string): void {
    this.results.set(id, { status: 'warn', detail });
  }

  /** Records the failure and returns the rejection to throw. */
  fail(id: CheckId, detail: string): BundleRejection {
    this.results.set(id, { status: 'fail', detail });
    return new BundleRejection(detail, this.checks());
  }

  checks(): Check[] {
    return CHECKS.map(({ id, label }) => ({
      id,
      label,
      ...(this.results.get(id) ?? { status: 'not-run' as const, detail: 'not run' }),
    }));
  }
}

export class BundleRejection extends Error {
  override readonly name = 'BundleRejection';
  constructor(
    readonly reason: string,
    readonly checks: readonly Check[],
  ) {
    super(reason);
  }
}
