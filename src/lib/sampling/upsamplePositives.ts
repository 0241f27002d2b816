/**
 * Positive upsampling: the alternative to negative downsampling that keeps every negative and repeats
 * positives. Labels `y` are aligned with table rows; a row is positive when y[row] > 0.5.
 */
import { createRng } from '../random.ts';

/**
 * Each positive row appears floor(factor) times, plus once more with probability frac(factor); negatives
 * once. factor >= 1; order kept (copies adjacent), so shuffle before mini-batch training.
 */
export function upsamplePositives(
  rows: Int32Array,
  y: ArrayLike<number>,
  factor: number,
  seed: number,
): Int32Array {
  if (!(factor >= 1 && Number.isFinite(factor))) {
    throw new RangeError(`The upsampling factor must be a finite number >= 1, got ${factor}`);
  }
  const rng = createRng(seed);
  const whole = Math.floor(factor);
  const fraction = factor - whole;
  let positives = 0;
  for (let i = 0; i < rows.length; i++) if (y[rows[i]!]! > 0.5) positives++;
  const out = new Int32Array(rows.length + positives * whole); // room for every extra copy
  let n = 0;
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i]!;
    if (y[row]! <= 0.5) {
      out[n++] = row;
      continue;
    }
    const copies = whole + (fraction > 0 && rng.next() < fraction ? 1 : 0);
    for (let c = 0; c < copies; c++) out[n++] = row;
  }
  return out.slice(0, n);
}
