/**
 * "Would Inspect accept this log?" as a check a test can run: Inspect's own JSON schema of
 * its log models (inspect-openapi.json beside this file; where it comes from is in
 * README.md), compiled with ajv, with `required` as Inspect's pydantic reader has it, and
 * the model each member of a log holds. Members are taken out of the zip and parsed here,
 * not by the app's reader, so the check does not lean on the code it keeps honest; only the
 * parsing of Python's NaN/Infinity is shared with it.
 */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { parseLenientJson } from '../../../main/inspect/lenient-json';
import { rawZipEntries } from '../zip-entries';

/** What a member holds, named after Inspect's pydantic models. */
export type InspectModel =
  'EvalLog' | 'EvalSample' | 'EvalSampleSummary[]' | 'EvalSampleReductions[]' | 'LogStart';

/**
 * `read`: what Inspect's reader (pydantic) requires; a log any Inspect version wrote passes.
 * `written`: what current Inspect writes, i.e. the published `required` (every
 * non-nullable field) less the fields whose default is None, which its writer leaves out
 * (`exclude_none`); the synthetic logs are held to this.
 */
export type SchemaMode = 'read' | 'written';

export interface LogMember {
  readonly name: string;
  readonly value: unknown;
}

export interface SchemaProblem {
  /** JSON pointer into the member, e.g. `/messages/3/tool_calls/0/id`. */
  readonly path: string;
  /** The Inspect model whose rule failed, e.g. `ToolCall`; null for a rule of this file's. */
  readonly model: string | null;
  readonly keyword: string;
  readonly message: string;
}

/**
 * The model each `.eval` member holds, following Inspect's recorder
 * (inspect_ai/log/_recorders/eval.py): `_journal/start.json` is a LogStart, summaries
 * (final and journal) are lists of EvalSampleSummary, `reductions.json` a list of
 * EvalSampleReductions, `header.json` an EvalLog without samples, and every `.json` under
 * `samples/` an EvalSample. Null for anything else, so a caller can refuse to skip it.
 */
export function memberModel(name: string): InspectModel | null {
  if (name === 'header.json') return 'EvalLog';
  if (name === '_journal/start.json') return 'LogStart';
  if (name === 'summaries.json' || /^_journal\/summaries\/\d+\.json$/.test(name)) {
    return 'EvalSampleSummary[]';
  }
  if (name === 'reductions.json') return 'EvalSampleReductions[]';
  if (name.startsWith('samples/') && name.endsWith('.json')) return 'EvalSample';
  return null;
}

interface ComponentSchema {
  readonly properties?: Readonly<Record<string, object>>;
  readonly required?: readonly string[];
}

/**
 * Fields the published schema lists as required that Inspect's pydantic models give a
 * default, so Inspect's reader accepts a log without them and fills them in. Each was read
 * in the model's source in UKGovernmentBEIS/inspect_ai, src/inspect_ai/<the file named
 * above it>. Without these, every real log written before a field was added would fail.
 */
const READER_DEFAULTS: Readonly<Record<string, readonly string[]>> = {
  // log/_log.py, Field(default_factory=...)
  EvalLog: ['plan', 'stats', 'tags', 'metadata'],
  EvalSpec: [
    'eval_id',
    'run_id',
    'task_id',
    'task_attribs',
    'task_args',
    'task_args_passed',
    'model_generate_config',
    'model_args',
    'packages',
  ],
  EvalPlanStep: ['params', 'params_passed'],
  EvalScore: ['params', 'metrics'],
  EvalMetric: ['params'],
  // connection_limit_history is newer than the stored _log.py; Inspect's own test of it
  // (test_connection_limit_history_captured_in_eval_stats) builds `EvalStats()` bare.
  EvalStats: [
    'started_at',
    'completed_at',
    'model_usage',
    'role_usage',
    'connection_limit_history',
  ],
  EvalSample: [
    'messages',
    'output',
    'metadata',
    'store',
    'events',
    'model_usage',
    'role_usage',
    'attachments',
  ],
  EvalSampleSummary: ['metadata', 'model_usage', 'role_usage'],
  // scorer/_metric.py: history = Field(default_factory=list); EvalSampleScore extends Score.
  Score: ['history'],
  EvalSampleScore: ['history'],
  // _util/json.py: value and replaced are `JsonValue = Field(default=None)`.
  JsonChange: ['value', 'replaced'],
  // util/_json.py: `default: Any = Field(default=None)`.
  JSONSchema: ['default'],
  // util/_sandbox/environment.py: `config: Annotated[Any, ...] = None`.
  SandboxEnvironmentSpec: ['config'],
};

