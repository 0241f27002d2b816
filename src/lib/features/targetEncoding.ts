/**
 * Target encoding: a level becomes the smoothed mean label of its training rows,
 * (sum + m prior) / (count + m). On training rows it is computed out of fold, so a training row never
 * sees its own label; validation, test and served rows get the full-training-set value.
 */

export interface TargetStats {
  folds: number;
  /** Pseudo-count m. */
  smoothing: number;
  /** Mean label of all training rows. */
  prior: number;
  /** Full-training smoothed mean per level. */
  values: number[];
  /** Per fold f, the mean label of training rows outside f: an unseen level's out-of-fold value. */
  foldPriors: number[];
  /** folds x levels, row-major: the smoothed mean over training rows outside fold f. */
  foldValues: number[];
}

/**
 * The fold of a training row: a stateless seeded hash of the row index, so the fitted state need not store
 * one fold per row. Folds are balanced in expectation.
 */
export function targetFold(row: number, seed: number, folds: number): number {
  let h = (row + Math.imul(seed | 0, 0x9e3779b9)) | 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return (h >>> 0) % folds;
}

/**
 * Fits target statistics. `levelOfRow[i]` is the level index (0..levelCount-1) of training row trainRows[i];
 * `labels` is aligned with the table's rows (NaN labels are skipped).
 */
export function fitTargetStats(
  trainRows: Int32Array,
  levelOfRow: Int32Array,
  levelCount: number,
  labels: ArrayLike<number>,
  folds: number,
  smoothing: number,
  seed: number,
): TargetStats {
  const sum = new Float64Array((folds + 1) * levelCount); // row `folds` holds the totals
  const count = new Float64Array((folds + 1) * levelCount);
  const foldSum = new Float64Array(folds + 1);
  const foldCount = new Float64Array(folds + 1);
  for (let i = 0; i < trainRows.length; i++) {
    const row = trainRows[i]!;
    const y = labels[row]!;
    if (Number.isNaN(y)) continue;
    const f = targetFold(row, seed, folds);
    const l = levelOfRow[i]!;
    for (let k = 0; k < 2; k++) {
      const slot = k === 0 ? f : folds;
      sum[slot * levelCount + l]! += y;
      count[slot * levelCount + l]!++;
      foldSum[slot]! += y;
      foldCount[slot]!++;
    }
  }
  const totalSum = foldSum[folds]!;
  const totalCount = foldCount[folds]!;
  const prior = totalCount > 0 ? totalSum / totalCount : 0;
  const smooth = (s: number, c: number, p: number): number =>
    c + smoothing > 0 ? (s + smoothing * p) / (c + smoothing) : p;
  const values: number[] = [];
  for (let l = 0; l < levelCount; l++) {
    values.push(smooth(sum[folds * levelCount + l]!, count[folds * levelCount + l]!, prior));
  }
  const foldPriors: number[] = [];
  const foldValues: number[] = [];
  for (let f = 0; f < folds; f++) {
    const outCount = totalCount - foldCount[f]!;
    const foldPrior = outCount > 0 ? (totalSum - foldSum[f]!) / outCount : prior;
    foldPriors.push(foldPrior);
    for (let l = 0; l < levelCount; l++) {
      const s = sum[folds * levelCount + l]! - sum[f * levelCount + l]!;
      const c = count[folds * levelCount + l]! - count[f * levelCount + l]!;
      foldValues.push(smooth(s, c, foldPrior));
    }
  }
  return { folds, smoothing, prior, values, foldPriors, foldValues };
}

/** The encoding of level index `level` (-1 = unseen): out of fold `fold`, or the full-training value when fold < 0. */
export function targetValue(stats: TargetStats, level: number, fold: number): number {
  if (fold < 0) return level >= 0 ? stats.values[level]! : stats.prior;
  return level >= 0
    ? stats.foldValues[fold * stats.values.length + level]!
    : stats.foldPriors[fold]!;
}
