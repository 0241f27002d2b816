/**
 * Indices of at most `maxPoints` points of a polyline, spaced evenly along its length, always
 * keeping the first and the last point. A ROC curve of a million distinct scores has a million
 * vertices; 200 evenly spaced ones draw the same picture.
 *
 * @param x, y the polyline's coordinates (same length), in units of similar scale (rates in [0, 1])
 * @param maxPoints at least 2; Infinity keeps every point
 */
export function thinnedIndices(
  x: ArrayLike<number>,
  y: ArrayLike<number>,
  maxPoints: number,
): number[] {
  const n = x.length;
  if (n <= maxPoints) return Array.from({ length: n }, (_, i) => i);
  if (!(maxPoints >= 2)) throw new RangeError(`maxPoints = ${maxPoints}: must be at least 2`);

  let length = 0;
  for (let i = 1; i < n; i++) length += Math.hypot(x[i]! - x[i - 1]!, y[i]! - y[i - 1]!);
  // Interior points are kept at least `step` apart along the curve, so at most maxPoints - 2 fit.
  const step = length / (maxPoints - 2);
  const kept = [0];
  let travelled = 0;
  let nextAt = step;
  for (let i = 1; i < n - 1; i++) {
    travelled += Math.hypot(x[i]! - x[i - 1]!, y[i]! - y[i - 1]!);
    if (step > 0 && travelled >= nextAt && kept.length < maxPoints - 1) {
      kept.push(i);
      nextAt = travelled + step;
    }
  }
  kept.push(n - 1);
  return kept;
}

/** values[indices[k]] for each k. */
export function pick(values: ArrayLike<number>, indices: readonly number[]): number[] {
  return indices.map((i) => values[i]!);
}