/**
 * The READER_DEFAULTS whose default is None rather than a value: Inspect writes logs with
 * `exclude_none=True` (log/_recorders/eval.py, `zip_write`), so even current Inspect leaves
 * these out when they are unset, although the published schema lists them as required.
 */
const WRITTEN_ONLY_WHEN_SET: Readonly<Record<string, readonly string[]>> = {
  JsonChange: ['value', 'replaced'],
  JSONSchema: ['default'],
  SandboxEnvironmentSpec: ['config'],
};

/** event/_base.py: every event (a BaseEvent) defaults its timestamp and working_start. */
const EVENT_DEFAULTS = ['timestamp', 'working_start'];

/**
 * The published schema with `required` as Inspect's reader has it (mode `read`) or as its
 * writer fills it (mode `written`, see WRITTEN_ONLY_WHEN_SET). Its generator marks
 * every non-nullable field required, defaults or not (inspect_ai/_view/_openapi.py: "Non-
 * nullable fields are always required even with defaults"): the shape TypeScript clients
 * want, not what pydantic demands. So a property with a `default` in the schema is
 * optional, and so are the READER_DEFAULTS and the EVENT_DEFAULTS; nothing else changes.
 */
function withRequired(
  schemas: Readonly<Record<string, ComponentSchema>>,
  mode: SchemaMode,
): Record<string, object> {
  return Object.fromEntries(
    Object.entries(schemas).map(([name, schema]) => {
      if (!schema.required) return [name, schema];
      const properties = schema.properties ?? {};
      const isEvent = ['event', ...EVENT_DEFAULTS].every((field) => field in properties);
      const optional =
        mode === 'written'
          ? (field: string) => WRITTEN_ONLY_WHEN_SET[name]?.includes(field) === true
          : (field: string) =>
              READER_DEFAULTS[name]?.includes(field) === true ||
              (isEvent && EVENT_DEFAULTS.includes(field)) ||
              'default' in (properties[field] ?? {});
      return [name, { ...schema, required: schema.required.filter((f) => !optional(f)) }];
    }),
  );
}

const SCHEMA_ID = 'inspect-openapi.json';
const ref = (model: string) => ({ $ref: `${SCHEMA_ID}#/components/schemas/${model}` });

/** The tags Inspect's unions of events, messages and content parts are told apart by. */
const TAGS = ['event', 'role', 'type'] as const;

interface Compiled {
  /** One validator per model, for re-checking a union's value against its own branch. */
  readonly model: (name: string) => ValidateFunction;
  readonly members: ReadonlyMap<InspectModel, ValidateFunction>;
  /** Model name → [tag, value] when one of its properties is a tag with a `const`. */
  readonly tags: ReadonlyMap<string, readonly [string, unknown]>;
  /** Every object inside each model's schema → the model's name, to say whose rule failed. */
  readonly owners: WeakMap<object, string>;
}

const compiled = new Map<SchemaMode, Compiled>();

