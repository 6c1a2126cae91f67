/**
 * Base64 for the two places it appears in our formats, with one spelling per byte string:
 *
 * - Key files are ours, so they use one form only: the standard alphabet with padding
 *   (RFC 4648 §4).
 * - DSSE envelopes come from other tools, and DSSE says verifiers MUST accept both the
 *   standard and the URL-safe alphabet (protocol.md, "To verify"). We accept either, with
 *   or without padding, but not a mix of alphabets in one string, not misplaced padding,
 *   and not non-zero trailing bits (RFC 4648 §3.5), so that no two spellings in the same
 *   alphabet decode to the same bytes.
 */

const STANDARD = /^[A-Za-z0-9+/]*={0,2}$/;
const URL_SAFE = /^[A-Za-z0-9_-]*={0,2}$/;

/** Standard alphabet, padded. */
export function encodeBase64(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
}

/** Decodes standard or URL-safe base64, padded or not; null if the text is not base64. */
export function decodeDsseBase64(text: string): Uint8Array | null {
  if (!STANDARD.test(text) && !URL_SAFE.test(text)) return null;
  const unpadded = text.replace(/=+$/, '');
  if (unpadded.length % 4 === 1) return null;
  if (unpadded.length !== text.length && text.length % 4 !== 0) return null;
  // Node's base64 decoder reads both alphabets; the regexes above keep them unmixed.
  const bytes = Buffer.from(unpadded, 'base64');
  const canonical = bytes.toString('base64url');
  if (canonical !== unpadded.replaceAll('+', '-').replaceAll('/', '_')) return null;
  return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** Decodes the key-file form (standard alphabet, padded, canonical); null otherwise. */
export function decodeStandardBase64(text: string): Uint8Array | null {
  const bytes = decodeDsseBase64(text);
  return bytes !== null && encodeBase64(bytes) === text ? bytes : null;
}
