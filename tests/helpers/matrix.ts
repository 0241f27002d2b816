import type { FeatureMatrix } from '../../src/lib/features/featureMatrix.ts';

/** A dense FeatureMatrix from rows of numbers, with generic names. */
export function denseMatrix(rows: number[][]): FeatureMatrix {
  const cols = rows[0]?.length ?? 0;
  const x = new Float32Array(rows.length * cols);
  rows.forEach((row, r) => x.set(row, r * cols));
  const names = Array.from({ length: cols }, (_, j) => `x${j}`);
  return { rows: rows.length, cols, x, names, origins: names, idColumns: [] };
}
