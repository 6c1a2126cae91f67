/**
 * The log quirks real runs produce (docs/formats.md) and the hostile inputs a lab's bundle
 * could carry. Every rejection must be INVALID_INSPECT_LOG naming the file and the problem.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import { kStringMaxLength } from 'node:buffer';
import { describe, expect, it } from 'vitest';
import { sharedFixture } from '../../tests/support/shared-fixtures';
import { expectDeskError } from '../../tests/support/desk-error';
import {
  deepLog,
  manyValuesLog,
  objectBombLog,
  repeatedAttachmentLog,
} from '../../tests/support/hostile-logs';
import { EvidenceBudget, readInspectLog } from '.';
import {
  buildZip,
  claimed,
  evalMembers,
  header,
  json,
  patchMember,
  readZip,
  sample,
  sampleMember,
  zstdMemberZip,
} from '../../tests/support/inspect-test-logs';

const MiB = 1024 * 1024;

describe('.eval quirks', () => {
  it('takes the last of two members with the same name', async () => {
    const first = sample(1, 1, { match: 'I' });
    const second = sample(1, 1, { match: 'C' });
    const bytes = await buildZip([
      ...evalMembers(header({ total: 1, scores: [claimed('match', { accuracy: 1 })] }), [first]),
      sampleMember(second),
    ]);
    expect((await readZip(bytes)).filter((m) => m.name === 'samples/1_epoch_1.json')).toHaveLength(
      2,
    );

    const log = await readInspectLog('dup.eval', bytes);
    expect(log.samples).toHaveLength(1);
    expect(log.samples[0]?.scores.match?.value).toBe('C');
    expect(log.metrics[0]).toMatchObject({ claimed: 1, recomputed: 1, status: 'match' });
  });

  it('rebuilds the header from _journal/start.json when header.json is missing', async () => {
    const members = await readZip(fs.readFileSync(sharedFixture('inspect/log_streaming.eval')));
    expect(members.map((m) => m.name)).toContain('header.json');
    const crashed = await buildZip(members.filter((m) => m.name !== 'header.json'));

    const log = await readInspectLog('log_streaming.eval', crashed);
    expect(log).toMatchObject({
      format: 'eval',
      headerSource: 'journal',
      status: 'started',
      task: 'popularity',
      model: 'azureai/Meta-Llama-3-1-405B-Instruct-jqf',
      runId: '3RWm2YmdLiKCyQMzEcERin',
      totalSamples: null,
      completedSamples: null,
      scorers: [],
      metrics: [],
    });
    expect(log.samples).toHaveLength(4);
  });

  it('refuses an archive with neither header.json nor a journal', async () => {
    const bytes = await buildZip([sampleMember(sample(1, 1, {}))]);
    const error = await expectDeskError(
      () => readInspectLog('bare.eval', bytes),
      'INVALID_INSPECT_LOG',
    );
    expect(error.message).toBe(
      'The Inspect log "bare.eval" has neither header.json nor _journal/start.json, so it is not an Inspect .eval log.',
    );
  });

  it('keeps sample ids with "/" and spaces from the member content', async () => {
    const s = sample('web/sql injection 1', 1, { match: 'C' });
    const bytes = await buildZip(evalMembers(header({ total: 1 }), [s]));
    const log = await readInspectLog('ids.eval', bytes);
    expect(log.samples[0]?.id).toBe('web/sql injection 1');
  });

  it('keeps a sample metadata key named __proto__ as a key, at most 64 keys, and no nested values', async () => {
    const many = Object.fromEntries(Array.from({ length: 100 }, (_, i) => [`k${i}`, i]));
    const s = sample(
      1,
      1,
      { match: 'C' },
      {
        metadata: JSON.parse(
          `{"__proto__": "p", "nested": {"a": 1}, "list": [1], "none": null, ${JSON.stringify(many).slice(1)}`,
        ) as unknown,
      },
    );
    const bytes = await buildZip(evalMembers(header({ total: 1 }), [s]));
    const metadata = (await readInspectLog('meta.eval', bytes)).samples[0]?.metadata ?? {};
    expect(Object.getPrototypeOf(metadata)).toBe(Object.prototype);
    expect(Object.hasOwn(metadata, '__proto__')).toBe(true);
    expect(Object.keys(metadata)).toHaveLength(64);
    expect(Object.keys(metadata).slice(0, 3)).toEqual(['__proto__', 'k0', 'k1']);
  });

  it('refuses a scorer or an attachment named __proto__, which a schema record would drop unseen', async () => {
    for (const field of ['scores', 'attachments']) {
      const s = sample(1, 1, { match: 'C' });
      const text = JSON.stringify(s).replace(
        field === 'scores' ? '"scores":{' : '"id":1',
        field === 'scores'
          ? '"scores":{"__proto__":{"value":"I"},'
          : '"id":1,"attachments":{"__proto__":"x"}',
      );
      const bytes = await buildZip([
        { name: 'header.json', data: json(header({ total: 1 })) },
        { name: 'samples/1_epoch_1.json', data: Buffer.from(text) },
      ]);
      const error = await expectDeskError(
        () => readInspectLog('proto.eval', bytes),
        'INVALID_INSPECT_LOG',
      );
      expect(error.message).toContain(
        `has a member samples/1_epoch_1.json that does not match Inspect's log schema at ${field} (has a key named "__proto__", which cannot be read faithfully)`,
      );
    }
  });

  it('refuses two different members holding the same sample and epoch', async () => {
    const s = sample(1, 1, { match: 'C' });
    const bytes = await buildZip([
      ...evalMembers(header({ total: 1 }), [s]),
      { name: 'samples/1_epoch_1 copy.json', data: json(s) },
    ]);
    const error = await expectDeskError(
      () => readInspectLog('twice.eval', bytes),
      'INVALID_INSPECT_LOG',
    );
    expect(error.message).toContain('holds sample "1" epoch 1 twice');
  });

  it('resolves attachment:// references in input, messages, tool calls and scores', async () => {
    const secret = 'curl http://10.0.0.5/<script>alert(1)</script>';
    const s = sample(
      1,
      1,
      {},
      {
        input: 'attachment://aaaa',
        target: ['flag{a}', 'attachment://bbbb'],
        messages: [
          { role: 'user', content: [{ type: 'text', text: 'attachment://aaaa' }] },
          {
            role: 'assistant',
            content: 'running it',
            tool_calls: [{ id: 'c1', function: 'bash', arguments: { cmd: 'attachment://cccc' } }],
          },
          { role: 'tool', function: 'bash', content: 'attachment://dddd' },
          {
            role: 'assistant',
            content: 'left as is: attachment://ffff and attachment://aaaa inline',
          },
          { role: 'assistant', content: [{ type: 'image', image: 'data:image/png;base64,AAAA' }] },
        ],
        scores: {
          match: { value: 'C', answer: 'attachment://bbbb', explanation: 'attachment://eeee' },
        },
        attachments: {
          aaaa: 'What is on 10.0.0.5?',
          bbbb: 'flag{b}',
          cccc: secret,
          dddd: '<html>it worked</html>',
          eeee: 'matched the flag',
        },
      },
    );
    const log = await readInspectLog(
      'att.eval',
      await buildZip(evalMembers(header({ total: 1 }), [s])),
    );
    const [read] = log.samples;
    expect(read?.input).toBe('What is on 10.0.0.5?');
    expect(read?.target).toBe('flag{a}\nflag{b}');
    expect(read?.scores.match).toEqual({
      value: 'C',
      numeric: 1,
      answer: 'flag{b}',
      explanation: 'matched the flag',
    });
    expect(read?.transcript).toBe(
      [
        'user:\nWhat is on 10.0.0.5?',
        `assistant:\nrunning it\nbash(${JSON.stringify({ cmd: secret })})`,
        'tool bash:\n<html>it worked</html>',
        'assistant:\nleft as is: attachment://ffff and attachment://aaaa inline',
        'assistant:\n[image]',
      ].join('\n\n'),
    );
    expect(read?.messageCount).toBe(5);
  });

  it('counts the retries of a sample after errors (error_retries), and none when absent', async () => {
    const retried = sample(
      1,
      1,
      { match: 'C' },
      {
        error_retries: [
          { message: 'RateLimitError', traceback: '', traceback_ansi: '' },
          { message: 'Timeout', traceback: '', traceback_ansi: '' },
        ],
      },
    );
    const log = await readInspectLog(
      'retried.eval',
      await buildZip(evalMembers(header({ total: 2 }), [retried, sample(2, 1, { match: 'I' })])),
    );
    expect(log.samples.map((s) => s.errorRetries)).toEqual([2, 0]);
  });

  it('keeps who invalidated a sample and why (sample.invalidation), even a malformed one', async () => {
    const invalid = sample(
      1,
      1,
      { match: 'C' },
      {
        invalidation: {
          timestamp: '2026-11-30T10:00:00Z',
          author: 'qa@lab',
          reason: 'answer leaked in the prompt',
          metadata: { ticket: 7 },
        },
      },
    );
    const odd = sample(2, 1, { match: 'I' }, { invalidation: 'yes' });
    const log = await readInspectLog(
      'invalidated.eval',
      await buildZip(
        evalMembers(header({ total: 3 }), [invalid, odd, sample(3, 1, { match: 'C' })]),
      ),
    );
    expect(log.samples.map((s) => s.invalidation)).toEqual([
      {
        timestamp: '2026-11-30T10:00:00Z',
        author: 'qa@lab',
        reason: 'answer leaked in the prompt',
      },
      { timestamp: null, author: null, reason: null },
      null,
    ]);
  });

  it('stores an attachment referenced 480 times once per text, not 480 times', async () => {
    const log = await readInspectLog('repeat.eval', await repeatedAttachmentLog(MiB, 480));
    const [read] = log.samples;
    // The input and the transcript each hold it once; every other reference is a marker.
    expect(read?.input.length).toBe(MiB);
    expect(read?.transcript.length).toBeLessThan(MiB + 480 * 60);
    expect(read?.transcript.split('[the same attachment again, shown in full above]')).toHaveLength(
      480,
    );
  });

  it('counts text from distinct attachments against the text limit', async () => {
    const attachments = Object.fromEntries(
      Array.from({ length: 200 }, (_, i) => [`a${i}`, crypto.randomBytes(5_000).toString('hex')]),
    );
    const messages = Object.keys(attachments).map((key) => ({
      role: 'tool',
      content: `attachment://${key}`,
    }));
    const s = sample(1, 1, {}, { messages, attachments });
    const bytes = await buildZip(evalMembers(header({ total: 1 }), [s]));
    const error = await expectDeskError(
      () => readInspectLog('amplify.eval', bytes, { maxTextChars: 1_000_000 }),
      'INVALID_INSPECT_LOG',
    );
    expect(error.message).toBe(
      'The Inspect log "amplify.eval" holds more than 1000000 characters of text once attachments are resolved (the text limit).',
    );
  });
});

describe("the bundle's budget, shared by its logs", () => {
  it('counts an attachment once per sample against the attachment budget, across logs', async () => {
    const log = await repeatedAttachmentLog(MiB, 480);
    const budget = new EvidenceBudget({
      maxInflatedBytes: 1024 * MiB,
      maxTextChars: 1024 * MiB,
      maxAttachmentChars: 2.5 * MiB,
    });
    // Counted once per sample (1 MiB), though resolved 481 times: two such logs fit.
    await readInspectLog('one.eval', log, {}, budget);
    await readInspectLog('two.eval', log, {}, budget);
    const error = await expectDeskError(
      () => readInspectLog('three.eval', log, {}, budget),
      'INVALID_INSPECT_LOG',
    );
    expect(error.message).toBe(
      `The Inspect log "three.eval" takes the attachments of the bundle's logs past ${2.5 * MiB} characters (the bundle's attachment limit).`,
    );
  });

  it("caps the text stored and the bytes inflated across the bundle's logs", async () => {
    const bytes = fs.readFileSync(sharedFixture('inspect/doomla_3epochs.eval'));
    const text = new EvidenceBudget({
      maxInflatedBytes: 1024 * MiB,
      maxTextChars: MiB,
      maxAttachmentChars: 1024 * MiB,
    });
    const read = async (budget: EvidenceBudget) => {
      for (let i = 0; i < 100; i++) await readInspectLog(`log-${i}.eval`, bytes, {}, budget);
    };
    await expect(read(text)).rejects.toThrow(
      /^The Inspect log "log-\d+\.eval" takes the text of the bundle's logs past 1048576 characters once attachments are resolved \(the bundle's text limit\)\.$/,
    );
    const inflated = new EvidenceBudget({
      maxInflatedBytes: 8 * MiB,
      maxTextChars: 1024 * MiB,
      maxAttachmentChars: 1024 * MiB,
    });
    await expect(read(inflated)).rejects.toThrow(
      /^The Inspect log "log-\d+\.eval" takes the bundle's logs past 8 MiB inflated in all \(the bundle's limit\)\.$/,
    );
  });
});

describe('bounded parsing', () => {
  it('refuses a member that inflates to 256 MiB of {},{},… by its ratio, before inflating', async () => {
    const bomb = await objectBombLog();
    expect(bomb.length).toBeLessThan(400 * 1024);
    const error = await expectDeskError(
      () => readInspectLog('objects.eval', bomb),
      'INVALID_INSPECT_LOG',
    );
    expect(error.message).toMatch(
      /^The Inspect log "objects\.eval" has a member samples\/1_epoch_1\.json that inflates \d+-fold, more than the 200-fold limit \(a zip bomb\?\)\.$/,
    );
  }, 30_000);

  it('refuses a member of more values than the reader can hold, before parsing it', async () => {
    const error = await expectDeskError(
      async () => readInspectLog('zeros.eval', await manyValuesLog(9_000_000)),
      'INVALID_INSPECT_LOG',
    );
    expect(error.message).toBe(
      'The Inspect log "zeros.eval" has a member samples/1_epoch_1.json that holds more than 8000000 JSON values, more than the reader can hold.',
    );
  }, 30_000);

  it('refuses nesting deeper than any real log', async () => {
    const error = await expectDeskError(
      async () => readInspectLog('deep.eval', await deepLog(100_000)),
      'INVALID_INSPECT_LOG',
    );
    expect(error.message).toBe(
      'The Inspect log "deep.eval" has a member samples/1_epoch_1.json that nests arrays and objects more than 512 deep, more than the reader accepts.',
    );
  });

  it("says a .json log past V8's longest string is larger than the reader can hold, not that it is not UTF-8", async () => {
    const huge = Buffer.alloc(kStringMaxLength + 1024, 0x20);
    huge.write('{"samples": [');
    const error = await expectDeskError(
      () => readInspectLog('huge.json', huge),
      'INVALID_INSPECT_LOG',
    );
    expect(error.message).toBe(
      `The Inspect log "huge.json" is ${huge.length} bytes of JSON, larger than the reader can hold (at most 256 MiB in one JSON text).`,
    );
  }, 30_000);

  it('caps a .json log at the size of one JSON text', async () => {
    const big = Buffer.alloc(256 * MiB + 1, 0x20);
    big.write('{}');
    const error = await expectDeskError(
      () => readInspectLog('big.json', big),
      'INVALID_INSPECT_LOG',
    );
    expect(error.message).toMatch(
      /^The Inspect log "big\.json" is 268435457 bytes of JSON, larger than the reader can hold/,
    );
  }, 30_000);

  it('escapes control characters of member names in its sentences', async () => {
    const bytes = await buildZip([{ name: 'x\u001b[2Jy.json', data: json({}) }]);
    const error = await expectDeskError(
      () => readInspectLog('log\u0007.eval', bytes),
      'INVALID_INSPECT_LOG',
    );
    expect(error.message).toBe(
      'The Inspect log "log\\u{0007}.eval" has neither header.json nor _journal/start.json, so it is not an Inspect .eval log.',
    );
  });
});

describe('zip limits', () => {
  it('refuses a 100 MB member of zeros in a tiny zip before inflating it, naming the limit', async () => {
    const bomb = await buildZip([
      { name: 'header.json', data: json(header({ total: 1 })) },
      { name: 'samples/1_epoch_1.json', data: Buffer.alloc(100 * 1000 * 1000) },
    ]);
    expect(bomb.length).toBeLessThan(200_000);
    const error = await expectDeskError(
      () => readInspectLog('bomb.eval', bomb, { maxMemberBytes: 16 * MiB }),
      'INVALID_INSPECT_LOG',
    );
    expect(error.message).toBe(
      'The Inspect log "bomb.eval" has a member samples/1_epoch_1.json of 100000000 bytes inflated, more than the per-member limit of 16 MiB.',
    );
  }, 20_000);

  it('stops inflating a member that lies about its size', async () => {
    const bomb = await buildZip([
      { name: 'header.json', data: json(header({ total: 1 })) },
      { name: 'samples/1_epoch_1.json', data: Buffer.alloc(50 * MiB) },
    ]);
    const liar = patchMember(bomb, 'samples/1_epoch_1.json', 'uncompressedSize', 1000);
    const error = await expectDeskError(
      () => readInspectLog('liar.eval', liar),
      'INVALID_INSPECT_LOG',
    );
    expect(error.message).toBe(
      'The Inspect log "liar.eval" has a member samples/1_epoch_1.json that inflates past its declared 1000 bytes (a zip bomb?).',
    );
  }, 20_000);

  it('reads a zstd member (zip method 93)', async () => {
    const s = sample(1, 1, { match: 'C' });
    const bytes = await zstdMemberZip(
      [{ name: 'header.json', data: json(header({ total: 1 })) }],
      'samples/1_epoch_1.json',
      json(s),
    );
    const log = await readInspectLog('zstd.eval', bytes);
    expect(log.samples[0]?.scores.match?.value).toBe('C');
  });

  it('stops inflating a zstd member that lies about its size', async () => {
    const bytes = await zstdMemberZip(
      [{ name: 'header.json', data: json(header({ total: 1 })) }],
      'samples/1_epoch_1.json',
      Buffer.alloc(50 * MiB),
      1000,
    );
    const error = await expectDeskError(
      () => readInspectLog('zstd-liar.eval', bytes),
      'INVALID_INSPECT_LOG',
    );
    expect(error.message).toBe(
      'The Inspect log "zstd-liar.eval" has a member samples/1_epoch_1.json that inflates past its declared 1000 bytes (a zip bomb?).',
    );
  });

  it('refuses a member shorter than it declares', async () => {
    const bytes = await buildZip(evalMembers(header({}), [sample(1, 1, {})]));
    const short = patchMember(bytes, 'samples/1_epoch_1.json', 'uncompressedSize', 100_000);
    const error = await expectDeskError(
      () => readInspectLog('short.eval', short),
      'INVALID_INSPECT_LOG',
    );
    expect(error.message).toMatch(
      /^The Inspect log "short\.eval" has a member samples\/1_epoch_1\.json of \d+ bytes, not the 100000 bytes it declares\.$/,
    );
  });

  it('refuses a compression method other than stored, deflate and zstd', async () => {
    const bytes = await buildZip(evalMembers(header({}), [sample(1, 1, {})]));
    const bzip2 = patchMember(bytes, 'samples/1_epoch_1.json', 'compressionMethod', 12);
    const error = await expectDeskError(
      () => readInspectLog('bzip2.eval', bzip2),
      'INVALID_INSPECT_LOG',
    );
    expect(error.message).toBe(
      'The Inspect log "bzip2.eval" has a member samples/1_epoch_1.json compressed with zip method 12; only stored, deflate and zstd are read.',
    );
  });

  it('caps the total inflated across members', async () => {
    const members = Array.from({ length: 4 }, (_, i) => ({
      name: `samples/${i}_epoch_1.json`,
      // Random text: it compresses too little to be refused for its ratio first.
      data: json(sample(i, 1, {}, { padding: crypto.randomBytes(MiB / 2).toString('hex') })),
    }));
    const bytes = await buildZip([{ name: 'header.json', data: json(header({})) }, ...members]);
    const error = await expectDeskError(
      () => readInspectLog('big.eval', bytes, { maxTotalBytes: 3 * MiB }),
      'INVALID_INSPECT_LOG',
    );
    expect(error.message).toMatch(
      /^The Inspect log "big\.eval" inflates to more than the total limit of 3 MiB \(at member samples\/\d_epoch_1\.json\)\.$/,
    );
  });

  it('caps the number of members', async () => {
    const bytes = await buildZip(evalMembers(header({}), [sample(1, 1, {}), sample(2, 1, {})]));
    const error = await expectDeskError(
      () => readInspectLog('many.eval', bytes, { maxMembers: 2 }),
      'INVALID_INSPECT_LOG',
    );
    expect(error.message).toBe(
      'The Inspect log "many.eval" has 3 zip members, more than the limit of 2.',
    );
  });

  it('refuses a member whose CRC-32 does not match', async () => {
    const bytes = await buildZip(evalMembers(header({}), [sample(1, 1, {})]));
    const damaged = patchMember(bytes, 'samples/1_epoch_1.json', 'crc32', 0x12345678);
    const error = await expectDeskError(
      () => readInspectLog('crc.eval', damaged),
      'INVALID_INSPECT_LOG',
    );
    expect(error.message).toBe(
      'The Inspect log "crc.eval" has a damaged member samples/1_epoch_1.json (its CRC-32 does not match).',
    );
  });

  it('refuses a truncated .eval', async () => {
    const whole = fs.readFileSync(sharedFixture('inspect/doomla_solved.eval'));
    const error = await expectDeskError(
      () => readInspectLog('cut.eval', whole.subarray(0, whole.length / 2)),
      'INVALID_INSPECT_LOG',
    );
    expect(error.message).toMatch(
      /^The Inspect log "cut\.eval" is not a complete zip archive; it may be truncated \(.+\)\.$/,
    );
  });

  it('refuses a truncated zstd .eval', async () => {
    const whole = fs.readFileSync(sharedFixture('inspect/ais-decoder_zstd.eval'));
    await expectDeskError(
      () => readInspectLog('cut.eval', whole.subarray(0, whole.length - 100)),
      'INVALID_INSPECT_LOG',
    );
  });
});

describe('run facts and partial results', () => {
  /** A run that stopped with an error after 6 of its samples (3 × 2 epochs) were logged. */
  function erroredRun(extra: Record<string, unknown> = {}): Record<string, unknown> {
    const head = header({
      status: 'error',
      config: {
        epochs: 2,
        message_limit: 50,
        token_limit: 100000,
        time_limit: 600,
        working_limit: 300,
      },
    });
    return {
      ...head,
      results: null,
      plan: { name: 'plan', steps: [{ solver: 'system_message' }, { solver: 'basic_agent' }] },
      stats: {
        started_at: '2026-01-01T00:00:00.250000+00:00',
        completed_at: '2026-01-01T00:10:30.750000+00:00',
        model_usage: {
          'test/model': {
            input_tokens: 1200,
            output_tokens: 300,
            total_tokens: 1500,
            reasoning_tokens: 40,
          },
        },
      },
      error: {
        message: 'RuntimeError: the sandbox stopped answering',
        traceback: 'Traceback (most recent call last):\n  File "run.py", line 1\nRuntimeError',
        traceback_ansi: '\u001b[31mTraceback\u001b[0m',
      },
      ...extra,
    };
  }

  const messageLimit = { type: 'message', limit: 50 };
  const SAMPLES = [
    sample(1, 1, { match: 'C' }),
    sample(1, 2, { match: 'I' }),
    sample(2, 1, { match: 'C' }, { limit: messageLimit }),
    sample(2, 2, { match: 'C' }, { limit: messageLimit }),
    // Errored samples carry no scores (Inspect scores only samples that ended without one).
    sample(3, 1, {}, { scores: null, error: { message: 'sandbox died', traceback: '' } }),
    // "turn" is no limit type of Inspect's (EvalSampleLimitType); it is kept as written.
    sample(3, 2, { match: 'I' }, { limit: { type: 'turn', limit: 30 } }),
  ];

  it('reads an errored run: its error and traceback, limits, plan, usage and duration', async () => {
    const log = await readInspectLog(
      'errored.eval',
      await buildZip(evalMembers(erroredRun(), SAMPLES)),
    );
    expect(log.status).toBe('error');
    expect(log.run).toEqual({
      solvers: ['system_message', 'basic_agent'],
      limits: { message: 50, token: 100000, time: 600, working: 300, cost: null },
      epochs: 2,
      sandbox: null,
      sampleSandboxes: [],
      modelUsage: [
        {
          model: 'test/model',
          inputTokens: 1200,
          outputTokens: 300,
          totalTokens: 1500,
          reasoningTokens: 40,
          inputTokensCacheRead: null,
          inputTokensCacheWrite: null,
        },
      ],
      startedAt: '2026-01-01T00:00:00.250000+00:00',
      completedAt: '2026-01-01T00:10:30.750000+00:00',
      durationSeconds: 630.5,
      error: {
        message: 'RuntimeError: the sandbox stopped answering',
        // The plain traceback, not traceback_ansi.
        traceback: 'Traceback (most recent call last):\n  File "run.py", line 1\nRuntimeError',
      },
    });
  });

  it('counts the samples present: completed, errored, and per limit type with its values', async () => {
    const log = await readInspectLog(
      'errored.eval',
      await buildZip(evalMembers(erroredRun(), SAMPLES)),
    );
    expect(log.sampleCounts).toEqual({
      total: 6,
      completed: 5,
      errored: 1,
      limitsHit: [
        { type: 'message', samples: 2, values: [50] },
        { type: 'turn', samples: 1, values: [30] },
      ],
    });
    expect(log.samples.map((s) => [s.id, s.epoch, s.limitType, s.limitValue, s.limit])).toEqual([
      ['1', 1, null, null, null],
      ['1', 2, null, null, null],
      ['2', 1, 'message', 50, 'message limit 50'],
      ['2', 2, 'message', 50, 'message limit 50'],
      ['3', 1, null, null, null],
      ['3', 2, 'turn', 30, 'turn limit 30'],
    ]);
  });

  it('gives partial metrics over the scored samples after epoch reduction, leaving errored ones out', async () => {
    const log = await readInspectLog(
      'errored.eval',
      await buildZip(evalMembers(erroredRun(), SAMPLES)),
    );
    expect(log.metrics).toEqual([]);
    // Per sample (mean over epochs): 1 → (C, I) 0.5; 2 → (C, C) 1; 3 → (I; epoch 1 errored) 0.
    expect(log.partialMetrics).toEqual([
      { scorer: 'match', reducer: 'mean', mean: 0.5, n: 3, note: null },
    ]);
  });

  it('reduces with each reducer the run configured, and says why a dict score has no mean', async () => {
    const head = erroredRun();
    const config = { ...(head.eval as { config: object }).config, epochs_reducer: ['mean', 'max'] };
    const samples = [
      sample(1, 1, { match: 'C', flags: { a: 1, b: 0 } }),
      sample(1, 2, { match: 'I', flags: { a: 1, b: 1 } }),
      sample(2, 1, { match: 'I', flags: { a: 0, b: 0 } }),
    ];
    const log = await readInspectLog(
      'reducers.eval',
      await buildZip(evalMembers({ ...head, eval: { ...(head.eval as object), config } }, samples)),
    );
    const dicts = "The scorer's values are dicts, which only its own metrics can summarise.";
    expect(log.partialMetrics).toEqual([
      { scorer: 'match', reducer: 'mean', mean: 0.25, n: 2, note: null },
      { scorer: 'match', reducer: 'max', mean: 0.5, n: 2, note: null },
      { scorer: 'flags', reducer: 'mean', mean: null, n: 0, note: dicts },
      { scorer: 'flags', reducer: 'max', mean: null, n: 0, note: dicts },
    ]);
  });

  it('checks the claims of a cancelled run that has results, and gives its partial metrics too', async () => {
    const head = header({
      status: 'cancelled',
      total: 2,
      scores: [claimed('match', { accuracy: 0.5 })],
    });
    const samples = [sample(1, 1, { match: 'C' }), sample(2, 1, { match: 'I' })];
    const log = await readInspectLog('cancelled.eval', await buildZip(evalMembers(head, samples)));
    expect(log.metrics).toMatchObject([{ metric: 'accuracy', recomputed: 0.5, status: 'match' }]);
    expect(log.partialMetrics).toEqual([
      { scorer: 'match', reducer: 'mean', mean: 0.5, n: 2, note: null },
    ]);
  });

  it('names the solver the run was given rather than its plan, and reads both sandbox shapes', async () => {
    const head = erroredRun();
    const spec = {
      ...(head.eval as object),
      solver: 'agents.py@my_agent',
      // Logs from before SandboxEnvironmentSpec became a model hold it as [type, config].
      sandbox: ['docker', 'compose.yaml'],
    };
    const samples = [
      sample(1, 1, {}, { sandbox: { type: 'k8s', config: { values: 'values.yaml' } } }),
      sample(2, 1, {}, { sandbox: { type: 'k8s', config: { values: 'values.yaml' } } }),
      sample(3, 1, {}, { sandbox: { type: 'docker', config: 'web/compose.yaml' } }),
    ];
    const log = await readInspectLog(
      'solver.eval',
      await buildZip(evalMembers({ ...head, eval: spec }, samples)),
    );
    expect(log.run.solvers).toEqual(['agents.py@my_agent']);
    expect(log.run.sandbox).toEqual({ type: 'docker', configFile: 'compose.yaml' });
    // A provider's config object is not a file name; each distinct sandbox once.
    expect(log.run.sampleSandboxes).toEqual([
      { type: 'k8s', configFile: null },
      { type: 'docker', configFile: 'web/compose.yaml' },
    ]);
  });

  it('takes the deprecated max_messages as the message limit, as Inspect migrates it', async () => {
    const head = header({ config: { max_messages: 30 } });
    const log = await readInspectLog('old.eval', await buildZip(evalMembers(head, [])));
    expect(log.run.limits.message).toBe(30);
  });

  it('reads run facts of an unexpected shape as absent rather than refusing the log', async () => {
    const odd = erroredRun({
      plan: { steps: 'react' },
      stats: { started_at: 20260101, completed_at: '', model_usage: { m: { input_tokens: 'x' } } },
      error: { message: 42 },
    });
    const spec = {
      ...(odd.eval as object),
      solver: ['not', 'a', 'name'],
      sandbox: 'docker',
      config: { epochs: 2, message_limit: '50', token_limit: null, time_limit: { s: 1 } },
    };
    const log = await readInspectLog(
      'odd.eval',
      await buildZip(evalMembers({ ...odd, eval: spec }, SAMPLES)),
    );
    expect(log.run).toEqual({
      solvers: [],
      limits: { message: null, token: null, time: null, working: null, cost: null },
      epochs: 2,
      sandbox: null,
      sampleSandboxes: [],
      modelUsage: [],
      startedAt: null,
      completedAt: null,
      durationSeconds: null,
      error: null,
    });
    expect(log.samples).toHaveLength(6);
  });

  it('gives no duration when a time does not parse or the run ends before it starts', async () => {
    const durationOf = async (started_at: string, completed_at: string) => {
      const head = erroredRun({ stats: { started_at, completed_at } });
      const log = await readInspectLog('times.eval', await buildZip(evalMembers(head, [])));
      return log.run.durationSeconds;
    };
    // Without an offset a time is UTC, as Inspect's reader takes it.
    expect(await durationOf('2026-01-01T00:00:00', '2026-01-01T01:00:00+01:00')).toBe(0);
    expect(await durationOf('2026-01-01T00:00:00Z', '2026-01-01 00:01:00.5')).toBe(60.5);
    expect(await durationOf('2026-02-30T00:00:00Z', '2026-03-02T00:00:00Z')).toBeNull();
    expect(await durationOf('January 1 2026', '2026-01-02T00:00:00Z')).toBeNull();
    expect(await durationOf('2026-01-01T00:00:00+24:00', '2026-01-02T00:00:00Z')).toBeNull();
    expect(await durationOf('2026-01-02T00:00:00Z', '2026-01-01T00:00:00Z')).toBeNull();
  });

  it("caps the run's error and traceback and a sample's error, saying how much was cut", async () => {
    const head = erroredRun({
      error: { message: 'm'.repeat(20_000), traceback: 't'.repeat(100_000), traceback_ansi: '' },
    });
    const long = sample(
      1,
      1,
      {},
      {
        error: { message: `attachment://big`, traceback: '' },
        attachments: { big: 'e'.repeat(17_000) },
      },
    );
    const log = await readInspectLog('long.eval', await buildZip(evalMembers(head, [long])));
    expect(log.run.error?.message).toBe(
      `${'m'.repeat(16 * 1024)}\n[cut: ${20_000 - 16 * 1024} more characters in the log]`,
    );
    expect(log.run.error?.traceback).toBe(
      `${'t'.repeat(64 * 1024)}\n[cut: ${100_000 - 64 * 1024} more characters in the log]`,
    );
    // The attachment is resolved first, then cut.
    expect(log.samples[0]?.error).toBe(
      `${'e'.repeat(16 * 1024)}\n[cut: ${17_000 - 16 * 1024} more characters in the log]`,
    );
  });

  it("counts the run's facts against the log's text limit", async () => {
    const head = erroredRun({
      error: { message: 'm'.repeat(10_000), traceback: 't'.repeat(60_000), traceback_ansi: '' },
    });
    const bytes = await buildZip(evalMembers(head, []));
    await readInspectLog('fits.eval', bytes, { maxTextChars: 71_000 });
    const error = await expectDeskError(
      () => readInspectLog('over.eval', bytes, { maxTextChars: 69_000 }),
      'INVALID_INSPECT_LOG',
    );
    expect(error.message).toBe(
      'The Inspect log "over.eval" holds more than 69000 characters of text once attachments are resolved (the text limit).',
    );
  });
});

