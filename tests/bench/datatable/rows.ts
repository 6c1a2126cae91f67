/** 100,000 synthetic evidence samples: distinct scores, repeating tasks and models. */
export interface SampleRow {
  readonly id: number;
  readonly sample: string;
  readonly task: string;
  readonly model: string;
  readonly score: number;
  readonly status: string;
}

const TASKS = ['doomla', 'popularity', 'cybench/avatar', 'intercode-ctf', 'nyu-ctf/2017q-rev'];
const MODELS = ['frontier-1@2026-10', 'frontier-2@2026-11', 'small-3@2026-09'];
const STATUSES = ['success', 'error', 'cancelled'];

export function sampleRows(count: number): SampleRow[] {
  return Array.from({ length: count }, (_, i) => ({
    id: i,
    sample: `sample-${String(i).padStart(6, '0')}`,
    task: TASKS[i % TASKS.length] ?? '',
    model: MODELS[i % MODELS.length] ?? '',
    // A permutation of 0..count-1 (7919 is prime to 100,000), so sorting really moves rows.
    score: ((i * 7919) % count) / count,
    status: STATUSES[i % 7 === 0 ? 1 + (i % 2) : 0] ?? '',
  }));
}
