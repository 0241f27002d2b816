import type { ColumnOverride } from '../lib/features/spec.ts';

type Overrides = Record<string, ColumnOverride>;

/**
 * A copy of a record keyed by column names with `key` set to `value`. Column names come from the
 * user's file ("__proto__", "constructor"), so the copy has no prototype and its keys are defined,
 * never assigned. A null-prototype object is also what keeps them through the UI: Svelte leaves it
 * unproxied and `$state.snapshot` copies it with structuredClone, where a plain object's
 * "__proto__" key would be assigned as its prototype and lost.
 */
export function withEntry<T>(
  record: Readonly<Record<string, T>> | undefined,
  key: string,
  value: T,
): Record<string, T> {
  const next: Record<string, T> = Object.create(null);
  for (const name of Object.keys(record ?? {})) define(next, name, record![name]!);
  define(next, key, value);
  return next;
}

/** A copy of the per-column overrides with `name`'s override merged in (see withEntry). */
export function withColumnOverride(
  columns: Overrides | undefined,
  name: string,
  patch: ColumnOverride,
): Overrides {
  return withEntry(columns, name, { ...columnOverrideOf(columns, name), ...patch });
}

/** A column's override, read without touching the prototype chain. */
export function columnOverrideOf(columns: Overrides | undefined, name: string): ColumnOverride {
  return columns && Object.hasOwn(columns, name) ? columns[name]! : {};
}

function define<T>(target: Record<string, T>, key: string, value: T): void {
  Object.defineProperty(target, key, {
    value,
    enumerable: true,
    writable: true,
    configurable: true,
  });
}
