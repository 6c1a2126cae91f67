/**
 * The audit log's Merkle tree (docs/formats.md, "Audit log proofs"): RFC 6962 §2.1 as
 * RFC 9162 §2.1 restates it. Leaf hash SHA-256(0x00 ‖ entry), node hash
 * SHA-256(0x01 ‖ left ‖ right), the tree of n leaves split at the largest power of two below
 * n; inclusion and consistency proofs made as RFC 6962's PATH and PROOF, verified by RFC
 * 9162's algorithms (§2.1.3.2, §2.1.4.2), which never trust the proof's length or the sizes
 * beyond what the hashes bear out.
 */
import crypto from 'node:crypto';

export const HASH_BYTES = 32;

function sha256(...parts: readonly Uint8Array[]): Uint8Array {
  const hash = crypto.createHash('sha256');
  for (const part of parts) hash.update(part);
  return new Uint8Array(hash.digest());
}

export function leafHash(entry: Uint8Array): Uint8Array {
  return sha256(Uint8Array.of(0x00), entry);
}

export function nodeHash(left: Uint8Array, right: Uint8Array): Uint8Array {
  return sha256(Uint8Array.of(0x01), left, right);
}

/** MTH of no leaves: the hash of the empty string (RFC 9162 §2.1.1). */
export const EMPTY_ROOT = sha256();

/** The largest power of two smaller than n (n ≥ 2): where RFC 6962 splits a tree of n. */
function split(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

/**
 * MTH(D[n]) of leaf hashes, bottom-up: pairs are hashed level by level, and a level's odd
 * last node moves up unchanged, which gives RFC 6962's split tree exactly (the left subtree
 * of a split at a power of two is always complete).
 */
export function rootOf(leaves: readonly Uint8Array[]): Uint8Array {
  if (leaves.length === 0) return EMPTY_ROOT;
  let level = leaves;
  while (level.length > 1) {
    const up: Uint8Array[] = [];
    for (let i = 0; i + 1 < level.length; i += 2) up.push(nodeHash(at(level, i), at(level, i + 1)));
    if (level.length % 2 === 1) up.push(at(level, level.length - 1));
    level = up;
  }
  return at(level, 0);
}

/** PATH(m, D[n]): the inclusion proof of leaf m in the tree of `leaves` (RFC 6962 §2.1.1). */
export function inclusionProof(leaves: readonly Uint8Array[], index: number): Uint8Array[] {
  if (!Number.isSafeInteger(index) || index < 0 || index >= leaves.length)
    throw new RangeError(`leaf ${index} is not in a tree of ${leaves.length}`);
  return path(leaves, index);
}

function path(leaves: readonly Uint8Array[], m: number): Uint8Array[] {
  if (leaves.length <= 1) return [];
  const k = split(leaves.length);
  return m < k
    ? [...path(leaves.slice(0, k), m), rootOf(leaves.slice(k))]
    : [...path(leaves.slice(k), m - k), rootOf(leaves.slice(0, k))];
}

/** PROOF(m, D[n]): that the tree of the first `size1` leaves is a prefix (RFC 6962 §2.1.2). */
export function consistencyProof(leaves: readonly Uint8Array[], size1: number): Uint8Array[] {
  if (!Number.isSafeInteger(size1) || size1 < 0 || size1 > leaves.length)
    throw new RangeError(`no tree of ${size1} is a prefix of a tree of ${leaves.length}`);
  if (size1 === 0) throw new RangeError('no proof makes the empty tree a prefix (RFC 9162)');
  // Every tree is a prefix of itself, with nothing to show.
  if (size1 === leaves.length) return [];
  return subproof(leaves, size1, true);
}

function subproof(leaves: readonly Uint8Array[], m: number, whole: boolean): Uint8Array[] {
  const n = leaves.length;
  if (m === n) return whole ? [] : [rootOf(leaves)];
  const k = split(n);
  return m <= k
    ? [...subproof(leaves.slice(0, k), m, whole), rootOf(leaves.slice(k))]
    : [...subproof(leaves.slice(k), m - k, false), rootOf(leaves.slice(0, k))];
}

/** RFC 9162 §2.1.3.2: whether `proof` shows `leaf` at `index` of the tree of `size` with `root`. */
export function verifyInclusion(
  index: number,
  size: number,
  leaf: Uint8Array,
  proof: readonly Uint8Array[],
  root: Uint8Array,
): boolean {
  if (!validSizes(index, size) || index >= size || !allHashes([leaf, root, ...proof])) return false;
  let fn = index;
  let sn = size - 1;
  let r = leaf;
  for (const p of proof) {
    if (sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      r = nodeHash(p, r);
      if (fn % 2 === 0) {
        while (fn % 2 === 0 && fn !== 0) {
          fn = Math.floor(fn / 2);
          sn = Math.floor(sn / 2);
        }
      }
    } else {
      r = nodeHash(r, p);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return sn === 0 && equal(r, root);
}

/**
 * RFC 9162 §2.1.4.2: whether `proof` shows the tree of `size1` with `root1` a prefix of the
 * tree of `size2` with `root2`. A tree is a prefix of itself with an empty proof and equal
 * roots. The empty tree is refused as `size1`, whatever the proof: RFC 9162 defines
 * consistency proofs for 0 < size1 only, and a check against an empty tree proves nothing
 * (the choice docs/formats.md states; implementations differ here).
 */
export function verifyConsistency(
  size1: number,
  size2: number,
  proof: readonly Uint8Array[],
  root1: Uint8Array,
  root2: Uint8Array,
): boolean {
  if (!validSizes(size1, size2) || size1 === 0 || size1 > size2) return false;
  // Equal sizes compare the roots as given, as transparency-dev/merkle does.
  if (size1 === size2) return proof.length === 0 && equal(root1, root2);
  if (!allHashes([root1, root2, ...proof])) return false;
  if (proof.length === 0) return false;
  // If size1 is a power of two, the first tree's root is the proof's implicit first node.
  const nodes = isPowerOfTwo(size1) ? [root1, ...proof] : [...proof];
  let fn = size1 - 1;
  let sn = size2 - 1;
  while (fn % 2 === 1) {
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  let fr = at(nodes, 0);
  let sr = fr;
  for (const c of nodes.slice(1)) {
    if (sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      fr = nodeHash(c, fr);
      sr = nodeHash(c, sr);
      if (fn % 2 === 0) {
        while (fn % 2 === 0 && fn !== 0) {
          fn = Math.floor(fn / 2);
          sn = Math.floor(sn / 2);
        }
      }
    } else {
      sr = nodeHash(sr, c);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return sn === 0 && equal(fr, root1) && equal(sr, root2);
}

function validSizes(a: number, b: number): boolean {
  return Number.isSafeInteger(a) && Number.isSafeInteger(b) && a >= 0 && b >= 0;
}

function allHashes(hashes: readonly Uint8Array[]): boolean {
  return hashes.every((h) => h.length === HASH_BYTES);
}

function isPowerOfTwo(n: number): boolean {
  return n > 0 && (n & (n - 1)) === 0;
}

function equal(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && crypto.timingSafeEqual(a, b);
}

function at(hashes: readonly Uint8Array[], i: number): Uint8Array {
  const hash = hashes[i];
  if (hash === undefined) throw new RangeError(`no hash at ${i}`);
  return hash;
}
