import * as v from 'valibot';

/**
 * A record keyed by names from the user's file (per-column settings, type overrides). valibot's
 * own `record` silently drops the keys "__proto__", "constructor" and "prototype", so a column of
 * that name would lose its settings (a dropped target leak kept training). This one keeps every
 * own key and returns a null-prototype object, whose keys can never reach Object.prototype.
 * It reports as a valibot `record` of string keys (the JSON Schema generator reads it so).
 */
export function keyedRecord<const TValue extends v.GenericSchema>(value: TValue) {
  const base = v.record(v.string(), value);
  type Dataset = Parameters<(typeof base)['~run']>[0];
  type Config = Parameters<(typeof base)['~run']>[1];
  const run = (dataset: Dataset, config: Config) => {
    const input = dataset.value;
    if (typeof input !== 'object' || input === null || Array.isArray(input)) {
      return base['~run'](dataset, config);
    }
    const record = input as Record<string, unknown>;
    const output: Record<string, unknown> = Object.create(null);
    let issues: v.BaseIssue<unknown>[] | undefined;
    for (const key of Object.keys(record)) {
      const entry = value['~run']({ value: record[key] }, config);
      if (entry.issues) {
        const item = { type: 'object', origin: 'value', input: record, key, value: record[key] };
        // valibot's own record prefixes nested paths the same way; its types mark them read-only.
        for (const issue of entry.issues) {
          const nested = issue as { path?: v.IssuePathItem[] };
          nested.path = [item as v.IssuePathItem, ...(nested.path ?? [])];
        }
        (issues ??= []).push(...entry.issues);
        if (config.abortEarly) break;
      }
      Object.defineProperty(output, key, {
        value: entry.value,
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
    return issues ? { typed: false, value: output, issues } : { typed: true, value: output };
  };
  return { ...base, '~run': run as unknown as (typeof base)['~run'] };
}
