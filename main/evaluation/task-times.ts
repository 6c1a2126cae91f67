/**
 * The task reference service's human times as the engine reads them (evidence.ts
 * TaskTimesLookup): a reference that fails verification is reported, never used.
 */
import { DeskError } from '../../common/errors';
import { printable } from '../../common/text';
import type { TaskReferenceService } from '../tasks';
import type { TaskTimesLookup } from './evidence';

export function taskTimesFrom(tasks: TaskReferenceService): (benchmark: string) => TaskTimesLookup {
  return (benchmark) => {
    let found;
    try {
      found = tasks.tasksFor(benchmark);
    } catch (error) {
      if (error instanceof DeskError && error.code === 'TASK_REFERENCE_UNVERIFIED')
        return { kind: 'failed', why: printable(error.message) };
      throw error;
    }
    if (found === null) return { kind: 'none' };
    const { id, version, signer } = found.reference;
    return {
      kind: 'found',
      reference: {
        id: printable(id),
        version,
        signer: printable(signer.name ?? `key ${signer.keyid.slice(0, 16)}`),
      },
      tasks: found.tasks,
    };
  };
}
