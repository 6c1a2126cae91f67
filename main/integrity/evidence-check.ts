/**
 * The content-addressed evidence store, checked file by file: each file's SHA-256 is its
 * name, and every digest an imported bundle references is present.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { IntegrityReader } from '../../db';
import { sha256OfFile, type EvidenceStore } from '../evidence';
import type { CheckResult } from './checks';

export async function checkEvidence(
  reader: IntegrityReader,
  store: EvidenceStore,
): Promise<CheckResult> {
  const findings: string[] = [];
  const present = new Set<string>();
  for (const file of await filesUnder(path.join(store.evidenceDir, 'sha256'))) {
    const name = path.basename(path.dirname(file)) + path.basename(file);
    if (!/^[0-9a-f]{64}$/.test(name) || store.pathOf(name) !== file) {
      findings.push(`The evidence store holds a file that is not named by a digest: ${file}.`);
      continue;
    }
    const actual = await sha256OfFile(file);
    if (actual === name) present.add(name);
    else
      findings.push(`The evidence file ${name} holds bytes whose SHA-256 is ${actual} (altered).`);
  }
  const referenced = reader.evidenceDigests();
  for (const digest of referenced) {
    if (!present.has(digest) && !findings.some((f) => f.includes(digest)))
      findings.push(`The evidence file ${digest} that an imported bundle references is missing.`);
  }
  return {
    name: 'evidence',
    summary: `${present.size} file(s), each named by its SHA-256; all ${referenced.length} referenced present`,
    findings,
  };
}

async function filesUnder(root: string): Promise<string[]> {
  if (!fs.existsSync(root)) return [];
  const entries = await fs.promises.readdir(root, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => !e.isDirectory())
    .map((e) => path.join(e.parentPath, e.name))
    .sort();
}
