/**
 * Signed bundles around hostile logs, as a lab holding a trusted key could make them:
 * createBundle reads every log first (and would refuse these), so the statement is written
 * here, with the lab's real signature, and the zip with the permissive writer.
 */
import type { UnlockedKey } from '../../main/crypto';
import { sha256Hex } from '../../main/crypto';
import { ENVELOPE, signStatement, statementOf, writeEntries } from './bundle-surgery';

/**
 * A bundle at `out` of `logs` (name → bytes, stored as bundles store `.eval` logs, or
 * deflated), its statement made from `template` (a valid bundle's envelope) and signed by
 * `signer`.
 */
export function signedBundleOf(
  out: string,
  template: Buffer,
  logs: ReadonlyMap<string, Buffer>,
  signer: UnlockedKey,
  options: { readonly deflate?: boolean } = {},
): string {
  const statement = statementOf(template) as {
    subject: unknown[];
    predicate: Record<string, unknown>;
  };
  statement.subject = [...logs].map(([name, bytes]) => ({
    name,
    digest: { sha256: sha256Hex(bytes) },
  }));
  // The hostile logs are runs of their own model: the template's signed Inspect models go.
  const model = { ...(statement.predicate.model as Record<string, unknown>) };
  delete model.inspectModels;
  statement.predicate = { ...statement.predicate, model, logs: [...logs.keys()], results: [] };
  const method: 0 | 8 = options.deflate === true ? 8 : 0;
  return writeEntries(out, [
    { name: ENVELOPE, data: signStatement(statement, [signer]) },
    ...[...logs].map(([name, data]) => ({ name, data, method })),
  ]);
}
