import * as tf from '@tensorflow/tfjs';
import type { FeatureMatrix } from '../../features/featureMatrix.ts';

/** Rows with their training targets (already standardised for regression) and optional weights. */
export interface TargetSet {
  features: FeatureMatrix;
  targets: Float32Array;
  /** All 1 when absent. */
  weights?: Float32Array;
}

/** A batch's model inputs; free with disposeBatch. */
export interface InputTensors {
  /** [rows, cols] */
  x: tf.Tensor2D;
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

/**
 * Preallocated row buffers that a batch is gathered into, then wrapped as tensors.
 * The cpu backend keeps the very array a tensor is made from, so the tensors of one gather
 * must be disposed before the next gather overwrites the buffers.
 */
export class BatchBuffers {
  readonly #cols: number;
  readonly #vocabSizes: number[];
  readonly #x: Float32Array;
  readonly #ids: Int32Array[];
  readonly #targets: Float32Array;
  readonly #weights: Float32Array;

  /** vocabSizes: one per embedding table (empty when the network has none); capacity in rows. */
  constructor(cols: number, vocabSizes: number[], capacity: number) {
    this.#cols = cols;
    this.#vocabSizes = vocabSizes;
    this.#x = new Float32Array(cols * capacity);
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
    let weightSum = 0;
    for (let o = start, i = 0; o < end; o++, i++) {
      const r = order ? order[o]! : o;
      if (cols > 0) this.#x.set(x.subarray(r * cols, (r + 1) * cols), i * cols);
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

  /** Input tensors over the first `rows` gathered rows. */
  inputs(rows: number): InputTensors {
    return {
      x: tf.tensor2d(this.#x.subarray(0, rows * this.#cols), [rows, this.#cols]),
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

export function disposeBatch(batch: InputTensors | BatchTensors): void {
  tf.dispose([batch.x, ...batch.ids]);
  if ('targets' in batch) tf.dispose([batch.targets, batch.weights]);
}
