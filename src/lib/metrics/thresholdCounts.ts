import { argsortFloat64 } from './argsort.ts';

/**
 * Weighted true and false positives at every distinct score, the common core of ROC AUC,
 * average precision and both curves (scikit-learn's `_binary_clf_curve`).
 */

export interface ThresholdCounts {
  /** Distinct scores, decreasing. */
  thresholds: Float64Array;
  /** tps[j]: weight of positives with score >= thresholds[j] (cumulative, increasing). */
  tps: Float64Array;
  /** fps[j]: weight of negatives with score >= thresholds[j] (cumulative, increasing). */
  fps: Float64Array;
}

/**
 * Groups rows by distinct score, highest first: one O(n) radix sort of the row indices, then one
 * walk. Rows of weight 0 are left out, as scikit-learn does, so they add no threshold.
 *
 * @param y labels 0/1 (unchecked here)
 * @param p scores, not NaN (unchecked here)
 */
export function thresholdCounts(
  y: ArrayLike<number>,
  p: ArrayLike<number>,
  weights?: ArrayLike<number>,
): ThresholdCounts {
  const n = y.length;
  const rows = new Uint32Array(n);
  let kept = 0;
  for (let i = 0; i < n; i++) if (weights === undefined || weights[i]! !== 0) rows[kept++] = i;
  const ascending = argsortFloat64(p, rows.subarray(0, kept));

  const out = new GroupWriter(kept);
  let tp = 0;
  let fp = 0;
  for (let k = kept - 1; k >= 0; k--) {
    const i = ascending[k]!;
    const w = weights === undefined ? 1 : weights[i]!;
    if (y[i]! === 1) tp += w;
    else fp += w;
    // A group ends where the next lower score differs; === also groups -0 with 0.
    if (k === 0 || p[ascending[k - 1]!]! !== p[i]!) out.push(p[i]!, tp, fp);
  }
  return out.result();
}

/** Appends groups into arrays sized for the worst case (every score distinct). */
class GroupWriter {
  #thresholds: Float64Array;
  #tps: Float64Array;
  #fps: Float64Array;
  #length = 0;

  constructor(capacity: number) {
    this.#thresholds = new Float64Array(capacity);
    this.#tps = new Float64Array(capacity);
    this.#fps = new Float64Array(capacity);
  }

  push(threshold: number, tp: number, fp: number): void {
    this.#thresholds[this.#length] = threshold;
    this.#tps[this.#length] = tp;
    this.#fps[this.#length] = fp;
    this.#length++;
  }

  result(): ThresholdCounts {
    const m = this.#length;
    return {
      thresholds: this.#thresholds.subarray(0, m),
      tps: this.#tps.subarray(0, m),
      fps: this.#fps.subarray(0, m),
    };
  }
}
