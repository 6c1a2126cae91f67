/**
 * in-toto Statement v1 (in-toto attestation framework, spec/v1/statement.md): the payload
 * of every DSSE envelope Designation Desk signs or accepts.
 */
import { z } from 'zod';
import { canonicalJson, type JsonValue } from '../canonical-json';
import { parseStrictJson } from '../strict-json';
import { firstIssuePhrase } from '../schema-sentence';

export const IN_TOTO_PAYLOAD_TYPE = 'application/vnd.in-toto+json';
/** A type identifier defined by the spec: compared as a string, never fetched. */
export const STATEMENT_TYPE = 'https://in-toto.io/Statement/v1';

const Sha256Hex = z.string().regex(/^[0-9a-f]{64}$/, 'must be 64 lowercase hex digits');

export const SubjectSchema = z.strictObject({
  name: z.string().min(1),
  digest: z.strictObject({ sha256: Sha256Hex }),
});
export type Subject = z.infer<typeof SubjectSchema>;

export const StatementSchema = z.object({
  _type: z.literal(STATEMENT_TYPE),
  subject: z.array(SubjectSchema).min(1),
  predicateType: z.string().min(1),
  predicate: z.record(z.string(), z.unknown()),
});
export type Statement = z.infer<typeof StatementSchema>;

export function makeStatement(
  subject: readonly Subject[],
  predicateType: string,
  predicate: { readonly [key: string]: JsonValue },
): Uint8Array {
  const statement = { _type: STATEMENT_TYPE, subject, predicateType, predicate };
  return new TextEncoder().encode(canonicalJson(statement));
}

export type StatementParse = { ok: true; statement: Statement } | { ok: false; reason: string };

/** Parses a verified payload as a Statement of the expected predicate type. */
export function parseStatement(payload: Uint8Array, predicateType: string): StatementParse {
  const json = parseStrictJson(payload);
  if (!json.ok) return { ok: false, reason: `the signed payload cannot be read: ${json.reason}` };
  const parsed = StatementSchema.safeParse(json.value);
  if (!parsed.success) {
    return {
      ok: false,
      reason: `the signed payload is not an in-toto Statement v1: ${firstIssuePhrase('the statement', parsed.error, json.value)}`,
    };
  }
  if (parsed.data.predicateType !== predicateType) {
    return {
      ok: false,
      reason: `the statement's predicate type is "${parsed.data.predicateType}", not ${predicateType}`,
    };
  }
  return { ok: true, statement: parsed.data };
}
