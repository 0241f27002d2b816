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

/**
 * One row's non-zeros, as the serving path encodes a request when the layout is sparse:
 * values[k] at column indices[k] for k < nonZeros, in increasing column order. The arrays are
 * reused buffers and may be longer than nonZeros.
 */
export interface SparseRow {
  cols: number;
  nonZeros: number;
  indices: Int32Array;
  values: Float32Array;
}

/** An empty SparseRow with room for `capacity` non-zeros (it grows as needed). */
export function emptySparseRow(cols: number, capacity = 16): SparseRow {
  return {
    cols,
    nonZeros: 0,
    indices: new Int32Array(capacity),
    values: new Float32Array(capacity),
  };
}

/** Appends a non-zero (its column after every earlier one), doubling the arrays when full. */
export function pushNonZero(row: SparseRow, column: number, value: number): void {
  if (row.nonZeros === row.indices.length) {
    const capacity = Math.max(16, row.indices.length * 2);
    const indices = new Int32Array(capacity);
    indices.set(row.indices);
    row.indices = indices;
    const values = new Float32Array(capacity);
    values.set(row.values);
    row.values = values;
  }
  row.indices[row.nonZeros] = column;
  row.values[row.nonZeros++] = value;
}

/** Below this share of non-zero cells, loops over the CSR form beat loops over the dense cells. */
export const SPARSE_DENSITY = 0.25;

/**
 * Whether under SPARSE_DENSITY of the cells are non-zero; stops counting once enough are, so a
 * dense matrix is read only in part.
 */
export function mostlyZero(x: Float32Array): boolean {
  const enough = SPARSE_DENSITY * x.length;
  let nonZeros = 0;
  for (let i = 0; i < x.length; i++) if (x[i] !== 0 && ++nonZeros >= enough) return false;
  return true;
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

/** The dense row-major rows x cols matrix of a CSR matrix (for the models that read cells: trees). */
export function denseFromSparseRows({
  rows,
  cols,
  indptr,
  indices,
  values,
}: SparseRows): Float32Array {
  const x = new Float32Array(rows * cols);
  for (let r = 0; r < rows; r++) {
    for (let i = indptr[r]!; i < indptr[r + 1]!; i++) x[r * cols + indices[i]!] = values[i]!;
  }
  return x;
}

/** Bytes a CSR matrix takes: 4 per offset, 8 per non-zero (an int32 column and a float32 value). */
export function sparseRowsBytes(m: SparseRows): number {
  return m.indptr.byteLength + m.indices.byteLength + m.values.byteLength;
}

/**
 * Builds a CSR matrix row by row: push a row's non-zeros in increasing column order, then end the
 * row. The arrays grow by doubling, so the caller need not know the non-zero count in advance.
 */
export class SparseRowsBuilder {
  readonly #cols: number;
  readonly #indptr: Int32Array;
  readonly #nonZeros: SparseRow;
  #rows = 0;

  /** rows: the final row count; expectedNonZeros: the first capacity. */
  constructor(rows: number, cols: number, expectedNonZeros: number) {
    this.#cols = cols;
    this.#indptr = new Int32Array(rows + 1);
    this.#nonZeros = emptySparseRow(cols, Math.max(16, Math.ceil(expectedNonZeros)));
  }

  push(column: number, value: number): void {
    pushNonZero(this.#nonZeros, column, value);
  }

  endRow(): void {
    this.#indptr[++this.#rows] = this.#nonZeros.nonZeros;
  }

  /** The matrix, its arrays trimmed to the non-zeros pushed. */
  build(): SparseRows {
    const { indices, values, nonZeros } = this.#nonZeros;
    return {
      rows: this.#rows,
      cols: this.#cols,
      indptr: this.#indptr,
      indices: indices.slice(0, nonZeros),
      values: values.slice(0, nonZeros),
    };
  }
}
