import type { FeatureMatrix } from '../../src/lib/features/featureMatrix.ts';
import { sparseRowsFromDense } from '../../src/lib/features/sparseRows.ts';

/** A dense FeatureMatrix from rows of numbers, with generic names. */
export function denseMatrix(rows: number[][]): FeatureMatrix {
  const cols = rows[0]?.length ?? 0;
  const x = new Float32Array(rows.length * cols);
  rows.forEach((row, r) => x.set(row, r * cols));
  const names = Array.from({ length: cols }, (_, j) => `x${j}`);
  return { rows: rows.length, cols, x, names, origins: names, idColumns: [] };
}

/** The same matrix with its features held in CSR form (x left empty), as a sparse layout gives. */
export function asSparse(m: FeatureMatrix): FeatureMatrix {
  return { ...m, x: new Float32Array(0), sparse: sparseRowsFromDense(m.x, m.rows, m.cols) };
}
