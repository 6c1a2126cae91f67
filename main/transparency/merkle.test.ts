import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { sharedFixture } from '../../tests/support/shared-fixtures';
import {
  EMPTY_ROOT,
  consistencyProof,
  inclusionProof,
  leafHash,
  rootOf,
  verifyConsistency,
  verifyInclusion,
} from './merkle';

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');
const b64 = (s: string) => new Uint8Array(Buffer.from(s, 'base64'));

// The Certificate Transparency reference leaves and the tree heads of sizes 0 … 8
// (transparency-dev/merkle testonly/constants.go; RFC 6962's test data).
const DATA = [
  '',
  '00',
  '10',
  '2021',
  '3031',
  '40414243',
  '5051525354555657',
  '606162636465666768696a6b6c6d6e6f',
].map((h) => new Uint8Array(Buffer.from(h, 'hex')));
const ROOTS = [
  'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
  '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
  'fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125',
  'aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77',
  'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
  '4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4',
  '76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef',
  'ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c',
  '5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328',
];
const LEAVES = DATA.map(leafHash);

/** Every JSON file under a folder of ../shared/fixtures/merkle, with its path. */
function vectors<T>(folder: string): [string, T][] {
  const root = sharedFixture(`merkle/${folder}`);
  const files = fs
    .readdirSync(root, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.json'))
    .sort();
  return files.map((f) => [f, JSON.parse(fs.readFileSync(path.join(root, f), 'utf8')) as T]);
}

interface InclusionVector {
  readonly leafIdx: number;
  readonly treeSize: number;
  readonly root: string;
  readonly leafHash: string;
  readonly proof: readonly string[] | null;
  readonly wantErr: boolean;
}

interface ConsistencyVector {
  readonly size1: number;
  readonly size2: number;
  readonly root1: string;
  readonly root2: string;
  readonly proof: readonly string[] | null;
  readonly wantErr: boolean;
}

describe('the RFC 6962 tree', () => {
  it('gives the reference tree heads of sizes 0 … 8', () => {
    expect(hex(EMPTY_ROOT)).toBe(ROOTS[0]);
    for (let n = 0; n <= 8; n++)
      expect(hex(rootOf(LEAVES.slice(0, n))), `size ${n}`).toBe(ROOTS[n]);
  });

  // Every shape of the split: all sizes to 40, every leaf and every prefix.
  const many = Array.from({ length: 40 }, (_, i) => leafHash(Uint8Array.of(i, (i * 7) % 256)));

  it('makes inclusion proofs that verify, for every leaf of every size, and only there', () => {
    for (let n = 1; n <= many.length; n++) {
      const tree = many.slice(0, n);
      const root = rootOf(tree);
      for (let i = 0; i < n; i++) {
        const proof = inclusionProof(tree, i);
        const leaf = tree[i] ?? new Uint8Array();
        expect(verifyInclusion(i, n, leaf, proof, root), `${i} of ${n}`).toBe(true);
        if (n > 1) expect(verifyInclusion((i + 1) % n, n, leaf, proof, root)).toBe(false);
        expect(verifyInclusion(i, n, leaf, proof, leafHash(root))).toBe(false);
      }
    }
  });

  it('makes consistency proofs that verify, for every prefix of every size, and only there', () => {
    for (let n = 1; n <= many.length; n++) {
      const tree = many.slice(0, n);
      for (let m = 1; m <= n; m++) {
        const proof = consistencyProof(tree, m);
        const [root1, root2] = [rootOf(tree.slice(0, m)), rootOf(tree)];
        expect(verifyConsistency(m, n, proof, root1, root2), `${m} → ${n}`).toBe(true);
        if (m < n) expect(verifyConsistency(m, n, proof, root2, root1)).toBe(false);
      }
    }
  });
});

describe("transparency-dev/merkle's proof vectors (../shared/fixtures/merkle)", () => {
  const inclusion = vectors<InclusionVector>('inclusion');
  const consistency = vectors<ConsistencyVector>('consistency');

  it('are all there', () => {
    expect(inclusion.length + consistency.length).toBe(196);
  });

  it.each(inclusion)('inclusion %s', (_, v) => {
    const ok = verifyInclusion(
      v.leafIdx,
      v.treeSize,
      b64(v.leafHash),
      (v.proof ?? []).map(b64),
      b64(v.root),
    );
    expect(ok).toBe(!v.wantErr);
  });

  it.each(consistency)('consistency %s', (_, v) => {
    const ok = verifyConsistency(
      v.size1,
      v.size2,
      (v.proof ?? []).map(b64),
      b64(v.root1),
      b64(v.root2),
    );
    expect(ok).toBe(!v.wantErr);
  });
});
