import { describe, expect, it } from 'vitest';
import { DeskError } from '../../common/errors';
import { TASK_REFERENCE_TYPE, type TaskReferenceInput } from '../../common/tasks';
import { parseTaskReference } from './parse-document';

function reference(): TaskReferenceInput {
  return {
    type: TASK_REFERENCE_TYPE,
    id: 'cyber-times',
    version: 1,
    name: 'Cyber task times',
    benchmarks: [
      {
        benchmark: 'cybench',
        tasks: [
          { taskId: 'avatar', minutes: 84, family: 'misc', source: 'first-solve' },
          {
            taskId: '17',
            minutes: 2.5,
            family: 'web',
            source: 'estimate',
            sourceNote: 'two reviewers',
          },
        ],
      },
    ],
  };
}

/** The document with `edit` applied to a deep copy (edit may break any rule of the schema). */
function edited(edit: (document: Record<string, unknown> & TaskReferenceInput) => void): unknown {
  const copy = structuredClone(reference()) as Record<string, unknown> & TaskReferenceInput;
  edit(copy);
  return copy;
}

function refusal(input: unknown): string {
  try {
    parseTaskReference(input);
  } catch (error) {
    expect(error).toBeInstanceOf(DeskError);
    expect((error as DeskError).code).toBe('TASK_REFERENCE_INVALID');
    return (error as DeskError).message;
  }
  throw new Error('the document was accepted');
}

const task = (document: TaskReferenceInput, i = 0): Record<string, unknown> => {
  const found = document.benchmarks[0]?.tasks[i];
  if (found === undefined) throw new Error('no such task');
  return found;
};

describe('parseTaskReference', () => {
  it('accepts a valid document and fills in empty notes', () => {
    const parsed = parseTaskReference(reference());
    expect(parsed.notes).toBe('');
    expect(parsed.benchmarks[0]?.tasks.map((t) => t.taskId)).toEqual(['avatar', '17']);
  });

  it.each<[string, unknown, string]>([
    ['not an object', [], 'The task reference must be a JSON object.'],
    [
      'another type',
      edited((d) => {
        d.type = 'designation-desk/task-reference/v2' as typeof TASK_REFERENCE_TYPE;
      }),
      `The task reference's type must be "${TASK_REFERENCE_TYPE}".`,
    ],
    [
      'no id',
      edited((d) => {
        Reflect.deleteProperty(d, 'id');
      }),
      "The task reference's id is missing.",
    ],
    [
      'an id that is no slug',
      edited((d) => {
        d.id = 'cyber times';
      }),
      `The task reference's id must be 1-64 letters, digits, ".", "_" or "-".`,
    ],
    [
      'version 0',
      edited((d) => {
        d.version = 0;
      }),
      "The task reference's version must be at least 1.",
    ],
    [
      'a fractional version',
      edited((d) => {
        d.version = 1.5;
      }),
      "The task reference's version must be a whole number.",
    ],
    [
      'a name with a control character',
      edited((d) => {
        d.name = 'Cyber\u001b[2Jtimes';
      }),
      "The task reference's name must not contain control, line-separator or text-direction characters, or unpaired surrogates.",
    ],
    [
      'no benchmarks',
      edited((d) => {
        d.benchmarks = [];
      }),
      "The task reference's benchmarks must list at least one benchmark.",
    ],
    [
      'a benchmark without tasks',
      edited((d) => {
        d.benchmarks[0] = { benchmark: 'cybench', tasks: [] };
      }),
      "The task reference's benchmarks[0].tasks must list at least one task.",
    ],
    [
      'zero minutes',
      edited((d) => {
        task(d).minutes = 0;
      }),
      "The task reference's benchmarks[0].tasks[0].minutes must be more than 0.",
    ],
    [
      'too many minutes',
      edited((d) => {
        task(d).minutes = 100_001;
      }),
      "The task reference's benchmarks[0].tasks[0].minutes must be at most 100000.",
    ],
    [
      'minutes as text',
      edited((d) => {
        task(d).minutes = '84';
      }),
      "The task reference's benchmarks[0].tasks[0].minutes must be a number.",
    ],
    [
      'a task id as a number',
      edited((d) => {
        task(d, 1).taskId = 17;
      }),
      "The task reference's benchmarks[0].tasks[1].taskId must be text.",
    ],
    [
      'a task id with a lone surrogate',
      edited((d) => {
        task(d).taskId = 'avatar\ud800';
      }),
      "The task reference's benchmarks[0].tasks[0].taskId must be well-formed Unicode text (no unpaired surrogates).",
    ],
    [
      'an unknown source',
      edited((d) => {
        task(d).source = 'guess';
      }),
      `The task reference's benchmarks[0].tasks[0].source must be "baseline" or "first-solve" or "estimate" or "survey" or "other".`,
    ],
    [
      'no family',
      edited((d) => {
        delete task(d).family;
      }),
      "The task reference's benchmarks[0].tasks[0].family is missing.",
    ],
    [
      'a field the format does not define',
      edited((d) => {
        task(d).humanMinutesSecret = 3;
      }),
      "The task reference's benchmarks[0].tasks[0] has a field that the format does not define.",
    ],
    [
      'a benchmark listed twice',
      edited((d) => {
        const [first] = d.benchmarks;
        if (first !== undefined) d.benchmarks.push(first);
      }),
      "The task reference's benchmarks[1].benchmark is listed earlier too; each benchmark must appear once.",
    ],
    [
      'a task id used twice in a benchmark',
      edited((d) => {
        task(d, 1).taskId = 'avatar';
      }),
      "The task reference's benchmarks[0].tasks[1].taskId is used by an earlier task of the benchmark too; task ids must be unique.",
    ],
  ])('refuses %s, naming the field and what it must be', (_what, input, sentence) => {
    expect(refusal(input)).toBe(`${sentence} Nothing was changed.`);
  });

  it('accepts the same task id in two benchmarks', () => {
    const [cybench] = reference().benchmarks;
    if (cybench === undefined) throw new Error('no benchmark');
    const twice = edited((d) => {
      d.benchmarks.push({ ...structuredClone(cybench), benchmark: 'nyu-ctf' });
    });
    expect(parseTaskReference(twice).benchmarks).toHaveLength(2);
  });

  it('never repeats what the document holds', () => {
    const message = refusal(
      edited((d) => {
        d.id = 'ZEBRA 7731';
        task(d).unknownZebraField = 'ZEBRA-VALUE';
      }),
    );
    expect(message).not.toMatch(/ZEBRA/i);
  });
});
