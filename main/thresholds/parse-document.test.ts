import { describe, expect, it } from 'vitest';
import { expectDeskError } from '../../tests/support/desk-error';
import { THRESHOLD_SET_TYPE, type ThresholdSetInput } from '../../common/thresholds/document';
import { parseThresholdSet } from './parse-document';

/** Every string and number in here is "classified": none may appear in an error. */
const SECRETS = ['Operation Kumquat', 'ultraviolet-kumquat', 'RULE-ZEBRA-7731', 'cyb3r-xyzzy'];
const valid: ThresholdSetInput = {
  type: THRESHOLD_SET_TYPE,
  id: 'cyber-core',
  version: 1,
  name: 'Operation Kumquat',
  notes: 'ultraviolet-kumquat',
  rules: [
    {
      id: 'RULE-ZEBRA-7731',
      benchmark: 'cyb3r-xyzzy',
      metric: 'accuracy',
      operator: '>=',
      value: 0.73519,
      basis: 'lower95',
      minSamples: 40,
    },
  ],
  designation: { kind: 'any' },
};

async function refusal(input: unknown): Promise<string> {
  const { message } = await expectDeskError(
    () => parseThresholdSet(input),
    'THRESHOLD_SET_INVALID',
  );
  for (const secret of [...SECRETS, '0.73519', '73519', '40']) {
    expect(message).not.toContain(secret);
  }
  expect(message).toMatch(/^The threshold set.*\. Nothing was changed\.$/);
  return message;
}

const rule = valid.rules[0];
if (rule === undefined) throw new Error('the fixture has a rule');

describe('parseThresholdSet', () => {
  it('accepts a valid document and fills in the defaults', () => {
    const withoutNotes: Record<string, unknown> = { ...valid };
    delete withoutNotes.notes;
    const parsed = parseThresholdSet({
      ...withoutNotes,
      rules: [{ ...rule, minSamples: undefined }],
    });
    expect(parsed.notes).toBe('');
    expect(parsed.rules[0]?.minSamples).toBe(1);
  });

  it.each([
    ['not an object', 'RULE-ZEBRA-7731', 'The threshold set must be a JSON object.'],
    [
      'a value given as text',
      { ...valid, rules: [{ ...rule, value: '0.73519' }] },
      "The threshold set's rules[0].value must be a number.",
    ],
    [
      'a rule id used twice',
      { ...valid, rules: [rule, { ...rule, value: 0.5 }] },
      "The threshold set's rules[1].id is used by an earlier rule too; rule ids must be unique.",
    ],
    [
      'an unsafe rule id',
      { ...valid, rules: [{ ...rule, id: 'RULE-ZEBRA-7731 !' }] },
      'The threshold set\'s rules[0].id must be 1-64 letters, digits, ".", "_" or "-".',
    ],
    [
      'a confidence on a rule that compares the observed value',
      { ...valid, rules: [{ ...rule, basis: 'point', confidence: 0.99 }] },
      "The threshold set's rules[0].confidence applies only to a lower or upper bound, and the basis is the observed value.",
    ],
    [
      'a lower95 rule at another confidence',
      { ...valid, rules: [{ ...rule, basis: 'lower95', confidence: 0.99 }] },
      "The threshold set's rules[0].confidence must be 0.95 for a lower95 or upper95 basis; use lower or upper for another.",
    ],
    [
      'pass_at_k without its k',
      { ...valid, rules: [{ ...rule, reducer: 'pass_at_k' }] },
      "The threshold set's rules[0].k is needed by the reducer (at_least_k, pass_at_k and pass_hat_k take a k).",
    ],
    [
      'a k for a reducer that takes none',
      { ...valid, rules: [{ ...rule, reducer: 'max', k: 3 }] },
      "The threshold set's rules[0].k is taken only by the reducers at_least_k, pass_at_k and pass_hat_k.",
    ],
    [
      'a confidence of 100%',
      { ...valid, rules: [{ ...rule, basis: 'lower', confidence: 1 }] },
      "The threshold set's rules[0].confidence must be at most 0.999.",
    ],
    [
      'atLeast k above the number of rules',
      { ...valid, designation: { kind: 'atLeast', k: 40 } },
      "The threshold set's designation.k is more than the number of rules in the set.",
    ],
    [
      'an unknown designation kind',
      { ...valid, designation: { kind: 'ultraviolet-kumquat' } },
      'The threshold set\'s designation.kind must be "any", "all" or "atLeast".',
    ],
    [
      'an unknown field, whose name is not repeated',
      { ...valid, rules: [{ ...rule, 'cyb3r-xyzzy': 0.73519 }] },
      "The threshold set's rules[0] has a field that the format does not define.",
    ],
    [
      'an unknown operator',
      { ...valid, rules: [{ ...rule, operator: '≥' }] },
      'The threshold set\'s rules[0].operator must be ">=" or ">" or "<=" or "<".',
    ],
    ['an empty name', { ...valid, name: '' }, "The threshold set's name must not be empty."],
    ['no rules', { ...valid, rules: [] }, "The threshold set's rules must have at least 1 entry."],
    [
      'a missing designation',
      { ...valid, designation: undefined },
      "The threshold set's designation is missing.",
    ],
    [
      'a fractional version',
      { ...valid, version: 1.5 },
      "The threshold set's version must be a whole number.",
    ],
    [
      'too few samples',
      { ...valid, rules: [{ ...rule, minSamples: 0 }] },
      "The threshold set's rules[0].minSamples must be at least 1.",
    ],
    [
      'another document type',
      { ...valid, type: 'designation-desk/threshold-set/v2' },
      `The threshold set's type must be "${THRESHOLD_SET_TYPE}".`,
    ],
  ])('refuses %s, naming the field and never its content', async (_what, input, sentence) => {
    expect(await refusal(input)).toBe(`${sentence} Nothing was changed.`);
  });
});