function compile(mode: SchemaMode): Compiled {
  const known = compiled.get(mode);
  if (known) return known;
  const file = path.join(import.meta.dirname, 'inspect-openapi.json');
  const openapi = JSON.parse(fs.readFileSync(file, 'utf8')) as {
    components: { schemas: Record<string, ComponentSchema> };
  };
  const schemas = withRequired(openapi.components.schemas, mode);
  const ajv = new Ajv2020({
    // Strict about the schema itself, so a keyword ajv does not know cannot pass silently.
    strict: true,
    // Python writes NaN and ±Infinity for floats and pydantic's float accepts them; ajv's
    // strict numbers would refuse them. (NaN still fails `integer`, as in pydantic; ±Infinity
    // passes it, which pydantic would refuse: the one place this check is laxer.)
    strictNumbers: false,
    allErrors: true,
    // Errors carry the schema object that failed, which names the model (see owners).
    verbose: true,
  });
  addFormats(ajv);
  // OpenAPI's `discriminator` (with `mapping`) only names the tag; `oneOf` over variants whose
  // tag is a `const` already validates the same thing, so the keyword is an annotation here.
  ajv.addKeyword({ keyword: 'discriminator', schemaType: 'object' });
  // Only the schemas: the rest of the OpenAPI document describes Inspect's view server.
  ajv.addKeyword({ keyword: 'components', schemaType: 'object' });
  ajv.addSchema({ $id: SCHEMA_ID, components: { schemas } });

  const owners = new WeakMap<object, string>();
  const own = (name: string, schema: unknown): void => {
    if (typeof schema !== 'object' || schema === null) return;
    owners.set(schema, name);
    for (const child of Object.values(schema)) own(name, child);
  };
  const tags = new Map<string, readonly [string, unknown]>();
  for (const [name, schema] of Object.entries(schemas)) {
    own(name, schema);
    const properties = (schema as ComponentSchema).properties ?? {};
    for (const tag of TAGS) {
      const property = properties[tag];
      if (property && 'const' in property) tags.set(name, [tag, property.const]);
    }
  }

  const list = (model: string) => ({ type: 'array', items: ref(model) });
  const members = new Map<InspectModel, ValidateFunction>([
    ['EvalLog', ajv.compile(ref('EvalLog'))],
    ['EvalSample', ajv.compile(ref('EvalSample'))],
    ['EvalSampleSummary[]', ajv.compile(list('EvalSampleSummary'))],
    ['EvalSampleReductions[]', ajv.compile(list('EvalSampleReductions'))],
    // LogStart is not in the published schema (the view server never returns it); this is
    // its pydantic model in inspect_ai/log/_recorders/eval.py: version, eval, plan, all
    // required, extra fields ignored.
    [
      'LogStart',
      ajv.compile({
        type: 'object',
        properties: { version: { type: 'integer' }, eval: ref('EvalSpec'), plan: ref('EvalPlan') },
        required: ['version', 'eval', 'plan'],
      }),
    ],
  ]);
  const byModel = new Map<string, ValidateFunction>();
  const model = (name: string) => {
    const known = byModel.get(name);
    if (known) return known;
    const validate = ajv.compile(ref(name));
    byModel.set(name, validate);
    return validate;
  };
  const result = { model, members, tags, owners };
  compiled.set(mode, result);
  return result;
}

/** Every way `value` breaks Inspect's schema for `model`; empty when it conforms. */
export function schemaProblems(
  model: InspectModel,
  value: unknown,
  mode: SchemaMode = 'read',
): SchemaProblem[] {
  const c = compile(mode);
  const validate = c.members.get(model);
  if (!validate) throw new Error(`No validator for ${model}`);
  if (validate(value)) return [];
  return explain(c, validate.errors ?? [], value, '').map((e) => {
    const parent: unknown = e.parentSchema;
    return {
      path: e.instancePath,
      model: typeof parent === 'object' && parent !== null ? (c.owners.get(parent) ?? null) : null,
      keyword: e.keyword,
      message: e.message ?? e.keyword,
    };
  });
}

/**
 * The errors that say what is wrong, out of all ajv found. A bad event fails the union of
 * 21 event types, and ajv reports every branch; so each tagged union that failed is checked
 * again against the one branch the value names (its `event`, `role` or `type`), and only
 * that branch's errors are kept. In other unions, a branch of another JSON type than the
 * value's ("must be null" for an object) is dropped when a branch of the value's type was
 * tried, and the union's own "must match a schema" when anything more specific is left.
 * Only the explanation is narrowed: whether the value conforms was decided beforehand.
 */
