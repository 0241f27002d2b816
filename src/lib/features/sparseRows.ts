/**
 * A matrix in compressed sparse row (CSR) form: row r's non-zeros are values[indptr[r] ..
 * indptr[r + 1]) at columns indices[same range], in increasing column order. One-hot, hashed and
 * TF-IDF features are mostly zeros, so loops over non-zeros are many times shorter than over cells.
 */
export interface SparseRows {
  rows: number;
  cols: number;
  /** rows + 1 offsets into indices and values. */
  indptr: Int32Array;
  indices: Int32Array;
  values: Float32Array;
}

/** Below this share of non-zero cells, loops over the CSR form beat loops over the dense cells. */
export const SPARSE_DENSITY = 0.25;

/** Non-zero cells of a dense row-major matrix, as a share of all cells (0 for an empty matrix). */
export function density(x: Float32Array): number {
  let nonZeros = 0;
  for (let i = 0; i < x.length; i++) if (x[i] !== 0) nonZeros++;
  return x.length > 0 ? nonZeros / x.length : 0;
}

/** The CSR form of a dense row-major rows x cols matrix. */
export function sparseRowsFromDense(x: Float32Array, rows: number, cols: number): SparseRows {
  let nonZeros = 0;
  for (let i = 0; i < rows * cols; i++) if (x[i] !== 0) nonZeros++;
  const indptr = new Int32Array(rows + 1);
  const indices = new Int32Array(nonZeros);
  const values = new Float32Array(nonZeros);
  let k = 0;
  for (let r = 0, offset = 0; r < rows; r++, offset += cols) {
    for (let j = 0; j < cols; j++) {
      const v = x[offset + j]!;
      if (v === 0) continue;
      indices[k] = j;
      values[k++] = v;
    }
    indptr[r + 1] = k;
  }
  return { rows, cols, indptr, indices, values };
}
