import type * as v from 'valibot';
import { closestName } from '../text/closestName.ts';
import { quoteInput } from '../text/quoteInput.ts';

/** The parts of a valibot schema that lead from a path to the object schema at its end. */
interface SchemaNode {
  type: string;
  entries?: Record<string, SchemaNode>;
  wrapped?: SchemaNode;
  options?: SchemaNode[];
  key?: string | SchemaNode;
  value?: SchemaNode;
  item?: SchemaNode;
  items?: SchemaNode[];
  literal?: unknown;
}

const WRAPPERS = new Set(['optional', 'exact_optional', 'nullable', 'nullish', 'non_optional']);

/**
 * One sentence for the first problem valibot found in a config, naming the field:
 * `Unknown key "negativeRat" at imbalance; did you mean "negativeRate"?` for a key no schema
 * object has (the closest valid key found by walking `root` along the issue's path, so fields
 * added to the schema later are suggested too), a plain "must be an object" for an array or a
 * scalar where an object belongs, else `Invalid config at PATH: valibot's message`.
 */
export function describeConfigIssue(root: unknown, issue: v.BaseIssue<unknown>): string {
  const deepest = deepestIssue(issue);
  if (deepest !== issue) return describeConfigIssue(root, deepest);
  const path = issue.path ?? [];
  const last = path.at(-1);
  const keyIssue = last?.origin === 'key';
  const holderPath = keyIssue ? path.slice(0, -1) : path;
  const where = holderPath.length > 0 ? `at ${dotted(holderPath)}` : 'at the top level';
  // An array passes valibot's object check (typeof 'object'), then fails on its keys.
  const holder = keyIssue ? last.input : issue.input;
  if (isObjectSchemaIssue(issue) && (Array.isArray(holder) || !keyIssue)) {
    const what = Array.isArray(holder) ? 'an array' : describeValue(holder);
    return holderPath.length === 0
      ? `A config must be a JSON object ({ "data": ..., "model": ... }), not ${what}.`
      : `Invalid config ${where}: expected an object ({ ... }), not ${what}.`;
  }
  if (keyIssue && issue.expected === 'never') {
    const key = String(last.key);
    const valid = Object.keys(
      objectSchemaAt(root as SchemaNode, holderPath, last.input)?.entries ?? {},
    );
    const closest = closestName(key, valid);
    return `Unknown key ${quoteInput(key)} ${where}${closest ? `; did you mean "${closest}"?` : '.'}`;
  }
  return `Invalid config at ${dotted(path) || '(root)'}: ${issue.message}`;
}

/**
 * A union (a source is text or a synthetic spec) fails as a whole; the option that got furthest
 * into the input, its sub-issue with the longest path, says what is actually wrong.
 */
/** The dotted config path of the first problem valibot found, e.g. `imbalance.negativeRat`. */
export function configIssueField(issue: v.BaseIssue<unknown>): string {
  const deepest = deepestIssue(issue);
  return deepest === issue ? dotted(issue.path ?? []) : configIssueField(deepest);
}

function deepestIssue(issue: v.BaseIssue<unknown>): v.BaseIssue<unknown> {
  const options = issue.issues ?? [];
  if (options.length === 0) return issue;
  const deepest = options.reduce((a, b) => ((b.path?.length ?? 0) > (a.path?.length ?? 0) ? b : a));
  if ((deepest.path?.length ?? 0) === 0) return issue;
  return { ...deepest, path: [...(issue.path ?? []), ...(deepest.path ?? [])] } as typeof issue;
}

function isObjectSchemaIssue(issue: v.BaseIssue<unknown>): boolean {
  return issue.kind === 'schema' && /(^|_)object$/.test(issue.type);
}

function dotted(path: readonly v.IssuePathItem[]): string {
  return path.map((item) => String(item.key)).join('.');
}

function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value === 'string') return `the text ${quoteInput(value)}`;
  return `a ${typeof value}`;
}

/** The object schema that validates the value at `path`, whose input is `input`. */
function objectSchemaAt(
  root: SchemaNode,
  path: readonly v.IssuePathItem[],
  input: unknown,
): SchemaNode | undefined {
  let node: SchemaNode | undefined = root;
  for (const item of path) {
    node = childOf(resolve(node, item.input), item.key);
    if (node === undefined) return undefined;
  }
  return resolve(node, input);
}

/** Unwraps optional-like wrappers and picks the option of a variant or union that fits `input`. */
function resolve(node: SchemaNode | undefined, input: unknown): SchemaNode | undefined {
  while (node !== undefined) {
    if (WRAPPERS.has(node.type)) node = node.wrapped;
    else if (node.type === 'variant' && typeof node.key === 'string') {
      const key = node.key;
      const tag = (input as Record<string, unknown> | undefined)?.[key];
      node = node.options?.find((o) => o.entries?.[key]?.literal === tag) ?? node.options?.[0];
    } else if (node.type === 'union') {
      node = node.options?.find((o) => o.entries !== undefined || o.options !== undefined);
    } else return node;
  }
  return undefined;
}

function childOf(node: SchemaNode | undefined, key: unknown): SchemaNode | undefined {
  if (node === undefined) return undefined;
  if (node.entries !== undefined) return node.entries[String(key)];
  if (node.type === 'record') return node.value;
  if (node.type === 'array') return node.item;
  if (node.type === 'tuple') return node.items?.[Number(key)];
  return undefined;
}
