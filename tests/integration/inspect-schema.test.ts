/**
 * The check "Inspect would accept this log" (tests/support/inspect-schema) must agree with
 * real Inspect output before it can vouch for anything else: every member of every real log
 * in ../shared/fixtures/inspect conforms, and the one known difference (events newer than
 * the vendored schema) is named, not skipped. And it must have teeth: deliberate breakages,
 * among them the old synthetic logs' `files: {}`, are refused, each at its own path.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseLenientJson } from '../../main/inspect/lenient-json';
import {
  describeProblems,
  evalLogMembers,
  memberModel,
  schemaProblems,
  type LogMember,
  type SchemaProblem,
} from '../support/inspect-schema/inspect-schema';
import { sharedFixture } from '../support/shared-fixtures';

const REAL_LOGS = [
  'ais-decoder_zstd.eval',
  'doomla_3epochs.eval',
  'doomla_failed.eval',
  'doomla_solved.eval',
  'log_formats.eval',
  'log_formats.json',
  'log_message_deduplication.eval',
  'log_read_sample.eval',
  'log_streaming.eval',
  'popularity.eval',
  'security-guide.json',
];

/** The members of a real log: each `.eval` member, or the one document of a `.json` log. */
async function realMembers(name: string): Promise<LogMember[]> {
  const file = sharedFixture(`inspect/${name}`);
  if (name.endsWith('.eval')) return evalLogMembers(file);
  return [{ name: 'log.json', value: parseLenientJson(fs.readFileSync(file, 'utf8')) }];
}

function modelOf(member: LogMember) {
  return member.name === 'log.json' ? 'EvalLog' : memberModel(member.name);
}

/** A real sample to break: doomla's solved run (Inspect 0.3.104), parsed afresh each time. */
async function realSample(): Promise<Record<string, unknown>> {
  const members = await realMembers('doomla_solved.eval');
  const sample = members.find((m) => m.name.startsWith('samples/'));
  if (!sample) throw new Error('doomla_solved.eval has no sample member');
  return structuredClone(sample.value) as Record<string, unknown>;
}

/**
 * Inspect 0.3.239 writes `checkpoint` events (inspect_ai/event/_checkpoint.py), newer than
 * the vendored schema, whose event union has no such type. Returns the problem every one of
 * them must give, so that this difference stays exactly what it is.
 */
function checkpointProblems(sample: unknown): Pick<SchemaProblem, 'path' | 'message'>[] {
  const events = (sample as { events: { event: string }[] }).events;
  return events.flatMap((e, i) =>
    e.event === 'checkpoint'
      ? [
          {
            path: `/events/${String(i)}`,
            message: 'has event "checkpoint", which no model in this schema has',
          },
        ]
      : [],
  );
}