function explain(
  c: Compiled,
  errors: readonly ErrorObject[],
  value: unknown,
  at: string,
): ErrorObject[] {
  const unions = errors.filter((e) => e.keyword === 'anyOf' || e.keyword === 'oneOf');
  const retried: ErrorObject[] = [];
  const retriedAt: string[] = [];
  for (const union of [...unions].sort((a, b) => a.instancePath.length - b.instancePath.length)) {
    const p = union.instancePath;
    if (retriedAt.some((q) => p === q || p.startsWith(`${q}/`))) continue;
    const branch = taggedBranch(c, union, valueAt(value, p));
    if (branch === null) continue;
    retriedAt.push(p);
    if ('unknown' in branch) {
      const [tag, tagValue] = branch.unknown;
      // Every branch failed its tag's const: say so once, as a const problem.
      retried.push({
        ...union,
        keyword: 'const',
        instancePath: at + p,
        message: `has ${tag} ${JSON.stringify(tagValue)}, which no model in this schema has`,
      });
      continue;
    }
    const validate = c.model(branch.model);
    if (validate(valueAt(value, p))) continue;
    retried.push(...explain(c, validate.errors ?? [], valueAt(value, p), at + p));
  }
  const inRetried = (e: ErrorObject) =>
    retriedAt.some((q) => e.instancePath === q || e.instancePath.startsWith(`${q}/`));
  const typeTried = (e: ErrorObject) =>
    unions.some(
      (u) =>
        u.instancePath === e.instancePath &&
        branchTypes(u).includes(jsonType(valueAt(value, e.instancePath))),
    );
  const kept = errors
    .filter((e) => !inRetried(e))
    .filter((e) => !(e.keyword === 'type' && typeTried(e)))
    .map((e) => ({ ...e, instancePath: at + e.instancePath }));
  const all = [...kept, ...retried];
  const specific = all.filter((e) => e.keyword !== 'anyOf' && e.keyword !== 'oneOf');
  return specific.length > 0 ? specific : all;
}

/**
 * For a union whose every branch is a model with a tag, the model the value names (e.g.
 * ModelEvent for `{"event": "model", …}`), or the tag it has that no branch has; null for
 * any other union.
 */
function taggedBranch(
  c: Compiled,
  union: ErrorObject,
  value: unknown,
): { model: string } | { unknown: readonly [string, unknown] } | null {
  if (!Array.isArray(union.schema) || typeof value !== 'object' || value === null) return null;
  let tagName: string | undefined;
  for (const branch of union.schema as unknown[]) {
    const target = (branch as { $ref?: unknown }).$ref;
    const name = typeof target === 'string' ? /([^/]+)$/.exec(target)?.[1] : undefined;
    const tag = name === undefined ? undefined : c.tags.get(name);
    if (name === undefined || tag === undefined) return null;
    tagName = tag[0];
    if ((value as Record<string, unknown>)[tag[0]] === tag[1]) return { model: name };
  }
  if (tagName === undefined) return null;
  return { unknown: [tagName, (value as Record<string, unknown>)[tagName]] };
}

function branchTypes(union: ErrorObject): string[] {
  if (!Array.isArray(union.schema)) return [];
  return (union.schema as unknown[]).map((branch) =>
    typeof branch === 'object' && branch !== null && '$ref' in branch
      ? 'object'
      : String((branch as { type?: unknown }).type),
  );
}

function jsonType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

function valueAt(root: unknown, pointer: string): unknown {
  let value = root;
  for (const part of pointer.split('/').slice(1)) {
    const key = part.replace(/~1/g, '/').replace(/~0/g, '~');
    value =
      typeof value === 'object' && value !== null
        ? (value as Record<string, unknown>)[key]
        : undefined;
  }
  return value;
}

/** One line per problem, for a failing assertion's message. */
export function describeProblems(problems: readonly SchemaProblem[]): string {
  return problems
    .map((p) => `${p.path || '/'}: ${p.message} (${p.model ?? 'member'} ${p.keyword})`)
    .join('\n');
}

/**
 * Every member of the `.eval` at `file`, inflated (DEFLATE or Inspect's zstd) and parsed as
 * Python's JSON. A name that occurs twice keeps its last occurrence, as Inspect's reader
 * (Python's zipfile) does.
 */
export async function evalLogMembers(file: string): Promise<LogMember[]> {
  const members = new Map<string, unknown>();
  for (const entry of await rawZipEntries(file, (name) => !name.endsWith('/'))) {
    members.delete(entry.name);
    members.set(entry.name, parseLenientJson(inflate(entry.method, entry.raw).toString('utf8')));
  }
  return [...members].map(([name, value]) => ({ name, value }));
}

function inflate(method: number, raw: Buffer): Buffer {
  if (method === 0) return raw;
  if (method === 8) return zlib.inflateRawSync(raw);
  if (method === 93) return zlib.zstdDecompressSync(raw);
  throw new Error(`zip compression method ${String(method)} is not one Inspect writes`);
}
