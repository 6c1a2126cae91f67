/**
 * Hostile variants of a JSON document, as text: a value replaced by one of another type,
 * deep nesting, a huge string, NaN and Infinity (not JSON, but what a lenient parser
 * takes), lone surrogates, a duplicated key, a BOM, truncation. The mutation is applied at
 * a node chosen among the document's own nodes, so it reaches every field.
 */
import fc from 'fast-check';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const RAW = Symbol('raw JSON text');
/** A value spliced into the output as raw text. */
interface RawText {
  readonly [RAW]: string;
}
type Tree = null | boolean | number | string | RawText | Tree[] | { [key: string]: Tree };

function raw(text: string): RawText {
  return { [RAW]: text };
}

/** Nodes in document order: the root is 0. */
function countNodes(value: Json): number {
  if (Array.isArray(value)) return 1 + value.reduce<number>((n, v) => n + countNodes(v), 0);
  if (value !== null && typeof value === 'object')
    return 1 + Object.values(value).reduce<number>((n, v) => n + countNodes(v), 0);
  return 1;
}

/** The document-order indices of the objects in `value`. */
function objectNodes(value: Json): number[] {
  const found: number[] = [];
  let index = 0;
  const walk = (node: Json): void => {
    const here = index++;
    if (Array.isArray(node)) node.forEach(walk);
    else if (node !== null && typeof node === 'object') {
      found.push(here);
      Object.values(node).forEach(walk);
    }
  };
  walk(value);
  return found;
}

function replaceNode(value: Json, target: number, make: (old: Json) => Tree): Tree {
  let index = 0;
  const walk = (node: Json): Tree => {
    const here = index++;
    if (here === target) {
      index += countNodes(node) - 1;
      return make(node);
    }
    if (Array.isArray(node)) return node.map(walk);
    if (node !== null && typeof node === 'object')
      return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, walk(v)]));
    return node;
  };
  return walk(value);
}

function stringify(tree: Tree): string {
  if (tree !== null && typeof tree === 'object' && RAW in tree) return tree[RAW];
  if (Array.isArray(tree)) return `[${tree.map(stringify).join(',')}]`;
  if (tree !== null && typeof tree === 'object')
    return `{${Object.entries(tree)
      .map(([k, v]) => `${JSON.stringify(k)}:${stringify(v)}`)
      .join(',')}}`;
  return JSON.stringify(tree);
}

const SCALARS: readonly string[] = [
  'null',
  'true',
  '0',
  '-1',
  '1e308',
  '-0',
  '1.7976931348623157e309',
  '9007199254740993',
  '""',
  '"0.5"',
  '[]',
  '{}',
  'NaN',
  'Infinity',
  '-Infinity',
  '"\\ud800"',
  '"x\\udfffy"',
  '"\\u0000"',
  '"\\u202e\\u0007"',
  '"ſ"',
];

export type JsonMutation =
  | { readonly kind: 'replace'; readonly node: number; readonly text: string }
  | {
      readonly kind: 'nest';
      readonly node: number;
      readonly depth: number;
      readonly open: '[' | '{';
    }
  | { readonly kind: 'huge-string'; readonly node: number; readonly mib: number }
  | { readonly kind: 'duplicate-key'; readonly node: number; readonly text: string }
  | { readonly kind: 'bom' }
  | { readonly kind: 'truncate'; readonly fraction: number };

export const jsonMutation: fc.Arbitrary<JsonMutation> = fc.oneof(
  fc.record({
    kind: fc.constant('replace' as const),
    node: fc.nat(),
    text: fc.constantFrom(...SCALARS),
  }),
  fc.record({
    kind: fc.constant('nest' as const),
    node: fc.nat(),
    depth: fc.constantFrom(64, 1_000, 10_000, 100_000),
    open: fc.constantFrom('[' as const, '{' as const),
  }),
  fc.record({
    kind: fc.constant('huge-string' as const),
    node: fc.nat(),
    mib: fc.constantFrom(1, 16),
  }),
  fc.record({
    kind: fc.constant('duplicate-key' as const),
    node: fc.nat(),
    text: fc.constantFrom(...SCALARS),
  }),
  fc.constant({ kind: 'bom' as const }),
  fc.record({
    kind: fc.constant('truncate' as const),
    fraction: fc.double({ min: 0, max: 1, noNaN: true }),
  }),
);

/** Applies `mutation` to the JSON text `original` (which must parse). */
export function mutateJson(original: string, mutation: JsonMutation): string {
  const value = JSON.parse(original) as Json;
  const nodes = countNodes(value);
  switch (mutation.kind) {
    case 'bom':
      return `\ufeff${original}`;
    case 'truncate':
      return original.slice(0, Math.floor(original.length * mutation.fraction));
    case 'replace':
      return stringify(replaceNode(value, mutation.node % nodes, () => raw(mutation.text)));
    case 'nest': {
      const close = mutation.open === '[' ? ']' : '}';
      // An object needs a key at each level: {"a":{"a":…}}.
      const open = mutation.open === '[' ? '[' : '{"a":';
      return stringify(
        replaceNode(value, mutation.node % nodes, (old) => {
          const inner = stringify(old);
          return raw(open.repeat(mutation.depth) + inner + close.repeat(mutation.depth));
        }),
      );
    }
    case 'huge-string':
      return stringify(
        replaceNode(value, mutation.node % nodes, () => raw(`"${'A'.repeat(mutation.mib << 20)}"`)),
      );
    case 'duplicate-key': {
      // One of the document's objects gets a second copy of its first key.
      const objects = objectNodes(value);
      const target = objects[mutation.node % Math.max(objects.length, 1)];
      if (target === undefined) return `{"a":${mutation.text},"a":${original}}`;
      return stringify(
        replaceNode(value, target, (old) => {
          const [first] = Object.keys(old as object);
          const body = stringify(old);
          if (first === undefined) return raw(`{"a":${mutation.text},"a":null}`);
          return raw(`{${JSON.stringify(first)}:${mutation.text},${body.slice(1)}`);
        }),
      );
    }
  }
}