describe("Inspect's log schema", () => {
  it('the shared fixtures are the logs this test expects', () => {
    const dir = path.dirname(sharedFixture('inspect/README.md'));
    const logs = fs.readdirSync(dir).filter((f) => /\.(eval|json)$/.test(f));
    expect(logs.sort()).toEqual(REAL_LOGS);
  });

  it.each(REAL_LOGS)(
    'every member of %s conforms as Inspect reads it, except events newer than the schema',
    async (name) => {
      const members = await realMembers(name);
      expect(members.length).toBeGreaterThan(0);
      for (const member of members) {
        const model = modelOf(member);
        expect(model, `${name}: no Inspect model for member ${member.name}`).not.toBeNull();
        if (model === null) continue;
        const problems = schemaProblems(model, member.value, 'read');
        const expected = model === 'EvalSample' ? checkpointProblems(member.value) : [];
        expect(
          problems.map(({ path: p, message }) => ({ path: p, message })),
          `${name} ${member.name}:\n${describeProblems(problems)}`,
        ).toEqual(expected);
      }
    },
  );

  it('the checkpoint events are the only difference, and there are some', async () => {
    const members = await realMembers('ais-decoder_zstd.eval');
    const sample = members.find((m) => m.name === 'samples/1_epoch_1.json');
    expect(checkpointProblems(sample?.value)).toHaveLength(9);
  });

  it('the newest real log (Inspect 0.3.239) also has every field current Inspect writes', async () => {
    for (const member of await realMembers('ais-decoder_zstd.eval')) {
      const model = memberModel(member.name);
      if (model === null) throw new Error(`no model for ${member.name}`);
      const problems = schemaProblems(model, member.value, 'written');
      const expected = model === 'EvalSample' ? checkpointProblems(member.value) : [];
      expect(
        problems.map(({ path: p, message }) => ({ path: p, message })),
        `${member.name}:\n${describeProblems(problems)}`,
      ).toEqual(expected);
    }
  });

  it('an older real log (Inspect 0.3.104) lacks fields added since: read, yes; as written now, no', async () => {
    const sample = await realSample();
    expect(schemaProblems('EvalSample', sample, 'read')).toEqual([]);
    const written = schemaProblems('EvalSample', sample, 'written');
    expect(written).toContainEqual(
      expect.objectContaining({ path: '', model: 'EvalSample', keyword: 'required' }),
    );
    expect(describeProblems(written)).toContain("'role_usage'");
  });

  describe('refuses what Inspect would refuse', () => {
    it('files as a dict, as the old synthetic logs had it (EvalSample.files is a list)', async () => {
      const sample = { ...(await realSample()), files: {} };
      expect(schemaProblems('EvalSample', sample)).toEqual([
        expect.objectContaining({ path: '/files', keyword: 'type', message: 'must be array' }),
        expect.objectContaining({ path: '/files', keyword: 'type', message: 'must be null' }),
      ]);
    });

    it('a missing required field', async () => {
      const sample = await realSample();
      delete sample.epoch;
      expect(schemaProblems('EvalSample', sample)).toEqual([
        expect.objectContaining({
          path: '',
          model: 'EvalSample',
          keyword: 'required',
          message: "must have required property 'epoch'",
        }),
      ]);
    });

    it('a wrong type, and NaN where Python allows no float', async () => {
      const sample = await realSample();
      expect(schemaProblems('EvalSample', { ...sample, epoch: '1' })).toEqual([
        expect.objectContaining({ path: '/epoch', keyword: 'type', message: 'must be integer' }),
      ]);
      expect(schemaProblems('EvalSample', { ...sample, epoch: Number.NaN })).toEqual([
        expect.objectContaining({ path: '/epoch', keyword: 'type' }),
      ]);
    });

    it('NaN as a score value, as Python writes an unscored sample, is accepted', async () => {
      const sample = await realSample();
      const scores = parseLenientJson('{"includes": {"value": NaN, "history": []}}');
      expect(schemaProblems('EvalSample', { ...sample, scores })).toEqual([]);
    });

    it('a broken event is reported once, under its own type, not under all 21', async () => {
      const sample = await realSample();
      const events = sample.events as Record<string, unknown>[];
      const at = events.findIndex((e) => e.event === 'model');
      events[at] = { ...events[at], model: 42 };
      expect(schemaProblems('EvalSample', sample)).toEqual([
        expect.objectContaining({
          path: `/events/${String(at)}/model`,
          model: 'ModelEvent',
          keyword: 'type',
        }),
      ]);
    });

    it('a message of no known role, and a tool call without its function', async () => {
      const sample = await realSample();
      const messages = sample.messages as Record<string, unknown>[];
      messages[0] = { ...messages[0], role: 'robot' };
      const call = messages.findIndex((m) => Array.isArray(m.tool_calls));
      const calls = messages[call]?.tool_calls as Record<string, unknown>[];
      delete calls[0]?.function;
      const problems = schemaProblems('EvalSample', sample);
      expect(problems).toContainEqual(
        expect.objectContaining({
          path: '/messages/0',
          message: 'has role "robot", which no model in this schema has',
        }),
      );
      expect(problems).toContainEqual(
        expect.objectContaining({
          path: `/messages/${String(call)}/tool_calls/0`,
          model: 'ToolCall',
          message: "must have required property 'function'",
        }),
      );
    });

    it('a header with a status Inspect does not have, and reductions that are not a list', async () => {
      const header = (await realMembers('doomla_solved.eval')).find(
        (m) => m.name === 'header.json',
      );
      expect(schemaProblems('EvalLog', { ...(header?.value as object), status: 'done' })).toEqual([
        expect.objectContaining({ path: '/status', model: 'EvalLog', keyword: 'enum' }),
      ]);
      expect(schemaProblems('EvalSampleReductions[]', { scorer: 'includes' })).toEqual([
        expect.objectContaining({ path: '', keyword: 'type', message: 'must be array' }),
      ]);
    });

    it('knows which model each member of an .eval holds, and no other member', () => {
      expect(memberModel('header.json')).toBe('EvalLog');
      expect(memberModel('_journal/start.json')).toBe('LogStart');
      expect(memberModel('_journal/summaries/12.json')).toBe('EvalSampleSummary[]');
      expect(memberModel('summaries.json')).toBe('EvalSampleSummary[]');
      expect(memberModel('reductions.json')).toBe('EvalSampleReductions[]');
      expect(memberModel('samples/web/sql injection 1_epoch_2.json')).toBe('EvalSample');
      expect(memberModel('_journal/config_updates/1.json')).toBeNull();
      expect(memberModel('notes.txt')).toBeNull();
    });
  });
});
