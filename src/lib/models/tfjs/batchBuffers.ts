import * as tf from '../../tfjsCore.ts';
import type { FeatureMatrix } from '../../features/featureMatrix.ts';
import type { SparseRows } from '../../features/sparseRows.ts';

/** Rows with their training targets (already standardised for regression) and optional weights. */
export interface TargetSet {
  features: FeatureMatrix;
  targets: Float32Array;
  /** All 1 when absent. */
  weights?: Float32Array;
}

/**
 * A batch's features as its non-zeros (from a sparse FeatureMatrix): non-zero i is `values[i]`
 * at feature `columns[i]` of batch row `rowOfValue[i]`.
 */
export interface SparseInput {
  rows: number;
  /** int32 [non-zeros] */
  columns: tf.Tensor1D;
  /** float32 [non-zeros] */
  values: tf.Tensor1D;
  /** int32 [non-zeros] */
  rowOfValue: tf.Tensor1D;
}

/** A batch's model inputs; free with disposeBatch. */
export interface InputTensors {
  /** [rows, cols], or the non-zeros when the features came in CSR form. */
  x: tf.Tensor2D | SparseInput;
  /** int32 [rows] per embedding table, each id in [0, vocabSize). */
  ids: tf.Tensor1D[];
}

/** A batch with its training targets; free with disposeBatch. */
export interface BatchTensors extends InputTensors {
  /** [rows] */
  targets: tf.Tensor1D;
  /** [rows] */
  weights: tf.Tensor1D;
}

/** A gathered batch as plain arrays (BatchBuffers.arrays). */
export interface GatheredRows {
  x: Float32Array | null;
  nonZeros: { columns: Int32Array; values: Float32Array; rowOfValue: Int32Array } | null;
  targets: Float32Array;
  weights: Float32Array;
}

interface NonZeroBuffers {
  columns: Int32Array;
  values: Float32Array;
  rowOfValue: Int32Array;
  /** Non-zeros gathered. */
  size: number;
}

/**
 * Preallocated row buffers that a batch is gathered into, then wrapped as tensors.
 * The cpu backend keeps the very array a tensor is made from, so the tensors of one gather
 * must be disposed before the next gather overwrites the buffers.
 */
export class BatchBuffers {
  readonly #cols: number;
  readonly #vocabSizes: number[];
  readonly #capacity: number;
  // Dense cells, given or allocated at the first dense gather: CSR batches never need rows x cols.
  #x: Float32Array | null = null;
  #denseBits: Int32Array | null = null;
  #source: Float32Array | null = null;
  #sourceView: Int32Array | null = null;
  // The non-zeros of the last gather, when its features were in CSR form.
  #sparse: NonZeroBuffers | null = null;
  #lastSparse = false;
  readonly #ids: Int32Array[];
  readonly #targets: Float32Array;
  readonly #weights: Float32Array;

  /**
   * vocabSizes: one per embedding table (empty when the network has none); capacity in rows;
   * dense: where to gather dense rows (at least capacity x cols floats, such as the typed engine's
   * arena), allocated at the first dense gather when absent.
   */
  constructor(cols: number, vocabSizes: number[], capacity: number, dense?: Float32Array) {
    this.#cols = cols;
    this.#x = dense ?? null;
    this.#vocabSizes = vocabSizes;
    this.#capacity = capacity;
    this.#ids = vocabSizes.map(() => new Int32Array(capacity));
    this.#targets = new Float32Array(capacity);
    this.#weights = new Float32Array(capacity);
  }

  /**
   * Copies rows order[start..end) (rows start..end when order is null) into the buffers and
   * returns their weight sum. Ids outside a table (unseen at training time) become 0, unknown.
   */
  gather(
    features: FeatureMatrix,
    targets: Float32Array | null,
    weights: Float32Array | undefined,
    order: Int32Array | null,
    start: number,
    end: number,
  ): number {
    const cols = this.#cols;
    const x = features.x;
    const csr = features.sparse;
    const dense = csr ? null : (this.#x ??= new Float32Array(cols * this.#capacity));
    const sparse = csr ? this.#sparseBuffers(csr, order, start, end) : null;
    this.#lastSparse = sparse !== null;
    if (dense) copyRows(this.#bits(dense), this.#sourceBits(x), cols, order, start, end);
    let weightSum = 0;
    for (let o = start, i = 0; o < end; o++, i++) {
      const r = order ? order[o]! : o;
      if (csr && sparse) {
        for (let k = csr.indptr[r]!; k < csr.indptr[r + 1]!; k++) {
          sparse.columns[sparse.size] = csr.indices[k]!;
          sparse.values[sparse.size] = csr.values[k]!;
          sparse.rowOfValue[sparse.size++] = i;
        }
      }
      for (let t = 0; t < this.#ids.length; t++) {
        const id = features.idColumns[t]!.ids[r]!;
        this.#ids[t]![i] = id >= 0 && id < this.#vocabSizes[t]! ? id : 0;
      }
      if (targets) this.#targets[i] = targets[r]!;
      const w = weights ? weights[r]! : 1;
      this.#weights[i] = w;
      weightSum += w;
    }
    return weightSum;
  }

  /** The dense buffer's bits, as copyRows writes them (one view, made at the first gather). */
  #bits(dense: Float32Array): Int32Array {
    if (this.#denseBits?.buffer !== dense.buffer) {
      this.#denseBits = new Int32Array(dense.buffer, dense.byteOffset, dense.length);
    }
    return this.#denseBits;
  }

  /** The bits of a feature table's cells (one view per table, not per batch). */
  #sourceBits(x: Float32Array): Int32Array {
    if (this.#source !== x) {
      this.#source = x;
      this.#sourceView = new Int32Array(x.buffer, x.byteOffset, x.length);
    }
    return this.#sourceView!;
  }

