/**
 * Inspect logs built to hurt the reader, as a hostile lab would sign them: a member that
 * inflates to 256 MiB of `{},{},…`, a member of millions of tiny values, nesting past any
 * real log, and one large attachment referenced hundreds of times.
 */
import crypto from 'node:crypto';
import { buildZip, evalMembers, header, json, sample } from './inspect-test-logs';

const MiB = 1024 * 1024;

/** A `.eval` of a few hundred KB whose one sample member inflates to 256 MiB of `{},{},…`. */
export function objectBombLog(): Promise<Buffer> {
  const objects = Buffer.alloc(256 * MiB, '{},');
  objects[0] = 0x5b; // [
  objects[objects.length - 1] = 0x5d; // ]
  return buildZip([
    { name: 'header.json', data: json(header({ total: 1 })) },
    { name: 'samples/1_epoch_1.json', data: objects },
  ]);
}

/** A `.eval` whose sample member, stored (no compression to refuse), is `count` zeros in an array. */
export function manyValuesLog(count: number): Promise<Buffer> {
  const zeros = Buffer.alloc(2 * count + 1, '0,');
  zeros[0] = 0x5b;
  zeros[zeros.length - 1] = 0x5d;
  return buildZip(
    [
      { name: 'header.json', data: json(header({ total: 1 })) },
      { name: 'samples/1_epoch_1.json', data: zeros },
    ],
    { stored: true },
  );
}

/** A `.eval` whose sample member nests `depth` arrays. */
export function deepLog(depth: number): Promise<Buffer> {
  return buildZip([
    { name: 'header.json', data: json(header({ total: 1 })) },
    {
      name: 'samples/1_epoch_1.json',
      data: Buffer.from(`${'['.repeat(depth)}${']'.repeat(depth)}`),
    },
  ]);
}

/**
 * A `.eval` of one sample whose transcript references one attachment of `size` random
 * characters `references` times (and its input once).
 */
export function repeatedAttachmentLog(size: number, references: number): Promise<Buffer> {
  const big = crypto.randomBytes(size / 2).toString('hex');
  const messages = [
    { role: 'user', content: 'attachment://big' },
    ...Array.from({ length: references - 1 }, () => ({
      role: 'tool',
      content: 'attachment://big',
    })),
  ];
  const s = sample(1, 1, {}, { input: 'attachment://big', messages, attachments: { big } });
  return buildZip(evalMembers(header({ total: 1 }), [s]));
}

/**
 * Payloads a transcript of a cyber evaluation can carry, each of which would run, navigate
 * or load something if the viewer interpreted markup: scripts, event handlers, javascript:
 * links, frames, CSS, markdown links and images, and a tag that closes the <pre> it is in.
 * Each names a global it would set, so a test can see that none ran.
 */
export const INJECTION_PAYLOADS = [
  '<script>window.__pwned = "script"</script>',
  '<img src=x onerror="window.__pwned = \'img\'">',
  '<a href="javascript:window.__pwned = \'link\'">click me</a>',
  '<iframe src="https://attacker.invalid/frame" onload="window.__pwned = \'iframe\'"></iframe>',
  '<style>body { background: url(https://attacker.invalid/css.png) } * { display: none }</style>',
  '[a markdown link](javascript:window.__pwned=%22md%22)',
  '![a markdown image](https://attacker.invalid/md.png)',
  '</pre><svg onload="window.__pwned = \'svg\'"></svg>',
] as const;

/** A one-sample `.eval` whose input, messages, tool call, tool output and score carry every payload. */
export function injectionLog(): Promise<Buffer> {
  const all = INJECTION_PAYLOADS.join('\n');
  const s = sample(
    'inject-1',
    1,
    { includes: 'C' },
    {
      input: all,
      messages: [
        { role: 'user', content: all },
        {
          role: 'assistant',
          content: [{ type: 'text', text: all }],
          tool_calls: [{ id: 'call-1', function: 'bash', arguments: { cmd: all } }],
        },
        { role: 'tool', tool_call_id: 'call-1', function: 'bash', content: all },
      ],
      metadata: { note: all },
    },
  );
  (s.scores as Record<string, { value: string; explanation?: string }>).includes = {
    value: 'C',
    explanation: all,
  };
  return buildZip(
    evalMembers(
      header({
        total: 1,
        scores: [
          {
            name: 'includes',
            scorer: 'includes',
            params: {},
            metrics: { accuracy: { name: 'accuracy', value: 1, params: {} } },
          },
        ],
      }),
      [s],
    ),
  );
}