describe('.json logs', () => {
  it('reads bare NaN, Infinity and -Infinity, leaving the same words inside strings alone', async () => {
    const text = `{
      "version": 2, "status": "success",
      "eval": {"task": "t", "model": "m", "task_version": 1},
      "results": {"total_samples": 3, "completed_samples": 3, "scores": [
        {"name": "match", "scorer": "match", "metrics": {
          "accuracy": {"name": "accuracy", "value": 0.5},
          "stderr": {"name": "stderr", "value": 0.5},
          "mean": {"name": "mean", "value": NaN}}}]},
      "samples": [
        {"id": 1, "epoch": 1, "input": "say \\"NaN\\" or Infinity", "target": "-Infinity",
         "scores": {"match": {"value": "C"}}, "total_time": Infinity, "working_time": -Infinity},
        {"id": 2, "epoch": 1, "input": "x", "target": "y", "scores": {"match": {"value": "I"}}},
        {"id": 3, "epoch": 1, "input": "x", "target": "y", "scores": {"match": {"value": NaN}}}
      ]}`;
    const log = await readInspectLog('nan.json', Buffer.from(text));
    expect(log.format).toBe('json');
    expect(log.scorers[0]?.metrics).toEqual({ accuracy: 0.5, stderr: 0.5, mean: null });
    expect(log.samples[0]).toMatchObject({
      input: 'say "NaN" or Infinity',
      target: '-Infinity',
      totalTime: null,
      workingTime: null,
    });
    expect(log.samples[2]?.scores.match).toMatchObject({ numeric: null });
    expect(Number.isNaN(log.samples[2]?.scores.match?.value)).toBe(true);
    // The unscored (NaN) sample is left out: accuracy and stderr over C and I.
    expect(log.metrics.map((m) => [m.metric, m.recomputed, m.n, m.status])).toEqual([
      ['accuracy', 0.5, 2, 'match'],
      ['stderr', 0.5, 2, 'match'],
      ['mean', 0.5, 2, 'differs'],
    ]);
  });

  it('refuses a truncated .json log', async () => {
    const whole = fs.readFileSync(sharedFixture('inspect/log_formats.json'));
    const error = await expectDeskError(
      () => readInspectLog('cut.json', whole.subarray(0, 5000)),
      'INVALID_INSPECT_LOG',
    );
    expect(error.message).toMatch(/^The Inspect log "cut\.json" is not valid JSON \(.+\)\.$/);
  });

  it('names the field that does not match the schema', async () => {
    const bad = { version: 2, status: 'success', eval: { task: 't', model: 42 } };
    const error = await expectDeskError(
      () => readInspectLog('bad.json', json(bad)),
      'INVALID_INSPECT_LOG',
    );
    expect(error.message).toBe(
      'The Inspect log "bad.json" does not match Inspect\'s log schema at eval.model (must be text).',
    );
  });

  it('says a required field is missing in words, never "received undefined" (fuzz case 811)', async () => {
    const head = header({}) as { eval: Record<string, unknown> };
    delete head.eval.task;
    const bytes = await buildZip([{ name: 'header.json', data: json(head) }]);
    const error = await expectDeskError(
      () => readInspectLog('logs/log_formats.eval', bytes),
      'INVALID_INSPECT_LOG',
    );
    expect(error.message).toBe(
      'The Inspect log "logs/log_formats.eval" has a member header.json that does not match Inspect\'s log schema at eval.task (is missing).',
    );
  });

  it('names the sample that does not match the schema', async () => {
    const bytes = await buildZip([
      { name: 'header.json', data: json(header({})) },
      { name: 'samples/1_epoch_1.json', data: json({ id: 1, epoch: 'one', input: 'x' }) },
    ]);
    const error = await expectDeskError(
      () => readInspectLog('bad.eval', bytes),
      'INVALID_INSPECT_LOG',
    );
    expect(error.message).toBe(
      'The Inspect log "bad.eval" has a member samples/1_epoch_1.json that does not match Inspect\'s log schema at epoch (must be a number).',
    );
  });
});