  /** Non-zero buffers large enough for the rows being gathered, emptied; grown when needed. */
  #sparseBuffers(
    csr: SparseRows,
    order: Int32Array | null,
    start: number,
    end: number,
  ): NonZeroBuffers {
    let needed = 0;
    for (let o = start; o < end; o++) {
      const r = order ? order[o]! : o;
      needed += csr.indptr[r + 1]! - csr.indptr[r]!;
    }
    if (this.#sparse === null || this.#sparse.columns.length < needed) {
      const capacity = Math.max(needed, 2 * (this.#sparse?.columns.length ?? 0));
      this.#sparse = {
        columns: new Int32Array(capacity),
        values: new Float32Array(capacity),
        rowOfValue: new Int32Array(capacity),
        size: 0,
      };
    }
    this.#sparse.size = 0;
    return this.#sparse;
  }

  /**
   * The first `rows` gathered rows as arrays, for an engine that computes on them directly:
   * views of the buffers, overwritten by the next gather. `x` is [rows, cols] dense cells, or null
   * when the rows came as non-zeros (`nonZeros`: value i at column columns[i] of row rowOfValue[i]).
   */
  arrays(rows: number): GatheredRows {
    const sparse = this.#lastSparse ? this.#sparse : null;
    return {
      x: sparse ? null : (this.#x ?? new Float32Array(0)).subarray(0, rows * this.#cols),
      nonZeros: sparse && {
        columns: sparse.columns.subarray(0, sparse.size),
        values: sparse.values.subarray(0, sparse.size),
        rowOfValue: sparse.rowOfValue.subarray(0, sparse.size),
      },
      targets: this.#targets.subarray(0, rows),
      weights: this.#weights.subarray(0, rows),
    };
  }

  /** Input tensors over the first `rows` gathered rows. */
  inputs(rows: number): InputTensors {
    const sparse = this.#sparse;
    const x: tf.Tensor2D | SparseInput =
      this.#lastSparse && sparse !== null
        ? {
            rows,
            columns: tf.tensor1d(sparse.columns.subarray(0, sparse.size), 'int32'),
            values: tf.tensor1d(sparse.values.subarray(0, sparse.size)),
            rowOfValue: tf.tensor1d(sparse.rowOfValue.subarray(0, sparse.size), 'int32'),
          }
        : tf.tensor2d((this.#x ?? new Float32Array(0)).subarray(0, rows * this.#cols), [
            rows,
            this.#cols,
          ]);
    return {
      x,
      ids: this.#ids.map((ids) => tf.tensor1d(ids.subarray(0, rows), 'int32')),
    };
  }

  /** Input, target and weight tensors over the first `rows` gathered rows. */
  tensors(rows: number): BatchTensors {
    return {
      ...this.inputs(rows),
      targets: tf.tensor1d(this.#targets.subarray(0, rows)),
      weights: tf.tensor1d(this.#weights.subarray(0, rows)),
    };
  }
}

/**
 * Rows order[start..end) (start..end when order is null) of `from` [rows, cols] into the first
 * rows of `to`, as bits (Int32 views of Float32 cells: every value moves exactly). Four rows at a
 * time: in shuffled order from a table larger than the caches each row is a cache miss, and four
 * independent copies let the processor wait for four misses at once, about twice as fast as one
 * row at a time (docs/design.md, "MLP on typed arrays"). A loop, not set(subarray): a view per row
 * is garbage by the thousand per batch.
 */
function copyRows(
  to: Int32Array,
  from: Int32Array,
  cols: number,
  order: Int32Array | null,
  start: number,
  end: number,
): void {
  const row = (o: number) => (order ? order[o]! : o) * cols;
  let o = start;
  let t0 = 0;
  for (; o + 3 < end; o += 4, t0 += 4 * cols) {
    const f0 = row(o);
    const f1 = row(o + 1);
    const f2 = row(o + 2);
    const f3 = row(o + 3);
    const t1 = t0 + cols;
    const t2 = t1 + cols;
    const t3 = t2 + cols;
    for (let j = 0; j < cols; j++) {
      to[t0 + j] = from[f0 + j]!;
      to[t1 + j] = from[f1 + j]!;
      to[t2 + j] = from[f2 + j]!;
      to[t3 + j] = from[f3 + j]!;
    }
  }
  for (; o < end; o++, t0 += cols) {
    const f = row(o);
    for (let j = 0; j < cols; j++) to[t0 + j] = from[f + j]!;
  }
}

export function disposeBatch(batch: InputTensors | BatchTensors): void {
  const x = batch.x;
  tf.dispose(x instanceof tf.Tensor ? [x] : [x.columns, x.values, x.rowOfValue]);
  tf.dispose(batch.ids);
  if ('targets' in batch) tf.dispose([batch.targets, batch.weights]);
}
