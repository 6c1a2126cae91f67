/**
 * The re-derivation worker: reads every imported log again (seconds of parsing for large
 * logs, which must not block the calling thread) over its own read-only connection.
 */
import { openIntegrityReader } from '../../db';
import { createEvidenceStore } from '../evidence';
import { serveTask } from '../workers';
import type { CheckResult } from './checks';
import { checkDerivedRows } from './derived-rows';

export interface RederiveRequest {
  readonly dbFile: string;
  readonly dataDir: string;
  readonly evidenceDir: string;
}

serveTask<CheckResult>(async ({ dbFile, dataDir, evidenceDir }: RederiveRequest, { signal }) => {
  const reader = openIntegrityReader(dbFile);
  try {
    return await checkDerivedRows(reader, createEvidenceStore(dataDir, evidenceDir), signal);
  } finally {
    reader.close();
  }
});
