import { CHECKS, type Check, type CheckId, type CheckStatus } from '../../common/bundles';

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
