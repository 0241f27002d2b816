/**
 * Negative downsampling at rate w (the fraction of negatives kept, 0 < w <= 1), applied to the training
 * split only. Labels `y` are aligned with table rows; a row is positive when y[row] > 0.5.
 * A model trained on the kept rows over-predicts by the odds factor 1/w: undo it with recalibrate(), or
 * train with upweightNegatives() ("downsample and upweight").
 */
import { createRng } from '../random.ts';

/** Every positive row and, independently with probability w each, negative rows; order kept. */
export function downsampleNegatives(
  rows: Int32Array,
  y: ArrayLike<number>,
  w: number,
  seed: number,
): Int32Array {
  checkRate(w);
  const rng = createRng(seed);
  const kept = new Int32Array(rows.length);
  let n = 0;
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i]!;
    // Draw for every negative, even when w = 1, so the same seed picks the same rows whatever the positives.
    if (y[row]! > 0.5 || rng.next() < w) kept[n++] = row;
  }
  return kept.slice(0, n);
}

/** Per-row sample weights for `rows`: 1 for a positive, 1/w for a negative. */
export function upweightNegatives(rows: Int32Array, y: ArrayLike<number>, w: number): Float32Array {
  checkRate(w);
  const weights = new Float32Array(rows.length);
  for (let i = 0; i < rows.length; i++) weights[i] = y[rows[i]!]! > 0.5 ? 1 : 1 / w;
  return weights;
}

/** Throws unless 0 < w <= 1. */
export function checkRate(w: number): void {
  if (!(w > 0 && w <= 1)) throw new RangeError(`The negative rate w must be in (0, 1], got ${w}`);
}
