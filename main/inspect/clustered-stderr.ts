/**
 * Inspect's clustered standard error, for the reader's check of a log's `stderr(cluster=KEY)`
 * and for a rule that names a cluster (docs/evaluation.md, "Clusters").
 */

/** A sample metadata value, as a cluster id. */
export type ClusterId = string | number | boolean;

/** How many clusters `clusters` holds, compared as clusteredStderr compares them. */
export function clusterCount(clusters: readonly ClusterId[]): number {
  const asText = clusters.some((id) => typeof id === 'string');
  return new Set(clusters.map((id) => clusterKeyOf(id, asText))).size;
}

/**
 * Inspect's clustered standard error (scorer/_metrics/std.py, after Miller 2024,
 * arXiv:2411.00640, appendix A, with a finite-cluster correction):
 * √(C/(C−1) · Σ_c (Σ_{i∈c} (x_i − x̄))²) / n over C clusters; NaN for one cluster, as
 * Inspect's division by C − 1 = 0 gives.
 */
export function clusteredStderr(values: readonly number[], clusters: readonly ClusterId[]): number {
  const m = values.reduce((sum, v) => sum + v, 0) / values.length;
  const sums = new Map<string, number>();
  const asText = clusters.some((id) => typeof id === 'string');
  values.forEach((value, i) => {
    const key = clusterKeyOf(clusters[i] ?? '', asText);
    sums.set(key, (sums.get(key) ?? 0) + (value - m));
  });
  const count = sums.size;
  let variance = 0;
  for (const sum of sums.values()) variance += sum * sum;
  return Math.sqrt((variance * count) / (count - 1)) / values.length;
}

/**
 * As numpy's np.unique(np.array(ids)) compares them: with any string among the ids all are
 * compared as Python's str() of them (1 and "1" are one cluster, True is "True"); else as
 * numbers, True being 1. (A JSON 1.0 reads as 1 here, where Python's str gives "1.0".)
 */
function clusterKeyOf(id: ClusterId, asText: boolean): string {
  if (!asText) return String(Number(id));
  if (typeof id === 'boolean') return id ? 'True' : 'False';
  return String(id);
}
