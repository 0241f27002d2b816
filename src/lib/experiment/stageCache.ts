/**
 * Reuse of an experiment's stages across the runs of a sweep: each stage (rows, feature pipeline,
 * matrices) is keyed by the part of the config it depends on, so that runs which differ only in
 * later stages share the earlier ones. One entry per stage is kept, which bounds the memory.
 */
export class StageCache {
  #entries = new Map<string, { key: string; value: unknown; warnings: string[] }>();
  /** How many times each stage was computed (not taken from the cache). */
  readonly computed: Record<string, number> = {};

  /**
   * The stage's value for `key` (compared as JSON), computed by `compute` when not cached. The
   * warnings a computation adds are replayed into `warnings` each time the value is reused.
   */
  get<T>(stage: string, key: unknown, warnings: string[], compute: (warnings: string[]) => T): T {
    const json = JSON.stringify(key);
    const cached = this.#entries.get(stage);
    if (cached?.key === json) {
      warnings.push(...cached.warnings);
      return cached.value as T;
    }
    const added: string[] = [];
    const value = compute(added);
    warnings.push(...added);
    this.#entries.set(stage, { key: json, value, warnings: added });
    this.computed[stage] = (this.computed[stage] ?? 0) + 1;
    return value;
  }

  /** Forgets every cached value (the counts stay). */
  clear(): void {
    this.#entries.clear();
  }
}
