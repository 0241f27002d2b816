import type { ExperimentConfig } from './config.ts';

/**
 * A binary run's per-row test predictions, kept so two runs on the same test rows can be compared
 * (DeLong, paired bootstrap) without retraining. Compact: one byte per label, float32 per
 * probability; the rows themselves are implied by the data, split and seed (`rowsKey`).
 */
export interface TestPredictions {
  /** Equal for two runs exactly when they score the same test rows in the same order. */
  rowsKey: string;
  /** Test labels, 0/1. */
  y: Uint8Array;
  /** Final test probabilities (after any re-calibration), float32. */
  p: Float32Array;
}

/**
 * What decides the test rows and their order: the data, its labels, the split, the seed, and a
 * deployment base rate (which resamples the test split).
 */
export function testRowsKey(config: ExperimentConfig): string {
  const { source, target, task, positiveClass, split, types } = config.data;
  const deployment = config.evaluation.deploymentBaseRate ?? null;
  return JSON.stringify({
    source,
    target,
    task,
    positiveClass,
    split,
    types,
    seed: config.seed,
    deployment,
  });
}

/** Bytes the predictions take in IndexedDB (labels, probabilities and the key as UTF-16). */
export function predictionBytes(predictions: TestPredictions): number {
  return predictions.y.byteLength + predictions.p.byteLength + 2 * predictions.rowsKey.length;
}

/** Whether two runs' predictions score the same rows, so a paired comparison is valid. */
export function sameTestRows(a: TestPredictions, b: TestPredictions): boolean {
  return a.rowsKey === b.rowsKey && a.y.length === b.y.length && a.y.every((v, i) => v === b.y[i]);
}

/** A run as far as the storage budget is concerned. */
export interface BudgetedRun {
  id: number;
  createdAt: number;
  predictions?: TestPredictions;
}

/** Storage use above this share of the quota drops predictions of old runs. */
export const NEAR_QUOTA = 0.8;
/** ... until the estimated use is back under this share. */
export const AFTER_TRIM = 0.6;

/**
 * The runs whose predictions to drop when storage is near its quota: the oldest first, never the
 * pinned ones, until the bytes freed bring `usage` under AFTER_TRIM of `quota`. Empty when
 * usage is under NEAR_QUOTA (or the quota is unknown).
 */
export function predictionsToDrop(
  runs: readonly BudgetedRun[],
  pinned: ReadonlySet<number>,
  usage: number,
  quota: number,
): number[] {
  if (!(quota > 0) || usage < NEAR_QUOTA * quota) return [];
  const excess = usage - AFTER_TRIM * quota;
  const candidates = runs
    .filter((r) => r.predictions !== undefined && !pinned.has(r.id))
    .sort((a, b) => a.createdAt - b.createdAt || a.id - b.id);
  const drop: number[] = [];
  let freed = 0;
  for (const run of candidates) {
    if (freed >= excess) break;
    drop.push(run.id);
    freed += predictionBytes(run.predictions!);
  }
  return drop;
}
