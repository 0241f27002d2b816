/**
 * Dotted paths into a config (`imbalance.negativeRate`, `model.hidden`): the language lessons and
 * sweeps use to name one knob. Paths name plain JSON fields; no path step may be a prototype key.
 */

const UNSAFE_KEYS = new Set(['__proto__', 'prototype', 'constructor']);

/** The path's keys; throws on an empty or unsafe path. */
export function pathKeys(path: string): string[] {
  const keys = path.split('.');
  if (keys.some((key) => key === '' || UNSAFE_KEYS.has(key))) {
    throw new Error(`"${path}" is not a config path (keys separated by dots)`);
  }
  return keys;
}

/** A deep copy of `input` (plain JSON) with `value` at `path`, creating objects on the way. */
export function withConfigPath<T>(input: T, path: string, value: unknown): T {
  const copy = structuredClone(input) as Record<string, unknown>;
  const keys = pathKeys(path);
  let node = copy;
  for (const key of keys.slice(0, -1)) {
    const next = Object.hasOwn(node, key) ? node[key] : undefined;
    if (next === undefined || next === null) node[key] = {};
    else if (typeof next !== 'object' || Array.isArray(next)) {
      throw new Error(`"${path}": "${key}" is not an object in this config`);
    }
    node = node[key] as Record<string, unknown>;
  }
  node[keys.at(-1)!] = structuredClone(value);
  return copy as T;
}

/** The value at `path`, or undefined when any step is missing. */
export function readConfigPath(input: unknown, path: string): unknown {
  let node: unknown = input;
  for (const key of pathKeys(path)) {
    if (node === null || typeof node !== 'object' || !Object.hasOwn(node, key)) return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}
