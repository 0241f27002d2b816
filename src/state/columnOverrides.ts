import type { ColumnOverride } from '../lib/features/spec.ts';

type Overrides = Record<string, ColumnOverride>;

/**
 * A copy of the per-column overrides with `name`'s override merged in. Column names come from the
 * user's file ("__proto__", "constructor"), so they are defined as own properties, never assigned.
 */
export function withColumnOverride(
  columns: Overrides | undefined,
  name: string,
  patch: ColumnOverride,
): Overrides {
  const next: Overrides = {};
  for (const key of Object.keys(columns ?? {})) define(next, key, columns![key]!);
  const current = columns && Object.hasOwn(columns, name) ? columns[name]! : {};
  define(next, name, { ...current, ...patch });
  return next;
}

/** A column's override, read without touching the prototype chain. */
export function columnOverrideOf(columns: Overrides | undefined, name: string): ColumnOverride {
  return columns && Object.hasOwn(columns, name) ? columns[name]! : {};
}

function define(target: Overrides, key: string, value: ColumnOverride): void {
  Object.defineProperty(target, key, {
    value,
    enumerable: true,
    writable: true,
    configurable: true,
  });
}