describe('neither format', () => {
  it('refuses bytes that are neither a zip nor JSON', async () => {
    const error = await expectDeskError(
      () => readInspectLog('notes.txt', Buffer.from('hello')),
      'INVALID_INSPECT_LOG',
    );
    expect(error.message).toBe(
      'The Inspect log "notes.txt" is neither an .eval (zip) log nor a JSON log.',
    );
  });

  it('says an .eval must be a zip', async () => {
    const error = await expectDeskError(
      () => readInspectLog('run.eval', Buffer.from('Rar!\x1a\x07')),
      'INVALID_INSPECT_LOG',
    );
    expect(error.message).toBe(
      'The Inspect log "run.eval" is not a zip archive, which an .eval log must be.',
    );
  });

  it('refuses empty input', async () => {
    await expectDeskError(
      () => readInspectLog('empty.json', new Uint8Array()),
      'INVALID_INSPECT_LOG',
    );
  });

  it('refuses JSON that is not UTF-8', async () => {
    const error = await expectDeskError(
      () => readInspectLog('latin1.json', Buffer.from([0x7b, 0xff, 0x7d])),
      'INVALID_INSPECT_LOG',
    );
    expect(error.message).toBe('The Inspect log "latin1.json" is not valid UTF-8 text.');
  });

  it('refuses a limit that is not a positive integer', async () => {
    const error: unknown = await readInspectLog('x.json', Buffer.from('{}'), {
      maxMembers: 0,
    }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'INVALID_ARGUMENT' });
  });
});
